"""Search and the databases in real headless Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

import json
import subprocess
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from conftest import REPO, QuietHandler, serving, wait_until

playwright = pytest.importorskip("playwright.sync_api", reason="the test extra installs Playwright")

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


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
    context = browser.new_context()
    yield context.new_page()
    context.close()


SEARCH_BOX = '#icckb-search input[name="q"]'
SEARCH_RESULT = "#icckb-search .icckb-db-result > a"


def search(page, server, lang_prefix, query):
    page.goto(f"{server}/{lang_prefix}search/?q={query}")
    page.wait_for_selector(SEARCH_RESULT, timeout=20000)
    return [a.get_attribute("href") for a in page.query_selector_all(SEARCH_RESULT)]


def vocabulary(lang):
    return yaml.safe_load((REPO / "data" / "i18n" / f"{lang}.yml").read_text(encoding="utf-8"))


def label(lang, key):
    from icckb.labels import ENGLISH

    return ENGLISH[key] if lang == "en" else vocabulary(lang)["labels"][key]


def topic_name(lang, topic):
    return vocabulary(lang)["topics"][topic]["name"]


def test_a_french_query_returns_only_french_pages(page, server):
    urls = search(page, server, "fr/", "rumeurs")
    assert urls and all(url.startswith("/fr/") for url in urls), urls
    assert "/fr/toolkits/anti-rumours/" in urls


@pytest.mark.parametrize("lang", ["ja", "ar"])
def test_japanese_and_arabic_queries_find_their_pages(page, server, lang):
    name = topic_name(lang, "anti-rumours")
    urls = search(page, server, f"{lang}/", name)
    assert f"/{lang}/topics/anti-rumours/" in urls, (name, urls)
    assert all(url.startswith(f"/{lang}/") for url in urls)


def practices_matching(site, topics=(), countries=()):
    items = json.loads((site / "api" / "practices.json").read_text())["items"]
    return {
        item["url"] for item in items
        if item["status"] == "active"
        and (not topics or {t["id"] for t in item["topics"]} & set(topics))
        and (not countries or {c.lower() for c in item["countries"]} & set(countries))
    }


def database_results(page):
    """Every result's address, after asking for more until the list is complete."""
    page.wait_for_selector(".icckb-db[data-ready]", timeout=20000)
    while page.is_visible(".icckb-db-more"):
        shown = page.locator(".icckb-db-result").count()
        page.click(".icckb-db-more")
        wait_until(page, f"document.querySelectorAll('.icckb-db-result').length > {shown}")
    return {a.get_attribute("href") for a in page.query_selector_all(".icckb-db-result > a")}


def test_a_filtered_database_url_shows_exactly_the_matching_practices(page, server, real_site):
    page.goto(f"{server}/practices/?topic=anti-rumours&topic=participation&country=es")
    expected = practices_matching(real_site, topics=["anti-rumours", "participation"], countries=["es"])
    assert expected and database_results(page) == expected
    assert page.inner_text(".icckb-db-count") == f"{len(expected)} results"
    assert page.locator('input[name="topic"][value="anti-rumours"]').is_checked()


def test_changing_a_facet_updates_the_url_and_back_restores_it(page, server, real_site):
    page.goto(f"{server}/practices/?topic=anti-rumours")
    database_results(page)
    page.locator('input[name="country"][value="it"]').check()
    wait_until(page, "location.search.includes('country=it')")
    assert parse_qs(urlparse(page.url).query) == {"topic": ["anti-rumours"], "country": ["it"]}
    wait_until(page, "document.querySelectorAll('.icckb-db-result').length > 0")
    assert database_results(page) == practices_matching(real_site, topics=["anti-rumours"], countries=["it"])
    page.go_back()
    wait_until(page, "!location.search.includes('country=it')")
    assert not page.locator('input[name="country"][value="it"]').is_checked()


