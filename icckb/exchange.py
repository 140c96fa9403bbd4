"""Translations to and from the formats translators' tools use: PO and XLIFF (written
and read by translate-toolkit).

A language's units are every translatable text of the site: each record's and page's
title and summary (or description) and each block of its body (a paragraph, heading,
list or table), and each entry of the vocabulary (interface labels, topic names and
definitions, kinds, glossary, networks, cities, countries, page titles, terminology).
A unit's id names where it lives (``practices/x.md#title``, ``practices/x.md#body-3``,
``vocabulary#topics.anti-rumours.name``); it carries the English source, the current
translation, its status (missing, outdated, unreviewed, translated) and the revision of
the original it was exported from.

Import writes only what changed, in place (a changed block or field, nothing around
it), after checking every changed unit with the validator's rules; when anything is
wrong, it writes nothing and reports each problem as ``FILE:line: unit: message``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from translate.storage import po, xliff

from . import corpus, fields, sanitize, schema, translations, vocabulary
from .labels import ENGLISH
from .problems import Problem
from .project import Project

VOCABULARY = "vocabulary"  # the id prefix of vocabulary units
_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n+")
_FENCE = re.compile(r"^(```|~~~)")


class ExchangeError(Exception):
    """The file cannot be read as PO or XLIFF, or names no language of the site."""


@dataclass
class Unit:
    id: str
    source: str
    target: str = ""
    status: str = "missing"  # missing, outdated, unreviewed, translated
    source_hash: str = ""
    note: str = ""


# -- bodies as blocks ---------------------------------------------------------------


def blocks(body: str) -> list:
    """The blocks of a Markdown body (paragraphs, headings, lists, tables...), a fenced
    code block whole; with ``join``, gives the body back."""
    parts: list = []
    current: list = []
    fenced = False
    for line in body.strip("\n").split("\n"):
        if _FENCE.match(line.strip()):
            fenced = not fenced
        if not line.strip() and not fenced:
            if current:
                parts.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        parts.append("\n".join(current))
    return parts


def join(parts: list) -> str:
    return "\n\n".join(parts)


# -- what a language has to translate ------------------------------------------------


def units(loaded: corpus.Corpus, lang: str) -> list:
    """Every translatable unit of ``lang``: of each record and page, then of the vocabulary."""
    found = []
    for records in [*(loaded.records[t.name] for t in schema.RECORD_TYPES), loaded.pages]:
        for record in sorted(records.values(), key=lambda r: r.path):
            found += record_units(record, lang)
    return found + vocabulary_units(loaded, lang)


def record_units(record: corpus.Record, lang: str) -> list:
    translation = record.translations.get(lang)
    current = translations.record_hash(record)
    if translation is None:
        status = "missing"
    elif translation.meta.get(translations.FIELD) != current:
        status = "outdated"
    else:
        status = "translated" if translation.meta.get("reviewed") is True else "unreviewed"
    found = []
    for key in record.type.translatable:
        if record.meta.get(key):
            target = str((translation.meta if translation else {}).get(key) or "")
            found.append(Unit(f"{record.path}#{key}", str(record.meta[key]).strip(), target.strip(), status if target else "missing", current))
    originals = blocks(record.body)
    theirs = blocks(translation.body) if translation else []
    paired = len(theirs) == len(originals)
    for number, text in enumerate(originals, 1):
        target = theirs[number - 1] if paired else ""
        note = "" if paired or not translation else f"the translation has {len(theirs)} blocks, the original {len(originals)}: translate each block"
        found.append(Unit(f"{record.path}#body-{number}", text, target, status if target else "missing", current, note))
    return found


def vocabulary_units(loaded: corpus.Corpus, lang: str) -> list:
    vocab = loaded.vocabulary(lang)
    data = vocab.data
    found = [Unit(f"{VOCABULARY}#labels.{key}", text, str((data.get("labels") or {}).get(key) or "")) for key, text in ENGLISH.items()]
    for section, (registry, subfields) in vocabulary.SECTIONS.items():
        if registry in (None, "terminology", "pages"):
            continue
        for id_, entry in loaded.registry(registry).items():
            translated = (data.get(section) or {}).get(id_)
            for key in subfields or {"name": None}:
                source = entry.get(key) if subfields else entry.get("name")
                if not isinstance(source, str) or not source:
                    continue
                target = translated.get(key) if isinstance(translated, dict) else (translated if not subfields else None)
                path = f"{section}.{id_}.{key}" if subfields else f"{section}.{id_}"
                found.append(Unit(f"{VOCABULARY}#{path}", source.strip(), str(target or "").strip()))
    for slug, page in sorted(loaded.pages.items()):
        if page.meta.get("title"):
            found.append(Unit(f"{VOCABULARY}#pages.{slug}", page.meta["title"], str((data.get("pages") or {}).get(slug) or "")))
    for unit in found:
        if unit.id.startswith(VOCABULARY) and unit.target:
            unit.status = "translated"
    return found


# -- writing and reading the formats ---------------------------------------------------


def export(project: Project, lang: str, form: str) -> bytes:
    """The units of ``lang`` as a PO or XLIFF file."""
    loaded = corpus.load(project)
    if lang not in project.languages[1:]:
        raise ExchangeError(f"the site has no language {lang!r} to translate into (its languages are: {', '.join(project.languages[1:])})")
    store: po.pofile | xliff.xlifffile
    if form == "po":
        store = po.pofile()
        store.updateheader(add=True, Language=lang, X_Generator="icckb")
    else:
        store = xliff.xlifffile(sourcelanguage=project.default_language, targetlanguage=lang)
        store.setfilename(store.getfilenode("NoName"), "icckb")
    for unit in units(loaded, lang):
        entry = store.UnitClass(unit.source)
        store.addunit(entry)
        if form == "po":
            entry.setcontext(unit.id)
        else:
            entry.setid(unit.id)
        if unit.target:
            entry.target = unit.target
        entry.addnote("\n".join(filter(None, [f"status: {unit.status}", f"source-hash: {unit.source_hash}" if unit.source_hash else "", unit.note])),
                      origin="developer")
        if unit.status in ("outdated", "unreviewed"):
            entry.markfuzzy(True)
    return bytes(store)


def read(path: Path) -> tuple:
    """(language, [(unit id, source, target, source hash, line in the file)]) of a PO or XLIFF file."""
    data = path.read_bytes()
    text = data.decode("utf-8", errors="replace")
    try:
        if text.lstrip().startswith("<?xml") or "<xliff" in text[:500]:
            store = xliff.xlifffile.parsestring(data)
            lang = store.gettargetlanguage() or ""
            ids = [(u.getid().split("\x04")[-1], u) for u in store.units]
            marker = 'id="{}"'  # how a unit's line is found in the file
        else:
            store = po.pofile.parsestring(data)
            lang = (store.parseheader().get("Language") or "").strip()
            ids = [(u.getcontext(), u) for u in store.units if not u.isheader()]
            marker = 'msgctxt "{}"'
    except Exception as error:  # translate-toolkit's parsers raise many kinds
        raise ExchangeError(f"{path.name} cannot be read as PO or XLIFF ({error})") from None
    lines = text.split("\n")
    found = []
    for id_, unit in ids:
        notes = unit.getnotes("developer") or ""
        hashed = re.search(r"source-hash: (\S+)", notes)
        line = next((n for n, text in enumerate(lines, 1) if marker.format(id_) in text), 1)
        found.append((id_, str(unit.source or ""), str(unit.target or ""), hashed.group(1) if hashed else "", line))
    return lang, found


# -- importing -------------------------------------------------------------------------


@dataclass
class Changes:
    """What an import changes: new file texts by path, and the problems found."""

    files: dict = field(default_factory=dict)  # path from the root -> new text
    problems: list = field(default_factory=list)
    changed: list = field(default_factory=list)  # unit ids whose translation changes


def import_file(project: Project, path: Path, write: bool = True) -> Changes:
    """Apply the translations of a PO or XLIFF file: check them, then (if nothing is
    wrong and ``write``) write the changed files."""
    lang, read_units = read(path)
    if lang not in project.languages[1:]:
        raise ExchangeError(f"{path.name} is for language {lang!r}, which is not one of the site's other languages ({', '.join(project.languages[1:])})")
    loaded = corpus.load(project)
    current = {unit.id: unit for unit in units(loaded, lang)}
    shown = path.name
    changes = Changes()
    edits: dict = {}  # file -> {unit id: new target}
    for id_, _, target, source_hash, line in read_units:
        unit = current.get(id_)
        if unit is None:
            changes.problems.append(Problem(shown, line, id_, "is not a unit of this site (export the language again)"))
            continue
        if target.strip() == unit.target or not target.strip():
            continue
        for message in _unit_problems(id_, target, loaded):
            changes.problems.append(Problem(shown, line, id_, message))
        edits.setdefault(id_.split("#")[0], {})[id_] = (target.strip(), source_hash or unit.source_hash, line)
        changes.changed.append(id_)
    if changes.problems:
        return changes
    for source, unit_edits in edits.items():
        try:
            if source == VOCABULARY:
                name = f"{vocabulary.FOLDER}/{lang}.yml"
                changes.files[name] = _vocabulary_text(project.root / name, unit_edits)
            else:
                name, text = _record_text(loaded, source, lang, unit_edits)
                changes.files[name] = text
        except ValueError as error:
            first = min(edit[2] for edit in unit_edits.values())
            changes.problems.append(Problem(shown, first, next(iter(unit_edits)), str(error)))
    if not changes.problems:
        changes.problems += _whole_files_problems(project, changes, shown, edits)
    if write and not changes.problems:
        for name, text in changes.files.items():
            (project.root / name).parent.mkdir(parents=True, exist_ok=True)
            (project.root / name).write_text(text, encoding="utf-8")
    return changes


def _unit_problems(id_: str, target: str, loaded: corpus.Corpus) -> list:
    """The validator's rules for one unit: plain text for fields and vocabulary entries
    (with a label's placeholders), the sanitizer's for a body block."""
    source, _, where = id_.partition("#")
    if where.startswith("body-"):
        return [message for _, message in sanitize.body_problems(target, corpus.markdown_renderer(loaded.project))]
    found = [message for _, message in fields.Text("", max_length=schema.SUMMARY_LIMIT if where == "summary" else 1000).check(target, fields.Context())]
    if source == VOCABULARY and where.startswith("labels."):
        found += list(vocabulary._placeholder_problems(where[len("labels."):], target))
    return found


def _record_text(loaded: corpus.Corpus, source: str, lang: str, edits: dict) -> tuple:
    """(path, text) of a record's or page's translation with ``edits`` applied: in place
    in an existing translation, else a new file with every unit."""
    record = next((r for records in [*loaded.records.values(), loaded.pages] for r in records.values() if r.path == source), None)
    if record is None:
        raise ValueError(f"{source} is not a record or page of this site")
    stem = source[:-3]
    name = f"{stem}.{lang}.md"
    hashed = next(iter(edits.values()))[1]
    translation = record.translations.get(lang)
    originals = blocks(record.body)
    if translation is None:
        keys = [k for k in record.type.translatable if record.meta.get(k)]
        missing = [f"{source}#{k}" for k in keys if f"{source}#{k}" not in edits] + \
                  [f"{source}#body-{n}" for n in range(1, len(originals) + 1) if f"{source}#body-{n}" not in edits]
        if missing:
            raise ValueError(f"a new translation needs every unit of {source}; missing: {', '.join(missing[:5])}")
        front = {k: edits[f"{source}#{k}"][0] for k in keys}
        meta = yaml.safe_dump({**front, "reviewed": False, translations.FIELD: hashed}, allow_unicode=True, sort_keys=False, width=100)
        body = join([edits[f"{source}#body-{n}"][0] for n in range(1, len(originals) + 1)])
        return name, f"---\n{meta}---\n\n{body}\n"
    path = loaded.project.root / name
    text = path.read_text(encoding="utf-8")
    theirs = blocks(translation.body)
    edited = {int(id_.rpartition("#body-")[2]): target for id_, (target, _, _) in edits.items() if "#body-" in id_}
    if edited and len(theirs) != len(originals):
        # Blocks that do not match the original's one to one: the body is translated anew, whole.
        if sorted(edited) != list(range(1, len(originals) + 1)):
            raise ValueError(f"{name} has {len(theirs)} blocks, its original {len(originals)}: translate every block of it, or edit it by hand")
        text = text[: text.index("\n---", 3) + 5] + "\n" + join([edited[n] for n in sorted(edited)]) + "\n"
        edited = {}
    for number, target in edited.items():
        text = _replace_block(text, theirs, number, target)
        theirs[number - 1] = target
    for id_, (target, _, _) in edits.items():
        if "#body-" not in id_:
            text = _set_front(text, id_.partition("#")[2], target)
    text = _set_front(text, translations.FIELD, hashed)
    return name, text


def _replace_block(text: str, theirs: list, number: int, new: str) -> str:
    """A file with the ``number``-th block of its body replaced by ``new``."""
    offset = text.index("\n---", 3) + 4  # past the front matter
    for index, block in enumerate(theirs, 1):
        at = text.find(block, offset)
        if at < 0:
            raise ValueError("a block of the translation could not be found again (edit it by hand)")
        if index == number:
            return text[:at] + new + text[at + len(block):]
        offset = at + len(block)
    raise ValueError(f"the translation has no block {number}")


def _set_front(text: str, key: str, value: str) -> str:
    """A file with ``key`` of its front matter set to ``value``: its own lines replaced,
    or a line added before the closing '---'."""
    if not text.startswith("---\n"):
        raise ValueError("the translation does not start with front matter")
    end = text.index("\n---", 3) + 1
    line = yaml.safe_dump({key: value}, allow_unicode=True, width=10_000, sort_keys=False).rstrip("\n")
    node = yaml.compose(text[4:end])
    for key_node, value_node in getattr(node, "value", []):
        if key_node.value == key:
            start, stop = 4 + key_node.start_mark.index, 4 + value_node.end_mark.index
            return text[:start] + line + _trailing_newlines(text[start:stop]) + text[stop:]
    return text[:end] + line + "\n" + text[end:]


def _trailing_newlines(span: str) -> str:
    """The line ends a YAML value's span takes with it (a block scalar's), to give back."""
    return span[len(span.rstrip("\n")):]


def _vocabulary_text(path: Path, edits: dict) -> str:
    """The vocabulary file with each edited entry set, in place where it exists, else
    added at the end of its section."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    for id_, (target, _, _) in edits.items():
        keys = id_.partition("#")[2].split(".")
        text = _set_yaml(text, keys, target)
    return text


