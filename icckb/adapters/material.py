"""Material for MkDocs' HTML and theme options (checked against 9.8; the theme is in
maintenance until its end of life in 2027, so its markup should not change).

- Content sits in ``<article class="md-content__inner md-typeset">``: the search index
  is told to read it there.
- ``<html lang=...>`` opens every page: the writing direction is put beside it, so that
  the whole page, not only ``<body>``, is right-to-left in Arabic.
- ``theme.palette`` is a list of schemes, each with a ``toggle.name``: the switch's name
  is set in the reader's language.
"""

from __future__ import annotations

ARTICLE = '<article class="md-content__inner md-typeset"'
_HTML = "<html lang="


def mark_article(html: str, attributes: str) -> str:
    """Add ``attributes`` (starting with a space) to the page's content element."""
    return html.replace(ARTICLE + ">", ARTICLE + attributes + ">", 1)


def with_direction(html: str, direction: str) -> str:
    """Put ``dir`` on <html>."""
    return html.replace(_HTML, f'<html dir="{direction}" lang=', 1)


def name_palette_toggles(theme, name_of) -> None:
    """Name each scheme's switch: ``name_of(scheme)`` for 'default' (light) or 'slate' (dark)."""
    palette = theme.get("palette")
    for option in palette if isinstance(palette, list) else []:
        if isinstance(option.get("toggle"), dict):
            option["toggle"]["name"] = name_of(option.get("scheme") or "default")
