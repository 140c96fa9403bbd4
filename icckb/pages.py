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

from . import reference, search, translations
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


def script_json(data) -> str:
    """Data for a <script type="application/json"> block, unable to close the element."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def front_matter(title: str) -> list:
    quoted = '"' + str(title).replace("\\", "\\\\").replace('"', '\\"') + '"'
    return ["---", f"title: {quoted}", "---", ""]


def served_url(page: str) -> str:
    """Where a staged page is served, within its language's root: 'topics/x.md' ->
    'topics/x/', 'topics/index.md' -> 'topics/'."""
    folder, _, name = page.rpartition("/")
    if name in ("index.md", "README.md"):
        return folder + "/" if folder else ""
    return (folder + "/" if folder else "") + name[:-3] + "/"


def generate(corpus: Corpus, index: CrossIndex, languages: tuple = ()) -> dict:
    """Every generated page in every language of the site (or only in ``languages``)."""
    pages = {}
    status = translations.status(corpus)  # the same for every language's dashboard
    for lang in languages or corpus.project.languages:
        suffix = "" if lang == corpus.project.default_language else f".{lang}"
        for path, markdown in Pages(corpus, index, corpus.vocabulary(lang), lang, status).all().items():
            pages[path[:-3] + suffix + ".md"] = markdown
    return pages


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
        for generator in (
            self.practice_index, self.publication_index, self.toolkit_index, self.topic_pages,
            self.city_pages, self.country_pages, self.network_pages, self.year_pages,
            self.archive_page, self.glossary_page, self.field_reference, self.translation_dashboard,
            self.search_page, self.submission_form,
        ):
            pages.update(generator())
        return pages

    # -- building blocks -------------------------------------------------

    def label(self, key: str, **values) -> str:
        return self.vocab.label(key, **values)

    def page(self, title: str, intro: str, *blocks) -> str:
        lines = front_matter(title) + [f"# {text(title)}", ""]
        if intro:
            lines += [text(intro), ""]
        for block in blocks:
            lines += block + [""]
        return "\n".join(lines).rstrip() + "\n"

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
            lang_attr = f' lang="{escape(lang)}"' if lang != self.lang else ""
            detail = f" — {escape(', '.join(facts))}" if facts else ""
            items.append(f'<li><a href="{href}"{lang_attr}>{escape(title)}</a>{detail}<br>\n{escape(self.summary_of(record))}</li>')
        if not items:
            return [f"*{text(self.label('none_yet'))}*"]
        return ['<ul class="icckb-list" data-pagefind-ignore>\n' + "\n".join(items) + "\n</ul>"]

    def section(self, heading: str, lines: list) -> list:
        return [f"## {text(heading)}", "", *lines]

    def browse_links(self, page: str) -> list:
        targets = [("topics/index.md", "topics_title"), ("cities/index.md", "cities_title"), ("countries/index.md", "countries_title"),
                   ("networks/index.md", "networks_title"), ("years/index.md", "years_title"), ("archive.md", "archive_title")]
        return [text(self.label("browse_by")) + ": " + " · ".join(self.link(page, target, self.label(key)) for target, key in targets)]

    # -- collections -----------------------------------------------------

    def practice_index(self) -> dict:
        page = "practices/index.md"
        records = self.index.active("practice")
        intro = self.label("practices_intro", count=len(records))
        names = {
            "topic": self.names("topics", self.vocab.topic),
            "city": self.names("cities", self.vocab.city),
            "country": {c["id"].lower(): self.vocab.country(c["id"]) for c in self.corpus.registries.get("countries", [])},
            "network": self.names("networks", lambda i: self.vocab.entry("networks", i)),
            "target_group": self.names("target_groups", lambda i: self.vocab.entry("target_groups", i)),
            "status": {s: self.label(f"status_{s}") for s in ("active", "archived")},
        }
        # Offer only the values some practice has.
        used = {pair for r in self.corpus.records["practice"].values() for pair in search.filters(r, self.corpus)}
        names = {facet: {k: v for k, v in values.items() if (facet, k) in used} for facet, values in names.items()}
        years = sorted({r.get("year") for r in self.corpus.records["practice"].values() if r.get("year")})
        widget = self.database(page, "practice", "search_practices", names, years)
        static = self.static_list(page, records)
        return {page: self.page(self.label("practices_title"), intro, self.browse_links(page), widget, static)}

    def publication_index(self) -> dict:
        page = "policy-briefs/index.md"
        records = self.index.active("publication")
        blocks = []
        for kind in self.corpus.registries.get("kinds", []):
            of_kind = [r for r in records if r.get("kind") == kind["id"]]
            if of_kind:
                definition = f"*{text(self.vocab.entry('kinds', kind['id'], 'definition'))}*"
                blocks += self.section(self.vocab.entry("kinds", kind["id"]), [definition, "", *self.record_list(page, of_kind)]) + [""]
        names = {
            "kind": self.names("kinds", lambda i: self.vocab.entry("kinds", i)),
            "topic": self.names("topics", self.vocab.topic),
            "language": {code: _language_name(code) for code in sorted({c for r in records for c in r.get("languages") or {}})},
        }
        years = sorted({r.get("year") for r in records if r.get("year")})
        widget = self.database(page, "publication", "search_publications", names, years)
        return {page: self.page(self.label("publications_title"), self.label("publications_intro"), self.browse_links(page), widget, ["<div class=\"icckb-db-static\" markdown>", "", *blocks, "</div>"])}

    def site_root(self, page: str) -> str:
        """The relative path from where a staged page is served (with directory URLs,
        ``x/index.md`` and ``x.md`` both at ``x/``, under the language's root) to the site's root."""
        depth = len([part for part in served_url(page).split("/") if part]) + (self.lang != self.corpus.project.default_language)
        return "../" * depth

    def names(self, registry: str, name) -> dict:
        return {entry["id"]: name(entry["id"]) for entry in self.corpus.registries.get(registry, [])}

    def static_list(self, page: str, records) -> list:
        """The full list, for readers without JavaScript; the database replaces it."""
        return ['<div class="icckb-db-static">', *self.record_list(page, records), "</div>"]

    def database(self, page: str, record_type: str, placeholder: str, names: dict, years: list) -> list:
        """The filterable database: a container the script fills, with its vocabulary."""
        labels = {key: self.label(key) for key in (
            "filters", "filter_topic", "filter_city", "filter_country", "filter_network", "filter_year", "filter_year_from",
            "filter_year_to", "filter_target_group", "filter_status", "filter_kind", "filter_language", "clear_filters",
            "no_results", "show_more", placeholder)}
        labels["results_count"] = self.label("results_count", count="{count}")
        labels["placeholder"] = labels.pop(placeholder)
        data = script_json({"names": names, "labels": labels, "years": years})
        bundle = self.site_root(page) + "pagefind/"
        return [
            f'<div class="icckb-db" data-type="{record_type}" data-bundle="{escape(bundle)}" data-facets="{" ".join(names)}" hidden>',
            f'<script type="application/json">{data}</script>',
            "</div>",
        ]

    def submission_form(self) -> dict:
        """A form that writes a practice file, checked in the browser with the validator's rules."""
        data = script_json(form_settings(self.corpus, self.vocab))
        widget = ['<div id="icckb-form">', f'<script type="application/json">{data}</script>', "</div>",
                  "", "<noscript>", text("The form needs JavaScript. Without it, use icckb new practice or copy an existing practice file."), "</noscript>"]
        intro = "Fill in the practice; the form checks it with the same rules as icckb validate and writes the file to propose."
        return {"contribute/new-practice.md": self.page("Propose a practice", intro, widget)}

    def search_page(self) -> dict:
        bundle = self.site_root("search.md") + "pagefind/"
        types = json.dumps({t: self.label(f"type_{t}") for t in ("practice", "publication", "toolkit", "topic", "city", "country", "network", "year", "page")}, ensure_ascii=False)
        widget = [f'<div id="icckb-search" data-bundle="{escape(bundle)}" data-types="{escape(types)}" data-label="{escape(self.label("search_title"))}"></div>']
        return {"search.md": self.page(self.label("search_title"), self.label("search_intro"), widget)}

    def toolkit_index(self) -> dict:
        page = "toolkits/index.md"
        return {page: self.page(self.label("toolkits_title"), self.label("toolkits_intro"), self.record_list(page, self.index.active("toolkit")))}

    # -- cross-index pages -----------------------------------------------

    def topic_pages(self) -> dict:
        pages, items = {}, []
        for topic in self.corpus.registries.get("topics", []):
            page = f"topics/{topic['id']}.md"
            name = self.vocab.topic(topic["id"])
            items.append(f"- {self.link('topics/index.md', page, name)}: {text(self.vocab.topic(topic['id'], 'definition'))}")
            grouped = self.index.by_topic.get(topic["id"], {})
            blocks = [
                self.section(self.label("toolkits_title"), self.record_list(page, grouped.get("toolkit", []))),
                self.section(self.label("publications_title"), self.record_list(page, grouped.get("publication", []))),
                self.section(self.label("practices_title"), self.record_list(page, grouped.get("practice", []))),
            ]
            pages[page] = self.page(name, self.vocab.topic(topic["id"], "definition"), *blocks)
        pages["topics/index.md"] = self.page(self.label("topics_title"), self.label("topics_intro"), items)
        return pages

    def city_pages(self) -> dict:
        pages, by_country = {}, {}
        for city in self.corpus.registries.get("cities", []):
            page = f"cities/{city['id']}.md"
            by_country.setdefault(city["country"], []).append(city)
            facts = [f"**{text(self.label('country'))}:** " + self.link(page, f"countries/{city['country'].lower()}.md", self.vocab.country(city["country"]))]
            networks = [self.link(page, f"networks/{n}.md", self.vocab.entry("networks", n)) for n in city.get("networks") or []]
            if networks:
                facts.append(f"**{text(self.label('network'))}:** " + ", ".join(networks))
            if city.get("member_since"):
                facts.append(f"**{text(self.label('member_since'))}:** {city['member_since']}")
            practices = self.section(self.label("practices_title"), self.record_list(page, self.index.by_city.get(city["id"], [])))
            pages[page] = self.page(self.vocab.city(city["id"]), "", ["  \n".join(facts)], practices)
        items = []
        for code in sorted(by_country, key=self.vocab.country):
            cities = sorted(by_country[code], key=lambda c: self.vocab.city(c["id"]))
            links = ", ".join(self.link("cities/index.md", f"cities/{c['id']}.md", self.vocab.city(c["id"])) for c in cities)
            items.append(f"- **{self.link('cities/index.md', f'countries/{code.lower()}.md', self.vocab.country(code))}**: {links}")
        pages["cities/index.md"] = self.page(self.label("cities_title"), self.label("cities_intro"), items)
        return pages

    def country_pages(self) -> dict:
        pages, items = {}, []
        cities = self.corpus.registries.get("cities", [])
        for country in sorted(self.corpus.registries.get("countries", []), key=lambda c: self.vocab.country(c["id"])):
            code = country["id"]
            page = f"countries/{code.lower()}.md"
            members = sorted((c for c in cities if c["country"] == code), key=lambda c: self.vocab.city(c["id"]))
            if not members:
                continue
            items.append(f"- {self.link('countries/index.md', page, self.vocab.country(code))}")
            city_links = ["- " + self.link(page, f"cities/{c['id']}.md", self.vocab.city(c["id"])) for c in members]
            pages[page] = self.page(
                self.vocab.country(code), "",
                self.section(self.label("cities_title"), city_links),
                self.section(self.label("practices_title"), self.record_list(page, self.index.by_country.get(code, []))),
            )
        pages["countries/index.md"] = self.page(self.label("countries_title"), "", items)
        return pages

    def network_pages(self) -> dict:
        pages, items = {}, []
        cities = self.corpus.registries.get("cities", [])
        for network in self.corpus.registries.get("networks", []):
            page = f"networks/{network['id']}.md"
            name = self.vocab.entry("networks", network["id"])
            items.append(f"- {self.link('networks/index.md', page, name)}")
            members = sorted((c for c in cities if network["id"] in (c.get("networks") or [])), key=lambda c: self.vocab.city(c["id"]))
            member_links = ["- " + self.link(page, f"cities/{c['id']}.md", self.vocab.city(c["id"])) for c in members]
            pages[page] = self.page(
                name, self.vocab.entry("networks", network["id"], "description") if network.get("description") else "",
                self.section(self.label("cities_title"), member_links or [f"*{text(self.label('none_yet'))}*"]),
                self.section(self.label("practices_title"), self.record_list(page, self.index.by_network.get(network["id"], []))),
            )
        pages["networks/index.md"] = self.page(self.label("networks_title"), self.label("networks_intro"), items)
        return pages

    def year_pages(self) -> dict:
        pages, items = {}, []
        for year in sorted(self.index.by_year, reverse=True):
            page = f"years/{year}.md"
            grouped = self.index.by_year[year]
            counts = len(grouped.get("practice", [])) + len(grouped.get("publication", []))
            items.append(f"- {self.link('years/index.md', page, str(year))} ({counts})")
            pages[page] = self.page(
                str(year), "",
                self.section(self.label("practices_title"), self.record_list(page, grouped.get("practice", []))),
                self.section(self.label("publications_title"), self.record_list(page, grouped.get("publication", []))),
            )
        pages["years/index.md"] = self.page(self.label("years_title"), self.label("years_intro"), items)
        return pages

    def archive_page(self) -> dict:
        return {"archive.md": self.page(self.label("archive_title"), self.label("archive_intro"), self.record_list("archive.md", self.index.archived))}

    def glossary_page(self) -> dict:
        entries = []
        for id_ in sorted(self.corpus.registry("glossary"), key=lambda i: self.vocab.entry("glossary", i, "term").lower()):
            term = self.vocab.entry("glossary", id_, "term")
            entries += [f'<h2 id="{escape(id_)}">{escape(term)}</h2>', "", text(self.vocab.entry("glossary", id_, "definition")), ""]
        return {"glossary.md": self.page(self.label("glossary_title"), self.label("glossary_intro"), entries)}

    def field_reference(self) -> dict:
        markdown = reference.markdown()
        return {"contribute/fields.md": "\n".join(front_matter(self.label("fields_title"))) + "\n" + markdown}

    def translation_dashboard(self) -> dict:
        """Per language and collection: translated, outdated and missing, then the lists."""
        page = "contribute/translations.md"
        collections = ("practices", "publications", "toolkits", "pages")
        names = {"practices": self.label("practices_title"), "publications": self.label("publications_title"),
                 "toolkits": self.label("toolkits_title"), "pages": self.label("collection_pages")}
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
        return {page: self.page(self.label("translations_title"), self.label("translations_intro"), table, details)}


def _page_of(item) -> str:
    """The staged page of an original, for links from generated pages."""
    path = item.original
    for source, staged in (("docs/", ""), ("practices/", "practices/"), ("policy_briefs/", "policy-briefs/")):
        if path.startswith(source):
            return staged + path[len(source):]
    return path



def form_settings(corpus: Corpus, vocab: Vocabulary) -> dict:
    """What the submission form needs to check a practice as ``icckb validate`` does."""
    from datetime import date

    from . import documents, schema
    from .fields import MESSAGES, _CONTROL, _TAG

    fields = schema.PRACTICE.fields
    return {
        "messages": MESSAGES,
        "limits": {"title": fields["title"].max_length, "summary": fields["summary"].max_length},
        "years": [fields["year"].minimum, date.today().year],
        "examples": {name: spec.example for name, spec in fields.items() if spec.example},
        "tag": _TAG.pattern,
        "control": _CONTROL.pattern,
        "unsafe": [[pattern.pattern, message] for _, pattern, message in documents._UNSAFE_BODY],
        "sections": list(schema.PRACTICE.sections),
        "cities": {c["id"]: vocab.city(c["id"]) for c in corpus.registries.get("cities", [])},
        "topics": {t["id"]: vocab.topic(t["id"]) for t in corpus.registries.get("topics", [])},
        "target_groups": {g["id"]: vocab.entry("target_groups", g["id"]) for g in corpus.registries.get("target_groups", [])},
        "repo": corpus.project.repo_url.rstrip("/"),
        "branch": corpus.project.branch,
        "folder": schema.PRACTICE.folder,
    }

