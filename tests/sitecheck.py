"""Reading a built site as a visitor would: pages, their links, click depth."""

from __future__ import annotations

import posixpath
import re
from functools import cache
from pathlib import Path

_HREF = re.compile(r'<a\s[^>]*?href="([^"#?]*)[^"]*"')
_MAIN = re.compile(r"<article class=\"md-content__inner md-typeset\"[^>]*>(.*?)</article>", re.S)


@cache
def read(site: Path, url: str) -> str:
    """The HTML of a page by its URL ('fr/practices/x/'), or '' if there is none."""
    path = site / url / "index.html" if url.endswith("/") or not url else site / url
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def main(html: str) -> str:
    """The page's content area, without header, navigation and footer."""
    match = _MAIN.search(html)
    return match.group(1) if match else ""


def links(site: Path, url: str, content_only: bool = False) -> set:
    """Site URLs a page links to, resolved to directory URLs like 'topics/x/'."""
    html = read(site, url)
    if content_only:
        html = main(html)
    found = set()
    base = url if url.endswith("/") or not url else posixpath.dirname(url) + "/"
    for href in _HREF.findall(html):
        if not href or "://" in href or href.startswith(("mailto:", "javascript:", "data:")):
            continue
        target = posixpath.normpath(posixpath.join("/" + base, href)).lstrip("/")
        if target in (".", ""):
            found.add("")
        elif target.endswith("index.html"):
            found.add(target[: -len("index.html")])
        elif "." not in posixpath.basename(target):
            found.add(target + "/")
    return found


def click_depths(site: Path, start: str, max_depth: int) -> dict:
    """URL -> fewest clicks from ``start``, for pages within ``max_depth`` clicks."""
    depth = {start: 0}
    frontier = [start]
    for level in range(1, max_depth + 1):
        following = []
        for url in frontier:
            for target in links(site, url):
                if target not in depth:
                    depth[target] = level
                    following.append(target)
        frontier = following
    return depth
