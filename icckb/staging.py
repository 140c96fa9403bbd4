"""The build's source folder: sources linked in, generated pages written beside them.

MkDocs and mkdocs-static-i18n only handle files under ``docs_dir``, and generated
pages must be real files there. So the build reads a git-ignored staging folder that
holds a link to every source file (``docs/``, ``practices/`` -> ``practices/``,
``policy_briefs/`` -> ``policy-briefs/``) and the generated pages. Only what changed
is touched, so ``mkdocs serve`` sees no spurious changes and does not loop.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection
from pathlib import Path

from . import schema
from .project import files_under

FOLDER = ".icckb/pages"


def sources() -> dict:
    """Source folder (from the project root) -> its folder in the staged tree: the site's
    pages at the root, each record type's folder at its address (one inside docs/ comes
    with it: docs/toolkits is served at toolkits/)."""
    types = sorted(schema.source_types(), key=lambda t: len(t.folder))
    found: dict = {}
    for record_type in types:
        if not any(record_type.folder.startswith(folder + "/") for folder in found):
            found[record_type.folder] = record_type.url
    return found


def staged_name(source: str) -> str:
    """Where a source file (path from the project root) is in the staged tree."""
    for folder, staged in sources().items():
        if source.startswith(folder + "/"):
            rest = source[len(folder) + 1:]
            return f"{staged}/{rest}" if staged else rest
    return source


class StagingError(Exception):
    pass


def watched_folders(root: Path) -> list:
    """The folders whose edits change the site: the sources and the registries (``data/``),
    not the staging folder (the build rewrites it, and a change there would start another)."""
    return [root / name for name in (*sources(), "data") if (root / name).is_dir()]


def source_files(root: Path) -> dict:
    """Staged path -> source file, for every file of the source folders (hidden ones aside)."""
    files = {}
    for source, staged in sources().items():
        for relative, entry in files_under(root / source):
            if entry.is_file():
                files[f"{staged}/{relative}" if staged else relative] = root / source / relative
    return files


def sync(root: Path, generated: dict, exclude: Collection[str] = frozenset(), sources: dict | None = None) -> Path:
    """Make the staging folder hold exactly the linked sources (but ``exclude``d ones,
    given as paths from the root) and the generated pages. ``sources``: the result of
    ``source_files(root)``, if the caller has it already."""
    target = root / FOLDER
    sources = source_files(root) if sources is None else sources
    links = {name: path for name, path in sources.items() if source_name(root, path) not in exclude}
    clash = sorted(set(links) & set(generated))
    if clash:
        raise StagingError(
            f"{source_name(root, links[clash[0]])} has the address of a page the build generates "
            f"({clash[0]}); rename or remove it"
        )
    target.mkdir(parents=True, exist_ok=True)
    for name, source in links.items():
        _link(target / name, source)
    for name, text in generated.items():
        _write(target / name, text)
    _prune(target, set(links) | set(generated))
    return target


def _link(path: Path, source: Path) -> None:
    """A symlink to ``source``, or a copy where links are not possible."""
    try:
        if os.readlink(path) == str(source):
            return
    except OSError:  # not there, or not a link
        pass
    if path.exists() or path.is_symlink():
        if not path.is_symlink() and path.read_bytes() == source.read_bytes():
            return
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.symlink_to(source)
    except OSError:
        shutil.copyfile(source, path)


def _write(path: Path, text: str) -> None:
    """Write ``text`` unless the file already holds it."""
    data = text.encode("utf-8")
    if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
        return
    if path.is_symlink():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _prune(target: Path, keep: set) -> None:
    """Remove staged files that no longer have a source, then empty folders."""
    top = str(target)
    for dirpath, _, filenames in os.walk(top, topdown=False):
        prefix = dirpath[len(top) + 1:].replace(os.sep, "/")
        for name in filenames:
            if (f"{prefix}/{name}" if prefix else name) not in keep:
                os.unlink(os.path.join(dirpath, name))
        if dirpath != top and not os.listdir(dirpath):
            os.rmdir(dirpath)


def source_name(root: Path, path: Path) -> str:
    """A source's path from the project root, with '/' (sources are found under it)."""
    return str(path)[len(str(root)) + 1:].replace(os.sep, "/")
