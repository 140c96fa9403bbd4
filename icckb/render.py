"""HTML fragments the build adds to record pages: breadcrumbs, heading, notices,
facts box, resources and related content.

Every value from a record or registry is escaped here; nothing is emitted raw.
Links are relative, so one fragment works under every language's root.
"""

from __future__ import annotations

from html import escape

from .corpus import Corpus, Record
from .crossindex import CrossIndex
from .vocabulary import Vocabulary

LANGUAGE_NAMES = {
    "ar": "العربية", "de": "Deutsch", "el": "Ελληνικά", "en": "English", "es": "Español",
    "fi": "Suomi", "fr": "Français", "it": "Italiano", "ja": "日本語", "nl": "Nederlands",
    "pl": "Polski", "pt": "Português", "ro": "Română", "ru": "Русский", "sv": "Svenska",
    "tr": "Türkçe", "uk": "Українська",
}

# Record type -> label of its collection, for breadcrumbs.
_COLLECTION_LABEL = {"practice": "practices_title", "publication": "publications_title", "toolkit": "toolkits_title"}


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


class RecordView:
    """A record as shown in one language: its fragments, all escaped."""

    def __init__(self, record: Record, corpus: Corpus, index: CrossIndex, lang: str):
        self.record = record
        self.corpus = corpus
        self.index = index
        self.lang = lang
        self.vocab: Vocabulary = corpus.vocabulary(lang)

    def label(self, key: str, **values) -> str:
        return escape(self.vocab.label(key, **values))

    def link(self, to_url: str, text: str, lang: str | None = None) -> str:
        lang_attr = f' lang="{escape(lang)}"' if lang and lang != self.lang else ""
        return f'<a href="{escape(relative(self.record.url, to_url))}"{lang_attr}>{escape(text)}</a>'

    def title(self) -> str:
        return self.record.text("title", self.lang)[0]

    def summary(self) -> str:
        return self.record.text("summary", self.lang)[0]

    # -- above the body --------------------------------------------------

    def header(self, fallback: bool) -> str:
        parts = [self.breadcrumbs(), f"<h1>{escape(self.title())}</h1>"]
        if fallback:
            parts.append(self.fallback_notice())
        if self.record.get("status") == "archived":
            parts.append(f'<div class="admonition warning icckb-archived"><p>{self.label("archived_notice")}</p></div>')
        parts.append(f'<p class="icckb-summary">{escape(self.summary())}</p>')
        parts.append(self.facts_box())
        return "\n".join(parts)

    def breadcrumbs(self) -> str:
        home = self.link("", self.vocab.label("home"))
        collection = self.link(self.record.type.url + "/", self.vocab.label(_COLLECTION_LABEL[self.record.type.name]))
        return f'<nav class="icckb-breadcrumbs" aria-label="{self.label("breadcrumb")}">{home} › {collection} › <span aria-current="page">{escape(self.title())}</span></nav>'

    def fallback_notice(self) -> str:
        return fallback_notice(self.corpus, self.record.url, self.lang)

    def facts_box(self) -> str:
        rows = [(self.label(name), value) for name, value in self.facts() if value]
        items = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
        return f'<dl class="icckb-facts" aria-label="{self.label("facts")}">{items}</dl>'

    def facts(self):
        """(label key, HTML value) for each fact of the record."""
        meta, vocab = self.record.meta, self.vocab
        cities = self.corpus.registry("cities")
        if self.record.type.name == "publication":
            kind = meta.get("kind")
            yield "kind", f'{escape(vocab.entry("kinds", kind))} <small>{escape(vocab.entry("kinds", kind, "definition"))}</small>'
        own = [c for c in meta.get("cities") or [] if c in cities]
        yield "cities", ", ".join(self.link(f"cities/{c}/", vocab.city(c)) for c in own)
        countries = sorted({cities[c]["country"] for c in own})
        yield "country", ", ".join(self.link(f"countries/{code.lower()}/", vocab.country(code)) for code in countries)
        if meta.get("year"):
            yield "year", self.link(f"years/{meta['year']}/", self.years())
        elif "year" in self.record.type.fields:
            yield "year", self.label("year_not_stated")
        yield "topics", ", ".join(self.link(f"topics/{t}/", vocab.topic(t)) for t in meta.get("topics") or [])
        yield "target_groups", escape(", ".join(vocab.entry("target_groups", g) for g in meta.get("target_groups") or []))
        yield "partners", escape(", ".join(meta.get("partners") or []))
        yield "funding", escape(meta.get("funding") or "")
        yield "contact", escape(meta.get("contact") or "")
        yield "outcome", self.label("outcome_" + meta["outcome"]) if meta.get("outcome") else ""
        yield "languages", language_versions(meta.get("languages") or {})
        yield "links", ", ".join(external(entry) for entry in meta.get("links") or [])
        yield "listed_in", escape("; ".join(meta.get("listed_in") or []))
        yield "sources", escape("; ".join(meta.get("sources") or []))

    def years(self) -> str:
        meta = self.record.meta
        if meta.get("end_year") and meta["end_year"] != meta["year"]:
            return f"{meta['year']}–{meta['end_year']}"
        if meta.get("ongoing"):
            return f"{meta['year']} – {self.vocab.label('ongoing')}"
        return str(meta["year"])

    # -- below the body --------------------------------------------------

    def footer(self) -> str:
        parts = [self.resources()] if self.record.type.name == "toolkit" else []
        parts.append(self.related())
        return "\n".join(p for p in parts if p)

    def resources(self) -> str:
        """A toolkit's resources: title (linked to its publication page), kind, year, languages."""
        publications = self.corpus.records.get("publication", {})
        rows = []
        for resource in self.record.meta.get("resources") or []:
            name = escape(resource["title"])
            if resource.get("publication") in publications:
                name = self.link(publications[resource["publication"]].url, resource["title"])
            kind = escape(self.vocab.entry("kinds", resource.get("kind")))
            rows.append(
                f"<tr><td>{name}</td><td>{kind}</td><td>{escape(str(resource.get('year') or ''))}</td>"
                f"<td>{language_versions(resource.get('languages') or {})}</td></tr>"
            )
        head = "".join(f'<th scope="col">{self.label(key)}</th>' for key in ("resource", "kind", "year", "languages"))
        return (
            f'<h2 id="resources">{self.label("resources")}</h2>\n'
            f'<table class="icckb-resources"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        )

    def related(self) -> str:
        """Related toolkits, publications and practices, most related first."""
        related = self.index.related(self.record)
        blocks = []
        for type_name, key in (("toolkit", "related_toolkits"), ("publication", "related_publications"), ("practice", "related_practices")):
            records = related.get(type_name, [])
            if self.record.type.name == "toolkit" and type_name == "practice":
                key, records = "theme_practices", self.theme_practices()
            if records:
                items = "".join(f"<li>{self.record_link(r)}</li>" for r in records)
                blocks.append(f'<h2 id="{key}">{self.label(key)}</h2>\n<ul class="icckb-related">{items}</ul>')
        if not blocks:
            return ""
        # Other records' titles: not words of this page for search.
        return '<aside class="icckb-related-content" data-pagefind-ignore>\n' + "\n".join(blocks) + "\n</aside>"

    def theme_practices(self) -> list:
        """The newest practices filed under any of a toolkit's topics."""
        seen, found = set(), []
        for topic in self.record.get("topics") or []:
            for practice in self.index.by_topic.get(topic, {}).get("practice", []):
                if practice not in seen:
                    seen.add(practice)
                    found.append(practice)
        return sorted(found, key=lambda r: (-int(r.get("year") or 0), r.slug))[:10]

    def record_link(self, record: Record) -> str:
        title, lang = record.text("title", self.lang)
        lang = lang or self.corpus.project.default_language
        detail = ", ".join([self.vocab.city(c) for c in record.get("cities") or []][:3] + ([str(record.get("year"))] if record.get("year") else []))
        return self.link(record.url, title, lang) + (f" <small>{escape(detail)}</small>" if detail else "")


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
