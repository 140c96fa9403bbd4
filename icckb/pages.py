"""Pages the build generates from the records and registries, in every language.

``generate`` returns ``{staged path: Markdown}``: ``topics/x.md`` for the default
language and ``topics/x.fr.md`` beside it for French, so mkdocs-static-i18n treats
them like any translated page. Links are Markdown links to the staged ``.md`` files,
which MkDocs checks and keeps within the reader's language. Nothing is committed.
"""

from __future__ import annotations

import json
import posixpath
import re
from html import escape

from . import labels, maps, reference, render, schema, search, staging, translations
from .corpus import Corpus, Record
from .crossindex import CrossIndex
from .render import language_name as _language_name
from .render import relative, relpath
from .vocabulary import Vocabulary

_MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|<>"
_MARKDOWN_SPECIAL_RE = re.compile("[" + re.escape(_MARKDOWN_SPECIAL) + "]")


def text(value: object) -> str:
    """Record text made inert in Markdown: HTML-escaped, then Markdown-escaped."""
    return _MARKDOWN_SPECIAL_RE.sub(lambda match: "\\" + match.group(), escape(str(value), quote=False))


# A generated page's HTML blocks (lists, maps, widgets) skip Markdown, which would only
# parse them to write them back (a fifth of its time at 3,000 practices): the page holds
# a comment where each one goes, and the blocks follow a marker after its Markdown.
_BLOCK = "<!--icckb-html-{}-->"
_BLOCKS = "\n<!--icckb-html-blocks-->\n"
_BETWEEN = "\n<!--icckb-html-block-->\n"
_BLOCK_TAG = re.compile(r"<(div|ul|ol|nav|section|figure|table|h[1-6]|p|svg|script|details|aside|form|noscript)[\s>]")


def with_blocks(lines: list) -> str:
    """A page's Markdown from ``lines``, each block of HTML set aside: from a line that
    opens a block-level element asking for no Markdown inside, the lines of HTML that
    follow it and any line before that element closes (as Markdown reads raw HTML)."""
    kept: list = []
    blocks: list = []
    run: list = []
    for line in [*lines, ""]:
        if run and line and (line.startswith("<") or not _closed(run)):
            run.append(line)
            continue
        if run:
            kept.append(_BLOCK.format(len(blocks)))
            blocks.append("\n".join(run))
            run = []
        if (not kept or not kept[-1]) and _opens_block(line):
            run = [line]
        else:
            kept.append(line)
    return "\n".join(kept).rstrip() + "\n" + (_BLOCKS + _BETWEEN.join(blocks) if blocks else "")


def _opens_block(line: str) -> bool:
    return bool(_BLOCK_TAG.match(line)) and " markdown" not in line.split(">", 1)[0]


def _closed(run: list) -> bool:
    """Whether the element that opens ``run`` is closed within it."""
    name = _BLOCK_TAG.match(run[0]).group(1)  # type: ignore[union-attr]
    joined = "\n".join(run)
    return joined.count(f"</{name}>") >= len(re.findall(rf"<{name}[\s>]", joined))


def split_blocks(markdown: str) -> tuple:
    """(the Markdown to render, the HTML blocks set aside) of a generated page."""
    body, found, blocks = markdown.partition(_BLOCKS)
    return body, blocks.split(_BETWEEN) if found else []


def join_blocks(html: str, blocks: list) -> str:
    """The rendered page with its HTML blocks back in their places."""
    for i, block in enumerate(blocks):
        html = html.replace(_BLOCK.format(i), block, 1)
    return html


def script_json(data) -> str:
    """Data for a <script type="application/json"> block, unable to close the element."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def front_matter(title: str, hide: tuple = (), content_language: str = "") -> list:
    """A generated page's front matter: its title, the parts of the theme's frame it
    hides, and the language its body is written in if not the page's own."""
    quoted = '"' + str(title).replace("\\", "\\\\").replace('"', '\\"') + '"'
    optional = [f"hide: [{', '.join(hide)}]"] if hide else []
    optional += [f"content_language: {content_language}"] if content_language else []
    return ["---", f"title: {quoted}", *optional, "---", ""]


def served_url(page: str) -> str:
    """Where a staged page is served, within its language's root: 'topics/x.md' ->
    'topics/x/', 'topics/index.md' -> 'topics/'."""
    folder, _, name = page.rpartition("/")
    if name in ("index.md", "README.md"):
        return folder + "/" if folder else ""
    return (folder + "/" if folder else "") + name[:-3] + "/"


