"""MkDocs adapter for the knowledge base: thin glue around ``icckb.build``.

The build's state is one ``BuildState`` on the config object, created in ``on_config``:
shared by mkdocs-static-i18n's language passes and gone at the next build (``mkdocs
serve`` reloads the config). Other packages' internals are used through
``icckb.adapters`` only.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from icckb import build, documents, engine, security, staging
from icckb.adapters import frame, i18n, material
from icckb.adapters import mkdocs as adapter

log = get_plugin_logger("icckb")

# Records read by earlier builds of this process: ``mkdocs serve`` rebuilds here, and
# each file is read again as soon as it changes (``icckb.documents.Cache``).
_documents = documents.Cache()


def on_config(config):
    # Load, validate, cross-index and stage once per build; language passes reuse it
    # (``icckb build`` prepares it once and hands it to each of its processes).
    state = adapter.state(config)
    if state is None:
        only = os.environ.get(engine.ONLY_LANGUAGE)  # ``icckb serve --lang``: one language, quickly
        try:
            site = build.prepare(Path(config.config_file_path), (only,) if only else (), _documents)
        except build.BuildError as error:
            raise PluginError(f"the knowledge base has problems:\n{error}") from None
        for level, message in build.report_lines(site):
            getattr(log, level)(message)
        if site.corpus.project.addresses.note:
            log.info(site.corpus.project.addresses.note)
        state = adapter.keep_state(config, adapter.BuildState(site))
        if only:
            engine.build_only(config, only)
    config.docs_dir = str(state.site.staging)
    # Absolute addresses (canonical, feed, sitemap) where the site's address is known, from
    # mkdocs.yml or where it is built (icckb.addresses). The repository's address is not
    # given to the theme: its header widget would ask GitHub's API from every page.
    config.site_url = state.site.corpus.project.site_url or None
    # Build cost stays linear in languages: alternates are worked out once per build, and
    # the theme's sitemap (quadratic, dated, and wrong without site_url) is replaced by ours.
    if config.plugins.get("i18n"):
        try:
            i18n.install(config.plugins["i18n"], state.alternates)
        except i18n.UnsupportedVersion as error:
            raise PluginError(str(error)) from None
    adapter.drop_theme_sitemap(config)
    # The logo leads to the reader's language's home page; the light/dark switch is
    # named in the reader's language.
    lang = _language(config)
    material.set_homepage(config, (state.site.corpus.project.folder_of(lang) or ".") + "/")
    vocab = state.site.corpus.vocabulary(lang)
    # The site's name and description: mkdocs.yml's, unless the language translates them
    # (the language passes share one config: mkdocs.yml's words are kept in the state).
    state.site_words = state.site_words or (config.site_name, config.site_description or "")
    name, description = state.site_words
    material.set_site_words(config, vocab.translated("site_name") or name, vocab.translated("site_description") or description)
    adapter.set_permalink_title(config, vocab.label("permalink_title"))
    material.name_palette_toggles(config.theme, lambda scheme: vocab.label("light_mode_on" if scheme == "slate" else "dark_mode_on"))
    # Glossary terms are explained wherever they appear (see on_page_markdown).
    adapter.enable_abbreviations(config)
    return config


def on_files(files, config):
    # Each pass's pages go once it is built; no raw copy of the theme's sitemap template,
    # nor of its search engine.
    i18n.release_passes(config)
    adapter.drop_theme_sitemap(config, files)
    material.without_theme_search(files, config.docs_dir)
    # Each pass sees only its own language's versions: another language's version has the
    # same address as the original shown in that language, so alternates do not change,
    # and mkdocs-static-i18n no longer handles every language's files in every pass.
    lang, languages = _language(config), _site(config).corpus.project.languages
    for file in [f for f in files.documentation_pages() if build.language_of(f.src_uri, languages) not in (None, lang)]:
        files.remove(file)
    return files


@event_priority(50)  # before mkdocs-static-i18n looks for the home page
def on_nav(nav, config, files):
    # The home page is not in the navigation (no tab repeating the site's name).
    lang = _language(config)
    i18n.find_homepage(nav, files, (_site(config).corpus.project.folder_of(lang) + "/").lstrip("/"))
    return nav


def on_env(env, config, files):
    # The theme's navigation, tabs and words are rendered once per place, not per page.
    frame.install(env)
    return env


def on_serve(server, config, builder):
    # Rebuild when a source is edited. MkDocs watches docs_dir, which is now the staging
    # folder: its links do not change on an edit, and each build's writes there would
    # start another build.
    server.unwatch(config.docs_dir)
    for folder in staging.watched_folders(_site(config).corpus.project.root):
        server.watch(str(folder))
    return server


def on_page_markdown(markdown, page, config, files):
    # A translated page looks like its original (what it hides of the theme's frame); a
    # page not translated yet is named in the reader's language where the vocabulary can.
    site, lang = _site(config), _language(config)
    for key, value in build.original_meta(site, page.file.src_uri).items():
        page.meta.setdefault(key, value)
    title = build.page_title(site, page.file.src_uri, lang) if _is_fallback(page, lang) else None
    if title:
        page.meta["title"] = title
    # The theme prints these unescaped (navigation, header, <title>, meta description).
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = build.escape_title(page.meta[key])
    # An original shown in another language has the same body everywhere: render it once.
    if page.file.src_uri in adapter.state_of(config).bodies:
        return ""
    # Glossary terms of the language the text is written in are explained where they appear.
    adapter.use_glossary(config, _site(config).glossary(page.file.locale))
    # A generated page's HTML blocks skip Markdown; they go back in on_page_content.
    markdown, adapter.state_of(config).html_blocks[page.file.src_uri] = build.split_blocks(site, page.file.src_uri, markdown)
    return markdown


def on_page_content(html, page, config, files):
    state, lang = adapter.state_of(config), _language(config)
    if page.file.src_uri in state.bodies:  # what rendering the body gave: HTML, contents, anchors, title
        html = build.in_language(state.site, adapter.reuse(page, state.bodies[page.file.src_uri]), lang)
    else:
        # What content wrote keeps only the allowlist's elements, attributes and schemes.
        html = build.clean_body(state.site, page.file.src_uri, html, state.html_blocks.pop(page.file.src_uri, []))
        build.clean_toc(page.toc)
        # Kept in the default language's words whichever pass rendered it first.
        default = state.site.corpus.project.default_language
        if page.file.locale == default:
            state.bodies[page.file.src_uri] = adapter.rendered(page, build.in_language(state.site, html, default, rendered_in=lang))
    # Records get breadcrumbs, heading, notices and facts above, related content below;
    # any page shown untranslated gets the fallback notice. They are HTML already, so
    # they join after Markdown (parsing them as raw HTML cost a third of its time).
    return build.page_content(state.site, page.file.src_uri, _original_url(page, lang), lang, _is_fallback(page, lang), html)


def on_page_context(context, page, config, nav):
    # An untranslated page names its original as canonical, so search engines index it once.
    lang, site = _language(config), _site(config)
    fallback = _is_fallback(page, lang)
    if fallback:
        page.canonical_url = build.canonical_url(site, _original_url(page, lang))
    # "Edit this page" opens the record's own source file (or starts its translation).
    page.edit_url = build.edit_url(site, page.file.src_uri, lang, fallback)
    return context


def on_post_page(output, page, config):
    # The frame (header search box, writing direction); content marked for search; last,
    # the page's own Content-Security-Policy, which every host then enforces.
    lang = _language(config)
    fallback = _is_fallback(page, lang)
    written_in = page.file.locale if fallback else page.meta.get("content_language", "")
    output = build.with_frame(_site(config), output, _original_url(page, lang), lang, written_in=written_in)
    output = build.mark_for_search(_site(config), output, page.file.src_uri, fallback)
    return security.with_policy(output, page.content or "")


def on_post_template(output, template_name, config):
    # A 404 page in each language: at the root in the default language (what every host
    # serves), and in each language's folder (hosts that look for the nearest one).
    # Every pass renders it to the root, so the others write theirs where it belongs.
    if template_name != "404.html":
        return output
    site, lang = _site(config), _language(config)
    page = security.with_policy(build.not_found_page(site, output, lang))
    if lang == site.corpus.project.default_language:
        return page
    path = Path(config.site_dir) / site.corpus.project.folder_of(lang) / "404.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return ""


@event_priority(-200)  # after mkdocs-static-i18n has built the other languages
def on_post_build(config):
    # Exports and feed of the language just built, beside its pages; once every
    # language is built (the outer, default-language pass), search index and headers.
    site = _site(config)
    nested = i18n.in_language_pass(config)
    project = site.corpus.project
    lang = _language(config) if nested else project.default_language
    root = Path(config.site_dir) / project.folder_of(lang)
    for name, text in build.output_files(site, lang).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if not nested:
        try:
            build.finish(Path(config.site_dir), project)
        except build.BuildError as error:
            raise PluginError(str(error)) from None


def _site(config) -> build.Site:
    return adapter.state_of(config).site


def _is_fallback(page, lang: str) -> bool:
    return getattr(page.file, "locale", lang) != lang


def _original_url(page, lang: str) -> str:
    """The page's address within its language root ('fr/about/' -> 'about/')."""
    prefix = lang + "/"
    return page.url[len(prefix):] if page.url.startswith(prefix) else page.url


def _language(config) -> str:
    """The language of this pass (the default one before mkdocs-static-i18n has set it)."""
    return i18n.language(config, _site(config).corpus.project.default_language)
