"""Site search: what Pagefind indexes on each page, and running Pagefind once per build.

Pagefind builds a chunked index per ``<html lang>``, so readers search only their own
language and download only the chunks their query needs. Untranslated site pages are
left out of each language's index; records are always in it (see build.mark_for_search).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path

import cbor2

from . import schema
from .adapters import material
from .corpus import Corpus, Record
from .project import default_language_roots


class SearchError(Exception):
    pass


def filters(record: Record, corpus: Corpus) -> list:
    """(filter, value) pairs a record is found by in search and the databases: its type,
    then its values in every browse family."""
    found = [("type", record.type.name)]
    for family in schema.FAMILIES:
        found += [(family.name, family.slug(value)) for value in family.values(record.meta, record.type.fields, corpus.registry)]
    return found


# A word on every record page: the databases ask for it instead of searching without a
# word (null), which makes Pagefind fetch its whole word index (it looks the empty word up
# in every chunk): 750 KB at 1,000 practices, before the first results. Kept out of the
# excerpts the search page shows.
EVERY_RECORD = "icckbrecord"


def record_data(record: Record, corpus: Corpus, lang: str) -> str:
    """Hidden filters, sort key and metadata of a record page, for search and the database."""
    meta, vocab = record.meta, corpus.vocabulary(lang)
    # Where it took place: its cities, or for a network's own practice, the network.
    place = [vocab.city(c) for c in meta.get("cities") or []] or [vocab.entry("networks", n) for n in meta.get("networks") or []]
    metadata = [
        ("type", record.type.name),
        ("summary", record.text("summary", lang)[0]),
        ("place", ", ".join(place)),
        ("year", str(meta.get("year") or "")),
        ("topics", ", ".join(vocab.topic(t) for t in meta.get("topics") or [])),
    ]
    spans = [f'<span data-pagefind-filter="{name}">{escape(value)}</span>' for name, value in filters(record, corpus)]
    spans += [f'<span data-pagefind-meta="{name}">{escape(value)}</span>' for name, value in metadata if value]
    # Pagefind leaves out of a sorted list every page without the key: a record whose
    # year is not stated sorts as 0000, after the dated ones.
    spans.append(f'<span data-pagefind-sort="year">{int(meta.get("year") or 0):04d}</span>')
    spans.append(f'<span data-pagefind-sort="title">{escape(record.text("title", lang)[0].casefold())}</span>')
    return ('<div class="icckb-search-data" hidden data-pagefind-ignore>' + "".join(spans) + "</div>"
            f'<span class="icckb-every" hidden>{EVERY_RECORD}</span>')


# The "¶" of every heading's permanent link is no word of the page: out of titles and excerpts.
HEADING_LINKS = "a.headerlink"


def mark_page(html: str, page_type: str | None, indexed: bool) -> str:
    """Let Pagefind index this page's content (unless it is a fallback), with its type."""
    if not indexed:
        return html
    attrs = " data-pagefind-body"
    if page_type:
        attrs += f' data-pagefind-filter="type:{page_type}" data-pagefind-meta="type:{page_type}"'
    return material.mark_article(html, attrs)


def index(site_dir: Path, languages: tuple) -> None:
    """Run Pagefind over the built site, one language per run (one run over every
    language held all of them in memory: 3.5 GB at 3,000 practices in 11 languages),
    as many runs at once as there are cores, and join the languages' indexes."""
    with tempfile.TemporaryDirectory(prefix="icckb-search-") as work:
        parts = [(lang, Path(work) / lang) for lang in languages]
        with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
            list(pool.map(lambda part: index_language(site_dir, part[0], languages, part[1]), parts))
        join(parts, site_dir / "pagefind")


def index_language(site_dir: Path, lang: str, languages: tuple, out: Path) -> None:
    """Pagefind's index of the pages of ``lang`` in ``site_dir`` (a whole site, or one
    language pass of ``icckb build``: the same pages give the same index), into ``out``."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", _pages_of(site_dir, lang, languages),
         "--exclude-selectors", HEADING_LINKS, "--output-path", str(out), "--quiet"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise SearchError(f"Pagefind could not index the {lang} pages:\n{result.stdout}{result.stderr}")


def join(parts: list, bundle: Path) -> None:
    """One bundle from the per-language indexes ``[(lang, folder)]``, joined in that
    order, as one Pagefind run would have written it; then made reproducible."""
    shutil.rmtree(bundle, ignore_errors=True)
    for _, folder in parts:
        _join(folder, bundle)
    stabilize(bundle)


def _pages_of(site_dir: Path, lang: str, languages: tuple) -> str:
    """Pagefind's --glob for the pages of ``lang``: its folder, or for the default
    language, everything at the root but the other languages' folders."""
    if lang != languages[0]:
        return f"{lang}/**/*.html"
    tops = default_language_roots(site_dir, languages)
    return "{" + ",".join(f"{name}/**/*.html" if (site_dir / name).is_dir() else name for name in tops if (site_dir / name).is_dir() or name.endswith(".html")) + "}"


def _join(part: Path, bundle: Path) -> None:
    """Add one language's Pagefind output to the bundle: its own files, and its entry in
    pagefind-entry.json (the scripts and styles are the same in every output)."""
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8")) if entry_file.exists() else None
    for path in sorted(part.rglob("*")):
        target = bundle / path.relative_to(part)
        if path.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, target)
    if entry is not None:
        new = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))
        entry["languages"].update(new["languages"])
        entry_file.write_text(json.dumps(entry, separators=(",", ":")), encoding="utf-8")


# Pagefind's data files: gzip of this signature followed by CBOR.
_SIGNATURE = b"pagefind_dcd"


def stabilize(bundle: Path) -> None:
    """Make Pagefind's output the same on every run: it writes each language's filter
    tables, the list of them and the list of sort orders in hash-map order (Pagefind
    issue #638). Sort them,
    rename each rewritten file after its content, as Pagefind does, and point to them."""
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta_file = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_file)
        meta[3] = sorted([name, _sorted_filter(bundle / "filter", lang, digest)] for name, digest in meta[3])
        meta[4] = sorted(meta[4], key=lambda sort: sort[0])  # the sort orders (year, title), listed in the same random order
        info["hash"] = _write_named(meta_file, meta, lang, 10, "pagefind.{}.pf_meta")
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_file.write_text(json.dumps(entry, separators=(",", ":")), encoding="utf-8")


def _sorted_filter(folder: Path, lang: str, digest: str) -> str:
    """Rewrite one filter table with its values sorted; returns its new name."""
    path = folder / f"{digest}.pf_filter"
    name, values = _read(path)
    return _write_named(path, [name, sorted(values)], lang, 7, "{}.pf_filter")


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise SearchError(f"{path.name} is not a Pagefind data file this build can read")
    return cbor2.loads(data[len(_SIGNATURE):])


def _write_named(old: Path, value, lang: str, length: int, pattern: str) -> str:
    """Write ``value`` under a name made from its content; remove ``old``; return the name's hash part."""
    data = gzip.compress(_SIGNATURE + cbor2.dumps(value), mtime=0)
    digest = f"{lang}_{hashlib.sha256(data).hexdigest()[:length]}"
    new = old.with_name(pattern.format(digest))
    old.unlink()
    new.write_bytes(data)
    return digest
