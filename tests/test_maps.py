"""The map of member cities, city profiles, practices linked by adaptation, CSV exports
and print: over the real built site (and in Chromium for print)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import serving
from sitecheck import main, read
from test_browser import CHROMIUM, FLAGS

SVG = "{http://www.w3.org/2000/svg}"


def located(corpus) -> dict:
    return {c["id"]: c for c in corpus.registries["cities"] if "lat" in c and "lon" in c}


@pytest.mark.parametrize("lang", ["", "ar/"])
def test_the_cities_page_maps_every_city_with_coordinates(real_site, real_corpus, lang):
    cities = located(real_corpus)
    assert len(cities) >= 0.9 * len(real_corpus.registries["cities"])
    html = read(real_site, f"{lang}cities/")
    maps = re.findall(r'<figure (?:id="[^"]*" )?class="icckb-map[^"]*">(.*?)</figure>', html, re.S)
    assert len(maps) == 2  # the world, and Europe
    linked = set(re.findall(r'<a href="(?:\.\./)?([a-z0-9-]+)/" aria-label="[^"]+"><circle', "".join(maps)))
    assert linked == set(cities)
    vocab = real_corpus.vocabulary(lang.strip("/") or "en")
    for id_ in cities:
        assert f'aria-label="{vocab.city(id_)}"'.replace("'", "&#x27;") in html.replace("'", "&#x27;"), id_
    for asset in ("icckb-world.svg", "icckb-europe.svg"):
        assert f'href="{"../" if lang else ""}../assets/{asset}#land"' in html
        land = ET.parse(real_site / "assets" / asset).getroot().find(f"{SVG}path")
        assert land is not None and land.get("id") == "land" and len(land.get("d")) > 10_000
    assert "<script" not in "".join(maps)  # nothing to run


def test_a_city_profile_shows_its_facts_map_neighbours_practices_and_publications(real_site, real_corpus):
    html = main(read(real_site, "cities/lisbon/"))
    for label in ("Country", "Networks", "Population", "Size"):
        assert f"<dt>{label}</dt>" in html
    assert "Over 500,000 inhabitants" in html
    assert 'class="icckb-map icckb-map--locator"' in html and 'class="icckb-map-here"' in html
    assert re.search(r'<h2 id="nearest-member-cities-on-the-map">.*?</h2>\s*<ul>\s*<li><a href="\.\./loures/">Loures</a> \(12 km\)', html, re.S)
    assert '<h2 id="good-practices">' in html
    named = html.split('id="publications-and-toolkits-that-name-it"')[1]
    assert "../../policy-briefs/" in named  # publications whose text names Lisbon
    # a region's profile: its representative point, no population band from a town's figure
    assert "<dt>Size</dt> <dd>Region</dd>" in main(read(real_site, "cities/catalonia/"))


def test_practices_linked_by_adaptation_both_ways(real_site):
    leeds = main(read(real_site, "practices/leeds-camden-brave-spaces/"))
    assert re.search(r'<dt>Adapted from</dt> <dd><a href="\.\./botkyrka-brave-space-cafe/">', leeds)
    botkyrka = main(read(real_site, "practices/botkyrka-brave-space-cafe/"))
    assert re.search(r'<dt>Adapted in</dt> <dd><a href="\.\./leeds-camden-brave-spaces/">', botkyrka)
    items = {i["id"]: i for i in json.loads((real_site / "api" / "practices.json").read_text())["items"]}
    assert items["leeds-camden-brave-spaces"]["adapted_from"] == ["botkyrka-brave-space-cafe"]
    assert items["botkyrka-brave-space-cafe"]["adapted_in"] == ["leeds-camden-brave-spaces"]


@pytest.mark.parametrize("lang", ["", "fr/", "ar/", "ja/"])
@pytest.mark.parametrize("name", ["practices", "publications", "toolkits", "cities"])
def test_csv_rows_equal_the_records_in_every_language(real_site, lang, name):
    items = json.loads((real_site / lang / "api" / f"{name}.json").read_text(encoding="utf-8"))["items"]
    text = (real_site / lang / "api" / f"{name}.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["id"] for row in rows] == [item["id"] for item in items]
    for row, item in zip(rows, items, strict=True):
        assert row["url"] == item["url"]
        assert row.get("title", row.get("name")) == item.get("title", item.get("name"))
    if name == "practices":
        first = next(i for i in items if i.get("cities"))
        row = rows[items.index(first)]
        assert row["cities"] == "; ".join(c["name"] for c in first["cities"])
        assert row["topics"] == "; ".join(t["name"] for t in first["topics"])


def test_the_size_facet_filters_the_database(real_site):
    html = read(real_site, "practices/")
    assert 'data-facets="topic city country network size target_group status"' in html
    data = json.loads(re.search(r'<div class="icckb-db"[^>]*>\s*<script type="application/json">(.*?)</script>', html, re.S).group(1))
    assert set(data["names"]["size"]) <= {"small", "medium", "large", "region"} and len(data["names"]["size"]) >= 3


def test_a_practice_prints_as_a_clean_sheet(real_site):
    from playwright.sync_api import sync_playwright

    with serving(real_site) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.goto(f"{server}/practices/leeds-camden-brave-spaces/")
        page.emulate_media(media="print")
        hidden = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".icckb-find",
                  ".icckb-related-content", ".icckb-breadcrumbs"]
        visible = {css: page.is_visible(css) for css in hidden + [".icckb-facts", ".icckb-body", ".icckb-print-address"]}
        address = page.inner_text(".icckb-print-address")
        page.emulate_media(media="screen")
        on_screen = page.is_visible(".icckb-print-address")
        browser.close()
    assert [css for css in hidden if visible[css]] == []
    assert visible[".icckb-facts"] and visible[".icckb-body"] and visible[".icckb-print-address"]
    assert address.endswith("/practices/leeds-camden-brave-spaces/") and not on_screen
