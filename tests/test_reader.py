"""The site as a city official meets it, in headless Chromium on the real built site:
the practice database on first load and as filters are ticked, phones, the home page,
the search box, and a quiet console."""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter

import pytest

from conftest import serving, wait_until
from test_browser import CHROMIUM, FLAGS, _path

playwright = pytest.importorskip("playwright.sync_api", reason="the test extra installs Playwright")

LANGS = ["", "fr/", "ar/"]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server(real_site):
    with serving(real_site) as address:
        yield address


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def practices(site, lang: str) -> list:
    return json.loads((site / lang / "api" / "practices.json").read_text())["items"]


def expected_counts(site, lang: str) -> dict:
    """facet -> value -> number of active practices, worked out from the open data."""
    cities = {c["id"]: c for c in json.loads((site / lang / "api" / "cities.json").read_text())["items"]}
    counts: dict = {}
    for item in practices(site, lang):
        if item["status"] != "active":
            continue
        own = [cities[c["id"]] for c in item.get("cities", [])]
        values = {
            "topic": [t["id"] for t in item["topics"]],
            "city": [c["id"] for c in own],
            "country": [code.lower() for code in item.get("countries", [])],
            "network": sorted(set(item.get("networks", [])) | {n for c in own for n in c["networks"]}),
            "size": sorted({c["size"] for c in own if c["size"]}),
            "target_group": item.get("target_groups", []),
            "status": [item["status"]],
        }
        for facet, found in values.items():
            for value in set(found):
                counts.setdefault(facet, Counter())[value] += 1
    return counts


def shown_counts(page) -> dict:
    """facet -> value -> the count the database shows beside it."""
    return page.evaluate("""() => {
        const found = {};
        document.querySelectorAll('.icckb-db-facet[data-facet]').forEach(set => {
            const facet = set.dataset.facet; found[facet] = {};
            set.querySelectorAll('.icckb-db-option').forEach(o => {
                found[facet][o.dataset.value] = Number(o.querySelector('.icckb-db-count-value').textContent.replace(/\\D/g, ''));
            });
        });
        return found; }""")


def ready(page):
    page.wait_for_selector(".icckb-db[data-ready] .icckb-db-result", timeout=20000)


@pytest.mark.parametrize("lang", LANGS)
def test_every_facet_count_on_first_load_matches_the_open_data(page, server, real_site, lang):
    page.goto(f"{server}/{lang}practices/")
    ready(page)
    expected, shown = expected_counts(real_site, lang), shown_counts(page)
    checked = 0
    for facet, values in shown.items():
        if facet == "year":
            continue
        for value, count in values.items():
            assert count == expected.get(facet, {}).get(value, 0), (facet, value)
            checked += 1
    assert checked > 100 and any(v for values in shown.values() for v in values.values())


@pytest.mark.parametrize("lang", LANGS)
def test_counts_are_disjunctive_within_a_facet(page, server, real_site, lang):
    page.goto(f"{server}/{lang}practices/")
    ready(page)
    before = shown_counts(page)["topic"]
    first, second = sorted(before, key=lambda v: -before[v])[:2]
    for value in (first, second):
        page.check(f'input[name="topic"][value="{value}"]')
        wait_until(page, f"location.search.includes('topic={value}')")
    wait_until(page, "document.querySelectorAll('.icckb-db-chip').length == 2")
    page.wait_for_timeout(300)
    assert shown_counts(page)["topic"] == before  # the facet's own values keep their counts
    either = [p for p in practices(real_site, lang) if p["status"] == "active" and {first, second} & {t["id"] for t in p["topics"]}]
    assert int(re.search(r"\d+", page.inner_text(".icckb-db-count")).group()) == len(either)
    other = shown_counts(page)["city"]  # other facets count within the current results
    assert sum(other.values()) >= len(either) and all(n <= len(either) for n in other.values())


def test_typing_a_word_adds_at_most_one_history_entry(page, server):
    page.goto(f"{server}/practices/")
    ready(page)
    before = page.evaluate("history.length")
    page.click(".icckb-db-bar input[type=search]")
    page.keyboard.type("youth", delay=80)
    wait_until(page, "location.search.includes('q=youth')")
    assert page.evaluate("history.length") - before <= 1
    page.check('input[name="topic"][value="education-youth"]')
    wait_until(page, "location.search.includes('topic=education-youth')")
    ticked = page.evaluate("history.length")
    page.go_back()
    wait_until(page, "!location.search.includes('topic=')")
    assert ticked - before <= 2 and not page.locator('input[name="topic"][value="education-youth"]').is_checked()


