"""Translated vocabularies: one file per language, ``data/i18n/<lang>.yml``.

Each file translates the labels the build adds to pages and the readers' names of the
registry entries (topics, kinds, target groups, glossary terms, networks, cities,
countries). Anything missing falls back to English, so a half-translated language
never breaks a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .fields import Context, Text, TextList, check_fields, closest
from .labels import ENGLISH, SEPARATORS

FOLDER = "data/i18n"

_text = Text("", max_length=600)
_separator = Text("", max_length=3, spaces=True)
# Section -> (registry whose ids it translates, fields of each entry; None for a bare name).
SECTIONS = {
    "topics": ("topics", {"name": _text, "definition": _text}),
    "kinds": ("kinds", {"name": _text, "definition": _text}),
    "target_groups": ("target_groups", None),
    "glossary": ("glossary", {"term": _text, "definition": _text, "aliases": TextList("", max_length=100)}),
    "networks": ("networks", {"name": _text, "description": Text("", max_length=1000)}),
    "cities": ("cities", None),
    "countries": ("countries", None),
    "labels": (None, None),
    # Terms ICC uses as names (anti-rumours, ICC Index...): English term -> the one
    # translation every translated page uses.
    "terminology": ("terminology", None),
    # The titles of the site's pages (docs/<path> without .md), for the navigation while
    # a page's text is not translated yet.
    "pages": ("pages", None),
}


@dataclass
class Vocabulary:
    """The words of one language, with English (the registries) behind them."""

    lang: str
    registries: dict  # registry name -> {id: entry}
    data: dict = field(default_factory=dict)

    def label(self, key: str, **values) -> str:
        text = (self.data.get("labels") or {}).get(key) or ENGLISH.get(key, key)
        return text.format(**values) if values else text

    def page_title(self, slug: str) -> str | None:
        """A site page's title in this language, where the vocabulary gives it."""
        return (self.data.get("pages") or {}).get(slug)

    def translated(self, key: str) -> str | None:
        """A label only where this language's file translates it."""
        return (self.data.get("labels") or {}).get(key)

    def messages(self) -> dict:
        """The validation messages shared with the submission form, in this language."""
        return {key[len("message_"):]: self.label(key) for key in ENGLISH if key.startswith("message_")}

    def missing_labels(self) -> list:
        """The interface labels this language does not translate yet."""
        translated = self.data.get("labels") or {}
        return [key for key in ENGLISH if not translated.get(key)]

    def entry(self, registry: str, id_: str, key: str = "name") -> str:
        """The translated ``key`` of a registry entry, or its English value."""
        translated = (self.data.get(registry) or {}).get(id_)
        if isinstance(translated, dict) and translated.get(key):
            return translated[key]
        if isinstance(translated, str) and key == "name":
            return translated
        return str((self.registries.get(registry, {}).get(id_) or {}).get(key) or id_)

    def count(self, key: str, count: int) -> str:
        """A label with a count in it, in its form for one where the count is one."""
        return self.label(key + "_one") if count == 1 else self.label(key, count=self.number(count))

    def number(self, value: int) -> str:
        """A whole number as this language writes it (1,234 / 1 234 / 1.234)."""
        return f"{value:,}".replace(",", self.label("thousands_separator"))

    def topic(self, id_: str, key: str = "name") -> str:
        return self.entry("topics", id_, key)

    def city(self, id_: str) -> str:
        return self.entry("cities", id_)

    def country(self, code: str) -> str:
        return self.entry("countries", code)

    def terminology(self) -> dict:
        """English term -> its translation in this language."""
        return dict(self.data.get("terminology") or {})

    def glossary(self) -> list:
        """(term, definition) for every glossary term and alias, in this language."""
        pairs = []
        for id_, entry in self.registries.get("glossary", {}).items():
            translated = (self.data.get("glossary") or {}).get(id_) or {}
            definition = translated.get("definition") or entry["definition"]
            terms = [translated.get("term") or entry["term"], *(translated.get("aliases") or [])]
            if not translated:
                terms += entry.get("aliases") or []
            pairs += [(term, definition) for term in terms if term]
        return pairs


def check(data: object, ids: dict, ctx: Context):
    """Problems of a vocabulary file: (subpath, message) pairs."""
    if not isinstance(data, dict):
        yield (), "must be a group of sections (labels, topics, kinds, ...)"
        return
    for section, entries in data.items():
        if section not in SECTIONS:
            yield (section,), f"unknown section '{section}'" + closest(section, SECTIONS, "sections")
            continue
        registry, fields = SECTIONS[section]
        if registry == "terminology":
            yield from _terminology_problems(entries, ctx)
            continue
        known = set(ENGLISH) if registry is None else ids.get(registry, set())
        if not isinstance(entries, dict):
            yield (section,), "must be a group of 'id: translation' lines"
            continue
        for key, value in entries.items():
            if key not in known:
                what = "label" if registry is None else f"{section} id"
                yield (section, key), f"unknown {what} '{key}'" + closest(key, known, what + "s")
            elif fields is None:
                check_text = _separator if key in SEPARATORS else _text
                yield from (((section, key) + sub, msg) for sub, msg in check_text.check(value, ctx))
                if registry is None and isinstance(value, str):
                    yield from (((section, key), msg) for msg in _placeholder_problems(key, value))
            elif not isinstance(value, dict):
                yield (section, key), "must be a group of fields (" + ", ".join(fields) + ")"
            else:
                yield from (((section, key) + sub, msg) for sub, msg in check_fields(value, fields, ctx))


def _terminology_problems(entries: object, ctx: Context):
    if not isinstance(entries, dict):
        yield ("terminology",), "must be a group of 'English term: translation' lines"
        return
    for term, translated in entries.items():
        if not isinstance(term, str):
            yield ("terminology", term), f"{term!r} is not a term (write the English term as text)"
        yield from ((("terminology", term) + sub, msg) for sub, msg in _text.check(translated, ctx))


_PLACEHOLDER = re.compile(r"{([^{}]*)}")


def _placeholder_problems(key: str, text: str):
    """A translated label may use only the {placeholders} of the English one."""
    allowed = set(_PLACEHOLDER.findall(ENGLISH[key]))
    for name in sorted(set(_PLACEHOLDER.findall(text)) - allowed):
        hint = "allowed: " + ", ".join("{" + a + "}" for a in sorted(allowed)) if allowed else "this label has none"
        yield f"uses {{{name}}}, which this label does not have ({hint})"
    if text.count("{") != text.count("}"):
        yield "has an unmatched { or } (placeholders are written {name})"
