"""Translation status: which records and pages are translated, outdated or missing.

A translation records the revision of its original it was made from as
``source_hash``: a short hash of the original's translatable text (title, summary,
body), written by ``icckb translations mark``. When the original changes, the hash no
longer matches and the translation is reported as outdated. No git history needed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import frontmatter

from . import schema, vocabulary
from .corpus import Corpus, Record

FIELD = "source_hash"
PAGES_FOLDER = "docs"
STATUSES = ("translated", "outdated", "missing")
_BOUNDARY = frontmatter.YAMLHandler.FM_BOUNDARY


def text_hash(*parts: object) -> str:
    """A short, stable hash of some text (whitespace at line ends ignored)."""
    normal = "\n".join(line.rstrip() for part in parts for line in str(part or "").strip().splitlines())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


def record_hash(record: Record) -> str:
    """The revision of an original: its translatable text and its body."""
    return text_hash(*(record.meta.get(key) for key in record.type.translatable), record.body)


@dataclass(frozen=True)
class Item:
    """One original in one language."""

    collection: str  # practices, publications, toolkits, pages
    original: str  # path of the original
    title: str
    translation: str | None  # path of the translation, if any
    status: str  # translated, outdated or missing
    note: str = ""  # why it is outdated
    reviewed: bool = False  # whether a fluent reviewer has checked the translation


def status(corpus: Corpus) -> dict:
    """lang -> [Item] for every language but the default one."""
    originals = []  # (collection, path, title, current hash, {lang: (path, recorded hash)})
    for records in [*(corpus.records[t.name] for t in schema.RECORD_TYPES), corpus.pages]:
        for record in sorted(records.values(), key=lambda r: r.slug):
            found = {lang: (t.path, t.meta.get(FIELD), t.meta.get("reviewed") is True) for lang, t in record.translations.items()}
            originals.append((record.type.plural, record.path, record.meta.get("title") or record.slug, record_hash(record), found))
    result = {}
    for lang in corpus.project.languages[1:]:
        items = []
        for collection, path, title, current, found in originals:
            translation, recorded, reviewed = found.get(lang, (None, None, False))
            state = "missing" if translation is None else ("translated" if recorded == current else "outdated")
            note = "" if state != "outdated" else ("its original changed" if recorded else "not yet marked as checked against it")
            items.append(Item(collection, path, title, translation, state, note, reviewed))
        result[lang] = items
    return result


def summary(items: list) -> dict:
    counts = {state: sum(1 for item in items if item.status == state) for state in STATUSES}
    counts["unreviewed"] = sum(1 for item in items if item.translation and not item.reviewed)
    return counts


def missing_labels(corpus: Corpus) -> dict:
    """lang -> the interface labels its vocabulary does not translate yet."""
    return {lang: corpus.vocabulary(lang).missing_labels() for lang in corpus.project.languages[1:]}


def as_json(report: dict, labels: dict | None = None) -> dict:
    return {
        "languages": {
            lang: {**summary(items), "missing_labels": (labels or {}).get(lang, []), "items": [asdict(item) for item in items]}
            for lang, items in report.items()
        }
    }


def as_text(report: dict, labels: dict | None = None) -> str:
    lines = []
    for lang, items in report.items():
        counts = summary(items)
        lines.append(f"{lang}: {counts['translated']} translated, {counts['outdated']} outdated, {counts['missing']} missing, "
                     f"{counts['unreviewed']} not yet reviewed")
        for item in items:
            if item.status == "outdated":
                lines.append(f"  outdated    {item.translation} ({item.note}: compare it with {item.original}, then run icckb translations mark {item.translation})")
        for item in items:
            if item.status == "missing":
                lines.append(f"  missing     {item.original}")
        for item in items:
            if item.translation and not item.reviewed:
                lines.append(f"  unreviewed  {item.translation} (once a fluent reviewer has checked it: icckb translations mark {item.translation} --reviewed)")
        missing = (labels or {}).get(lang, [])
        if missing:
            lines.append(f"  labels      {len(missing)} interface labels not translated in {vocabulary.FOLDER}/{lang}.yml: {', '.join(missing)}")
    return "\n".join(lines)


def mark(root: Path, path: Path, corpus: Corpus, reviewed: bool = False) -> str:
    """Record in a translation the hash of its original as it is now (and, with
    ``reviewed``, that a fluent reviewer has checked it); returns the hash."""
    shown = path.resolve().relative_to(root.resolve()).as_posix()
    for items in status(corpus).values():
        for item in items:
            if item.translation == shown:
                current = _current_hash(root, item, corpus)
                write_field(path, FIELD, current)
                if reviewed:
                    write_field(path, "reviewed", "true")
                return current
    raise ValueError(f"{shown} is not a translation of a record or page (name it <original>.<language>.md beside its original)")


def _current_hash(root: Path, item: Item, corpus: Corpus) -> str:
    for records in [*corpus.records.values(), corpus.pages]:
        for record in records.values():
            if record.path == item.original:
                return record_hash(record)
    raise ValueError(f"{item.original} not found")


def write_field(path: Path, key: str, value: str) -> None:
    """Set ``key: value`` in a file's front matter, leaving every other line as it is."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines or not _BOUNDARY.match(lines[0]):
        lines[:0] = ["---", f"{key}: {value}", "---", ""]
    else:
        end = next((i for i in range(1, len(lines)) if _BOUNDARY.match(lines[i])), None)
        if end is None:
            raise ValueError(f"{path.name}: front matter has no closing '---' line")
        pattern = re.compile(rf"^{re.escape(key)}\s*:")
        existing = next((i for i in range(1, end) if pattern.match(lines[i])), None)
        if existing is None:
            lines.insert(end, f"{key}: {value}")
        else:
            lines[existing] = f"{key}: {value}"
    path.write_text("\n".join(lines), encoding="utf-8")