def test_sorting_chips_and_clearing(page, server, real_site):
    page.goto(f"{server}/practices/?topic=anti-rumours")
    ready(page)
    page.select_option(".icckb-db-sort select", "title")
    wait_until(page, "location.search.includes('sort=title')")
    page.wait_for_timeout(300)
    titles = page.eval_on_selector_all(".icckb-db-result > a", "links => links.map(a => a.textContent)")
    assert titles == sorted(titles, key=str.casefold)
    page.select_option(".icckb-db-sort select", "oldest")
    wait_until(page, "location.search.includes('sort=oldest')")
    page.wait_for_timeout(300)
    years = [int(y) for y in re.findall(r"· (\d{4})", " ".join(page.eval_on_selector_all(".icckb-db-facts", "s => s.map(x => x.textContent)")))]
    assert years == sorted(years)
    page.click(".icckb-db-chip")  # removes the topic
    wait_until(page, "!location.search.includes('topic=')")
    active = [p for p in practices(real_site, "") if p["status"] == "active"]
    wait_until(page, f"document.querySelector('.icckb-db-count').textContent.includes('{len(active)}')")


def test_archived_records_are_left_out_of_both_lists_alike(page, server, real_site):
    for url, name in (("policy-briefs/", "publications"), ("practices/", "practices")):
        items = json.loads((real_site / "api" / f"{name}.json").read_text())["items"]
        active = {i["url"] for i in items if i["status"] == "active"}
        static = set(re.findall(r'<li><a href="([^"]+)"', (real_site / url / "all" / "index.html").read_text()))
        assert {posixpath.normpath(f"/{url}all/{s}") + "/" for s in static} == active
        page.goto(f"{server}/{url}")
        ready(page)
        assert int(re.search(r"\d+", page.inner_text(".icckb-db-count")).group()) == len(active)


PAGE_TYPES = ["", "practices/", "practices/bilbao-storycities/", "toolkits/", "toolkits/anti-rumours/", "policy-briefs/",
              "policy-briefs/anti-rumours-handbook/", "topics/", "topics/anti-rumours/", "cities/", "cities/bilbao/",
              "countries/es/", "networks/reci/", "years/2024/", "glossary/", "about/", "contribute/", "contribute/fields/",
              "contribute/translations/", "contribute/new-practice/", "search/", "data/", "archive/", "practices/all/"]


@pytest.mark.parametrize("lang", ["", "ar/"])
def test_browsing_the_database_without_a_query_fetches_one_chunk_of_the_word_index(browser, server, real_site, lang):
    # Pagefind answers a search without a word by fetching its whole word index (12 chunks
    # here, 750 KB at 1,000 practices): on first load and after ticking a facet the
    # database asks for the word every record page carries instead.
    folder = real_site / "pagefind" / "index"
    code = lang.rstrip("/") or "en"
    assert len(list(folder.glob(f"{code}_*.pf_index"))) > 3
    page = browser.new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url) if request.url.endswith(".pf_index") else None)
    page.goto(f"{server}/{lang}practices/")
    ready(page)
    active = [p for p in practices(real_site, lang) if p["status"] == "active"]
    assert re.search(r"\d+", page.inner_text(".icckb-db-count")).group() == str(len(active))
    page.check('input[name="topic"][value="anti-rumours"]')
    wait_until(page, "location.search.includes('topic=anti-rumours')")
    ready(page)
    page.close()
    assert 1 <= len(fetched) <= 2, fetched


@pytest.mark.parametrize("query", ["housing", "icckbrecord"])
def test_search_results_show_the_words_of_the_page_only(page, server, query):
    """No heading's "¶" in titles or excerpts, no word the build adds for the databases,
    and no label glued to its value in a facts box ("Year2017")."""
    from icckb.search import EVERY_RECORD

    page.goto(f"{server}/search/?q={query}")
    page.wait_for_selector("#icckb-search .icckb-db-result p", timeout=20000)
    texts = page.eval_on_selector_all("#icckb-search .icckb-db-result", "els => els.map(e => e.textContent)")
    assert EVERY_RECORD == "icckbrecord" and texts
    assert not any("¶" in text or EVERY_RECORD in text or re.search(r"Year\d", text) for text in texts), texts


