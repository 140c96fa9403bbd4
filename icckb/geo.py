"""Maps without any outside service: land outlines from Natural Earth (vendored in
icckb/land/, from the world-atlas package, with its licence), projected with the Equal Earth projection onto
one plane in which every map of the site is a window (the world, Europe, the area
around a city), and the cities placed on it.

Pure functions of coordinates: the SVG and HTML around them are in ``maps.py``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

# Natural Earth's land at two scales: 1:110m for the world, 1:50m for closer views.
LAND = Path(__file__).parent / "land"
WORLD_LAND = LAND / "land-110m.json"
DETAILED_LAND = LAND / "land-50m.json"
WIDTH = 2000.0  # the plane's width; every map is a viewBox of it

# Equal Earth (Šavrič, Patterson and Jenny, 2018).
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2
_XMAX = 2 * math.sqrt(3) * math.pi / (3 * (9 * _A4 + 7 * _A3 + 3 * _A2 + _A1) * 1.0)  # x at lon 180, lat 0


def _raw(lon: float, lat: float) -> tuple:
    theta = math.asin(_M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * math.radians(lon) * math.cos(theta) / (3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


_YMAX = _raw(0, 90)[1]
SCALE = WIDTH / (2 * _raw(180, 0)[0])
HEIGHT = 2 * _YMAX * SCALE


def project(lon: float, lat: float) -> tuple:
    """(x, y) on the plane: x from 0 (180° W) to WIDTH, y from 0 (north pole) down."""
    x, y = _raw(lon, lat)
    return (x * SCALE + WIDTH / 2, HEIGHT / 2 - y * SCALE)


@dataclass(frozen=True)
class View:
    """A window on the plane, from west/south/east/north bounds in degrees."""

    west: float
    south: float
    east: float
    north: float

    def box(self) -> tuple:
        """(x, y, width, height) of the window on the plane."""
        corners = [project(lon, lat) for lon in (self.west, self.east, (self.west + self.east) / 2)
                   for lat in (self.south, self.north)]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        return (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


WORLD = View(-180, -60, 180, 84)
EUROPE = View(-25, 34, 46, 71)
DETAILED = View(-45, 18, 70, 78)  # the area drawn in detail: Europe and around it, for close views


def around(lon: float, lat: float, degrees: float = 14) -> View:
    """The area around a point, for a city's locator map."""
    south, north = max(-80, lat - degrees * 0.6), min(84, lat + degrees * 0.6)
    return View(max(-180, lon - degrees), south, min(180, lon + degrees), north)


def land_path(source: Path, tolerance: float, view: View | None = None) -> str:
    """The land of ``source`` as one SVG path on the plane: points closer than
    ``tolerance`` (plane units) to the last kept one dropped, islands smaller than a few
    of them left out and, with a ``view``, only the land near it, held to its edges."""
    topology = json.loads(source.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(project(x * sx + tx, y * sy + ty))
        arcs.append(points)
    window = _margin(view.box(), 20) if view else None
    parts = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                points = _ring(arcs, ring)
                if window:
                    if not _overlaps(points, window):
                        continue
                    points = [_clamp(p, window) for p in points]
                if _extent(points) >= tolerance * 3:
                    parts.append(_path(points, tolerance))
    return "".join(parts)


def _margin(box: tuple, by: float) -> tuple:
    x, y, w, h = box
    return (x - by, y - by, x + w + by, y + h + by)


def _overlaps(points: list, window: tuple) -> bool:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return max(xs) >= window[0] and min(xs) <= window[2] and max(ys) >= window[1] and min(ys) <= window[3]


def _clamp(point: tuple, window: tuple) -> tuple:
    """A point held inside the window: land beyond it runs along its edge (filled the same)."""
    return (min(max(point[0], window[0]), window[2]), min(max(point[1], window[1]), window[3]))


def _ring(arcs: list, indexes: list) -> list:
    points: list = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points += arc[1:] if points else arc
    return points


def _extent(points: list) -> float:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return max(max(xs) - min(xs), max(ys) - min(ys))


def _path(points: list, tolerance: float) -> str:
    kept = [points[0]]
    for point in points[1:]:
        if abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= tolerance:
            kept.append(point)
    return "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in kept) + "Z"


def distance_km(a: tuple, b: tuple) -> float:
    """Great-circle distance between two (lon, lat) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def clusters(points: dict, radius: float) -> list:
    """Groups of the ids of ``points`` ({id: (x, y)} on a map) closer than ``radius`` to
    a group's first point, largest groups first, each as (x, y, [ids])."""
    groups: list = []
    for id_, (x, y) in sorted(points.items(), key=lambda item: (item[1][1], item[1][0], item[0])):
        for group in groups:
            if abs(group[0] - x) < radius and abs(group[1] - y) < radius:
                group[2].append(id_)
                break
        else:
            groups.append((x, y, [id_]))
    return groups