def _set_yaml(text: str, keys: list, value: str) -> str:
    """YAML text with the scalar at ``keys`` set to ``value``; missing mappings are added."""
    node = yaml.compose(text) if text.strip() else None
    rendered = yaml.safe_dump(value, allow_unicode=True, width=10_000).rstrip("\n")
    rendered = rendered[:-4].rstrip("\n") if rendered.endswith("\n...") else rendered
    depth, parent = 0, node
    while parent is not None and depth < len(keys):
        child = next((v for k, v in parent.value if k.value == keys[depth]), None) if isinstance(parent, yaml.MappingNode) else None
        if child is None:
            break
        if depth == len(keys) - 1:
            start, stop = child.start_mark.index, child.end_mark.index
            return text[:start] + rendered + _trailing_newlines(text[start:stop]) + text[stop:]
        parent, depth = child, depth + 1
    # Add the missing keys: at the end of the deepest mapping found, indented under it.
    lines = [("  " * (depth + n)) + f"{key}:" for n, key in enumerate(keys[depth:-1])]
    lines.append(("  " * (len(keys) - 1)) + f"{keys[-1]}: {rendered}")
    addition = "\n".join(lines) + "\n"
    if parent is None or depth == 0:
        return text.rstrip("\n") + ("\n" if text.strip() else "") + addition
    at = parent.end_mark.index
    before = text[:at]
    return before.rstrip("\n") + "\n" + addition + text[at:].lstrip("\n")


def _whole_files_problems(project: Project, changes: Changes, shown: str, edits: dict) -> list:
    """Load a copy of the project with the new files and report what the validator says
    of them, at the line of their first changed unit."""
    with tempfile.TemporaryDirectory(prefix="icckb-import-") as work:
        copy = Path(work) / "site"
        shutil.copytree(project.root, copy, ignore=shutil.ignore_patterns(".git", "site", ".icckb", "node_modules"))
        for name, text in changes.files.items():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            (copy / name).write_text(text, encoding="utf-8")
        loaded = corpus.load(Project(copy, project.languages, project.markdown_extensions), only=[copy / n for n in changes.files])
    found = []
    for problem in loaded.problems:
        source = VOCABULARY if problem.path.startswith(vocabulary.FOLDER) else re.sub(r"\.[a-z]{2}\.md$", ".md", problem.path)
        first = min((edit[2] for edit in edits.get(source, {}).values()), default=1)
        found.append(Problem(shown, first, source, f"{problem.path}:{problem.line}: {problem.field}: {problem.message}"))
    return found