def generate(corpus: Corpus, index: CrossIndex, languages: tuple = ()) -> dict:
    """Every generated page in every language of the site (or only in ``languages``)."""
    pages = maps.assets()  # the land of every map, drawn once
    status = translations.status(corpus)  # the same for every language's dashboard
    for lang in languages or corpus.project.languages:
        suffix = "" if lang == corpus.project.default_language else f".{lang}"
        for path, markdown in Pages(corpus, index, corpus.vocabulary(lang), lang, status).all().items():
            pages[path[:-3] + suffix + ".md"] = markdown
    return pages


# A record type's full list, beside its database (``practices/all/``).
FULL_LIST = "all"


class Pages:
    """The generated pages of one language."""

    def __init__(self, corpus: Corpus, index: CrossIndex, vocab: Vocabulary, lang: str, status: dict | None = None):
        self.status = status or {}
        self.corpus = corpus
        self.index = index
        self.vocab = vocab
        self.lang = lang

    def all(self) -> dict:
        pages = {}
        for record_type in schema.RECORD_TYPES:
            pages.update(self.collection(record_type))
        for family in schema.FAMILIES:
            if family.folder:
                pages.update(self.family_pages(family))
        for generator in (
            self.archive_page, self.glossary_page, self.field_reference, self.translation_dashboard,
            self.search_page, self.submission_form,
        ):
            pages.update(generator())
        return pages

    # -- building blocks -------------------------------------------------

    def label(self, key: str, **values) -> str:
        return self.vocab.label(key, **values)

    def page(self, title: str, intro: str, *blocks, hide: tuple = ()) -> str:
        lines = front_matter(title, hide) + [f"# {text(title)}", ""]
        if intro:
            lines += [text(intro), ""]
        for block in blocks:
            lines += block + [""]
        return with_blocks(lines)

    def link(self, from_page: str, to_page: str, label: str, lang: str | None = None) -> str:
        target = relpath(to_page, posixpath.dirname(from_page))
        attrs = f'{{: lang="{lang}" }}' if lang and lang != self.lang else ""
        return f"[{text(label)}]({target}){attrs}"

    def title_of(self, record: Record) -> tuple:
        """(title, language it is in) for this page's language."""
        title, lang = record.text("title", self.lang)
        return title, lang or self.corpus.project.default_language

    def summary_of(self, record: Record) -> str:
        return record.text("summary", self.lang)[0]

    def record_list(self, page: str, records) -> list:
        """One item per record: linked title, cities and year, then the summary. Written as
        HTML (a list of thousands of records as Markdown took four times longer to render),
        and left out of search: the records are found on their own pages."""
        items = []
        for record in records:
            title, lang = self.title_of(record)
            facts = [self.vocab.city(c) for c in record.get("cities") or []]
            if record.get("year"):
                facts.append(str(record.get("year")))
            href = escape(relative(served_url(page), record.url))
            # Text in another language than the page's keeps its own direction.
            lang_attr = f' lang="{escape(lang)}" dir="auto"' if lang != self.lang else ""
            summary, summary_lang = record.text("summary", self.lang)
            summary_attr = "" if (summary_lang or self.corpus.project.default_language) == self.lang else f' lang="{escape(summary_lang or self.corpus.project.default_language)}" dir="auto"'
            detail = f" — {escape(', '.join(facts))}" if facts else ""
            items.append(f'<li><a href="{href}"{lang_attr}>{escape(title)}</a>{detail}<br>\n<span{summary_attr}>{escape(summary)}</span></li>')
        if not items:
            return [f"<p><em>{escape(self.label('none_yet'))}</em></p>"]
        return ['<ul class="icckb-list" data-pagefind-ignore>\n' + "\n".join(items) + "\n</ul>"]

    def section(self, heading: str, lines: list) -> list:
        return [f"## {text(heading)}", "", *lines]

    def browse_links(self, page: str) -> list:
        targets = [(f"{f.folder}/index.md", f"{f.folder}_title") for f in schema.FAMILIES if f.folder] + [("archive.md", "archive_title")]
        return [text(self.label("browse_by")) + ": " + " · ".join(self.link(page, target, self.label(key)) for target, key in targets)]

    def name(self, family: schema.Family, value) -> str:
        return value_name(self.vocab, family, value)

    def optional_label(self, key: str) -> str:
        """A label that a page may go without (an intro)."""
        return self.label(key) if key in labels.ENGLISH else ""

    # -- collections -----------------------------------------------------

    def collection(self, record_type: schema.RecordType) -> dict:
        """A type's page: with facets, its database and the full list beside it (grouped,
        if the type says by what) for readers without JavaScript; else its list."""
        page = f"{record_type.url}/index.md"
        records = self.index.active(record_type.name)
        title = self.label(f"{record_type.plural}_title")
        intro = self.label(f"{record_type.plural}_intro", count=len(records))
        if not record_type.facets:
            return {page: self.page(title, intro, self.record_list(page, records))}
        widget = self.database(page, record_type)
        full = f"{record_type.url}/{FULL_LIST}.md"
        listed = self.grouped_list(full, record_type, records) if record_type.group_by else self.record_list(full, records)
        # The full list has a page of its own: the database's page stays light on a phone
        # (at 3,000 practices the list was 1.2 MB of it). Readers without JavaScript, or
        # whose search data does not load (the script shows the <noscript>), are led there.
        link = f'<a href="{escape(relative(served_url(page), served_url(full)))}">{escape(self.label("full_list"))}</a>'
        static = ['<div class="icckb-db-static"><noscript>', f"<p>{escape(self.label('database_noscript'))} {link}</p>", "</noscript></div>"]
        browse = self.browse_links(page) + ["", self.link(page, full, self.label("full_list"))]
        # A database takes the page's whole width: results beside their filters.
        return {
            page: self.page(title, intro, browse, widget, static, hide=("navigation", "toc")),
            full: self.page(self.label("full_list_title", title=title), self.label("full_list_intro"), self.browse_links(full), listed),
        }

    def grouped_list(self, page: str, record_type: schema.RecordType, records: list) -> list:
        """The list in sections, one per entry of the registry the grouping field names
        (HTML, as the list itself: it sits in raw HTML)."""
        registry = record_type.fields[record_type.group_by].registry
        blocks = []
        for entry in self.corpus.registries.get(registry, []):
            of_entry = [r for r in records if r.get(record_type.group_by) == entry["id"]]
            if of_entry:
                name, definition = (escape(self.vocab.entry(registry, entry["id"], key)) for key in ("name", "definition"))
                blocks += [f'<h2 id="{escape(entry["id"])}">{name}</h2>', f"<p><em>{definition}</em></p>", *self.record_list(page, of_entry)]
        return blocks

    def database(self, page: str, record_type: schema.RecordType) -> list:
        """The filterable database: a container the script fills, with the names of the
        values some record of the type has in each of its facets, and its labels."""
        records = list(self.corpus.records[record_type.name].values())
        names = {}
        for name in record_type.facets:
            family = schema.family(name)
            used = list(dict.fromkeys(v for r in records for v in family.values(r.meta, r.type.fields, self.corpus.registry)))
            names[name] = {family.slug(v): self.name(family, v) for v in self.in_order(family, used)}
        years = sorted({r.get("year") for r in records if r.get("year")})
        keys = ["filters", "filter_year", "filter_year_from", "filter_year_to", "clear_filters", "no_results", "show_more",
                "sort_by", "sort_relevance", "sort_newest", "sort_oldest", "sort_title", "active_filters"]
        words = {key: self.label(key) for key in keys + [f"filter_{name}" for name in record_type.facets]}
        words["results_count_one"] = self.label("results_count_one")
        for key, placeholder in (("results_count", "count"), ("filters_count", "count"), ("remove_filter", "filter")):
            words[key] = self.label(key, **{placeholder: "{" + placeholder + "}"})
        words["placeholder"] = self.label(f"search_{record_type.plural}")
        data = script_json({"names": names, "labels": words, "years": years})
        return [
            f'<div class="icckb-db" data-type="{record_type.name}" data-facets="{" ".join(names)}" data-every="{search.EVERY_RECORD}" hidden>',
            f'<script type="application/json">{data}</script>',
            "</div>",
        ]

    def in_order(self, family: schema.Family, values: list) -> list:
        """Values as a family lists them: newest first, by name, or as its registry does."""
        if family.order == "newest":
            return sorted(values, reverse=True)
        if family.order == "name":
            return sorted(values, key=lambda v: self.name(family, v))
        rank = {e["id"]: n for n, e in enumerate(self.corpus.registries.get(family.registry, []))}
        return sorted(values, key=lambda v: (rank.get(v, len(rank)), str(v)))

    def site_root(self, page: str) -> str:
        """The relative path from where a staged page is served (with directory URLs,
        ``x/index.md`` and ``x.md`` both at ``x/``, under the language's root) to the site's root."""
        depth = len([part for part in served_url(page).split("/") if part]) + (self.lang != self.corpus.project.default_language)
        return "../" * depth

    def submission_form(self) -> dict:
        """A form that writes a practice file, checked in the browser with the validator's
        rules and messages, in the page's language."""
        data = script_json(form_settings(self.corpus, self.vocab))
        widget = ['<div id="icckb-form">', f'<script type="application/json">{data}</script>', "</div>",
                  "", "<noscript>", f'<p>{escape(self.label("form_noscript"))}</p>', "</noscript>"]
        return {f"contribute/new-{schema.PRACTICE.name}.md": self.page(self.label("form_title"), self.label("form_intro"), widget)}

    def search_page(self) -> dict:
        """The search page: a container the script fills, with the names of the kinds of
        page (those a reader can narrow to first: the ones the index files by type) and
        its labels; without JavaScript, what to do instead."""
        typed = [t.name for t in schema.RECORD_TYPES] + [f.name for f in schema.FAMILIES if f.folder]
        types = {t: self.label(f"type_{t}") for t in typed + ["page"]}
        keys = ["search_title", "find_placeholder", "results_count_one", "search_none", "search_type",
                "search_every_type", "search_unavailable", "show_more"]
        words = {key: self.label(key) for key in keys}
        words["results_count"] = self.label("results_count", count="{count}")
        data = script_json({"types": types, "kinds": typed, "labels": words})
        widget = [f'<div id="icckb-search" data-every="{search.EVERY_RECORD}">', f'<script type="application/json">{data}</script>',
                  "</div>", "", "<noscript>", f'<p>{escape(self.label("search_unavailable"))}</p>', "</noscript>"]
        return {"search.md": self.page(self.label("search_title"), self.label("search_intro"), widget)}

    # -- browse families -------------------------------------------------

    def family_pages(self, family: schema.Family) -> dict:
        """A page per value of a family (its records, by type; its entry's facts and the
        entries naming it) and an index of its values."""
        pages = {}
        folder = family.folder
        values = self.family_values(family)
        for value in values:
            page = f"{folder}/{family.slug(value)}.md"
            entry = self.corpus.registry(family.registry).get(value, {}) if family.registry else {}
            intro = self.vocab.entry(family.registry, value, family.intro) if family.intro and entry.get(family.intro) else ""
            blocks = []
            if family.facts:
                facts = render.Facts(self.corpus, self.index, self.lang, served_url(page))
                blocks.append([facts.box(facts.of(schema.registry(family.registry).fields, entry, family.facts))])
            if family.map:
                blocks += self.locator(page, family, value)
            blocks += self.members(page, family, value)
            grouped = self.index.of(family.name, value)
            for record_type in sorted(schema.RECORD_TYPES, key=lambda t: t.rank):
                if any(name in record_type.fields for name, _ in family.sources):
                    blocks.append(self.section(self.label(f"{record_type.plural}_title"), self.record_list(page, grouped.get(record_type.name, []))))
            if family.named:
                blocks.append(self.section(self.label("named_in"), self.record_list(page, self.index.named(family, value))))
            pages[page] = self.page(self.name(family, value), intro, *blocks)
        index = f"{folder}/index.md"
        listing = self.family_index(family, values)
        if family.map:  # the map first, the list beside it for screen readers and print
            listing = [self.maps(index).members(), "", f"## {text(self.label('map_list'))}", "", *listing]
        pages[index] = self.page(self.label(f"{folder}_title"), self.optional_label(f"{folder}_intro"), listing)
        return pages

    def maps(self, page: str) -> maps.Maps:
        return maps.Maps(self.corpus, self.lang, served_url(page), self.site_root(page))

    def locator(self, page: str, family: schema.Family, city: str) -> list:
        """A city's place on the map and its nearest neighbours, linked, with distances."""
        near = maps.neighbours(self.corpus, city)
        if not near:
            return []
        def distance(km: float) -> str:
            return text(self.label("neighbour_distance", distance=self.vocab.number(round(km))))

        items = [f"- {self.link(page, f'{family.folder}/{family.slug(id_)}.md', self.name(family, id_))} ({distance(km)})" for id_, km in near]
        return [[self.maps(page).locator(city)], self.section(self.label("neighbours_title"), items)]

    def family_values(self, family: schema.Family) -> list:
        """The values with a page: every entry of the family's registry, or every value
        some active record has."""
        values = [e["id"] for e in self.corpus.registries.get(family.registry, [])] if family.registry else list(self.index.by[family.name])
        return self.in_order(family, values)

    def members(self, page: str, family: schema.Family, value) -> list:
        """Sections listing the registry entries that name ``value`` (a country's cities);
        the first is shown even when empty."""
        blocks = []
        for number, (registry, key, heading) in enumerate(family.members):
            owner = next(f for f in schema.FAMILIES if f.registry == registry and f.folder)
            named = [e for e in self.corpus.registries.get(registry, []) if value in _as_list(e.get(key))]
            links = ["- " + self.link(page, f"{owner.folder}/{owner.slug(e['id'])}.md", self.name(owner, e["id"]))
                     for e in sorted(named, key=lambda e: self.name(owner, e["id"]))]
            if links or number == 0:
                blocks.append(self.section(self.label(heading), links or [f"*{text(self.label('none_yet'))}*"]))
        return blocks

    def family_index(self, family: schema.Family, values: list) -> list:
        """The index of a family's values: a list, with definitions, with counts, or
        grouped by a key of their entries ("by:country")."""
        index, folder = f"{family.folder}/index.md", family.folder

        def item(value) -> str:
            return self.link(index, f"{folder}/{family.slug(value)}.md", self.name(family, value))

        if family.index == "definitions":
            return [f"- {item(v)}: {text(self.vocab.entry(family.registry, v, family.intro))}" for v in values]
        if family.index == "counts":
            return [f"- {item(v)} ({sum(len(r) for r in self.index.of(family.name, v).values())})" for v in values]
        if family.index.startswith("by:"):
            key = family.index[3:]
            spec = schema.registry(family.registry).fields[key]
            group = next(f for f in schema.FAMILIES if f.registry == spec.registry and f.folder)
            entries = self.corpus.registry(family.registry)
            by_group: dict = {}
            for value in values:
                by_group.setdefault(entries[value][key], []).append(value)
            return [f"- **{self.link(index, f'{group.folder}/{group.slug(g)}.md', self.name(group, g))}**: " + ", ".join(item(v) for v in by_group[g])
                    for g in sorted(by_group, key=lambda g: self.name(group, g))]
        return [f"- {item(v)}" for v in values]

    # -- other pages -----------------------------------------------------

    def archive_page(self) -> dict:
        return {"archive.md": self.page(self.label("archive_title"), self.label("archive_intro"), self.record_list("archive.md", self.index.archived))}

    def glossary_page(self) -> dict:
        entries = []
        for id_ in sorted(self.corpus.registry("glossary"), key=lambda i: self.vocab.entry("glossary", i, "term").lower()):
            term = self.vocab.entry("glossary", id_, "term")
            entries += [f'<h2 id="{escape(id_)}">{escape(term)}</h2>', "", text(self.vocab.entry("glossary", id_, "definition")), ""]
        return {"glossary.md": self.page(self.label("glossary_title"), self.label("glossary_intro"), entries)}

    def field_reference(self) -> dict:
        """The schema's reference, in English like the field names it describes: in another
        language, under a heading and a note in that language, marked as English."""
        body = reference.markdown().split("\n", 1)[1]  # without its English heading
        default = self.corpus.project.default_language
        if self.lang != default:
            note = f'<p class="icckb-in-original">{escape(self.label("fields_in_english"))}</p>'
            body = f'{note}\n\n<div class="icckb-reference" lang="{default}" dir="ltr" markdown="1">\n{body}\n</div>'
        lines = front_matter(self.label("fields_title"), content_language=default) + [f"# {text(self.label('fields_title'))}", "", body]
        return {"contribute/fields.md": "\n".join(lines)}

    def translation_dashboard(self) -> dict:
        """Per language and collection: translated, outdated and missing, then the lists."""
        page = "contribute/translations.md"
        collections = [t.plural for t in schema.RECORD_TYPES] + [schema.PAGE.plural]
        names = {**{t.plural: self.label(f"{t.plural}_title") for t in schema.RECORD_TYPES}, schema.PAGE.plural: self.label("collection_pages")}
        states = " / ".join(self.label(f"status_{s}") for s in translations.STATUSES)
        table = [
            "| " + " | ".join([text(self.label("language"))] + [f"{text(names[c])} ({text(states)})" for c in collections]) + " |",
            "| " + " | ".join(["---"] * (len(collections) + 1)) + " |",
        ]
        details = []
        for lang, items in self.status.items():
            cells = []
            for collection in collections:
                counts = translations.summary([i for i in items if i.collection == collection])
                cells.append(" / ".join(str(counts[s]) for s in translations.STATUSES))
            table.append(f"| [{text(_language_name(lang))}](#{lang}) | " + " | ".join(cells) + " |")
            # The default language's page lists what is outdated everywhere; each language's
            # own page lists its outdated and missing pages (all of them on every page would
            # be languages x records links, eleven times over).
            shown = ("outdated", "missing") if lang == self.lang else ("outdated",) if self.lang == self.corpus.project.default_language else ()
            details.append(f'<h2 id="{lang}">{escape(_language_name(lang))}</h2>\n')
            for state in shown:
                listed = [self.link(page, _page_of(item), item.title) + (f" ({text(item.note)})" if item.note else "") for item in items if item.status == state]
                if listed:
                    details.append(f"**{text(self.label('status_' + state))}** ({len(listed)}): " + ", ".join(listed) + "\n")
            # Translations a fluent reviewer has not checked yet, apart (on its own page).
            unreviewed = [self.link(page, _page_of(item), item.title) for item in items if item.translation and not item.reviewed]
            if lang == self.lang and unreviewed:
                details.append(f"**{text(self.label('status_unreviewed'))}** ({len(unreviewed)}): " + ", ".join(unreviewed) + "\n")
        return {page: self.page(self.label("translations_title"), self.label("translations_intro"), table, details)}


