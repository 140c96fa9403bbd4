"""Site search: what Pagefind indexes on each page, and running Pagefind once per build.

Pagefind builds a chunked index per ``<html lang>``, so readers search only their own
language and download only the chunks their query needs. Untranslated site pages are
left out of each language's index; records are always in it (see build.mark_for_search).
"""

from __future__ import annotations

import subprocess
import sys
from html import escape
from pathlib import Path

from .corpus import Corpus, Record


class SearchError(Exception):
    pass


def filters(record: Record, corpus: Corpus) -> list:
    """(filter, value) pairs a record is found by in search and the databases."""
    meta = record.meta
    cities = corpus.registry("cities")
    own = [c for c in meta.get("cities") or [] if c in cities]
    found = [("type", record.type.name), ("status", meta.get("status", "active"))]
    found += [("topic", t) for t in meta.get("topics") or []]
    found += [("city", c) for c in own]
    found += [("country", code.lower()) for code in sorted({cities[c]["country"] for c in own})]
    found += [("network", n) for n in sorted({n for c in own for n in cities[c].get("networks") or []})]
    found += [("target_group", g) for g in meta.get("target_groups") or []]
    found += [("kind", meta["kind"])] if meta.get("kind") else []
    found += [("language", code) for code in meta.get("languages") or {}]
    found += [("year", str(meta["year"]))] if meta.get("year") else []
    return found


def record_data(record: Record, corpus: Corpus, lang: str) -> str:
    """Hidden filters, sort key and metadata of a record page, for search and the database."""
    meta, vocab = record.meta, corpus.vocabulary(lang)
    own = [c for c in meta.get("cities") or [] if c in corpus.registry("cities")]
    metadata = [
        ("type", record.type.name),
        ("summary", record.text("summary", lang)[0]),
        ("place", ", ".join(vocab.city(c) for c in own)),
        ("year", str(meta.get("year") or "")),
        ("topics", ", ".join(vocab.topic(t) for t in meta.get("topics") or [])),
    ]
    spans = [f'<span data-pagefind-filter="{name}">{escape(value)}</span>' for name, value in filters(record, corpus)]
    spans += [f'<span data-pagefind-meta="{name}">{escape(value)}</span>' for name, value in metadata if value]
    if meta.get("year"):
        spans.append(f'<span data-pagefind-sort="year">{int(meta["year"]):04d}</span>')
    return '<div class="icckb-search-data" hidden data-pagefind-ignore>' + "".join(spans) + "</div>"


def mark_page(html: str, page_type: str | None, indexed: bool) -> str:
    """Let Pagefind index this page's content (unless it is a fallback), with its type."""
    if not indexed:
        return html
    attrs = " data-pagefind-body"
    if page_type:
        attrs += f' data-pagefind-filter="type:{page_type}" data-pagefind-meta="type:{page_type}"'
    return html.replace('<article class="md-content__inner md-typeset">', f'<article class="md-content__inner md-typeset"{attrs}>', 1)


def index(site_dir: Path) -> str:
    """Run Pagefind over the built site; returns its report."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise SearchError(f"Pagefind could not index the site:\n{result.stdout}{result.stderr}")
    return result.stdout
