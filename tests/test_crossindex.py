"""The cross-index over the built site: reachability, links, lists, exports, feed."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from icckb.crossindex import is_active

from sitecheck import click_depths, links, main, read


def prefix(corpus, lang: str) -> str:
    return "" if lang == corpus.project.default_language else lang + "/"


def all_records(corpus):
    return [r for records in corpus.records.values() for r in records.values()]


@pytest.mark.parametrize("lang", ["en", "fr", "ar", "ja"])
def test_every_record_is_within_three_clicks_of_the_home_page(real_site, real_corpus, lang):
    home = prefix(real_corpus, lang)
    depths = click_depths(real_site, home, 3)
    missing = [home + r.url for r in all_records(real_corpus) if home + r.url not in depths]
    assert not missing, f"more than three clicks away: {missing[:5]}"


def test_every_practice_links_to_its_cities_and_topics(real_site, real_corpus):
    registry = real_corpus.registry("cities")
    for lang in ("en", "fr"):
        for practice in real_corpus.records["practice"].values():
            url = prefix(real_corpus, lang) + practice.url
            targets = links(real_site, url, content_only=True)
            for city in practice.get("cities") or []:
                assert f"{prefix(real_corpus, lang)}cities/{city}/" in targets, (url, city)
                assert f"{prefix(real_corpus, lang)}countries/{registry[city]['country'].lower()}/" in targets
            # A network's own practice (no single city) links to the network.
            for network in practice.get("networks") or []:
                assert f"{prefix(real_corpus, lang)}networks/{network}/" in targets, (url, network)
            for topic in practice.get("topics"):
                assert f"{prefix(real_corpus, lang)}topics/{topic}/" in targets, (url, topic)


def test_every_topic_page_lists_all_of_its_records(real_site, real_corpus):
    for lang in ("en", "es"):
        for topic in real_corpus.registries["topics"]:
            url = f"{prefix(real_corpus, lang)}topics/{topic['id']}/"
            targets = links(real_site, url, content_only=True)
            for record in all_records(real_corpus):
                if topic["id"] in record.get("topics") and is_active(record):
                    assert prefix(real_corpus, lang) + record.url in targets, (url, record.slug)


def test_city_country_network_and_year_pages_list_their_practices(real_site, real_corpus):
    cities = real_corpus.registry("cities")
    for practice in real_corpus.records["practice"].values():
        for network in practice.get("networks") or []:
            assert practice.url in links(real_site, f"networks/{network}/", content_only=True)
        for city in practice.get("cities") or []:
            assert practice.url in links(real_site, f"cities/{city}/", content_only=True)
            assert practice.url in links(real_site, f"countries/{cities[city]['country'].lower()}/", content_only=True)
            for network in cities[city].get("networks") or []:
                assert practice.url in links(real_site, f"networks/{network}/", content_only=True)
        assert practice.url in links(real_site, f"years/{practice.get('year')}/", content_only=True)


def test_publications_are_grouped_by_kind_with_its_definition(real_site, real_corpus):
    html = re.sub(r"</?abbr[^>]*>", "", main(read(real_site, "policy-briefs/all/")))  # the full list, beside the library
    for kind in real_corpus.registries["kinds"]:
        if any(p.get("kind") == kind["id"] for p in real_corpus.records["publication"].values()):
            assert re.search(rf'<h2 id="[^"]*">{re.escape(kind["name"])}', html), kind["id"]
            assert f"<em>{kind['definition']}</em>" in html


def test_record_pages_have_breadcrumbs_and_related_content(real_site, real_corpus):
    for record in all_records(real_corpus):
        html = read(real_site, record.url)
        assert '<nav class="icckb-breadcrumbs" aria-label="Breadcrumb"><a href="../../">Home</a> › ' in html, record.url
        assert '<aside class="icckb-related-content" data-pagefind-ignore>' in html, record.url
    html = read(real_site, "toolkits/anti-rumours/")
    assert '<h2 id="theme_practices">Practices on this theme</h2>' in html


def test_navigation_stays_small_on_every_record_page(real_site, real_corpus):
    # Tabs, sidebar and table of contents together: a few dozen links, never one per record.
    for record in real_corpus.records["practice"].values():
        html = read(real_site, record.url)
        assert html.count('class="md-nav__link') + html.count('class="md-tabs__link') < 40, record.url


def test_glossary_terms_are_explained_on_the_pages_that_use_them(real_site, real_corpus):
    html = read(real_site, "about/")
    assert re.search(r'<abbr title="[^"]+">ICC Index</abbr>', html)
    glossary = read(real_site, "glossary/")
    for term in real_corpus.registries["glossary"]:
        assert f'id="{term["id"]}"' in glossary


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_exports_match_the_records(real_site, real_corpus, lang):
    for name, type_name in (("practices", "practice"), ("publications", "publication"), ("toolkits", "toolkit")):
        data = json.loads((real_site / prefix(real_corpus, lang) / "api" / f"{name}.json").read_text())
        records = real_corpus.records[type_name]
        assert data["count"] == len(records) == len(data["items"])
        assert {item["id"] for item in data["items"]} == set(records)
        for item in data["items"]:
            record = records[item["id"]]
            translation = record.translations.get(lang)
            expected = (translation and translation.meta.get("title")) or record.meta["title"]
            assert item["title"] == expected
            assert item["topics"] == [{"id": t, "name": item_topic(real_corpus, lang, t)} for t in record.get("topics")]
            assert (real_site / item["url"].lstrip("/") / "index.html").is_file()
    cities = json.loads((real_site / prefix(real_corpus, lang) / "api" / "cities.json").read_text())
    assert {c["id"] for c in cities["items"]} == set(real_corpus.registry("cities"))


def item_topic(corpus, lang, topic):
    return corpus.vocabulary(lang).topic(topic)


def test_feed_lists_the_newest_records_in_each_language(real_site, real_corpus):
    for lang in ("en", "ja"):
        feed = ET.parse(real_site / prefix(real_corpus, lang) / "feed.xml").getroot()
        entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
        assert len(entries) == 30
        years = [int(e.find("{http://www.w3.org/2005/Atom}updated").text[:4]) for e in entries]
        assert years == sorted(years, reverse=True)
