"""MkDocs adapter for the knowledge base: thin glue around ``icckb.build``.

All state lives on the build's config object, so it is shared by the i18n plugin's
per-language passes and gone at the next build (``mkdocs serve`` reloads the config).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from icckb import build

log = get_plugin_logger("icckb")


def on_config(config):
    # Load, validate, cross-index and stage once per build; language passes reuse it.
    if getattr(config, "icckb_site", None) is None:
        try:
            site = build.prepare(Path(config.config_file_path))
        except build.BuildError as error:
            raise PluginError(f"the knowledge base has problems:\n{error}") from None
        config.icckb_site = site
        config.docs_dir = str(site.staging)
        for problem in site.warnings:
            log.warning(f"translation left out of this build: {problem}")
        if not site.warnings:
            log.info(f"{site.corpus.checked} files checked, no problems found")
    # Glossary terms of this pass's language are explained wherever they appear.
    if "abbr" not in config.markdown_extensions:
        config.markdown_extensions.append("abbr")
    config.mdx_configs["abbr"] = {"glossary": config.icckb_site.glossary(_language(config))}
    return config


def on_page_markdown(markdown, page, config, files):
    # Records get breadcrumbs, heading, notices and facts above, related content below;
    # any page shown untranslated gets the fallback notice.
    lang = _language(config)
    site = config.icckb_site
    if isinstance(page.meta.get("title"), str):  # the theme prints titles unescaped (navigation, header)
        page.meta["title"] = build.escape_title(page.meta["title"])
    above, below = build.page_parts(site, page.file.src_uri, _original_url(page, lang), lang, _is_fallback(page, lang))
    return f"{above}\n\n{markdown}\n\n{below}\n" if above or below else markdown


def on_page_context(context, page, config, nav):
    # An untranslated page names its original as canonical, so search engines index it once.
    lang = _language(config)
    fallback = _is_fallback(page, lang)
    if fallback:
        page.canonical_url = build.canonical_url(config.icckb_site, _original_url(page, lang), config.site_url or "")
    # "Edit this page" opens the record's own source file (or starts its translation).
    page.edit_url = build.edit_url(config.icckb_site, page.file.src_uri, lang, fallback, config.repo_url or "", config.edit_uri or "")
    return context


def on_post_page(output, page, config):
    # The writing direction on <html> (right-to-left for Arabic); content marked for search.
    lang = _language(config)
    output = build.with_direction(output, lang)
    return build.mark_for_search(config.icckb_site, output, page.file.src_uri, _is_fallback(page, lang))


@event_priority(-200)  # after mkdocs-static-i18n has built the other languages
def on_post_build(config):
    # Exports and feed of the language just built, beside its pages; once every
    # language is built (the outer, default-language pass), search index and headers.
    site = config.icckb_site
    i18n = config.plugins.get("i18n")
    nested = bool(i18n and i18n.building)
    default = site.corpus.project.default_language
    lang = _language(config) if nested else default
    root = Path(config.site_dir) / ("" if lang == default else lang)
    for name, text in build.output_files(site, lang, config.site_url or "").items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if not nested:
        try:
            build.finish(Path(config.site_dir))
        except build.BuildError as error:
            raise PluginError(str(error)) from None


def _is_fallback(page, lang: str) -> bool:
    return getattr(page.file, "locale", lang) != lang


def _original_url(page, lang: str) -> str:
    """The page's address within its language root ('fr/about/' -> 'about/')."""
    prefix = lang + "/"
    return page.url[len(prefix):] if page.url.startswith(prefix) else page.url


def _language(config) -> str:
    """The language of this pass (the default one before mkdocs-static-i18n has set it)."""
    i18n = config.plugins.get("i18n")
    return (i18n.current_language if i18n else None) or config.icckb_site.corpus.project.default_language