def test_without_javascript_the_database_lists_every_practice(browser, server, real_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/practices/")
    page.click(".icckb-db-static a")  # the database needs JavaScript: its <noscript> leads to the full list
    page.wait_for_url(f"{server}/practices/all/")
    links = {a.get_attribute("href") for a in page.query_selector_all(".icckb-list a")}
    context.close()
    assert {_path(server, "/practices/all/", href) for href in links} == practices_matching(real_site)


def test_publications_filter_by_kind(page, server, real_site):
    page.goto(f"{server}/policy-briefs/?kind=policy-brief")
    items = json.loads((real_site / "api" / "publications.json").read_text())["items"]
    expected = {i["url"] for i in items if i["kind"] == "policy-brief" and i["status"] == "active"}
    assert expected and database_results(page) == expected
    assert page.inner_text(".icckb-db-count") == f"{len(expected)} results"


def test_search_data_fetched_before_first_results_stays_small(page, server):
    fetched = []
    page.on("response", lambda r: fetched.append(r) if "/pagefind/" in r.url else None)
    page.goto(f"{server}/practices/?q=youth")
    database_results(page)
    total = sum(len(r.body()) for r in fetched)
    print(f"search data fetched before the first results: {total} bytes in {len(fetched)} requests")
    assert total < 300_000


def _path(server, base, href):
    from urllib.parse import urljoin

    return urlparse(urljoin(server + base, href)).path


@pytest.fixture(scope="module")
def form_site(tmp_path_factory):
    """The fixture site with the form's script and a repository address, built and served."""
    from conftest import copy_fixture_site, mkdocs_build

    root = copy_fixture_site(tmp_path_factory.mktemp("form") / "site", ("icckb-form.js",), "repo_url: https://github.com/example/kb\n")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    with serving(root / "site") as address:
        yield root, address


def fill_form(page, server, year="2019"):
    page.goto(f"{server}/contribute/new-practice/")
    page.fill("#icckb-title", 'Bergen "youth" café: a meeting place')
    page.select_option("#icckb-cities", ["bergen", "oslo"])
    page.fill("#icckb-year", year)
    page.select_option("#icckb-topics", ["participation"])
    page.fill("#icckb-summary", "Young people run a café where newcomers meet residents.")
    page.fill("#icckb-sources", "ICC Annual Report 2020")
    page.fill("#icckb-section-purpose", "Bring young people together.")
    page.click("text=Check and create the file")


def test_the_form_writes_a_file_that_passes_validation_unchanged(page, form_site):
    root, server = form_site
    fill_form(page, server)
    content = page.input_value(".icckb-form-file")
    assert page.inner_text(".icckb-form-output p") == "practices/bergen-youth-cafe-a-meeting-place.md"
    (root / "practices" / "bergen-youth-cafe-a-meeting-place.md").write_text(content, encoding="utf-8")
    result = subprocess.run(["icckb", "validate", "practices/bergen-youth-cafe-a-meeting-place.md"], cwd=root, capture_output=True, text=True)
    assert result.stdout == "1 files checked, no problems found\n", result.stdout
    propose = urlparse(page.get_attribute(".icckb-form-propose", "href"))
    assert propose.netloc == "github.com" and propose.path == "/example/kb/new/main/practices"
    query = parse_qs(propose.query)
    assert query["filename"] == ["bergen-youth-cafe-a-meeting-place.md"]
    assert query["value"] == [content]


def test_the_form_reports_mistakes_in_the_validators_words(page, form_site):
    root, server = form_site
    fill_form(page, server, year="2030")
    errors = page.inner_text(".icckb-form-errors")
    from datetime import date

    assert f"year: 2030 is not a year between 2008 and {date.today().year}" in errors
    # The same mistake in a file gets the same words from icckb validate.
    bad = root / "practices" / "bad-year.md"
    bad.write_text((root / "practices" / "oslo-rumours.md").read_text().replace("year: 2017", "year: 2030"))
    result = subprocess.run(["icckb", "validate", "practices/bad-year.md"], cwd=root, capture_output=True, text=True)
    bad.unlink()
    assert f"practices/bad-year.md:4: year: 2030 is not a year between 2008 and {date.today().year}" in result.stdout


ACCESSIBILITY_PAGES = ["", "practices/", "practices/bilbao-storycities/", "policy-briefs/anti-rumours-handbook/",
                       "toolkits/anti-rumours/", "topics/anti-rumours/", "cities/bilbao/", "glossary/",
                       "contribute/new-practice/", "contribute/translations/", "search/"]


@pytest.mark.parametrize("lang", ["", "fr/", "ar/", "ja/"])
def test_no_serious_or_critical_accessibility_violations(page, server, lang):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    for url in ACCESSIBILITY_PAGES:
        page.goto(f"{server}/{lang}{url}")
        page.wait_for_load_state("networkidle")
        violations = axe.run(page).response["violations"]
        serious = [f"{v['id']} ({len(v['nodes'])})" for v in violations if v["impact"] in ("serious", "critical")]
        if serious:
            found[lang + url] = serious
    assert not found, found


@pytest.mark.parametrize("lang", ["", "ar/"])
def test_no_serious_or_critical_accessibility_violations_in_the_dark_scheme(browser, server, lang):
    """A reader whose system prefers dark gets the dark scheme, which must pass as well
    (colour contrast above all)."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    axe, found = Axe(), {}
    for url in ACCESSIBILITY_PAGES:
        page.goto(f"{server}/{lang}{url}")
        page.wait_for_load_state("networkidle")
        assert page.get_attribute("body", "data-md-color-scheme") == "slate", url
        serious = [f"{v['id']} ({len(v['nodes'])})" for v in axe.run(page).response["violations"] if v["impact"] in ("serious", "critical")]
        if serious:
            found[lang + url] = serious
    context.close()
    assert not found, found


def csp_of(site) -> str:
    line = next(row for row in (site / "_headers").read_text().splitlines() if "Content-Security-Policy:" in row)
    return line.split(":", 1)[1].strip()


def test_pages_work_under_the_sites_content_security_policy(browser, real_site):
    policy = csp_of(real_site)

    class WithPolicy(QuietHandler):
        def end_headers(self):
            self.send_header("Content-Security-Policy", policy)
            super().end_headers()

    context = browser.new_context()
    page = context.new_page()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    with serving(real_site, WithPolicy) as server:
        for url in ("", "ar/practices/bilbao-storycities/", "contribute/new-practice/"):
            page.goto(f"{server}/{url}")
            page.wait_for_load_state("networkidle")
        page.goto(f"{server}/practices/?topic=anti-rumours")
        page.wait_for_selector(".icckb-db[data-ready]", timeout=20000)
        page.goto(f"{server}/fr/search/?q=rumeurs")
        page.wait_for_selector(SEARCH_RESULT, timeout=20000)
    context.close()
    assert not refused, refused[:3]


def test_the_site_loads_nothing_from_other_hosts(real_site):
    import re

    external = re.compile(r'<(?:script|img|iframe|source)\s[^>]*\bsrc="(?:https?:)?//|<link\s[^>]*\brel="(?:stylesheet|preload|preconnect|icon)"[^>]*href="(?:https?:)?//')
    offenders = [str(p.relative_to(real_site)) for p in real_site.rglob("*.html") if external.search(p.read_text(encoding="utf-8"))]
    assert not offenders, offenders[:5]


@pytest.mark.parametrize("lang", ["", "fr/", "ar/"])
def test_every_active_practice_is_in_every_languages_database(page, server, real_corpus, lang):
    import re

    active = [r for r in real_corpus.records["practice"].values() if r.get("status", "active") == "active"]
    page.goto(f"{server}/{lang}practices/")
    database_results(page)
    assert int(re.search(r"\d+", page.inner_text(".icckb-db-count")).group()) == len(active)


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the focused element matches ``selector``; fail if it never does.
    Each element reached must show where the focus is (an outline or a ring)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            visible = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
                return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; }""")
            assert visible, f"the focus on {selector} is not visible"
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_search_page_has_its_engine_ready_before_the_first_key(browser, server):
    # On arrival: the box has the cursor, nothing is listed yet, and the engine and the
    # language's index list are loaded, so the first key only has to fetch its words. A
    # plain query needs no filter table: none is fetched.
    page = browser.new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(urlparse(request.url).path) if "/pagefind/" in request.url else None)
    page.goto(f"{server}/fr/search/")
    page.wait_for_selector("#icckb-search[data-ready]")
    for _ in range(200):  # its worker's requests are not in the page's performance entries
        if any(path.endswith(".pf_meta") for path in fetched):
            break
        page.wait_for_timeout(50)
    assert page.evaluate("document.activeElement.name") == "q"
    assert page.input_value(SEARCH_BOX) == "" and page.locator("#icckb-search .icckb-db-result").count() == 0
    assert page.inner_text("#icckb-search .icckb-db-count") == ""
    assert any(path.endswith("/pagefind/wasm.fr.pagefind") for path in fetched), fetched
    assert sum(path.endswith("/pagefind/pagefind.js") for path in fetched) == 1
    page.fill(SEARCH_BOX, "rumeurs")
    page.wait_for_selector(SEARCH_RESULT)
    assert not any(path.endswith(".pf_filter") for path in fetched), fetched
    page.close()


