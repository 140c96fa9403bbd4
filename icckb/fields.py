"""Field types: each checks one value and yields ``(subpath, message)`` pairs.

A field never raises on bad input: whatever YAML produced, it answers with messages.
``subpath`` locates the bad part inside the value (``(0, "url")`` for the url of the
first link) so that the message can name its exact line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from . import codes

Messages = Iterator[tuple[tuple, str]]

# Characters that have no place in plain text: C0/C1 controls (except tab and
# newline) and the bidirectional overrides used to disguise text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>?")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


# Messages shared with the submission form's checks in the browser (same words).
MESSAGES = {
    "missing": "is required but missing (add '{name}: {example}')",
    "missing_either": "is required but missing (add '{name}: {example}', or '{other}: {other_example}')",
    "empty": "is required but empty (write {example})",
    "too_long": "is {length} characters long; the limit is {limit} (shorten it by {over})",
    "html": "contains HTML ({tag}); this field is plain text (remove the tag)",
    "year_range": "{value} is not a year between {minimum} and {maximum}",
    "too_few": "needs at least {minimum} {label} id (write [id, ...])",
}


@dataclass
class Context:
    """What a value is checked against: the registries' ids and the current year."""

    ids: dict = field(default_factory=dict)  # registry name -> set of ids
    this_year: int = field(default_factory=lambda: date.today().year)
    unreadable: set = field(default_factory=set)  # registries that could not be read: their ids are not checked
    messages: dict = field(default_factory=lambda: dict(MESSAGES))  # the shared messages, in the report's language


