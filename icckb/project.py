"""Where the project lives and which languages its site has."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from .addresses import Addresses, resolve

CONFIG_FILE = "mkdocs.yml"

# Top-level folders of a built site that hold no pages: theme assets, search, exports.
NOT_PAGES = frozenset({"assets", "pagefind", "api"})


def default_language_roots(site_dir: Path, languages: tuple) -> list:
    """Names at the root of a built site under which the default language's pages are:
    everything but the other languages' folders and the folders that hold no pages."""
    return sorted(p.name for p in site_dir.iterdir() if p.name not in languages[1:] and p.name not in NOT_PAGES)


def files_under(folder: Path, hidden: bool = False):
    """(path from ``folder`` such as 'a/b.md', its ``os.DirEntry``) for everything under
    ``folder`` that is not a folder, without a file-system look-up per file (``os.scandir``
    knows each entry's type); folders reached by a link are not entered, and hidden
    names are left out unless ``hidden``."""
    yield from _entries(str(folder), "", hidden)


def _entries(folder: str, prefix: str, hidden: bool):
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        if entry.name.startswith(".") and not hidden:
            continue
        if not entry.is_dir():
            yield prefix + entry.name, entry
        elif not entry.is_symlink():
            yield from _entries(entry.path, f"{prefix}{entry.name}/", hidden)


@dataclass(frozen=True)
class Project:
    """The project root and the site's languages (the default one first)."""

    root: Path
    languages: tuple = ("en",)
    markdown_extensions: tuple = ()  # (name, options) of mkdocs.yml's markdown_extensions
    addresses: Addresses = Addresses()  # where the site and its sources live, if known

    @property
    def site_url(self) -> str:
        return self.addresses.site_url

    @property
    def repo_url(self) -> str:
        return self.addresses.repo_url

    @property
    def branch(self) -> str:
        return self.addresses.branch

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def folder_of(self, lang: str) -> str:
        """The folder of a language's pages in the built site: the root for the default one."""
        return "" if lang == self.default_language else lang

    @classmethod
    def from_config_file(cls, config_file: Path, env: Mapping | None = None) -> Project:
        """Read an ``mkdocs.yml``: the languages of its i18n plugin entry, its Markdown
        extensions, and the site's addresses (from it, else from ``env``, the process's
        environment by default)."""
        config_file = Path(config_file)
        with open(config_file, encoding="utf-8") as stream:
            config = yaml.load(stream, Loader=_TolerantLoader) or {}
        root = config_file.parent.resolve()
        addresses = resolve(config, dict(os.environ if env is None else env), root)
        return cls(root, languages_of(i18n_options(config)), extensions_of(config), addresses)


# MkDocs renders every page with these, whatever mkdocs.yml says.
MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")


def extensions_of(config: dict) -> tuple:
    """(name, options) of the Markdown extensions MkDocs renders pages with."""
    found: dict = {}
    for entry in [*MKDOCS_EXTENSIONS, *(config.get("markdown_extensions") or [])]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if isinstance(name, str):
            found[name] = {**found.get(name, {}), **(options or {})}
    return tuple(found.items())


def i18n_options(config: dict) -> dict:
    """The options of the ``i18n`` plugin in a loaded ``mkdocs.yml``, or {}."""
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "i18n" in entry:
            return entry["i18n"] or {}
    return {}


def languages_of(options: dict) -> tuple:
    """Locales of the i18n options, the default first (English if none is set)."""
    locales = [lang.get("locale") for lang in options.get("languages") or [] if isinstance(lang, dict)]
    defaults = [lang.get("locale") for lang in options.get("languages") or [] if isinstance(lang, dict) and lang.get("default")]
    default = defaults[0] if defaults else (locales[0] if locales else "en")
    return (default,) + tuple(code for code in locales if code and code != default)


class _TolerantLoader(yaml.SafeLoader):
    """Loads ``mkdocs.yml`` ignoring its Python tags (``!!python/name:...``, ``!ENV``)."""


_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
