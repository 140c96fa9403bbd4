"""Pages the build generates from the records and registries (never committed).

Each generator returns ``{staged path: Markdown}``. Links are Markdown links to the
staged ``.md`` files, so MkDocs checks them and keeps readers in their language.
"""

from __future__ import annotations

import posixpath
from html import escape

from . import reference
from .corpus import Corpus, Record

_MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|"


def text(value: object) -> str:
    """Record text made inert in Markdown: HTML-escaped and Markdown-escaped."""
    escaped = escape(str(value), quote=False)
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in escaped)


def md_link(from_page: str, to_page: str, label: str) -> str:
    """A Markdown link from one staged page to another."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"[{text(label)}]({target})"


def source_page(record: Record) -> str:
    """The staged path of a record's page."""
    return f"{record.type.url}/{record.slug}.md"


def active(records) -> list:
    return [r for r in records if r.get("status", "active") != "archived"]


def newest_first(records) -> list:
    return sorted(records, key=lambda r: (-int(r.get("year") or 0), r.get("title", "").lower()))


def by_title(records) -> list:
    return sorted(records, key=lambda r: r.get("title", "").lower())


def generate(corpus: Corpus) -> dict:
    """Every generated page of the site."""
    pages = {}
    for generator in (practice_index, publication_index, toolkit_index, topic_pages, place_pages, glossary_page, field_reference):
        pages.update(generator(corpus))
    return pages


def _record_list(page: str, records, corpus: Corpus) -> list:
    """One list item per record: linked title, cities and year, summary."""
    cities = corpus.registry("cities")
    lines = []
    for record in records:
        facts = [cities[c]["name"] for c in record.get("cities") or [] if c in cities]
        if record.get("year"):
            facts.append(str(record.get("year")))
        detail = f" — {text(', '.join(facts))}" if facts else ""
        lines.append(f"- {md_link(page, source_page(record), record.get('title'))}{detail}  ")
        lines.append(f"  {text(record.get('summary'))}")
    return lines or ["*None yet.*"]


def practice_index(corpus: Corpus) -> dict:
    page = "practices/index.md"
    records = newest_first(active(corpus.records["practice"].values()))
    body = [
        "---", "title: Good practices", "---", "", "# Good practices", "",
        f"{len(records)} practices of member cities, newest first.", "",
        *_record_list(page, records, corpus),
    ]
    return {page: "\n".join(body) + "\n"}


def publication_index(corpus: Corpus) -> dict:
    page = "policy-briefs/index.md"
    records = active(corpus.records["publication"].values())
    body = ["---", "title: Publications", "---", "", "# Publications", ""]
    for kind in corpus.registries.get("kinds", []):
        of_kind = newest_first(r for r in records if r.get("kind") == kind["id"])
        if of_kind:
            body += [f"## {text(kind['name'])}", "", f"*{text(kind['definition'])}*", "", *_record_list(page, of_kind, corpus), ""]
    return {page: "\n".join(body) + "\n"}


def toolkit_index(corpus: Corpus) -> dict:
    page = "toolkits/index.md"
    records = by_title(active(corpus.records["toolkit"].values()))
    body = ["---", "title: Toolkits", "---", "", "# Thematic toolkits", "", *_record_list(page, records, corpus)]
    return {page: "\n".join(body) + "\n"}


def topic_pages(corpus: Corpus) -> dict:
    pages = {}
    index = ["---", "title: Topics", "---", "", "# Topics", ""]
    for topic in corpus.registries.get("topics", []):
        page = f"topics/{topic['id']}.md"
        index.append(f"- {md_link('topics/index.md', page, topic['name'])}: {text(topic['definition'])}")
        body = ["---", f"title: {_yaml_text(topic['name'])}", "---", "", f"# {text(topic['name'])}", "", text(topic["definition"]), ""]
        for heading, type_name, order in (("Toolkits", "toolkit", by_title), ("Publications", "publication", newest_first), ("Practices", "practice", newest_first)):
            records = order(r for r in active(corpus.records[type_name].values()) if topic["id"] in (r.get("topics") or []))
            body += [f"## {heading}", "", *_record_list(page, records, corpus), ""]
        pages[page] = "\n".join(body) + "\n"
    pages["topics/index.md"] = "\n".join(index) + "\n"
    return pages


def place_pages(corpus: Corpus) -> dict:
    """A page per city and per country, listing their practices."""
    practices = newest_first(active(corpus.records["practice"].values()))
    networks = corpus.registry("networks")
    pages, countries = {}, {}
    for city in corpus.registries.get("cities", []):
        page = f"cities/{city['id']}.md"
        countries.setdefault(city["country"], []).append(city)
        country_page = "countries/" + city["country"].lower() + ".md"
        facts = ["**Country:** " + md_link(page, country_page, city["country"])]
        names = [networks[n]["name"] for n in city.get("networks") or [] if n in networks]
        if names:
            facts.append(f"**Network:** {text(', '.join(names))}")
        if city.get("member_since"):
            facts.append(f"**Member since:** {city['member_since']}")
        own = [p for p in practices if city["id"] in (p.get("cities") or [])]
        body = ["---", f"title: {_yaml_text(city['name'])}", "---", "", f"# {text(city['name'])}", "", "  \n".join(facts), "", "## Practices", "", *_record_list(page, own, corpus)]
        pages[page] = "\n".join(body) + "\n"
    for code, cities in countries.items():
        page = f"countries/{code.lower()}.md"
        ids = {c["id"] for c in cities}
        own = [p for p in practices if ids & set(p.get("cities") or [])]
        links = ["- " + md_link(page, "cities/" + c["id"] + ".md", c["name"]) for c in sorted(cities, key=lambda c: c["name"])]
        body = ["---", f"title: {code}", "---", "", f"# {code}", "", "## Cities", "", *links, "", "## Practices", "", *_record_list(page, own, corpus)]
        pages[page] = "\n".join(body) + "\n"
    return pages


def glossary_page(corpus: Corpus) -> dict:
    terms = sorted(corpus.registries.get("glossary", []), key=lambda t: t["term"].lower())
    body = ["---", "title: Glossary", "---", "", "# Glossary", ""]
    for term in terms:
        body += [f'<h2 id="{escape(term["id"])}">{escape(term["term"])}</h2>', "", text(term["definition"]), ""]
    return {"glossary.md": "\n".join(body) + "\n"}


def field_reference(corpus: Corpus) -> dict:
    return {"contribute/fields.md": "---\ntitle: Field reference\n---\n\n" + reference.markdown()}


def _yaml_text(value: str) -> str:
    """A value safe to put in generated front matter."""
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
