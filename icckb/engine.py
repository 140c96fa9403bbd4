"""Builds the site with MkDocs one language at a time, in parallel processes, and merges
the languages into one site (MkDocs adapter).

The knowledge base is loaded, checked, cross-indexed and staged once, before any
language is built; each process receives it ready (the processes are forked) and runs
mkdocs-static-i18n's pass for its languages only. Every pass writes into a folder of
its own, so passes never race on a shared file; the merge then moves each pass's files
into the site and requires any file two passes both wrote (the theme's assets) to be
identical. Search index, headers and sitemap are made once, over the merged site.

This module, ``icckb.adapters`` and the hooks are the only ones that know MkDocs.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from . import build, search
from .adapters import i18n
from .adapters import mkdocs as adapter
from .project import Project

log = logging.getLogger("mkdocs.icckb")

# ``icckb serve --lang``: the hooks then build only this language.
ONLY_LANGUAGE = "ICCKB_LANGUAGE"

# In a build process: the state it inherited (the prepared site, and its caches of
# rendered bodies and language alternates, shared by the passes the process runs).
_inherited: dict = {}


class MergeError(Exception):
    """Two language passes wrote different files at the same place."""


def build_only(config, lang: str) -> None:
    """Make the next MkDocs build one language pass of ``lang`` (see ``adapters.i18n``)."""
    languages = adapter.state_of(config).site.corpus.project.languages
    if config.plugins.get("i18n") is None or lang not in languages:
        raise PluginError(f"'{lang}' is not one of the site's languages ({', '.join(languages)})")
    i18n.build_only(config, lang)


def build_site(config_file: Path, site_dir: Path | None = None, jobs: int = 1, languages: tuple = (),
               strict: bool = False, finish: bool = True) -> Path:
    """Build ``languages`` (default: all) with ``jobs`` processes into ``site_dir``; with
    ``finish``, also the search index, headers and sitemap. Returns the site folder."""
    config_file = Path(config_file).resolve()
    settings = load_config(str(config_file))
    site_dir = Path(site_dir or settings.site_dir).resolve()
    site = build.prepare(config_file)
    for level, message in build.report_lines(site):
        getattr(log, level)(message)
    every = site.corpus.project.languages
    unknown = [lang for lang in languages if lang not in every]
    if unknown:
        raise build.BuildError(f"unknown language {unknown[0]!r}: the site's languages are {', '.join(every)}")
    chosen = [lang for lang in every if lang in languages] if languages else list(every)

    # Each language is built into a folder of its own and, for a whole site, indexed for
    # search there at once, while the other process goes on building.
    passes = site_dir.parent / f".{site_dir.name}.languages"
    shutil.rmtree(passes, ignore_errors=True)
    folders = [passes / lang for lang in chosen]
    search_parts = [(lang, passes / f"{lang}.search") for lang in chosen] if finish else None
    args = [(str(config_file), lang, str(folder), strict, every, finish) for lang, folder in zip(chosen, folders, strict=True)]
    started = time.monotonic()
    if jobs <= 1:
        state = adapter.BuildState(site)
        for one in args:
            _language_pass(*one, state=state)
    else:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_inherit, initargs=(site,)) as pool:
            list(pool.map(_language_pass, *zip(*args, strict=True)))
    log.info(f"{len(chosen)} languages built in {time.monotonic() - started:.1f} s with {jobs} processes")
    shutil.rmtree(site_dir, ignore_errors=True)
    merge(folders, site_dir)
    if finish:
        build.finish(site_dir, site.corpus.project, search_parts)
    shutil.rmtree(passes, ignore_errors=True)
    return site_dir


def merge(folders: list, site_dir: Path) -> None:
    """Move every file of ``folders`` (language passes or partial sites) into ``site_dir``.
    A file already there must be identical: two passes must never disagree."""
    site_dir.mkdir(parents=True, exist_ok=True)
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_dir():
                continue
            target = site_dir / path.relative_to(folder)
            if target.exists():
                if target.read_bytes() != path.read_bytes():
                    raise MergeError(f"{path.relative_to(folder)} differs between {Path(folder).name} and an earlier part; "
                                     "a language pass wrote outside its own folder")
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)


def merge_site(parts: list, site_dir: Path, config_file: Path) -> Path:
    """Join partial sites (``icckb build --lang ... --no-finish``) into the whole site,
    refusing one without every language, then index it for search."""
    project = Project.from_config_file(config_file)
    merge(parts, site_dir)
    missing = missing_languages(site_dir, project)
    if missing:
        raise MergeError(f"the parts hold no pages in {', '.join(missing)}; build them with "
                         + " ".join(f"--lang {lang}" for lang in missing) + " --no-finish and merge again")
    build.finish(site_dir, project)
    return site_dir


def missing_languages(site_dir: Path, project: Project) -> list:
    """Languages whose home page is not in a merged site (a part was not built)."""
    return [lang for lang in project.languages if not (site_dir / project.folder_of(lang) / "index.html").is_file()]


def _inherit(site) -> None:
    """Run once in each build process as it starts."""
    _inherited["state"] = adapter.BuildState(site)


def _language_pass(config_file: str, lang: str, site_dir: str, strict: bool, languages: tuple, index: bool,
                   state: adapter.BuildState | None = None) -> None:
    """One mkdocs-static-i18n language pass into ``site_dir``; with ``index``, its
    search index into ``<site_dir>.search``."""
    config = load_config(config_file, site_dir=site_dir, strict=strict)
    adapter.keep_state(config, state or _inherited["state"])
    build_only(config, lang)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build.build(config)
    finally:
        config.plugins.on_shutdown()
    if index:
        search.index_language(Path(site_dir), lang, languages, Path(site_dir + ".search"))
