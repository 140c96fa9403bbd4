"""HTML fragments the build adds to record pages: heading, facts box, resources.

Every value from a record is escaped here; nothing a record says is ever emitted raw.
Links are relative, so the same fragment works under every language's root.
"""

from __future__ import annotations

import posixpath
from html import escape

from .corpus import Corpus, Record
from .labels import label

LANGUAGE_NAMES = {
    "ar": "العربية", "de": "Deutsch", "el": "Ελληνικά", "en": "English", "es": "Español",
    "fi": "Suomi", "fr": "Français", "it": "Italiano", "ja": "日本語", "nl": "Nederlands",
    "pl": "Polski", "pt": "Português", "ro": "Română", "ru": "Русский", "sv": "Svenska",
    "tr": "Türkçe", "uk": "Українська",
}


def relative(from_url: str, to_url: str) -> str:
    """Relative link between two directory URLs such as 'practices/x/' and 'topics/y/'."""
    path = posixpath.relpath(to_url or ".", from_url or ".")
    return path if path.endswith("/") or path == "." else path + "/"


def link(from_url: str, to_url: str, text: str) -> str:
    return f'<a href="{escape(relative(from_url, to_url))}">{escape(text)}</a>'


def heading(record: Record, lang: str) -> str:
    """The page's <h1>, from the (translated) title."""
    return f"<h1>{escape(title(record, lang))}</h1>"


def title(record: Record, lang: str) -> str:
    translation = record.translations.get(lang)
    return (translation and translation.meta.get("title")) or record.meta["title"]


def summary(record: Record, lang: str) -> str:
    translation = record.translations.get(lang)
    return (translation and translation.meta.get("summary")) or record.meta["summary"]


def facts_box(record: Record, corpus: Corpus, lang: str) -> str:
    """A definition list of the record's facts, above its body."""
    rows = [(label(lang, name), value) for name, value in _facts(record, corpus, lang) if value]
    items = "".join(f"<dt>{escape(name)}</dt><dd>{value}</dd>" for name, value in rows)
    return (
        f'<p class="icckb-summary">{escape(summary(record, lang))}</p>\n'
        f'<dl class="icckb-facts" aria-label="{escape(label(lang, "facts"))}">{items}</dl>'
    )


def _facts(record: Record, corpus: Corpus, lang: str):
    """(label key, HTML value) pairs for each fact the record type shows."""
    meta, here = record.meta, record.url
    cities = corpus.registry("cities")
    topics = corpus.registry("topics")
    if record.type.name == "publication":
        kind = corpus.registry("kinds").get(meta.get("kind"), {})
        yield "kind", f'{escape(kind.get("name", ""))} <small>{escape(kind.get("definition", ""))}</small>'
    if "cities" in meta:
        yield "cities", ", ".join(link(here, f"cities/{c}/", cities[c]["name"]) for c in meta["cities"] if c in cities)
        countries = sorted({cities[c]["country"] for c in meta["cities"] if c in cities})
        yield "country", ", ".join(link(here, f"countries/{code.lower()}/", code) for code in countries)
    if "year" in meta:
        yield "year", escape(_years(meta, lang))
    yield "topics", ", ".join(link(here, f"topics/{t}/", topics[t]["name"]) for t in meta.get("topics", []) if t in topics)
    groups = corpus.registry("target_groups")
    yield "target_groups", escape(", ".join(groups[g]["name"] for g in meta.get("target_groups") or [] if g in groups))
    yield "partners", escape(", ".join(meta.get("partners") or []))
    yield "funding", escape(meta.get("funding") or "")
    yield "contact", escape(meta.get("contact") or "")
    yield "outcome", escape(label(lang, "outcome_" + meta["outcome"]) if meta.get("outcome") else "")
    yield "languages", language_versions(meta.get("languages") or {})
    yield "links", ", ".join(_external(link_) for link_ in meta.get("links") or [])
    yield "sources", escape("; ".join(meta.get("sources") or []))


def _years(meta: dict, lang: str) -> str:
    if meta.get("end_year") and meta["end_year"] != meta["year"]:
        return f"{meta['year']}–{meta['end_year']}"
    if meta.get("ongoing"):
        return f"{meta['year']} – {label(lang, 'ongoing')}"
    return str(meta["year"])


def _external(entry: dict) -> str:
    return f'<a href="{escape(entry["url"])}" hreflang="{escape(entry["lang"])}" rel="noopener">{escape(entry["title"])}</a>'


def language_versions(versions: dict) -> str:
    """Language versions: a link where the address is known, the language name otherwise."""
    parts = []
    for code, url in versions.items():
        name = escape(LANGUAGE_NAMES.get(code, code))
        parts.append(f'<a href="{escape(url)}" hreflang="{escape(code)}">{name}</a>' if url else f'<span lang="{escape(code)}">{name}</span>')
    return ", ".join(parts)


def resources_table(record: Record, corpus: Corpus, lang: str) -> str:
    """A toolkit's resources: title (linked to its publication page), kind, year, languages."""
    kinds = corpus.registry("kinds")
    publications = corpus.records.get("publication", {})
    rows = []
    for resource in record.meta.get("resources") or []:
        name = escape(resource["title"])
        if resource.get("publication") in publications:
            name = link(record.url, publications[resource["publication"]].url, resource["title"])
        kind = escape(kinds.get(resource.get("kind"), {}).get("name", ""))
        rows.append(
            f"<tr><td>{name}</td><td>{kind}</td><td>{escape(str(resource.get('year') or ''))}</td>"
            f"<td>{language_versions(resource.get('languages') or {})}</td></tr>"
        )
    head = "".join(f"<th>{escape(label(lang, key))}</th>" for key in ("resource", "kind", "year", "languages"))
    return (
        f'<h2 id="resources">{escape(label(lang, "resources"))}</h2>\n'
        f'<table class="icckb-resources"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
