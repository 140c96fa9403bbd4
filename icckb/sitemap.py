"""sitemap.xml for sites with a known address: every page once, with its language versions.

Written after every language is built, from the built pages, so a parallel build and a
single-process one write the same file. No dates: they would change every build.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from .project import default_language_roots


def pages(site_dir: Path, languages: tuple) -> list:
    """Addresses (relative to the root) of the default language's pages, sorted."""
    found = []
    for name in default_language_roots(site_dir, languages):
        if name == "index.html":
            found.append("")
        elif (site_dir / name).is_dir():
            found += [page.parent.relative_to(site_dir).as_posix() + "/" for page in (site_dir / name).rglob("index.html")]
    return sorted(found)


def sitemap(site_dir: Path, site_url: str, languages: tuple) -> str:
    """The sitemap, each page listing its version in every language that has it."""
    base = site_url.rstrip("/") + "/"
    entries = []
    for url in pages(site_dir, languages):
        links = [(languages[0], url)] + [(lang, f"{lang}/{url}") for lang in languages[1:] if (site_dir / lang / url / "index.html").is_file()]
        alternates = "".join(f'\n    <xhtml:link rel="alternate" hreflang="{escape(lang)}" href="{escape(base + path)}"/>' for lang, path in links)
        entries.append(f"  <url>\n    <loc>{escape(base + url)}</loc>{alternates if len(links) > 1 else ''}\n  </url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        + "\n".join(entries) + "\n</urlset>\n"
    )
