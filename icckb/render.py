"""HTML fragments the build adds to record pages: breadcrumbs, heading, notices,
facts box, resources and related content.

Every value from a record or registry is escaped here; nothing is emitted raw.
Links are relative, so one fragment works under every language's root.
"""

from __future__ import annotations

import json
from html import escape

from . import schema
from .corpus import Corpus, Record
from .crossindex import CrossIndex
from .fields import Choice, Group, GroupList, LanguageVersions, Ref, TextList, Year
from .vocabulary import Vocabulary

LANGUAGE_NAMES = {
    "ar": "العربية", "de": "Deutsch", "el": "Ελληνικά", "en": "English", "es": "Español",
    "fi": "Suomi", "fr": "Français", "it": "Italiano", "ja": "日本語", "nl": "Nederlands",
    "pl": "Polski", "pt": "Português", "ro": "Română", "ru": "Русский", "sv": "Svenska",
    "tr": "Türkçe", "uk": "Українська",
}

def relative(from_url: str, to_url: str) -> str:
    """Relative link between two directory URLs such as 'practices/x/' and 'topics/y/'."""
    path = relpath(to_url, from_url)
    return path + "/" if path != "." else "./"


def relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for two paths from the site's root, without asking the file
    system for the working directory (which made it the slowest step of staging)."""
    to = [part for part in path.split("/") if part not in ("", ".")]
    base = [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


class Facts:
    """Field values as a page shows them, all escaped: registry ids as names, linked to
    their pages where they have some; records as links; choices by their label. Links
    are relative to ``page_url`` (a served address within a language's root)."""

    def __init__(self, corpus: Corpus, index: CrossIndex, lang: str, page_url: str, subject: Record | None = None):
        self.corpus = corpus
        self.index = index
        self.lang = lang
        self.page_url = page_url
        self.subject = subject  # the record whose page this is, if any
        self.vocab: Vocabulary = corpus.vocabulary(lang)
        self.paged = {f.registry: f for f in schema.FAMILIES if f.folder and f.registry}

    def label(self, key: str, **values) -> str:
        return escape(self.vocab.label(key, **values))

    def link(self, to_url: str, text: str, lang: str | None = None) -> str:
        lang_attr = f' lang="{escape(lang)}" dir="auto"' if lang and lang != self.lang else ""
        return f'<a href="{escape(relative(self.page_url, to_url))}"{lang_attr}>{escape(text)}</a>'

    def box(self, rows) -> str:
        """A facts box of (label key, HTML value) rows; empty values are left out. Spaces
        between the terms keep them apart in the search index's text ("Year 2017", not "Year2017")."""
        items = "\n".join(f"<dt>{self.label(name)}</dt> <dd>{value}</dd>" for name, value in rows if value)
        return f'<dl class="icckb-facts" aria-label="{self.label("facts")}">{items}</dl>'

    def of(self, fields: dict, meta: dict, names: tuple = ()):
        """(label key, HTML value) of each shown field of ``meta`` (or of ``names``), each
        followed by the facts derived from it (a practice's country after its cities)
        and by the records that name this one through it (adapted in)."""
        for name in names or [n for n, spec in fields.items() if spec.fact]:
            if name not in fields:  # a value the registry derives (a city's size band): its label
                yield name, self.label(f"{name}_{meta[name]}") if meta.get(name) else ""
                continue
            spec = fields[name]
            yield name, self.value(name, spec, meta)
            for family in schema.FAMILIES:
                if family.fact and family.sources[0][0] == name:
                    found = family.values(meta, fields, self.corpus.registry)
                    yield family.name, ", ".join(self.named(family.registry, value) for value in found)
            if getattr(spec, "reverse", "") and self.subject is not None:
                naming = self.index.named_by[spec.reverse].get(self.subject.slug, {})
                yield spec.reverse, ", ".join(self.record_link(r) for t in schema.RECORD_TYPES for r in naming.get(t.name, []))

    def value(self, name: str, spec, meta: dict) -> str:
        """One field's value as HTML ("" when there is none)."""
        value = meta.get(name)
        if value in (None, "", [], {}):
            return self.label("year_not_stated") if isinstance(spec, Year) and self.subject is not None else ""
        if isinstance(spec, Year):
            return self.year(name, spec, meta)
        if isinstance(spec, Ref):
            ids = value if isinstance(value, list) else [value]
            return ", ".join(self.named(spec.registry, id_, spec.detail) for id_ in ids)
        if isinstance(spec, Choice):
            return self.label(f"{name}_{value}")
        if isinstance(spec, LanguageVersions):
            return language_versions(value)
        if isinstance(spec, GroupList):
            return ", ".join(external(entry) for entry in value)
        if isinstance(spec, Group) and "count" in spec.fields:  # a figure, with where it comes from
            source = ", ".join(str(value[k]) for k in ("source", "year") if value.get(k))
            return escape(self.vocab.number(value["count"])) + (f" <small>{escape(source)}</small>" if source else "")
        if isinstance(spec, TextList):
            return escape(spec.separator.join(value))
        return escape(str(value))

    def named(self, registry: str, id_, detail: str = "") -> str:
        """A registry entry by its name (linked to its page, if its family has pages), or
        a record by its linked title."""
        if registry in {t.plural for t in schema.RECORD_TYPES}:
            record = _record(self.corpus, registry, id_)
            return self.record_link(record) if record else ""
        name = self.vocab.entry(registry, id_)
        family = self.paged.get(registry)
        shown = self.link(f"{family.folder}/{family.slug(id_)}/", name) if family else escape(name)
        return f"{shown} <small>{escape(self.vocab.entry(registry, id_, detail))}</small>" if detail else shown

    def year(self, name: str, spec: Year, meta: dict) -> str:
        """A year with the year it ended, or 'ongoing'; a record's is linked to its year page."""
        start, end = meta[name], meta.get(spec.until) if spec.until else None
        if end and end != start:
            text = f"{start}–{end}"
        elif spec.running and meta.get(spec.running):
            text = f"{start} – {self.vocab.label('ongoing')}"
        else:
            text = str(start)
        years = schema.family("year")
        if self.subject is not None and years.folder and (name, None) in years.sources:
            return self.link(f"{years.folder}/{years.slug(start)}/", text)
        return escape(text)

    def record_link(self, record: Record) -> str:
        title, lang = record.text("title", self.lang)
        lang = lang or self.corpus.project.default_language
        detail = ", ".join([self.vocab.city(c) for c in record.get("cities") or []][:3] + ([str(record.get("year"))] if record.get("year") else []))
        return self.link(record.url, title, lang) + (f" <small>{escape(detail)}</small>" if detail else "")


class RecordView(Facts):
    """A record as shown in one language: its fragments, all escaped."""

    def __init__(self, record: Record, corpus: Corpus, index: CrossIndex, lang: str):
        super().__init__(corpus, index, lang, record.url, record)
        self.record = record

    def title(self) -> str:
        return self.record.text("title", self.lang)[0]

    def summary(self) -> str:
        return self.record.text("summary", self.lang)[0]

    # -- above the body --------------------------------------------------

    def text_attributes(self, key: str) -> str:
        """lang and dir for a text shown in the original's language, not the page's."""
        lang = self.record.text(key, self.lang)[1] or self.corpus.project.default_language
        return "" if lang == self.lang else f' lang="{escape(lang)}" dir="auto"'

    def header(self, fallback: bool) -> str:
        parts = [self.breadcrumbs(), f"<h1{self.text_attributes('title')}>{escape(self.title())}</h1>"]
        if fallback:
            parts.append(self.fallback_notice())
        elif unreviewed(self.record, self.lang):
            parts.append(unreviewed_notice(self.corpus, self.record.url, self.lang))
        if self.record.get("status") == "archived":
            parts.append(f'<div class="admonition warning icckb-archived"><p>{self.label("archived_notice")}</p></div>')
        parts.append(f'<p class="icckb-summary"{self.text_attributes("summary")}>{escape(self.summary())}</p>')
        parts.append(self.box(self.of(self.record.type.fields, self.record.meta)))
        return "\n".join(parts)

    def breadcrumbs(self) -> str:
        home = self.link("", self.vocab.label("home"))
        collection = self.link(self.record.type.url + "/", self.vocab.label(f"{self.record.type.plural}_title"))
        return f'<nav class="icckb-breadcrumbs" aria-label="{self.label("breadcrumb")}">{home} › {collection} › <span aria-current="page">{escape(self.title())}</span></nav>'

    def fallback_notice(self) -> str:
        return fallback_notice(self.corpus, self.record.url, self.lang)

    # -- below the body --------------------------------------------------

    def footer(self) -> str:
        parts = [self.table()] if self.record.type.table else []
        parts.append(self.related())
        return "\n".join(p for p in parts if p)

    def table(self) -> str:
        """A list field as a table (a toolkit's resources): a column per sub-field, the
        title linked to the record it names, if any."""
        name = self.record.type.table
        spec = self.record.type.fields[name]
        linking = _linking(spec.fields)
        columns = [n for n in spec.fields if n != "title" and n not in linking]
        rows = []
        for entry in self.record.meta.get(name) or []:
            title = escape(entry["title"])
            for key in linking:
                target = _record(self.corpus, spec.fields[key].registry, entry.get(key))
                if target is not None:
                    title = self.link(target.url, entry["title"])
            cells = [title] + [escape(str(entry.get(c) or "")) if isinstance(spec.fields[c], Year) else self.value(c, spec.fields[c], entry)
                               for c in columns]
            rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
        head = "".join(f'<th scope="col">{self.label(key)}</th>' for key in (_singular(name), *columns))
        return (
            f'<h2 id="{name}">{self.label(name)}</h2>\n'
            f'<table class="icckb-{name}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        )

    def related(self) -> str:
        """Related records of each type, most related first; for the type of its theme,
        the newest records of its topics instead."""
        related = self.index.related(self.record)
        blocks = []
        for record_type in sorted(schema.RECORD_TYPES, key=lambda t: t.rank):
            key, records = f"related_{record_type.plural}", related.get(record_type.name, [])
            if record_type.name == self.record.type.theme:
                key, records = f"theme_{record_type.plural}", self.index.theme(self.record)
            if records:
                items = "".join(f"<li>{self.record_link(r)}</li>" for r in records)
                blocks.append(f'<h2 id="{key}">{self.label(key)}</h2>\n<ul class="icckb-related">{items}</ul>')
        if not blocks:
            return ""
        # Other records' titles: not words of this page for search.
        return '<aside class="icckb-related-content" data-pagefind-ignore>\n' + "\n".join(blocks) + "\n</aside>"


def _linking(fields: dict) -> list:
    """Sub-fields naming a record (a resource's publication): they link the entry's title."""
    plurals = {t.plural for t in schema.RECORD_TYPES}
    return [n for n, spec in fields.items() if isinstance(spec, Ref) and spec.registry in plurals]


def _record(corpus: Corpus, plural: str, slug) -> Record | None:
    """The record of a type (by its plural) with that slug, if any."""
    record_type = next((t for t in schema.RECORD_TYPES if t.plural == plural), None)
    return corpus.records[record_type.name].get(slug) if record_type and isinstance(slug, str) else None


def _singular(plural: str) -> str:
    return plural[:-1] if plural.endswith("s") else plural


def unreviewed(record: Record, lang: str) -> bool:
    """Whether a record's (or page's) translation into ``lang`` awaits a reviewer."""
    translation = record.translations.get(lang)
    return translation is not None and translation.meta.get("reviewed") is not True


def unreviewed_notice(corpus: Corpus, url: str, lang: str) -> str:
    """Says a translation has not been checked yet, with a link to the original."""
    vocab, default = corpus.vocabulary(lang), corpus.project.default_language
    original = relative(f"{lang}/{url}", url)
    return (
        f'<div class="admonition note icckb-unreviewed"><p>{escape(vocab.label("unreviewed_notice"))} '
        f'<a href="{escape(original)}" hreflang="{escape(default)}">{escape(vocab.label("unreviewed_original"))}</a></p></div>'
    )


def fallback_notice(corpus: Corpus, url: str, lang: str) -> str:
    """Says a page (at ``url`` under each language's root) is not translated yet, links
    to the original, and invites readers to translate it (the translation status page,
    generated on every site, shows what to translate and leads to the how-to)."""
    vocab = corpus.vocabulary(lang)
    default = corpus.project.default_language
    original = relative(f"{lang}/{url}", url)
    contribute = relative(url, "contribute/translations/")
    text = escape(vocab.label("fallback_notice", language=language_name(lang), original=language_name(default)))
    return (
        f'<div class="admonition info icckb-fallback"><p>{text} '
        f'<a href="{escape(original)}" hreflang="{escape(default)}">{escape(vocab.label("fallback_original"))}</a> · '
        f'<a href="{escape(contribute)}">{escape(vocab.label("fallback_invite"))}</a></p></div>'
    )


def external(entry: dict) -> str:
    return f'<a href="{escape(entry["url"])}" hreflang="{escape(entry["lang"])}" rel="noopener">{escape(entry["title"])}</a>'


def language_versions(versions: dict) -> str:
    """Language versions: a link where the address is known, the language name otherwise."""
    parts = []
    for code, url in versions.items():
        name = escape(language_name(code))
        parts.append(f'<a href="{escape(url)}" hreflang="{escape(code)}">{name}</a>' if url else f'<span lang="{escape(code)}">{name}</span>')
    return ", ".join(parts)


def find_box(corpus: Corpus, lang: str, page_url: str, where: str, action: str = "") -> str:
    """A search box: without JavaScript it opens the search page with the words typed;
    with it, the results of the page's language drop down as the reader types. ``where``
    makes its ids unique on the page (the header's, the home page's). ``action``: the
    search page's address, if not relative to ``page_url``."""
    vocab = corpus.vocabulary(lang)
    kinds = [t.name for t in schema.RECORD_TYPES] + [f.name for f in schema.FAMILIES if f.folder] + ["page"]
    types = json.dumps({kind: vocab.label(f"type_{kind}") for kind in kinds}, ensure_ascii=False)
    box = f"icckb-find-{where}"
    label = escape(vocab.label("find_label"))
    return (
        f'<form class="icckb-find icckb-find--{where}" role="search" action="{escape(action or relative(page_url, "search/"))}" '
        f'data-types="{escape(types)}" data-none="{escape(vocab.label("find_none"))}">'
        f'<label class="icckb-find-label" for="{box}">{label}</label>'
        f'<input id="{box}" type="search" name="q" placeholder="{escape(vocab.label("find_placeholder"))}" autocomplete="off" '
        f'role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="{box}-list" aria-keyshortcuts="/">'
        f'<ul id="{box}-list" class="icckb-find-results" role="listbox" aria-label="{label}" hidden></ul>'
        f'<button type="submit" class="icckb-find-go">{escape(vocab.label("search_title"))}</button>'
        "</form>"
    )
