"""New records and translations, written ready to validate.

``record_text`` turns the answers (from options or prompts) into a file with the
required fields, the body sections laid out and a short guidance comment in each;
the answers are checked with the same fields as ``icckb validate`` before anything
is written.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from . import schema
from .corpus import Corpus, field_label
from .fields import Context, check_fields

TYPES = {t.name: t for t in schema.RECORD_TYPES}

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
    ctx = Context(ids={**_ids(corpus), "publications": set(corpus.records["publication"])})
    return [f"{field_label(sub)}: {message}" for sub, message in check_fields(meta, record_type.fields, ctx)]


def _ids(corpus: Corpus) -> dict:
    return {registry.name: set(corpus.registry(registry.name)) for registry in schema.REGISTRIES}


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


def resources_from(publications: list, corpus: Corpus) -> list:
    """Toolkit resources taken from existing publication records."""
    found = []
    for slug in publications:
        record = corpus.records["publication"].get(slug)
        if record is None:
            raise ValueError(f"unknown publication '{slug}' (its file would be policy_briefs/{slug}.md)")
        found.append({
            "title": record.meta["title"], "kind": record.meta["kind"], "year": record.meta["year"],
            "languages": dict(record.meta["languages"]), "publication": slug,
        })
    return found


def translation_text(original: Path, lang: str) -> str:
    """A translation to fill in: the original's title, summary and body, to be translated."""
    import frontmatter

    post = frontmatter.load(original)
    meta = {key: post[key] for key in ("title", "summary") if key in post.metadata}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)
    note = (
        f"<!-- Translate the title, the summary and the text below into '{lang}'. When you have checked it\n"
        f"     against the original, run: icckb translations mark <this file> -->\n\n"
    )
    return f"---\n{front}---\n\n{note}{post.content.strip()}\n"
