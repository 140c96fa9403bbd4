"""What the build does with the knowledge base, independent of the site engine.

The MkDocs hooks call ``prepare`` once per build, ``page_content`` once per page and
``output_files`` once per language; another engine would call the same functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path

from . import corpus, crossindex, documents, exports, home, pages, render, sanitize, schema, search, security, sitemap, staging
from .adapters import material
from .problems import report
from .project import Project
from .render import RecordView


class BuildError(Exception):
    """The records have problems: the message is the same report as ``icckb validate``."""


@dataclass
class Site:
    """The loaded and cross-indexed knowledge base of one build, shared by every language."""

    corpus: corpus.Corpus
    index: crossindex.CrossIndex
    staging: Path
    sources: dict = field(default_factory=dict)  # staged path -> source path from the project root
    warnings: list = field(default_factory=list)  # problems of translations left out of this build
    _glossary: dict = field(default_factory=dict)  # lang -> {term: definition}

    def glossary(self, lang: str) -> dict:
        """Every glossary term and alias of ``lang`` with its definition, for hover and focus."""
        if lang not in self._glossary:
            pairs = self.corpus.vocabulary(lang).glossary()
            self._glossary[lang] = {term: " ".join(definition.split()) for term, definition in pairs}
        return self._glossary[lang]

    def page(self, src_uri: str):
        """The site page a staged page shows (original or translation), or None."""
        if not src_uri.endswith(".md"):
            return None
        stem = src_uri[:-3]
        lang = language_of(src_uri, self.corpus.project.languages)
        return self.corpus.pages.get(stem[: -len(lang) - 1] if lang else stem)

    def record(self, src_uri: str):
        """The record a staged page shows (original or translation), or None."""
        folder, _, name = src_uri.partition("/")
        record_type = next((t for t in schema.RECORD_TYPES if t.url == folder), None)
        if record_type is None or "/" in name or not name.endswith(".md"):
            return None
        return self.corpus.records[record_type.name].get(name[:-3].split(".")[0])


def prepare(config_file: Path, languages: tuple = (), cache: documents.Cache | None = None) -> Site:
    """Load and validate everything, cross-index it, then stage sources and generated
    pages (of every language, or, for a quicker preview, of the default and ``languages``).
    ``cache``: records read by an earlier build of this process, so that only edits are read."""
    project = Project.from_config_file(config_file)
    shown = tuple(dict.fromkeys((project.default_language, *languages))) if languages else ()
    loaded = corpus.load(project, languages=shown, documents=cache)
    # A broken translation never stops the build: it is left out, and its page falls
    # back to the original in that language. Any other problem stops the build.
    if any(p.path not in loaded.translation_files for p in loaded.problems):
        raise BuildError(report(loaded.problems, loaded.checked))
    left_out = {p.path for p in loaded.problems}
    index = crossindex.build(loaded)
    files = staging.source_files(project.root)
    if shown:  # a preview stages no translation into the languages it does not show
        files = {name: path for name, path in files.items() if language_of(name, project.languages) in (None, *shown)}
    try:
        folder = staging.sync(project.root, pages.generate(loaded, index, shown), exclude=left_out, sources=files)
    except staging.StagingError as error:
        raise BuildError(str(error)) from None
    sources = {staged: staging.source_name(project.root, path) for staged, path in files.items()}
    return Site(loaded, index, folder, sources=sources, warnings=sorted(loaded.problems))


def original_meta(site: Site, src_uri: str) -> dict:
    """For a translated site page, what its original says that translations do not
    carry (such as ``hide``): the translation looks like the original."""
    original = site.page(src_uri) if language_of(src_uri, site.corpus.project.languages) else None
    if original is None:
        return {}
    return {key: value for key, value in original.meta.items() if key not in original.type.translatable}


def page_title(site: Site, src_uri: str, lang: str) -> str | None:
    """A site page's title in ``lang`` from the vocabulary (for a page shown untranslated)."""
    page = site.page(src_uri)
    return site.corpus.vocabulary(lang).page_title(page.slug) if page is not None else None


def language_of(src_uri: str, languages: tuple) -> str | None:
    """The language of a translation's page ('about.fr.md' -> 'fr'); None for an original."""
    parts = src_uri.rsplit("/", 1)[-1].split(".")
    return parts[-2] if len(parts) > 2 and parts[-2] in languages[1:] else None


