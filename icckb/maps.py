"""The site's maps as SVG, made at build time: no script, no tiles, no outside host.

The land is drawn once into two files under ``assets/`` (the world, and Europe in more
detail), and each map on a page is a small inline SVG that shows a window of them
(``<use>``) with a link per city: every city with coordinates is a dot that links to
its page and carries its name. The world map marks Europe, where most members are,
as one area linking to the map of Europe. A list of the same cities stays beside
every map, for screen readers and print.
"""

from __future__ import annotations

from html import escape

from . import geo, render, schema
from .corpus import Corpus

WORLD_FILE = "assets/icckb-world.svg"
EUROPE_FILE = "assets/icckb-europe.svg"


def assets() -> dict:
    """{staged path: SVG} of the land drawn once, for every map of every language."""
    world = geo.land_path(geo.WORLD_LAND, 1.0)
    europe = geo.land_path(geo.DETAILED_LAND, 0.6, geo.DETAILED)
    return {WORLD_FILE: _land_file(world), EUROPE_FILE: _land_file(europe)}


def _land_file(path: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {geo.WIDTH:.0f} {geo.HEIGHT:.0f}">'
            f'<path id="land" d="{path}"/></svg>\n')


def located(corpus: Corpus) -> dict:
    """id -> (lon, lat) of the cities with coordinates."""
    return {c["id"]: (c["lon"], c["lat"]) for c in corpus.registries.get("cities", [])
            if isinstance(c.get("lon"), (int, float)) and isinstance(c.get("lat"), (int, float))}


class Maps:
    """The maps of one page: ``page_url`` is its address within its language's root and
    ``root`` the path from it to the site's root (where ``assets/`` is)."""

    def __init__(self, corpus: Corpus, lang: str, page_url: str, root: str):
        self.corpus = corpus
        self.vocab = corpus.vocabulary(lang)
        self.page_url = page_url
        self.root = root
        self.places = located(corpus)

    def figure(self, view: geo.View, land: str, dots: str, label: str, css: str) -> str:
        x, y, w, h = view.box()
        return (
            f'<figure class="icckb-map {css}"><svg viewBox="{x:.1f} {y:.1f} {w:.1f} {h:.1f}" role="group" '
            f'aria-label="{escape(label)}" preserveAspectRatio="xMidYMid meet">'
            f'<use href="{escape(self.root + land)}#land" class="icckb-land" aria-hidden="true"/>{dots}</svg>'
            f"<figcaption>{escape(label)}</figcaption></figure>"
        )

    def dot(self, id_: str, radius: float, css: str = "") -> str:
        x, y = geo.project(*self.places[id_])
        name = self.vocab.city(id_)
        cities = schema.family("city")
        href = render.relative(self.page_url, f"{cities.folder}/{cities.slug(id_)}/")
        css_attr = f' class="{css}"' if css else ""
        return (f'<a href="{escape(href)}" aria-label="{escape(name)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}"{css_attr}>'
                f"<title>{escape(name)}</title></circle></a>")

    def members(self) -> str:
        """The world (every city outside Europe, Europe as one area) and Europe (each city)."""
        inside = [i for i, (lon, lat) in self.places.items() if geo.EUROPE.contains(lon, lat)]
        outside = [i for i in self.places if i not in inside]
        ex, ey, ew, eh = geo.EUROPE.box()
        europe_label = self.vocab.label("map_europe_marker", count=self.vocab.number(len(inside)))
        marker = (f'<a href="#icckb-map-europe" aria-label="{escape(europe_label)}"><rect class="icckb-map-area" x="{ex:.1f}" '
                  f'y="{ey:.1f}" width="{ew:.1f}" height="{eh:.1f}" rx="6"><title>{escape(europe_label)}</title></rect></a>')
        world = self.figure(geo.WORLD, WORLD_FILE, marker + "".join(self.dot(i, 9) for i in sorted(outside)),
                            self.vocab.label("map_world"), "icckb-map--world")
        europe = self.figure(geo.EUROPE, EUROPE_FILE, "".join(self.dot(i, 2.2) for i in sorted(inside)),
                             self.vocab.label("map_europe"), "icckb-map--europe")
        return world + europe.replace('<figure class="icckb-map', '<figure id="icckb-map-europe" class="icckb-map', 1)

    def locator(self, city: str) -> str:
        """A small map of the area around a city, the city marked, its neighbours dotted."""
        if city not in self.places:
            return ""
        lon, lat = self.places[city]
        view = geo.around(lon, lat)
        inside = all(geo.DETAILED.contains(x, y) for x in (view.west, view.east) for y in (view.south, view.north))
        land = EUROPE_FILE if inside else WORLD_FILE
        near = [i for i, (x, y) in self.places.items() if i != city and view.contains(x, y)]
        size = 1.2 if land == EUROPE_FILE else 2.5
        dots = "".join(self.dot(i, size, "icckb-map-near") for i in sorted(near)) + self.dot(city, size * 1.8, "icckb-map-here")
        return self.figure(view, land, dots, self.vocab.label("map_locator", city=self.vocab.city(city)), "icckb-map--locator")


def neighbours(corpus: Corpus, city: str, count: int = 5) -> list:
    """(id, km) of the nearest cities with coordinates."""
    places = located(corpus)
    if city not in places:
        return []
    here = places[city]
    found = sorted((geo.distance_km(here, there), id_) for id_, there in places.items() if id_ != city)
    return [(id_, km) for km, id_ in found[:count]]
