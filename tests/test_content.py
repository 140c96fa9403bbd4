"""The project's own content: valid, complete, sourced, and building into a site."""

from __future__ import annotations

import re

import frontmatter
import pytest
import yaml

from conftest import REPO, validate

SOURCE_TITLES = {
    "ICC Annual Report 2017",
    "ICC Annual Report 2020",
    "ICC Annual Report 2024",
    "ICC Coordinators' Meeting, Lisbon 2017",
    "ICC Membership Criteria and Procedures for Accession",
}


def records(folder: str) -> list:
    return [p for p in sorted((REPO / folder).glob("*.md")) if p.name.count(".") == 1]


def registry(name: str) -> list:
    return yaml.safe_load((REPO / "data" / f"{name}.yml").read_text(encoding="utf-8"))


def test_the_project_validates(capsys):
    code, lines = validate(REPO, capsys=capsys)
    assert lines[-1].endswith("no problems found"), "\n".join(lines)
    assert code == 0


def test_collections_meet_their_minimum_sizes():
    assert len(records("practices")) >= 40
    assert len(records("policy_briefs")) >= 25
    assert len(records("docs/toolkits")) >= 8
    assert len(registry("cities")) >= 100
    assert 12 <= len(registry("topics")) <= 25
    assert len(registry("glossary")) >= 20


@pytest.mark.parametrize("folder", ["practices", "policy_briefs", "docs/toolkits"])
def test_every_record_names_its_sources_by_document_title(folder):
    for path in records(folder):
        sources = frontmatter.load(path).get("sources") or []
        assert sources, f"{path.name} names no source"
        assert set(sources) <= SOURCE_TITLES, f"{path.name}: {set(sources) - SOURCE_TITLES}"


def test_practice_bodies_are_substantial():
    for path in records("practices"):
        words = len(re.findall(r"\w+", frontmatter.load(path).content))
        assert words >= 150, f"{path.name} has {words} words"


def test_every_record_has_a_page_in_every_language(real_site, real_corpus):
    languages = real_corpus.project.languages
    for records in real_corpus.records.values():
        for record in records.values():
            for lang in languages:
                prefix = "" if lang == languages[0] else lang + "/"
                assert (real_site / prefix / record.url / "index.html").is_file(), f"{prefix}{record.url}"


@pytest.mark.parametrize("lang, direction", [("ar", "rtl"), ("ja", "ltr"), ("fr", "ltr")])
def test_pages_carry_their_language_and_direction(real_site, real_corpus, lang, direction):
    for url in ["", "practices/", real_corpus.records["practice"]["bilbao-storycities"].url, "topics/anti-rumours/"]:
        html = (real_site / lang / url / "index.html").read_text(encoding="utf-8")
        assert f'<html dir="{direction}" lang="{lang}"' in html, url


def test_language_switcher_keeps_the_reader_on_the_same_page(real_site, real_corpus):
    url = real_corpus.records["practice"]["bilbao-storycities"].url
    html = (real_site / "fr" / url / "index.html").read_text(encoding="utf-8")
    for lang in real_corpus.project.languages:
        target = "./" if lang == "fr" else "../../../" + ("" if lang == "en" else lang + "/") + url
        assert f'<a href="{target}" hreflang="{lang}" class="md-select__link">' in html, lang
        # No language alternates in <head>: the theme's script fetches a sitemap beside each
        # (failed requests on every page); the sitemap lists them for search engines.
        assert 'rel="alternate"' not in html.split("</head>")[0]


def test_nothing_is_lost_on_the_way_to_the_reader(real_site, real_corpus):
    """Every valid record, in every language, is in the pages, the language's database
    list, its exports, its feed and its search index; and the search index holds exactly
    the pages marked for it."""
    import json
    import xml.etree.ElementTree as ET

    from icckb.exports import FEED_SIZE

    languages = real_corpus.project.languages
    entry = json.loads((real_site / "pagefind" / "pagefind-entry.json").read_text())["languages"]
    practices = {r.url for r in real_corpus.records["practice"].values() if r.get("status") != "archived"}
    for lang in languages:
        root = real_site if lang == languages[0] else real_site / lang
        for type_name, export in (("practice", "practices"), ("publication", "publications"), ("toolkit", "toolkits")):
            exported = {item["url"] for item in json.loads((root / "api" / f"{export}.json").read_text())["items"]}
            prefix = "/" if lang == languages[0] else f"/{lang}/"
            assert exported == {prefix + r.url for r in real_corpus.records[type_name].values()}, (lang, export)
        listed = (root / "practices" / "all" / "index.html").read_text(encoding="utf-8")
        assert all(f'href="../{url[len("practices/"):]}"' in listed for url in practices), lang
        feed = ET.parse(root / "feed.xml").getroot()
        active = [r for t in ("practice", "publication") for r in real_corpus.records[t].values() if r.get("status") != "archived"]
        assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == min(FEED_SIZE, len(active)), lang
        pages = [p for p in root.rglob("index.html") if lang != languages[0] or p.relative_to(root).parts[0] not in languages]
        marked = sum("data-pagefind-body" in p.read_text(encoding="utf-8") for p in pages)
        records = sum(len(r) for r in real_corpus.records.values())
        assert entry[lang]["page_count"] == marked >= records, (lang, entry[lang]["page_count"], marked, records)


def test_every_page_carries_its_own_security_policy(real_site):
    """Every host enforces the policy: it is the first thing in each page's <head>, and
    allows exactly the page's own inline scripts (outside its content)."""
    from icckb import security

    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 1000
    for path in pages:
        html = path.read_text(encoding="utf-8")
        head = html[html.index("<head>") + len("<head>"):].lstrip()
        assert head.startswith('<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\''), path
        assert '<meta name="referrer" content="strict-origin-when-cross-origin">' in html[:3000], path
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert "frame-ancestors" not in directives  # not allowed in a <meta>
        assert security.script_hashes(html) <= set(directives["script-src"].split()), path