def report_lines(site: Site) -> list:
    """(level, message) for the build's log once the site is prepared."""
    if site.warnings:
        return [("warning", f"translation left out of this build: {problem}") for problem in site.warnings]
    return [("info", f"{site.corpus.checked} files checked, no problems found")]


def page_content(site: Site, src_uri: str, url: str, lang: str, fallback: bool, body: str) -> str:
    """A page's content around its rendered ``body``. An untranslated record's body stays
    out of that language's search index: its title, summary and facts are indexed (so it
    is found and filtered in the reader's language), its text only in its own language."""
    above, below = page_parts(site, src_uri, url, lang, fallback)
    if src_uri in site.sources:  # what content wrote, apart from what the build adds
        ignored = " data-pagefind-ignore" if fallback and site.record(src_uri) is not None else ""
        written = f' lang="{site.corpus.project.default_language}" dir="auto"' if fallback else ""
        body = f'<div class="icckb-body"{written}{ignored}>\n{body}\n</div>'
    return f"{above}\n{body}\n{below}" if above or below else body


def page_parts(site: Site, src_uri: str, url: str, lang: str, fallback: bool) -> tuple:
    """(HTML above the body, HTML below it) for a page; ``url`` is its address without language."""
    record = site.record(src_uri)
    if record is None:
        page = site.page(src_uri)
        above = render.fallback_notice(site.corpus, url, lang) if fallback else ""
        if not fallback and page is not None and render.unreviewed(page, lang):
            above = render.unreviewed_notice(site.corpus, url, lang)
        below = home.fragment(site.corpus, site.index, lang) if home.is_home(src_uri, site.corpus.project.languages) else ""
        return above, below
    view = RecordView(record, site.corpus, site.index, lang)
    project = site.corpus.project
    address = (project.site_url or "/") + (f"{project.folder_of(lang)}/" if project.folder_of(lang) else "") + url
    printed = f'<p class="icckb-print-address">{escape(view.vocab.label("print_address"))}: {escape(address)}</p>'
    return view.header(fallback) + "\n" + search.record_data(record, site.corpus, lang), view.footer() + "\n" + printed


def in_language(site: Site, html: str, lang: str, rendered_in: str = "") -> str:
    """A body rendered in the pass of ``rendered_in`` (the default language), with its
    heading links' title in ``lang``."""
    before, after = (site.corpus.vocabulary(rendered_in or site.corpus.project.default_language), site.corpus.vocabulary(lang))
    old, words = escape(before.label("permalink_title")), escape(after.label("permalink_title"))
    return html.replace(f'title="{old}"', f'title="{words}"') if old != words else html


def split_blocks(site: Site, src_uri: str, markdown: str) -> tuple:
    """(Markdown to render, HTML blocks set aside) of a page the build generated; what
    content wrote is rendered whole."""
    return (markdown, []) if src_uri in site.sources else pages.split_blocks(markdown)


def clean_body(site: Site, src_uri: str, html: str, blocks: list) -> str:
    """A page's rendered body, cleaned by the allowlist if a source file wrote it (the
    build's own generated pages hold only escaped values and the widgets' data, and get
    back their HTML ``blocks``)."""
    return sanitize.clean(html) if src_uri in site.sources else pages.join_blocks(html, blocks)


def clean_toc(toc) -> None:
    """Table-of-contents titles as plain, escaped text: the theme prints them raw."""
    for item in toc or []:
        item.title = escape(unescape(sanitize.text_of(item.title)), quote=False)
        clean_toc(item.children)


def canonical_url(site: Site, url: str) -> str:
    """Where search engines should look for a page shown untranslated: its original."""
    return (site.corpus.project.site_url or "/") + url


def output_files(site: Site, lang: str) -> dict:
    """Files written beside the pages of ``lang``: exports and feed."""
    return exports.files(site.corpus, site.index, lang, site.corpus.project.site_url)


RIGHT_TO_LEFT = {"ar", "fa", "he", "ur", "yi"}