def test_the_search_page_narrows_to_a_type_and_keeps_it_in_the_address(page, server):
    everything = search(page, server, "fr/", "rumeurs")
    assert any("/toolkits/" in url for url in everything) and any("/toolkits/" not in url for url in everything), everything
    toolkits = search(page, server, "fr/", "rumeurs&type=toolkit")
    assert toolkits and all(url.startswith("/fr/toolkits/") for url in toolkits), toolkits
    assert page.input_value('#icckb-search select[name="type"]') == "toolkit"
    page.select_option('#icckb-search select[name="type"]', "")
    wait_until(page, "!location.search.includes('type=')")
    wait_until(page, f"document.querySelectorAll('{SEARCH_RESULT}').length === {len(everything)}")
    assert parse_qs(urlparse(page.url).query) == {"q": ["rumeurs"]}


@pytest.mark.parametrize("lang, prefix", [("en", ""), ("ar", "ar/")])
def test_a_search_that_finds_nothing_says_so_in_the_page_language(page, server, lang, prefix):
    page.goto(f"{server}/{prefix}search/?q=zzqxjv")
    wait_until(page, "document.querySelector('#icckb-search .icckb-db-count').textContent !== ''")
    assert page.inner_text("#icckb-search .icckb-db-count") == label(lang, "search_none")
    assert page.locator("#icckb-search .icckb-db-result").count() == 0


