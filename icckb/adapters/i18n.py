"""mkdocs-static-i18n internals (checked against 1.3.1; ``pyproject.toml`` pins the
1.3 series).

Used here, and only here:

- ``plugin.current_language`` and ``plugin.building``: the language of the pass being
  built, and whether it is one of the passes the plugin runs for the other languages.
- its ``on_nav`` looks for the home page in the navigation only: it is given it.
- ``plugin.i18n_files_per_language``: every pass's pages, kept for the sitemap the
  build replaces; cleared so that each pass's pages can be freed.
- ``plugin.reconfigure_files_alternates``: replaced by a linear-cost version. 1.3 works
  out every page's language alternates in every language pass by creating a fresh
  ``File`` for each (page, language) pair, so a build of L languages creates
  pages x L x L of them: at 300 practices in 11 languages that step alone was a third
  of the build. The result of each creation depends only on the source file and the
  target language, so this version computes each pair once per build, and only when a
  page being rendered asks for it, with the same choice of alternate as upstream.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MethodType

REPLACED = ("reconfigure_files_alternates", "i18n_files_per_language", "current_language", "building")


class UnsupportedVersion(Exception):
    """The installed mkdocs-static-i18n no longer has what this module relies on."""


def check(plugin) -> None:
    """Fail loudly, naming what is missing, if an upgrade removed what is used here."""
    missing = [name for name in REPLACED if not hasattr(plugin, name)]
    if missing:
        raise UnsupportedVersion(
            f"mkdocs-static-i18n {_version()} has no {', '.join(missing)}, which this build relies on "
            "(checked against 1.3.1): install the 1.3 series (pip install 'mkdocs-static-i18n>=1.3.1,<1.4') "
            "or update icckb/adapters/i18n.py"
        )


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mkdocs-static-i18n")
    except PackageNotFoundError:
        return "(unknown version)"


def install(plugin, cache: dict) -> None:
    """Replace the plugin's alternates step by one that keeps each (page, language)
    alternate in ``cache``: a dict that lives as long as the build (``mkdocs build``
    runs every language pass with one plugin, ``icckb build`` with one per pass)."""
    check(plugin)
    plugin._icckb_alternates = cache
    plugin.reconfigure_files_alternates = MethodType(reconfigure_files_alternates, plugin)


def language(config, default: str) -> str:
    """The language of this pass (the default one before the plugin has set it)."""
    plugin = config.plugins.get("i18n")
    return (plugin.current_language if plugin else None) or default


def in_language_pass(config) -> bool:
    """Whether this is one of the passes the plugin runs for the other languages (its own
    on_post_build builds them; the outer, default-language pass is not one)."""
    plugin = config.plugins.get("i18n")
    return bool(plugin and plugin.building)


def build_only(config, lang: str) -> None:
    """Make the next MkDocs build one language pass: the plugin builds ``lang`` into its
    final place (``/`` for the default language, ``/<lang>/`` otherwise) and does not go
    on to the other languages."""
    plugin = config.plugins.get("i18n")
    plugin.current_language, plugin.building = lang, True


def find_homepage(nav, files, url: str) -> None:
    """Tell the plugin which page is this language's home page: it looks for it in the
    navigation only (and warns without it), and the home page has no tab of its own.
    ``url``: the home page's address, '' for the default language (the plugin writes it './')."""
    if nav.homepage is None:
        urls = {url, url or "./"}
        nav.homepage = next((f.page for f in files.documentation_pages() if f.url in urls and f.page is not None), None)


def release_passes(config) -> None:
    """Let each pass's pages go once it is built (kept for a sitemap no longer rendered)."""
    plugin = config.plugins.get("i18n")
    if plugin:
        plugin.i18n_files_per_language.clear()


class Alternates(Mapping):
    """A page's version in each language, chosen when first asked for."""

    def __init__(self, known: dict, languages: list, choose):
        self._known = dict(known)  # lang -> File, or None where there is no version
        self._order = list(dict.fromkeys([*self._known, *languages]))  # its own first, as upstream
        self._choose = choose

    def __getitem__(self, lang):
        if lang not in self._known and lang in self._order:
            self._known[lang] = self._choose(lang)
        if self._known.get(lang) is None:
            raise KeyError(lang)
        return self._known[lang]

    def __iter__(self):
        return (lang for lang in self._order if lang in self)

    def __len__(self):
        return sum(1 for _ in self)


def reconfigure_files_alternates(self, i18n_src_uris, i18n_alternate_src_uris, mkdocs_config, create_i18n_file):
    """Same rule as upstream: the version written in the language, else (with fallback)
    the default-language version, else the page itself moved to that language."""
    cache = self._icckb_alternates
    default = self.default_language
    languages = sorted(self.build_languages)

    def moved(file, lang):
        # One File per (source, language) and build: its address never changes (only
        # its address is used: it is the language switcher's link).
        key = (file.src_uri, lang)
        if key not in cache:
            cache[key] = create_i18n_file(file, lang, default, self.all_languages, mkdocs_config)
        return cache[key]

    def chooser(i18n_src_uri, i18n_file):
        def choose(lang):
            candidates = [moved(file, lang) for file in i18n_alternate_src_uris.get(i18n_src_uri, [])]
            chosen = next((c for c in candidates if c.locale == lang), None)
            if chosen is None and self.config.fallback_to_default:
                chosen = next((c for c in candidates if c.locale == default), None)
                if chosen is None:
                    itself = moved(i18n_file, lang)
                    chosen = itself if itself.locale == default else None
            return chosen
        return choose

    for i18n_src_uri, i18n_file in i18n_src_uris.items():
        i18n_file.alternates = Alternates(i18n_file.alternates, languages, chooser(i18n_src_uri, i18n_file))