def not_found_page(site: Site, html: str, lang: str) -> str:
    """The 404 page of ``lang``: in its words, with a search box, a link home and to the
    other languages' home pages. It is served at any address, so its links start at the
    site's root (its address, or '/')."""
    vocab, project = site.corpus.vocabulary(lang), site.corpus.project
    root = "/" + project.site_url.split("://", 1)[-1].partition("/")[2] if project.site_url else "/"
    home = root + (project.folder_of(lang) + "/" if project.folder_of(lang) else "")
    others = " · ".join(f'<a href="{escape(root + (project.folder_of(o) + "/" if project.folder_of(o) else ""))}" hreflang="{o}" lang="{o}">'
                        f"{escape(render.language_name(o))}</a>" for o in project.languages if o != lang)
    content = (
        f"<h1>{escape(vocab.label('not_found_title'))}</h1>\n<p>{escape(vocab.label('not_found_text'))}</p>\n"
        + render.find_box(site.corpus, lang, "", "home", action=home + "search/")
        + f'\n<p><a href="{escape(home)}">{escape(vocab.label("not_found_home"))}</a></p>'
        + f'\n<p>{escape(vocab.label("other_languages"))}: {others}</p>'
    )
    homes = {o: escape(root + (project.folder_of(o) + "/" if project.folder_of(o) else "")) for o in project.languages}
    html = material.with_language_links(with_frame(site, html, "", lang, action=home + "search/"), homes)
    return material.with_not_found(html, content)


def with_frame(site: Site, html: str, url: str, lang: str, action: str = "", written_in: str = "") -> str:
    """A built page's frame as readers need it: a search box in the header, the writing
    direction on <html> (right-to-left for Arabic), the language of a body ``written_in``
    another on its table of contents, no language alternates in <head> for the theme's
    script to misread (the sitemap lists them)."""
    html = material.with_header_item(html, render.find_box(site.corpus, lang, url, "header", action))
    if written_in and written_in != lang:
        html = material.with_toc_language(html, written_in)
    return material.without_head_alternates(with_direction(html, lang))


def with_direction(html: str, lang: str) -> str:
    """Put the writing direction on <html>, so the whole page (not only <body>) is right-to-left."""
    return material.with_direction(html, "rtl" if lang.split("-")[0] in RIGHT_TO_LEFT else "ltr")


def mark_for_search(site: Site, html: str, src_uri: str, fallback: bool) -> str:
    """Mark a page's content for the search index, with its type for a browse family's
    page. Untranslated site pages stay out of it, but every record is indexed in every
    language (in the original's words where untranslated), so that no record is missing
    from a language's search and database."""
    folder, _, name = src_uri.partition("/")
    families = {f.folder: f.name for f in schema.FAMILIES if f.folder}
    page_type = families.get(folder) if name and not name.startswith("index.") else None
    return search.mark_page(html, page_type, indexed=not fallback or site.record(src_uri) is not None)


def finish(site_dir: Path, project: Project, search_parts: list | None = None) -> None:
    """Once every language is built: index the whole site for search (or join the
    languages' indexes ``[(lang, folder)]`` made as they were built), write security
    headers, robots.txt and, where the site's address is known, the sitemaps."""
    languages, site_url = project.languages, project.site_url
    try:
        if search_parts is None:
            search.index(site_dir, languages)
        else:
            search.join(search_parts, site_dir / "pagefind")
    except search.SearchError as error:
        raise BuildError(str(error)) from None
    (site_dir / "_headers").write_text(security.headers_file(site_dir), encoding="utf-8")
    for name, text in sitemap.files(site_dir, site_url, languages).items():
        (site_dir / name).write_text(text, encoding="utf-8")


def edit_url(site: Site, src_uri: str, lang: str, fallback: bool) -> str | None:
    """Where to edit a page: its source file, or for an untranslated page, a new
    translation beside it (GitHub's and GitLab's addresses for both). Generated pages
    have no source to edit."""
    project = site.corpus.project
    source = site.sources.get(src_uri)
    if source is None or not project.repo_url:
        return None
    repo, branch = project.repo_url + "/", project.branch
    gitlab = "gitlab" in repo.split("/")[2]
    if not fallback:
        return f"{repo}{'-/' if gitlab else ''}edit/{branch}/{source}"
    folder, _, name = source.rpartition("/")
    return f"{repo}{'-/' if gitlab else ''}new/{branch}/{folder}?file_name={name[:-3]}.{lang}.md" if gitlab \
        else f"{repo}new/{branch}/{folder}?filename={name[:-3]}.{lang}.md"


def escape_title(title: str) -> str:
    """A page title as the theme must print it: HTML-escaped (it does not escape it itself)."""
    return escape(title, quote=True)
