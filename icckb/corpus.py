"""Load and validate every registry and record of a project.

``load(project)`` is the one entry point the build and ``icckb validate`` share: it
returns a Corpus holding the records, the registries and every problem found.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import markdown

from . import sanitize, schema, vocabulary
from .documents import Cache, Document, DocumentError, read
from .fields import Context, check_fields, with_defaults
from .problems import Problem
from .project import Project, files_under
from .yamlsource import YamlError, parse

_RECORD_NAME = re.compile(r"^(?P<slug>[^.]+?)(?:\.(?P<lang>[^.]+))?\.md$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Translation:
    lang: str
    path: str
    meta: dict
    body: str


@dataclass(eq=False)
class Record:
    """A validated record and its translations."""

    type: schema.RecordType
    slug: str
    path: str
    meta: dict
    body: str
    translations: dict = field(default_factory=dict)  # lang -> Translation

    @property
    def url(self) -> str:
        return self.type.url_of(self.slug)

    def get(self, key, default=None):
        return self.meta.get(key, default)

    def text(self, key: str, lang: str) -> tuple:
        """(value, language it is in): the translated title or summary, else the original's."""
        translation = self.translations.get(lang)
        if translation and translation.meta.get(key):
            return translation.meta[key], lang
        return self.meta[key], None


@dataclass
class Corpus:
    """Everything loaded from a project, with the problems found on the way."""

    project: Project
    registries: dict = field(default_factory=dict)  # name -> list of entries
    records: dict = field(default_factory=dict)  # type name -> {slug: Record}
    pages: dict = field(default_factory=dict)  # the site's own pages: path in docs/ without .md -> Record
    vocabularies: dict = field(default_factory=dict)  # lang -> Vocabulary
    problems: list = field(default_factory=list)
    checked: int = 0
    translation_files: set = field(default_factory=set)  # translations and vocabularies, by shown path
    _by_id: dict = field(default_factory=dict)  # registry name -> {id: entry}, once loaded

    def registry(self, name: str) -> dict:
        """Entries of a registry by id (indexed once: pages and exports ask many times)."""
        if name not in self._by_id:
            entries = self.registries.get(name, [])
            self._by_id[name] = {e["id"]: e for e in entries if isinstance(e, dict) and "id" in e}
        return self._by_id[name]

    def all_registries(self) -> dict:
        return {registry.name: self.registry(registry.name) for registry in schema.REGISTRIES}

    def vocabulary(self, lang: str) -> vocabulary.Vocabulary:
        """The words of ``lang`` (English for the default language or one without a file)."""
        if lang not in self.vocabularies:
            self.vocabularies[lang] = vocabulary.Vocabulary(lang, self.all_registries())
        return self.vocabularies[lang]


def field_label(path: tuple) -> str:
    """('links', 0, 'url') -> 'links[0].url'."""
    label = str(path[0]) if path else "front matter"
    for part in path[1:]:
        label += f"[{part}]" if isinstance(part, int) else f".{part}"
    return label


def load(project: Project, only: list | None = None, this_year: int | None = None, languages: tuple = (),
         documents: Cache | None = None, report_in: str = "") -> Corpus:
    """Load the registries and records of ``project``; check only ``only`` files if given;
    read only the translations into ``languages`` if given (a one-language preview); take
    the records' files unchanged since an earlier load from ``documents`` if given; word
    the messages shared with the submission form in the language ``report_in``."""
    corpus = Corpus(project, records={t.name: {} for t in schema.RECORD_TYPES})
    ctx = Context() if this_year is None else Context(this_year=this_year)
    wanted = None if only is None else {_shown(project.root, Path(p)) for p in only}
    Loader(project, corpus, ctx, wanted, languages, documents, report_in).run()
    return corpus