def _page_of(item) -> str:
    """The staged page of an original, for links from generated pages."""
    return staging.staged_name(item.original)


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value] if value is not None else []


def value_name(vocab: Vocabulary, family: schema.Family, value) -> str:
    """How readers see a family's value: its registry entry's name, its label, its
    language's name, or itself."""
    if family.names == "registry":
        return vocab.entry(family.registry, value)
    if family.names == "label":
        return vocab.label(f"{family.name}_{value}")
    if family.names == "language":
        return _language_name(value)
    return str(value)


def form_settings(corpus: Corpus, vocab: Vocabulary) -> dict:
    """What the submission form needs to check a practice as ``icckb validate`` does."""
    from datetime import date

    from . import sanitize
    from .fields import _CONTROL, _TAG

    fields = schema.PRACTICE.fields
    words = ["form_field_title", "form_field_cities", "form_field_year", "form_field_topics", "form_field_target_groups",
             "form_field_contact", "form_field_sources", "form_submit", "form_download", "form_copy", "form_propose", "form_control"]
    return {
        "messages": vocab.messages(),
        "labels": {**{key: vocab.label(key) for key in words},
                   "form_field_summary": vocab.label("form_field_summary", limit=fields["summary"].max_length),
                   "form_in_section": vocab.label("form_in_section", section="{section}")},
        "limits": {"title": fields["title"].max_length, "summary": fields["summary"].max_length},
        "years": [fields["year"].minimum, date.today().year],
        "examples": {name: spec.example for name, spec in fields.items() if spec.example},
        "tag": _TAG.pattern,
        "control": _CONTROL.pattern,
        "unsafe": [list(check) for check in sanitize.FORM_CHECKS],
        "sections": list(schema.PRACTICE.sections),
        "section_names": [vocab.label(labels.section_key(s)) for s in schema.PRACTICE.sections],
        "cities": {c["id"]: vocab.city(c["id"]) for c in corpus.registries.get("cities", [])},
        "topics": {t["id"]: vocab.topic(t["id"]) for t in corpus.registries.get("topics", [])},
        "target_groups": {g["id"]: vocab.entry("target_groups", g["id"]) for g in corpus.registries.get("target_groups", [])},
        "repo": corpus.project.repo_url.rstrip("/"),
        "branch": corpus.project.branch,
        "folder": schema.PRACTICE.folder,
    }

