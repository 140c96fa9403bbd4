"""What the build does with the knowledge base, independent of the site engine.

The MkDocs hooks call ``prepare`` once per build and ``page_parts`` once per page;
another engine would call the same two functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import corpus, pages, render, staging
from .problems import report
from .project import Project

# Staged folder -> record type name.
_TYPE_OF_FOLDER = {"practices": "practice", "policy-briefs": "publication", "toolkits": "toolkit"}


class BuildError(Exception):
    """The records have problems: the message is the same report as ``icckb validate``."""


@dataclass
class Site:
    """The loaded knowledge base of one build, shared by every language."""

    corpus: corpus.Corpus
    staging: Path

    def record(self, src_uri: str):
        """The record a staged page shows (original or translation), or None."""
        folder, _, name = src_uri.partition("/")
        type_name = _TYPE_OF_FOLDER.get(folder)
        if type_name is None or "/" in name or not name.endswith(".md"):
            return None
        return self.corpus.records[type_name].get(name[:-3].split(".")[0])


def prepare(config_file: Path) -> Site:
    """Load and validate everything, then stage sources and generated pages."""
    project = Project.from_config_file(config_file)
    loaded = corpus.load(project)
    if loaded.problems:
        raise BuildError(report(loaded.problems, loaded.checked))
    try:
        folder = staging.sync(project.root, pages.generate(loaded))
    except staging.StagingError as error:
        raise BuildError(str(error)) from None
    return Site(loaded, folder)


def page_parts(site: Site, src_uri: str, lang: str) -> tuple:
    """(HTML before the body, HTML after the body) for a page, or None if not a record."""
    record = site.record(src_uri)
    if record is None:
        return None
    before = [render.heading(record, lang)]
    if record.get("status") == "archived":
        before.append(f'<div class="admonition warning icckb-archived"><p>{render.escape(render.label(lang, "archived_notice"))}</p></div>')
    before.append(render.facts_box(record, site.corpus, lang))
    after = [render.resources_table(record, site.corpus, lang)] if record.type.name == "toolkit" else []
    return "\n".join(before), "\n".join(after)
