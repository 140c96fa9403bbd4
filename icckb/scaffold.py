"""New records and translations, written ready to validate.

``record_text`` turns the answers (from options or prompts) into a file with the
required fields, the body sections laid out and a short guidance comment in each;
the answers are checked with the same fields as ``icckb validate`` before anything
is written.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

from . import schema
from .corpus import Corpus, field_label
from .fields import Context, GroupList, LanguageVersions, Ref, RefList, Year, check_fields

# What each practice section should tell readers (shown as a comment in the new file).
GUIDANCE = {
    "Purpose": "What did the city want to achieve, and for whom?",
    "Context": "Why was it needed? What was the local situation?",
    "What was done": "The steps, the people and organisations involved, the timeline.",
    "Results": "What changed? Give evidence: figures, evaluations, testimonies.",
    "Lessons learnt": "What would you do differently? What should another city know before trying it?",
}


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")[:60].strip("-") or "new-record"


def check_answers(record_type: schema.RecordType, meta: dict, corpus: Corpus) -> list:
    """The problems of the answers, worded as ``icckb validate`` words them."""
    ids = {registry.name: set(corpus.registry(registry.name)) for registry in schema.REGISTRIES}
    ids.update({t.plural: set(corpus.records[t.name]) for t in schema.RECORD_TYPES})
    return [f"{field_label(sub)}: {message}" for sub, message in check_fields(meta, record_type.fields, Context(ids=ids))]


# How an answer, typed as text, becomes a field's value.
def _ids(text: str) -> list:
    return [part.strip() for part in str(text).split(",") if part.strip()]


def answer_value(spec, text: str, corpus: Corpus):
    """The value of a field from the text of an answer ("bergen, oslo" for a list of ids).
    Raises ValueError with a message for the editor."""
    if isinstance(spec, RefList):
        return _ids(text)
    if isinstance(spec, Year):
        try:
            return int(str(text).strip())
        except ValueError:
            raise ValueError(f"{str(text)!r} is not a year (write a year such as 2020)") from None
    if isinstance(spec, LanguageVersions):
        return {code: None for code in _ids(text)}
    if isinstance(spec, GroupList):
        return entries_from(spec, _ids(text), corpus)
    return str(text).strip()


def linked_type(spec: GroupList) -> tuple:
    """(sub-field, record type) of the sub-field of a list that names a record, if any."""
    types = {t.plural: t for t in schema.RECORD_TYPES}
    for name, sub in spec.fields.items():
        if isinstance(sub, Ref) and sub.registry in types:
            return name, types[sub.registry]
    return None, None


def entries_from(spec: GroupList, slugs: list, corpus: Corpus) -> list:
    """Entries of a list (a toolkit's resources) made from existing records: each takes
    the record's values of its sub-fields and names the record."""
    key, record_type = linked_type(spec)
    found = []
    for slug in slugs:
        record = corpus.records[record_type.name].get(slug) if record_type else None
        if record is None:
            folder = record_type.folder if record_type else "?"
            raise ValueError(f"unknown {record_type.name if record_type else 'record'} '{slug}' (its file would be {folder}/{slug}.md)")
        entry = {name: record.meta[name] for name in spec.fields if name in record.meta and name != key}
        found.append({**{k: dict(v) if isinstance(v, dict) else v for k, v in entry.items()}, key: slug})
    return found


def record_text(record_type: schema.RecordType, meta: dict) -> str:
    """The new file: front matter in the schema's order, then the body to write."""
    ordered = {name: meta[name] for name in record_type.fields if name in meta}
    front = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=100, default_flow_style=None)
    hints = "# Optional fields: " + ", ".join(n for n in record_type.fields if n not in ordered) + "\n"
    hints += "# See the field reference: icckb fields (or /contribute/fields/ on the site).\n"
    if record_type.sections:
        body = "\n".join(f"## {s}\n\n<!-- {GUIDANCE.get(s, '')} -->\n" for s in record_type.sections)
    else:
        body = f"<!-- Describe the {record_type.name}: what it covers, for whom, and how cities use it. -->\n"
    return f"---\n{front}{hints}---\n\n{body}"


def translation_text(record, lang: str) -> str:
    """A translation to fill in: the original's translatable text and body, to be
    translated, not yet reviewed."""
    meta = {key: record.meta[key] for key in record.type.translatable if record.meta.get(key)}
    front = yaml.safe_dump({**meta, "reviewed": False}, allow_unicode=True, sort_keys=False, width=100)
    note = (
        f"<!-- Translate the text below into '{lang}'. When you have checked it against the\n"
        f"     original, run: icckb translations mark <this file> -->\n\n"
    )
    return f"---\n{front}---\n\n{note}{record.body.strip()}\n"