def describe(value: object) -> str:
    """How a value reads in a message: text in quotes, lists and mappings by kind."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return '"' + _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", shown) + '"'
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, (date, datetime)):
        return f"the date {value.isoformat()}"
    if value is None:
        return "empty"
    return str(value)


def closest(value: object, choices, label: str) -> str:
    """' (did you mean ...?)' with the closest choices, or the list of allowed ones."""
    choices = sorted(choices)
    if not choices:
        return f" (no {label} are defined yet)"
    near = difflib.get_close_matches(str(value), choices, n=3, cutoff=0.6)
    if near:
        return " (did you mean " + " or ".join(f"'{c}'" for c in near) + "?)"
    if len(choices) <= 12:
        return f" (the {label} are: " + ", ".join(choices) + ")"
    return f" (see the list of {label} in the field reference)"


class Field:
    """A field of a record: its help text, whether it is required, its default (filled
    in by the loader, so nothing downstream decides it again), its check, and whether
    its page shows it among the facts."""

    type_name = "value"

    def __init__(self, help: str, required: bool = False, example: str = "", default=None, fact: bool = True):
        self.help = help
        self.required = required
        self.example = example
        self.default = default
        self.fact = fact

    def check(self, value: object, ctx: Context) -> Messages:
        raise NotImplementedError


class Text(Field):
    """Plain text: no HTML, no control characters, optionally limited in length."""

    type_name = "text"

    def __init__(self, help: str, max_length: int | None = None, spaces: bool = False, **kw):
        super().__init__(help, **kw)
        self.max_length = max_length
        self.spaces = spaces  # a value of spaces alone is text (a separator: " ", U+00A0)

    def check(self, value, ctx):
        if not isinstance(value, str):
            yield (), f"{describe(value)} is not text (write plain text)"
            return
        if not value or (not value.strip() and not self.spaces):
            yield (), "is empty (write some text or remove the field)"
            return
        yield from plain_text_problems(value, ctx.messages)
        if self.max_length and len(value.strip()) > self.max_length:
            length = len(value.strip())
            yield (), ctx.messages["too_long"].format(length=length, limit=self.max_length, over=length - self.max_length)


def plain_text_problems(value: str, messages: dict = MESSAGES) -> Messages:
    """Problems of text that is shown as plain text: HTML tags, control characters."""
    control = _CONTROL.search(value)
    if control:
        yield (), (
            f"contains the invisible control character U+{ord(control.group()):04X} "
            "(delete it; plain text only)"
        )
    tag = _TAG.search(value)
    if tag:
        yield (), messages["html"].format(tag=describe(tag.group()))


class Year(Field):
    """A year as a whole number within a range; the upper bound may be this year."""

    type_name = "year"

    def __init__(self, help: str, minimum: int = 2008, maximum: int | None = None, until: str = "", running: str = "", **kw):
        super().__init__(help, **kw)
        self.minimum = minimum
        self.maximum = maximum
        self.until = until  # the field holding the year it ended, shown with it ("2015–2018")
        self.running = running  # the true/false field saying it still runs ("2015 – ongoing")

    def check(self, value, ctx):
        highest = self.maximum or ctx.this_year
        if isinstance(value, str) and value.strip().isdigit():
            yield (), f"{describe(value)} is text, not a number (write {value.strip()} without quotes)"
        elif isinstance(value, bool) or not isinstance(value, int):
            yield (), f"{describe(value)} is not a year (write a year such as {highest})"
        elif not self.minimum <= value <= highest:
            yield (), ctx.messages["year_range"].format(value=value, minimum=self.minimum, maximum=highest)


class Number(Field):
    """A number (whole or decimal) within a range: a coordinate, a population."""

    type_name = "number"

    def __init__(self, help: str, minimum: float, maximum: float, whole: bool = False, **kw):
        super().__init__(help, **kw)
        self.minimum = minimum
        self.maximum = maximum
        self.whole = whole

    def check(self, value, ctx):
        kind = "a whole number" if self.whole else "a number"
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (self.whole and not isinstance(value, int)):
            yield (), f"{describe(value)} is not {kind} (write {kind} such as {self.example or self.minimum}, without quotes)"
        elif not self.minimum <= value <= self.maximum:
            yield (), f"{value} is not between {self.minimum} and {self.maximum}"


class Boolean(Field):
    type_name = "true/false"

    def check(self, value, ctx):
        if not isinstance(value, bool):
            yield (), f"{describe(value)} is not true or false (write true or false)"


class Choice(Field):
    """One of a fixed list of values."""

    type_name = "one of"

    def __init__(self, help: str, choices: tuple, **kw):
        super().__init__(help, **kw)
        self.choices = choices

    def check(self, value, ctx):
        if value not in self.choices or not isinstance(value, str):
            yield (), f"{describe(value)} is not allowed" + closest(value, self.choices, "allowed values")


class ChoiceList(Choice):
    """Some of a fixed list of values, without repeats."""

    type_name = "some of"

    def check(self, value, ctx):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            yield (), f"{describe(value)} is not a list (write [value, value])"
            return
        for index, item in enumerate(value):
            for sub, message in super().check(item, ctx):
                yield (index,) + sub, message
            if value.index(item) != index:
                yield (index,), f"{describe(item)} is listed twice (remove one)"


class Ref(Field):
    """The id of an entry in a registry (a topic, a city, a kind...)."""

    type_name = "id"

    def __init__(self, help: str, registry: str, label: str, detail: str = "", reverse: str = "", **kw):
        super().__init__(help, **kw)
        self.registry = registry  # a registry, or the plural of a record type
        self.label = label
        self.detail = detail  # a field of the entry shown beside its name (a kind's definition)
        self.reverse = reverse  # the fact the named records show in return ("adapted_in")

    def check(self, value, ctx):
        known = ctx.ids.get(self.registry, set())
        if self.registry in ctx.unreadable and isinstance(value, str):
            return  # its own file's problem says why; one message, not one per record
        if isinstance(value, bool):
            yield (), (
                f"{describe(value)} is not a {self.label} id (YAML reads unquoted no, yes, on and off "
                'as true or false: put the id in quotes, such as "NO")'
            )
        elif not isinstance(value, str):
            yield (), f"{describe(value)} is not a {self.label} id (write an id such as {min(known, default='x')})"
        elif value not in known:
            yield (), f"unknown {self.label} '{value}'" + closest(value, known, self.label + " ids")


class RefList(Ref):
    """A list of registry ids, without repeats."""

    type_name = "list of ids"

    def __init__(self, help: str, registry: str, label: str, min_items: int = 0, **kw):
        super().__init__(help, registry, label, **kw)
        self.min_items = min_items

    def check(self, value, ctx):
        if isinstance(value, str):
            value = [value]  # a single id is a list of one
        if not isinstance(value, list):
            yield (), f"{describe(value)} is not a list of {self.label} ids (write [id, id])"
            return
        if len(value) < self.min_items:
            yield (), ctx.messages["too_few"].format(minimum=self.min_items, label=self.label)
        seen = set()
        for index, item in enumerate(value):
            for sub, message in super().check(item, ctx):
                yield (index,) + sub, message
            if isinstance(item, str) and item in seen:
                yield (index,), f"'{item}' is listed twice (remove one)"
            seen.add(item if isinstance(item, str) else None)


class TextList(Field):
    """A list of short plain-text items."""

    type_name = "list of text"

    def __init__(self, help: str, max_length: int = 300, separator: str = "; ", **kw):
        super().__init__(help, **kw)
        self.item = Text(help, max_length=max_length)
        self.separator = separator  # between the items where they are shown

    def check(self, value, ctx):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            yield (), f"{describe(value)} is not a list (write [item, item] or one '- item' per line)"
            return
        for index, item in enumerate(value):
            for sub, message in self.item.check(item, ctx):
                yield (index,) + sub, message


class Url(Field):
    """An absolute web address (http or https) or a mailto: address."""

    type_name = "address"

    def check(self, value, ctx):
        if not isinstance(value, str) or not value.strip():
            yield (), f"{describe(value)} is not a web address (write https://...)"
        elif not value.strip().lower().startswith(_SAFE_SCHEMES):
            yield (), f"{describe(value)} is not allowed: addresses must start with https:// or http://"
        elif _CONTROL.search(value) or re.search(r"[\s<>\"]", value.strip()):
            yield (), f"{describe(value)} contains spaces or characters not allowed in an address"


class Language(Field):
    """A two-letter ISO 639-1 language code."""

    type_name = "language code"

    def check(self, value, ctx):
        if not isinstance(value, str) or value not in codes.LANGUAGES:
            yield (), f"{describe(value)} is not a two-letter language code" + closest(
                value, codes.LANGUAGES, "language codes"
            )


class Country(Field):
    """A two-letter ISO 3166-1 country code, in capitals."""

    type_name = "country code"

    def check(self, value, ctx):
        if isinstance(value, str) and value.upper() in codes.COUNTRIES and value != value.upper():
            yield (), f"{describe(value)} must be in capitals (write {value.upper()})"
        elif not isinstance(value, str) or value not in codes.COUNTRIES:
            yield (), f"{describe(value)} is not a two-letter ISO country code such as ES or FR"


class Slug(Field):
    """An id: lowercase letters, digits and hyphens."""

    type_name = "id"

    def check(self, value, ctx):
        if not isinstance(value, str) or not _SLUG.match(value):
            yield (), f"{describe(value)} is not a valid id (use lowercase letters, digits and hyphens)"


class LanguageVersions(Field):
    """Language versions of a document: language code -> address, or empty if unknown."""

    type_name = "language versions"

    def check(self, value, ctx):
        if not isinstance(value, dict) or not value:
            yield (), f"{describe(value)} is not a list of language versions (write 'en: https://...' lines, one per language)"
            return
        for code, url in value.items():
            yield from (((code,) + sub, msg) for sub, msg in Language("").check(code, ctx))
            if url is not None:
                yield from (((code,) + sub, msg) for sub, msg in Url("").check(url, ctx))


class Group(Field):
    """A group of named sub-fields, declared like a record."""

    type_name = "group"

    def __init__(self, help: str, fields: dict, **kw):
        super().__init__(help, **kw)
        self.fields = fields

    def check(self, value, ctx):
        if not isinstance(value, dict):
            yield (), f"{describe(value)} is not a group of fields ({', '.join(self.fields)})"
            return
        yield from check_fields(value, self.fields, ctx)


class GroupList(Field):
    """A list of groups of sub-fields (links, resources)."""

    type_name = "list"

    def __init__(self, help: str, fields: dict, min_items: int = 0, **kw):
        super().__init__(help, **kw)
        self.group = Group(help, fields)
        self.fields = fields
        self.min_items = min_items

    def check(self, value, ctx):
        if not isinstance(value, list):
            yield (), f"{describe(value)} is not a list (start each entry with '- ')"
            return
        if len(value) < self.min_items:
            yield (), f"needs at least {self.min_items} entry"
        for index, item in enumerate(value):
            for sub, message in self.group.check(item, ctx):
                yield (index,) + sub, message


def check_fields(data: dict, fields: dict, ctx: Context) -> Messages:
    """Check a mapping against declared fields: unknown, missing, empty and bad values."""
    for key in data:
        if key not in fields:
            yield (key,), f"unknown field '{key}'" + closest(key, fields, "allowed fields")
    for name, spec in fields.items():
        if name not in data:
            if spec.required:
                yield (name,), ctx.messages["missing"].format(name=name, example=spec.example or "...")
            continue
        value = data[name]
        if value is None or value == "" or value == [] or value == {}:
            if spec.required:
                yield (name,), ctx.messages["empty"].format(example=spec.example or "a value")
            continue
        for sub, message in spec.check(value, ctx):
            yield (name,) + sub, message


def with_defaults(data: dict, fields: dict) -> dict:
    """``data`` with the declared default of every field it leaves out."""
    missing = {name: spec.default for name, spec in fields.items() if spec.default is not None and name not in data}
    return {**data, **missing} if missing else data
