"""robots.txt, and for sites with a known address the sitemaps: every page of every
language, each with its versions in every language (hreflang), which is how search
engines learn the alternates (the pages' <head> leaves them out, see
``adapters.material.without_head_alternates``).

``sitemap.xml`` is an index of one sitemap per language (``sitemap-fr.xml``...), so that
no file passes the 50,000 addresses a sitemap may hold. Written after every language is
built, from the built pages, so a parallel build and a single-process one write the same
files. No dates: they would change every build.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from .project import default_language_roots


def pages(site_dir: Path, languages: tuple) -> list:
    """Addresses (relative to a language's root) of the default language's pages, sorted."""
    found = []
    for name in default_language_roots(site_dir, languages):
        if name == "index.html":
            found.append("")
        elif (site_dir / name).is_dir():
            found += [page.parent.relative_to(site_dir).as_posix() + "/" for page in (site_dir / name).rglob("index.html")]
    return sorted(found)


def files(site_dir: Path, site_url: str, languages: tuple) -> dict:
    """{name: text} of robots.txt and, with ``site_url``, the sitemap index and the sitemaps."""
    robots = "User-agent: *\nAllow: /\n"
    if not site_url:
        return {"robots.txt": robots}
    base = site_url.rstrip("/") + "/"
    folder = {lang: "" if lang == languages[0] else f"{lang}/" for lang in languages}
    versions = {url: [lang for lang in languages if (site_dir / folder[lang] / url / "index.html").is_file()]
                for url in pages(site_dir, languages)}
    out = {"robots.txt": robots + f"Sitemap: {base}sitemap.xml\n"}
    for lang in languages:
        entries = []
        for url, there in versions.items():
            if lang not in there:
                continue
            links = [(other, base + folder[other] + url) for other in there] + [("x-default", base + url)]
            alternates = "".join(f'\n    <xhtml:link rel="alternate" hreflang="{escape(code)}" href="{escape(href)}"/>' for code, href in links)
            entries.append(f"  <url>\n    <loc>{escape(base + folder[lang] + url)}</loc>{alternates}\n  </url>")
        out[f"sitemap-{lang}.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
            + "\n".join(entries) + "\n</urlset>\n"
        )
    out["sitemap.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "".join(f"  <sitemap><loc>{escape(base)}sitemap-{lang}.xml</loc></sitemap>\n" for lang in languages)
        + "</sitemapindex>\n"
    )
    return out
