"""Material for MkDocs' HTML and theme options (checked against 9.8; the theme is in
maintenance until its end of life in 2027, so its markup should not change).

- Content sits in ``<article class="md-content__inner md-typeset">``: the search index
  is told to read it there.
- ``<html lang=...>`` opens every page: the writing direction is put beside it, so that
  the whole page, not only ``<body>``, is right-to-left in Arabic.
- ``<ul class="md-nav__list" data-md-component="toc"`` is the table of contents: the
  language of the headings it repeats is put on it.
- ``<header class="md-header ...">`` holds the header bar, a ``<nav>``: the search box is
  put at its end.
- ``<link rel="alternate" hreflang>`` in ``<head>``: left out (see ``without_head_alternates``).
- ``assets/javascripts/lunr/`` and ``workers/``: the theme's own search engine, which
  the site does not use (it searches with Pagefind): not copied.
- ``extra.generator: false`` leaves out the footer's English "Made with" line.
- ``extra.homepage`` is where the logo leads: each language's own home page.
- ``theme.palette`` is a list of schemes, each with a ``toggle.name``: the switch's name
  is set in the reader's language.
"""

from __future__ import annotations

import re

ARTICLE = '<article class="md-content__inner md-typeset"'
_HTML = "<html lang="
_HEADER = '<header class="md-header'
_TOC = '<ul class="md-nav__list" data-md-component="toc"'
# The language alternates the theme writes into <head>: its script fetches a sitemap
# beside each of them, made for alternates that are a language's root, not a page of
# it (11 failed requests on every page); the sitemap carries them instead.
_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def without_head_alternates(html: str) -> str:
    head, _, rest = html.partition("</head>")
    return _HEAD_ALTERNATE.sub("", head) + "</head>" + rest if rest else html


def with_header_item(html: str, fragment: str) -> str:
    """Put ``fragment`` at the end of the header bar (where the theme's own search goes)."""
    start = html.find(_HEADER)
    end = html.find("</nav>", start) if start >= 0 else -1
    return html[:end] + fragment + html[end:] if end >= 0 else html


NOT_FOUND = "<h1>404 - Not found</h1>"  # the theme's 404 page, in English whatever the language


_SELECT_LINK = re.compile(r'<a href="[^"]*" hreflang="([^"]+)" class="md-select__link">')


def with_language_links(html: str, hrefs: dict) -> str:
    """The language selector's links set to ``hrefs`` ({lang: address}): the 404 page,
    served at any address, leads to each language's home."""
    return _SELECT_LINK.sub(lambda m: f'<a href="{hrefs.get(m.group(1), "/")}" hreflang="{m.group(1)}" class="md-select__link">', html)


def with_not_found(html: str, content: str) -> str:
    """The 404 page with ``content`` instead of the theme's English heading."""
    return html.replace(NOT_FOUND, content, 1)


def mark_article(html: str, attributes: str) -> str:
    """Add ``attributes`` (starting with a space) to the page's content element."""
    return html.replace(ARTICLE + ">", ARTICLE + attributes + ">", 1)


def with_toc_language(html: str, lang: str) -> str:
    """Put ``lang`` on the table of contents (whose headings are in that language)."""
    return html.replace(_TOC, f'{_TOC} lang="{lang}" dir="auto"', 1)


def with_direction(html: str, direction: str) -> str:
    """Put ``dir`` on <html>."""
    return html.replace(_HTML, f'<html dir="{direction}" lang=', 1)


def set_site_words(config, site_name: str, description: str) -> None:
    """The site's name and description in this pass's language; and no 'Made with
    Material for MkDocs' line, which the theme writes in English only."""
    config.site_name = site_name
    config.site_description = description
    config.extra["generator"] = False


def set_homepage(config, url: str) -> None:
    """Where the logo leads (``extra.homepage``, else the navigation's home page, which
    is not in the navigation: the home page has no tab of its own)."""
    config.extra["homepage"] = url


def name_palette_toggles(theme, name_of) -> None:
    """Name each scheme's switch: ``name_of(scheme)`` for 'default' (light) or 'slate' (dark)."""
    palette = theme.get("palette")
    for option in palette if isinstance(palette, list) else []:
        if isinstance(option.get("toggle"), dict):
            option["toggle"]["name"] = name_of(option.get("scheme") or "default")


# The theme's search engine (lunr, its languages and its worker): unused, the site searches with Pagefind.
THEME_SEARCH = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


def without_theme_search(files, docs_dir: str) -> None:
    """Leave the theme's search engine out of the site (in on_files); a file of the same
    name in the docs would stay."""
    for file in [f for f in files if f.src_uri.startswith(THEME_SEARCH) and not (f.abs_src_path or "").startswith(docs_dir)]:
        files.remove(file)
