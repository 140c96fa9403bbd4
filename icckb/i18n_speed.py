"""A linear-cost replacement for one step of mkdocs-static-i18n (MkDocs adapter).

mkdocs-static-i18n 1.3 works out every page's language alternates in every language
pass by creating a fresh ``File`` for each (page, language) pair, so a build of L
languages creates pages x L x L of them: at 300 practices in 11 languages that step
alone was a third of the build. The result of each creation depends only on the source
file and the target language, so this version computes each pair once per build and
reuses it in the later passes, with the same choice of alternate as upstream.

This module and ``icckb.engine`` are the only ones besides the hooks that know MkDocs.
"""

from __future__ import annotations

from types import MethodType


def install(plugin) -> None:
    """Replace the plugin's alternates step by the cached one (idempotent, per plugin
    instance: ``mkdocs serve`` creates a new instance, and so a new cache, each build)."""
    if getattr(plugin, "_icckb_alternates", None) is None:
        plugin._icckb_alternates = {}
        plugin.reconfigure_files_alternates = MethodType(reconfigure_files_alternates, plugin)


def reconfigure_files_alternates(self, i18n_src_uris, i18n_alternate_src_uris, mkdocs_config, create_i18n_file):
    """Same rule as upstream: the version written in the language, else (with fallback)
    the default-language version, else the page itself moved to that language."""
    cache = self._icckb_alternates
    default = self.default_language

    def moved(file, lang):
        # One File per (source, language) and build: its address never changes.
        key = (file.src_uri, lang)
        if key not in cache:
            cache[key] = create_i18n_file(file, lang, default, self.all_languages, mkdocs_config)
        return cache[key]

    for build_lang in sorted(self.build_languages):
        for i18n_src_uri, i18n_file in i18n_src_uris.items():
            if build_lang in i18n_file.alternates:
                continue
            candidates = [moved(file, build_lang) for file in i18n_alternate_src_uris.get(i18n_src_uri, [])]
            chosen = next((c for c in candidates if c.locale == build_lang), None)
            if chosen is None and self.config.fallback_to_default:
                chosen = next((c for c in candidates if c.locale == default), None)
                if chosen is None:
                    itself = moved(i18n_file, build_lang)
                    chosen = itself if itself.locale == default else None
            if chosen is not None:
                i18n_file.alternates[build_lang] = chosen