def test_the_search_page_says_so_when_its_data_cannot_load(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.route("**/pagefind/**", lambda route: route.abort())
    page.goto(f"{server}/search/?q=rumours")
    wait_until(page, "document.querySelector('#icckb-search .icckb-db-count').textContent !== ''")
    assert page.inner_text("#icckb-search .icckb-db-count") == label("en", "search_unavailable")
    context.close()
    context.close()


@pytest.mark.parametrize("url, key", [("search/", "search_unavailable"), ("fr/contribute/new-practice/", "form_noscript")])
def test_without_javascript_a_widget_says_what_to_do_instead(browser, server, url, key):
    # Its words are HTML, not Markdown: no escaping backslash shows ("JavaScript\\.").
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/{url}")
    assert label("fr" if url.startswith("fr/") else "en", key) in page.inner_text("article")
    context.close()


def test_keyboard_only_search(page, server):
    page.goto(f"{server}/search/")
    page.wait_for_selector(SEARCH_BOX)
    tab_to(page, SEARCH_BOX)
    page.keyboard.type("rumours")
    page.wait_for_selector(SEARCH_RESULT)
    tab_to(page, SEARCH_RESULT)
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlparse(url).path == urlparse(target).path)


def test_keyboard_only_facets(page, server):
    page.goto(f"{server}/practices/")
    database_results(page)
    tab_to(page, 'input[name="topic"][value="anti-rumours"]')
    page.keyboard.press("Space")
    wait_until(page, "location.search.includes('topic=anti-rumours')")
    assert page.locator('input[name="topic"][value="anti-rumours"]').is_checked()


def test_keyboard_only_language_switcher(page, server):
    page.goto(f"{server}/practices/bilbao-storycities/")
    tab_to(page, '.md-select__link[hreflang="fr"]')
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlparse(url).path == "/fr/practices/bilbao-storycities/")


def test_the_site_works_without_headers_and_an_injected_script_does_not_run(browser, server):
    """Served with no headers at all (as GitHub Pages serves it), every page's own policy
    lets the site's scripts run and stops a script that found its way into a page."""
    context = browser.new_context()
    page = context.new_page()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{server}/practices/?topic=anti-rumours")
    page.wait_for_selector(".icckb-db[data-ready] .icckb-db-result", timeout=20000)
    page.goto(f"{server}/ar/search/?q=" + topic_name("ar", "anti-rumours"))
    page.wait_for_selector(SEARCH_RESULT, timeout=20000)
    page.goto(f"{server}/practices/bilbao-storycities/")
    assert page.evaluate("typeof document$") != "undefined"  # the theme's scripts ran
    assert not refused, refused[:3]

    injected = '<script>window.__injected = 1</script><img src="x" onerror="window.__injected = 2">'

    def inject(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("</article>", injected + "</article>", 1))

    page.route("**/practices/bilbao-storycities/", inject)
    page.goto(f"{server}/practices/bilbao-storycities/")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__injected") is None
    assert page.evaluate("typeof document$") != "undefined"
    assert any("Content Security Policy" in text for text in refused)  # stopped by the page's policy
    context.close()
