"""The home page's generated part, below its short introduction: search first, then a
path for each of the site's three audiences, key figures counted from the records, the
topics with their practice counts, and the newest practices. All escaped."""

from __future__ import annotations

from html import escape

from . import maps, render, schema
from .corpus import Corpus
from .crossindex import CrossIndex

NEWEST = 6

# The three audiences: (label key prefix, where their path starts).
PATHS = (("path_find", "practices/"), ("path_translate", "contribute/translations/"), ("path_propose", "contribute/new-practice/"))


def is_home(src_uri: str, languages: tuple) -> bool:
    """Whether a staged page is the home page, in any language."""
    return src_uri in ("index.md", *(f"index.{lang}.md" for lang in languages[1:]))


def fragment(corpus: Corpus, index: CrossIndex, lang: str) -> str:
    view = render.Facts(corpus, index, lang, "")
    return "\n".join([
        '<div class="icckb-home">',
        render.find_box(corpus, lang, "", "home"),
        paths(view),
        figures(view),
        maps.Maps(corpus, lang, "", "" if lang == corpus.project.default_language else "../").members(),
        topics(view),
        newest(view),
        "</div>",
    ])


def paths(view: render.Facts) -> str:
    cards = "".join(
        f'<li><a href="{escape(render.relative("", url))}"><strong>{view.label(key + "_title")}</strong>'
        f"<span>{view.label(key + '_text')}</span></a></li>"
        for key, url in PATHS
    )
    return f'<ul class="icckb-paths" aria-label="{view.label("home_paths")}">{cards}</ul>'


def figures(view: render.Facts) -> str:
    """Counts of what the knowledge base holds, each linked to where it is listed."""
    counts = [(f"{t.url}/", len(view.index.active(t.name)), f"{t.plural}_title") for t in schema.RECORD_TYPES]
    counts.append(("cities/", len(view.corpus.registries.get("cities", [])), "cities_title"))
    counts.append(("contribute/translations/", len(view.corpus.project.languages), "languages_title"))
    items = "".join(
        f'<li><a href="{escape(render.relative("", url))}"><strong>{view.vocab.number(count)}</strong> {view.label(key)}</a></li>'
        for url, count, key in counts
    )
    return f'<ul class="icckb-figures" aria-label="{view.label("home_figures")}">{items}</ul>'


def topics(view: render.Facts) -> str:
    """A tile per topic with its number of practices, most practices first."""
    family = schema.family("topic")
    counted = [(topic["id"], len(view.index.of("topic", topic["id"]).get(schema.PRACTICE.name, [])))
               for topic in view.corpus.registries.get(family.registry, [])]
    tiles = "".join(
        f'<li><a href="{escape(render.relative("", f"{family.folder}/{family.slug(id_)}/"))}">'
        f"<span>{escape(view.vocab.topic(id_))}</span> <small>{escape(view.vocab.count('tile_count', count))}</small></a></li>"
        for id_, count in sorted(counted, key=lambda item: (-item[1], view.vocab.topic(item[0])))
    )
    return f'<h2 id="topics">{view.label("topics_title")}</h2>\n<ul class="icckb-tiles">{tiles}</ul>'


def newest(view: render.Facts) -> str:
    records = view.index.active(schema.PRACTICE.name)[:NEWEST]
    items = "".join(f"<li>{view.record_link(record)}</li>" for record in records)
    more = f'<p><a href="{escape(render.relative("", schema.PRACTICE.url + "/"))}">{view.label("all_practices")}</a></p>'
    return f'<h2 id="newest">{view.label("home_newest")}</h2>\n<ul class="icckb-related">{items}</ul>\n{more}'