class Loader:
    """One validation run: registries first, then every record and translation."""

    def __init__(self, project: Project, corpus: Corpus, ctx: Context, wanted: set | None, languages: tuple = (),
                 documents: Cache | None = None, report_in: str = ""):
        self.report_in = report_in
        self.languages = languages
        self.read_document = documents.read if documents is not None else read
        self.project = project
        self.root = project.root
        self.corpus = corpus
        self.ctx = ctx
        self.wanted = wanted
        self._markdown: Callable[[str], str] | None = None

    def render(self, body: str) -> str:
        """A body as the site's Markdown renders it (made once, for the bodies that need it)."""
        if self._markdown is None:
            self._markdown = markdown_renderer(self.project)
        render = self._markdown
        return render(body)

    def run(self) -> None:
        for registry in schema.REGISTRIES:
            self.load_registry(registry)
        files = {t.name: self.record_files(t) for t in schema.source_types()}
        # Records may name other records (a toolkit's publications, a practice's origins),
        # and vocabularies the site's pages: their ids come from file names.
        for record_type in schema.source_types():
            self.ctx.ids[record_type.plural] = {name[:-3] for name in files[record_type.name] if name.count(".") == 1}
        self.load_vocabularies()
        if self.report_in:
            self.ctx.messages = self.corpus.vocabulary(self.report_in).messages()
        for record_type in schema.source_types():
            self.load_records(record_type, files[record_type.name])
        if self.wanted is not None:
            self.report_unknown_paths()

    # -- helpers ---------------------------------------------------------

    def problem(self, path: str, line: int, field: str, message: str) -> None:
        if self.wanted is None or path in self.wanted:
            self.corpus.problems.append(Problem(path, line, field, message))

    def shown(self, path: Path) -> str:
        return _shown(self.root, path)

    def counts(self, shown: str) -> bool:
        """Whether a file is part of this run's report (and so of the count)."""
        if self.wanted is None or shown in self.wanted:
            self.corpus.checked += 1
            return True
        return False

    def read_yaml(self, file: Path, shown: str):
        """A data file parsed with its lines, or None after reporting why it cannot be."""
        try:
            return parse(file.read_text(encoding="utf-8"))
        except (YamlError, UnicodeDecodeError) as error:
            line, message = (error.line, error.message) if isinstance(error, YamlError) else (1, "is not UTF-8 text")
            self.problem(shown, line, "file", message)
            return None

    # -- registries ------------------------------------------------------

    def load_registry(self, registry: schema.Registry) -> None:
        """Load one ``data/*.yml`` list, check each entry, and publish its ids."""
        file = self.root / registry.path
        self.counts(registry.path)
        entries = self.read_registry(registry, file)
        if entries is None:
            self.ctx.unreadable.add(registry.name)
            entries = []
        self.ctx.ids[registry.name] = {e["id"] for e in entries if isinstance(e.get("id"), str)}
        self.corpus.registries[registry.name] = entries

    def read_registry(self, registry: schema.Registry, file: Path) -> list | None:
        """The entries of a registry file, or None when it cannot be read at all."""
        shown = registry.path
        if not file.exists():
            self.problem(shown, 1, "file", f"is missing ({registry.description.lower()} are listed here)")
            return None
        parsed = self.read_yaml(file, shown)
        if parsed is None:
            return None
        if not isinstance(parsed.value, list):
            self.problem(shown, 1, "file", "must be a list of entries, each starting with '- id: ...'")
            return None
        entries: list = []
        first_line: dict = {}
        for index, entry in enumerate(parsed.value):
            if not isinstance(entry, dict):
                self.problem(shown, parsed.line((index,)), f"entry {index + 1}", "is not a group of fields (start it with '- id: ...')")
                continue
            label = entry.get("id") if isinstance(entry.get("id"), str) else f"entry {index + 1}"
            for sub, message in check_fields(entry, registry.fields, self.ctx):
                self.problem(shown, parsed.line((index,) + sub), f"{label}: {field_label(sub)}", message)
            if label in first_line:
                self.problem(shown, parsed.line((index, "id")), f"{label}: id", f"is used twice (first on line {first_line[label]}); ids must be unique")
                continue
            first_line[label] = parsed.line((index, "id"))
            entry = with_defaults(entry, registry.fields)
            entries.append({**entry, **{key: derive(entry) for key, derive in registry.derived}})
        return entries

    # -- vocabularies ----------------------------------------------------

    def load_vocabularies(self) -> None:
        """Read and check ``data/i18n/<lang>.yml`` for each language that has one."""
        registries = self.corpus.all_registries()
        folder = self.root / vocabulary.FOLDER
        for file in sorted(folder.glob("*")) if folder.is_dir() else []:
            shown = self.shown(file)
            self.counts(shown)
            lang = file.stem
            self.corpus.translation_files.add(shown)
            if file.suffix != ".yml":
                self.problem(shown, 1, "file name", f"'{file.name}' is not a vocabulary file (name it <language code>.yml)")
                continue
            if lang not in self.project.languages or lang == self.project.default_language:
                self.problem(shown, 1, "file name", f"the site has no language '{lang}' to translate into (its languages are: {', '.join(self.project.languages[1:])})")
                continue
            parsed = self.read_yaml(file, shown)
            if parsed is None:
                continue
            data = parsed.value if parsed.value is not None else {}
            problems = list(vocabulary.check(data, self.ctx.ids, self.ctx))
            for sub, message in problems:
                self.problem(shown, parsed.line(sub), field_label(sub), message)
            if not problems:
                self.corpus.vocabularies[lang] = vocabulary.Vocabulary(lang, registries, data)

    # -- records ---------------------------------------------------------

    def record_files(self, record_type: schema.RecordType) -> list:
        """Names of the record files of a type, in order; those in subfolders are reported
        (unless the type's files may sit there), those in another type's folder left to it."""
        files = []
        others = tuple(t.folder[len(record_type.folder) + 1:] + "/" for t in schema.source_types()
                       if t.folder.startswith(record_type.folder + "/"))
        for name in _markdown_files(self.root / record_type.folder):
            if others and name.startswith(others):
                continue
            if "/" in name and not record_type.nested:
                shown = f"{record_type.folder}/{name}"
                self.counts(shown)
                self.problem(shown, 1, "file", f"is in a subfolder; {record_type.plural} go directly in {record_type.folder}/ (move it there)")
            else:
                files.append(name)
        return files

    def load_records(self, record_type: schema.RecordType, files: list) -> None:
        originals: list = []
        translations: list = []
        for name in files:
            shown = f"{record_type.folder}/{name}"
            if not self.counts(shown):
                continue
            match = _RECORD_NAME.match(name)
            if not match or not all(_SLUG.match(part) for part in match["slug"].split("/")):
                self.problem(shown, 1, "file name", f"'{name}' is not a valid name (use lowercase letters, digits and hyphens, such as {_suggest(name)})")
                continue
            if match["lang"] and self.languages and match["lang"] not in self.languages:
                continue
            (translations if match["lang"] else originals).append((self.root / shown, shown, match["slug"], match["lang"]))
        store = self.corpus.pages if record_type is schema.PAGE else self.corpus.records[record_type.name]
        for path, shown, slug, _ in originals:
            document = self.read(path, shown, record_type.front_matter)
            if document is not None:
                self.check_original(record_type, document)
                store[slug] = Record(record_type, slug, shown, with_defaults(document.meta, record_type.fields), document.body)
        for path, shown, slug, lang in translations:
            self.corpus.translation_files.add(shown)
            before = len(self.corpus.problems)
            document = self.read(path, shown, record_type.front_matter)
            if document is not None and self.check_translation(record_type, document, slug, lang) and len(self.corpus.problems) == before:
                if slug in store:
                    store[slug].translations[lang] = Translation(lang, shown, document.meta, document.body)

    def read(self, path: Path, shown: str, front_matter: bool = True) -> Document | None:
        try:
            return self.read_document(path, shown, front_matter)
        except DocumentError as error:
            self.problem(error.problem.path, error.problem.line, error.problem.field, error.problem.message)
            return None

    def check_original(self, record_type: schema.RecordType, doc: Document) -> None:
        for sub, message in check_fields(doc.meta, record_type.fields, self.ctx):
            self.problem(doc.path, doc.line(*sub), field_label(sub), message)
        for rule in record_type.rules:
            for key, message in rule(doc.meta, self.ctx.messages):
                self.problem(doc.path, doc.line(key), key, message)
        self.check_body(doc, record_type.sections, record_type.name)

    def check_translation(self, record_type: schema.RecordType, doc: Document, slug: str, lang: str) -> bool:
        original = f"{record_type.folder}/{slug}.md"
        ok = True
        if lang == self.project.default_language:
            self.problem(doc.path, 1, "file name", f"'{lang}' is the site's default language; edit the original {original} instead")
            ok = False
        elif lang not in self.project.languages:
            self.problem(doc.path, 1, "file name", f"the site has no language '{lang}' (its languages are: {', '.join(self.project.languages)})")
            ok = False
        if not (self.root / original).exists():
            self.problem(doc.path, 1, "file name", f"is a translation of {original}, which does not exist (check the name before the language code)")
            ok = False
        carried = schema.translation_fields(record_type)
        for key in doc.meta:
            if key in record_type.fields and key not in carried:
                self.problem(doc.path, doc.line(key), str(key), f"belongs to the original {original} alone; translations carry only {', '.join(carried)} and the body (remove it here)")
        unknown = {k: v for k, v in doc.meta.items() if k not in record_type.fields or k in carried}
        for sub, message in check_fields(unknown, carried, self.ctx):
            self.problem(doc.path, doc.line(*sub), field_label(sub), message)
        self.check_body(doc, ())
        return ok

    def check_body(self, doc: Document, sections: tuple, name: str = "") -> None:
        if not doc.body.strip():
            hint = "add the sections " + ", ".join(f"'## {s}'" for s in sections) if sections else "write the text below the front matter"
            self.problem(doc.path, doc.body_line, "body", f"is empty ({hint})")
            return
        for offset, message in sanitize.body_problems(doc.body, self.render):
            self.problem(doc.path, doc.body_line + offset, "body", message)
        headings = [h.strip().lower() for h in re.findall(r"^##\s+(.+?)\s*#*\s*$", doc.body, re.M)]
        for section in sections:
            if section.lower() not in headings:
                self.problem(doc.path, doc.body_line, "body", f"has no section '## {section}' (a {name}'s sections are: {', '.join(sections)})")

    def report_unknown_paths(self) -> None:
        known = {self.shown(self.root / r.path) for r in schema.REGISTRIES}
        folders = tuple(t.folder + "/" for t in schema.source_types()) + (vocabulary.FOLDER + "/",)
        for shown in sorted(self.wanted or ()):
            if shown in known or shown.startswith(folders):
                if not (self.root / shown).exists():
                    self.corpus.checked += 1
                    self.corpus.problems.append(Problem(shown, 1, "file", "does not exist"))
                continue
            self.corpus.checked += 1
            tops = [f for f in folders if f != vocabulary.FOLDER + "/" and not any(f != other and f.startswith(other) for other in folders)]
            self.corpus.problems.append(
                Problem(shown, 1, "file", "is not a record, page or registry (they live in " + ", ".join(tops) + " and data/)")
            )


def markdown_renderer(project: Project):
    """A function that renders Markdown to HTML as the site does (same extensions)."""
    md = markdown.Markdown(extensions=[name for name, _ in project.markdown_extensions],
                           extension_configs={name: options for name, options in project.markdown_extensions if options})

    def render(text: str) -> str:
        md.reset()
        return md.convert(text)
    return render


def _shown(root: Path, path: Path) -> str:
    """A path as messages show it: relative to the project root, with '/'."""
    path = Path(path)
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return absolute.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _markdown_files(folder: Path) -> list:
    """Paths ('a.md', 'sub/b.md') of the ``.md`` files under ``folder``, hidden ones too,
    in the order of ``sorted(folder.rglob("*.md"))``."""
    names = [name for name, _ in files_under(folder, hidden=True) if name.endswith(".md")]
    return sorted(names, key=lambda name: name.split("/"))


def _suggest(name: str) -> str:
    stem = name[:-3] if name.endswith(".md") else name
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "my-record"
    return f"{slug}.md"