@pytest.mark.parametrize("url", ["practices/", "policy-briefs/"])
def test_the_full_list_has_its_own_page_and_the_database_leads_there_when_search_fails(browser, server, real_site, url):
    """The list of every record is not on the database's page (at 3,000 practices it made
    it 1.2 MB, slow on phones even hidden): it is one link away, and the database shows
    that link when its search data cannot load."""
    html = (real_site / url / "index.html").read_text(encoding="utf-8")
    assert 'class="icckb-list"' not in html and len(html) < 60_000
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/{url}")
    ready(page)
    assert page.locator(".icckb-db-static a").count() == 0  # the <noscript> stays shut
    assert page.evaluate("document.getElementsByTagName('*').length") < 1500
    broken = context.new_page()
    messages = []
    broken.on("console", lambda m: messages.append((m.type, m.text)))
    broken.route("**/pagefind/**", lambda route: route.abort())
    broken.goto(f"{server}/{url}")
    wait_until(broken, "document.querySelectorAll('.icckb-db-static a').length > 0")
    assert broken.locator(".icckb-db").is_hidden()
    assert "the full list" in broken.inner_text(".icckb-db-static")
    broken.click(".icckb-db-static a")
    broken.wait_for_url(f"{server}/{url}all/")
    shown = {_path(server, f"/{url}all/", a.get_attribute("href")) for a in broken.query_selector_all(".icckb-list li > a")}
    items = json.loads((real_site / "api" / f"{'practices' if url == 'practices/' else 'publications'}.json").read_text())["items"]
    assert shown == {i["url"] for i in items if i["status"] == "active"}
    # The blocked requests themselves are logged; nothing else goes wrong.
    assert [text for kind, text in messages if kind == "error" and not text.startswith("Failed to load resource")] == []
    context.close()


