"""No broken internal link or anchor anywhere in the built site, in any language."""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK = re.compile(r'<(?:a|link)\s[^>]*?href="([^"]*)"|<(?:script|img|source)\s[^>]*?src="([^"]*)"')
_ID = re.compile(r'\sid="([^"]+)"')


def test_every_internal_link_and_anchor_resolves(real_site):
    ids = lru_cache(maxsize=None)(lambda path: set(_ID.findall(path.read_text(encoding="utf-8"))))
    broken, checked = [], 0
    for page in real_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for href, src in _LINK.findall(html):
            target = href or src
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("mailto:", "data:")) or not target:
                continue
            checked += 1
            path = Path(posixpath.normpath(posixpath.join(str(page.parent), unquote(parts.path)))) if parts.path else page
            if parts.path.startswith("/"):
                path = real_site / unquote(parts.path).lstrip("/")
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                broken.append(f"{page.relative_to(real_site)}: {target}")
            elif parts.fragment and path.suffix == ".html" and unquote(parts.fragment) not in ids(path):
                broken.append(f"{page.relative_to(real_site)}: {target} (no such anchor)")
    assert checked > 10000
    assert not broken, f"{len(broken)} broken links, first: {broken[:10]}"
