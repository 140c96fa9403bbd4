"""MkDocs internals (checked against MkDocs 1.6.1 and ProperDocs, its continuation;
``pyproject.toml`` pins ``mkdocs<2``: MkDocs 2.0 drops hooks, plugins and themes).

- ``Page.toc``, ``Page.present_anchor_ids``, ``Page._title_from_render`` and
  ``Page.links_to_anchors``: what rendering a page's Markdown gives. An original shown
  untranslated in ten languages has the same body in each: it is rendered once, and
  these are given back to the other languages' pages.
- ``Theme.static_templates``: the theme's ``sitemap.xml`` is dropped (quadratic with
  mkdocs-static-i18n, dated, and wrong without ``site_url``); the build writes its own.
- ``config.mdx_configs``: the abbreviations (glossary terms) of each page's language.
- The build's state lives in one attribute of the config object, so that it is shared
  by the language passes of one build and gone with it (``mkdocs serve`` reloads the
  config for each rebuild).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..build import Site

STATE = "icckb"


@dataclass
class BuildState:
    """What the hooks keep during one build: the prepared knowledge base, the rendered
    bodies of untranslated pages, and the language alternates worked out once."""

    site: Site
    bodies: dict = field(default_factory=dict)  # source page -> (HTML, toc, anchors, title) rendered once
    alternates: dict = field(default_factory=dict)  # (source page, language) -> its version there
    site_words: tuple = ()  # mkdocs.yml's site name and description, before any language's
    html_blocks: dict = field(default_factory=dict)  # generated page -> its HTML blocks set aside from Markdown


def state(config) -> BuildState | None:
    """The build's state, once on_config has made it."""
    return getattr(config, STATE, None)


def state_of(config) -> BuildState:
    """The build's state, which every hook after on_config finds."""
    found = state(config)
    if found is None:
        raise RuntimeError("the icckb hooks' on_config has not run for this build")
    return found


def keep_state(config, value: BuildState) -> BuildState:
    setattr(config, STATE, value)
    return value


def rendered(page, html: str) -> tuple:
    """What rendering a page's body gave, to hand to the same page in other languages."""
    return (html, page.toc, page.present_anchor_ids, page._title_from_render)


def reuse(page, kept: tuple) -> str:
    """Give a page the body rendered for another language; returns its HTML."""
    html, page.toc, page.present_anchor_ids, page._title_from_render = kept
    page.links_to_anchors = {}  # checked when it was rendered
    return html


def drop_theme_sitemap(config, files=None) -> None:
    """No sitemap from the theme (in on_config), nor its template copied raw (in on_files)."""
    config.theme.static_templates.discard("sitemap.xml")
    if files is not None:
        template = files.get_file_from_path("sitemap.xml")
        if template is not None and not template.abs_src_path.startswith(config.docs_dir):
            files.remove(template)


def enable_abbreviations(config) -> None:
    """Render every page with Markdown's abbreviations (glossary terms), in on_config."""
    if "abbr" not in config.markdown_extensions:
        config.markdown_extensions.append("abbr")


def set_permalink_title(config, title: str) -> None:
    """The title of the heading links (Markdown's toc extension), in this pass's language."""
    if isinstance(config.mdx_configs.get("toc"), dict):
        config.mdx_configs["toc"]["permalink_title"] = title


def use_glossary(config, glossary: dict) -> None:
    """The abbreviations Markdown explains on the next page it renders (MkDocs makes a
    Markdown instance per page from the config)."""
    config.mdx_configs["abbr"] = {"glossary": glossary}