@pytest.mark.parametrize("width", [320, 390])
def test_no_page_is_wider_than_a_phone(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    wide = {}
    for lang in LANGS:
        for url in PAGE_TYPES + ["404.html"] * (lang == ""):
            page.goto(f"{server}/{lang}{url}")
            page.wait_for_load_state("load")
            page.wait_for_timeout(100)
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                wide[lang + url] = scroll
    context.close()
    assert not wide, wide


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_results_come_first_and_filters_open_behind_a_button(browser, server, lang):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{server}/{lang}practices/")
    ready(page)
    top = page.evaluate("document.querySelector('.icckb-db-result').getBoundingClientRect().top")
    assert top < 1.5 * PHONE["height"], top
    assert not page.is_visible(".icckb-db-facets")
    toggle = page.locator(".icckb-db-toggle")
    assert re.search(r"\(0\)", toggle.inner_text()) and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert page.is_visible(".icckb-db-facets") and toggle.get_attribute("aria-expanded") == "true"
    page.locator(".icckb-db-facets input[name=topic]").first.check()
    wait_until(page, "/\\(1\\)/.test(document.querySelector('.icckb-db-toggle').textContent)")
    context.close()


QUIET_PAGES = ["", "practices/", "practices/bilbao-storycities/", "toolkits/anti-rumours/", "policy-briefs/",
               "topics/anti-rumours/", "cities/bilbao/", "glossary/", "about/", "contribute/new-practice/", "search/?q=rumours"]


@pytest.mark.parametrize("lang", LANGS)
def test_no_console_error_or_failed_request_with_the_language_selector_used(browser, server, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    for url in QUIET_PAGES:
        page.goto(f"{server}/{lang}{url}")
        page.wait_for_load_state("networkidle")
        page.hover(".md-select")
        for link in page.query_selector_all(".md-select__link"):
            link.hover()
        page.wait_for_timeout(200)
    context.close()
    assert not problems, problems[:5]


@pytest.mark.parametrize("lang, word", [("", "rumours"), ("fr/", "rumeurs"), ("ar/", None)])
def test_the_home_page_search_answers_in_its_language(page, server, lang, word):
    from test_browser import topic_name

    page.goto(f"{server}/{lang}")
    box = page.locator(".icckb-find--home input")
    box.click()
    page.keyboard.type(word or topic_name("ar", "anti-rumours"), delay=30)
    page.wait_for_selector(".icckb-find--home [role=option] a", timeout=20000)
    links = page.eval_on_selector_all(".icckb-find--home [role=option] a", "links => links.map(a => new URL(a.href).pathname)")
    assert links and all(link.startswith("/" + lang) for link in links), links
    if lang:
        assert not any(re.match(r"^/(practices|toolkits|policy-briefs)/", link) for link in links)
    facts = page.inner_text(".icckb-find--home [role=option] .icckb-find-facts")
    assert facts  # the type of each result, and its place and year where it has them


def test_the_header_search_works_from_the_keyboard(page, server):
    page.goto(f"{server}/about/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "icckb-find-header"
    page.keyboard.type("rumours", delay=30)
    page.wait_for_selector(".icckb-find--header [role=option]", timeout=20000)
    page.keyboard.press("ArrowDown")
    active = page.evaluate("document.activeElement.getAttribute('aria-activedescendant')")
    target = page.get_attribute(f"#{active} a", "href")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith(target.lstrip(".")) or target in url, timeout=10000)
    page.goto(f"{server}/about/")
    page.fill(".icckb-find--header input", "rumours")
    page.keyboard.press("Enter")  # nothing chosen: the search page, with the words typed
    page.wait_for_url(lambda url: "/search/?q=rumours" in url)


def test_the_home_page_has_search_figures_topics_and_a_path_for_each_audience(real_site, real_corpus):
    html = (real_site / "index.html").read_text()
    assert html.index('class="icckb-find icckb-find--home"') < html.index('class="icckb-paths"')
    for target in ("practices/", "contribute/translations/", "contribute/new-practice/"):
        assert f'<li><a href="{target}"><strong>' in html
    practices = [r for r in real_corpus.records["practice"].values() if r.get("status") != "archived"]
    assert f'<a href="practices/"><strong>{len(practices)}</strong> Good practices</a>' in html
    assert f'<a href="contribute/translations/"><strong>{len(real_corpus.project.languages)}</strong> Languages</a>' in html
    for topic in real_corpus.registries["topics"]:
        count = sum(1 for r in practices if topic["id"] in r.get("topics"))
        label = "1 practice" if count == 1 else f"{count} practices"
        assert f'<a href="topics/{topic["id"]}/"><span>{topic["name"]}</span> <small>{label}</small></a>' in html.replace("&amp;", "&")
    for lang in real_corpus.project.languages[1:]:  # a translation hides what its original hides
        assert 'data-md-type="navigation" hidden' in (real_site / lang / "index.html").read_text(), lang
    tabs = re.findall(r'class="md-tabs__link">\s*(.*?)\s*</a>', html, re.S)
    assert tabs and "Intercultural Cities knowledge base" not in tabs  # no tab repeats the site name


@pytest.mark.parametrize("width", [1280, 390])
def test_every_field_of_the_submission_form_shows_where_to_type(browser, server, width):
    # A text field without a border is invisible on a white page: a reader sees a label and a gap.
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{server}/fr/contribute/new-practice/")
    wait_until(page, "document.querySelectorAll('.icckb-form input, .icckb-form textarea, .icckb-form select').length > 5")
    borders = page.evaluate("""[...document.querySelectorAll('.icckb-form input, .icckb-form textarea, .icckb-form select')]
        .filter(e => e.type !== 'checkbox' && e.type !== 'radio' && e.offsetParent !== null)
        .map(e => [e.id, getComputedStyle(e).borderTopWidth, getComputedStyle(e).borderTopStyle, getComputedStyle(e).borderTopColor])""")
    page.close()
    assert borders and all(float(w[:-2]) >= 1 and style != "none" and color != "rgba(0, 0, 0, 0)" for _, w, style, color in borders), borders


@pytest.mark.parametrize("lang", ["", "ar/"])
def test_a_glossary_term_explains_itself_when_tapped_on_a_phone(browser, server, lang):
    """A phone has no hover: tapping a term shows its explanation, inside the window, and
    leaving it hides the explanation again."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server}/{lang}practices/ballarat-australian-network-building/")
    term = page.locator("article abbr[title]").last
    term.scroll_into_view_if_needed()
    term.tap()
    tip = page.locator('[role="tooltip"]')
    tip.wait_for()
    assert tip.inner_text() == term.get_attribute("title")
    assert term.get_attribute("aria-describedby") == tip.get_attribute("id")
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("article h1").tap()
    tip.wait_for(state="detached")
    context.close()
