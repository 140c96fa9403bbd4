"""Hostile content that passes validation stays inert in every output file."""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from conftest import copy_fixture_site, mkdocs_build, serving

# Plain text the validator accepts (no tags), full of things that must not come alive.
HOSTILE = '" onmouseover="alert(1)" x=\' [click](javascript:alert(2)) {{ 7*7 }} &amp; *bold* `code` # \\\\'

# The same in a body, but for the script link, which validation refuses there.
HOSTILE_BODY = HOSTILE.replace("javascript:", "")


class Scanner(HTMLParser):
    """Collects every event-handler attribute and script-like link in a page, and the
    text of its links and headings as a browser would show it."""

    def __init__(self):
        super().__init__()
        self.found = []
        self.texts = []
        self.open = []

    def handle_endtag(self, tag):
        if self.open and self.open[-1][0] == tag:
            name, parts = self.open.pop()
            self.texts.append("".join(parts).strip())

    def handle_data(self, data):
        for _, parts in self.open:
            parts.append(data)

    def handle_starttag(self, tag, attrs):
        if tag in ("a", "h1", "title", "span"):
            self.open.append((tag, []))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(("javascript:", "data:text")):
                self.found.append(f"<{tag} {name}={value}>")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The fixture site with the hostile text in a record's title, summary, sources,
    partners and body, built."""
    root = copy_fixture_site(tmp_path_factory.mktemp("hostile") / "site", ("icckb-search.js",))  # the database's script
    record = root / "practices" / "oslo-rumours.md"
    text = record.read_text()
    text = text.replace("title: Oslo anti-rumours pilot", "title: " + json.dumps(HOSTILE))
    text = text.replace("summary: Two cities tried the anti-rumours method together.", "summary: " + json.dumps(HOSTILE))
    text = text.replace('sources: ["ICC Annual Report 2017"]', "sources: [" + json.dumps(HOSTILE) + "]\npartners: [" + json.dumps(HOSTILE) + "]")
    record.write_text(text + "\n" + HOSTILE_BODY + "\n")
    (root / "practices" / "oslo-rumours.fr.md").unlink()
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_hostile_text_is_escaped_everywhere(hostile_site):
    site = hostile_site
    shown_intact = set()
    for path in site.rglob("*.html"):
        scanner = Scanner()
        scanner.feed(path.read_text(encoding="utf-8"))
        assert not scanner.found, (path.relative_to(site), scanner.found)
        for text in scanner.texts:
            assert "7*7" not in text or HOSTILE in text, (path.relative_to(site), text)
        if HOSTILE in scanner.texts:  # shown exactly as written: no Markdown, no template, no double escaping
            shown_intact.add(path.relative_to(site).parent.as_posix())
    for url in ("practices/oslo-rumours", "practices", "topics/anti-rumours", "cities/oslo", "countries/no", "years/2017", "fr/practices"):
        assert url in shown_intact, url
    for path in site.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    items = json.loads((site / "api" / "practices.json").read_text())["items"]
    assert any(item["title"] == HOSTILE for item in items)
    for path in site.rglob("feed.xml"):
        titles = [e.text for e in ET.parse(path).getroot().iter("{http://www.w3.org/2005/Atom}title")]
        assert HOSTILE in titles


def test_hostile_text_is_plain_text_in_the_search_data(hostile_site):
    """Pagefind's fragments hold what results show: the title as text, never markup."""
    fragments = [json.loads(gzip.decompress(p.read_bytes())[12:]) for p in (hostile_site / "pagefind" / "fragment").glob("*.pf_fragment")]
    hostile = [f for f in fragments if f["url"].endswith("/practices/oslo-rumours/")]
    assert hostile, "the hostile record is missing from the search data"
    for fragment in hostile:
        assert fragment["meta"]["title"] == HOSTILE
        # text, not markup: had the attribute break out, these characters would be gone
        assert '" onmouseover="alert(1)" x=\'' in fragment["content"]


def test_hostile_text_stays_inert_in_the_databases_own_rendering(hostile_site):
    """The practice database draws results in the browser from the search data: the
    hostile title must appear as written, and nothing may run."""
    from playwright.sync_api import sync_playwright

    from test_browser import CHROMIUM, FLAGS

    with serving(hostile_site) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{server}/practices/?q=rumours")
        page.wait_for_selector(".icckb-db[data-ready] .icckb-db-result", timeout=20000)
        page.hover(".icckb-db-result a")
        texts = page.eval_on_selector_all(".icckb-db-result a", "links => links.map(a => a.textContent)")
        handlers = page.eval_on_selector_all(".icckb-db *", "nodes => nodes.filter(n => [...n.attributes].some(a => a.name.startsWith('on'))).length")
        browser.close()
    assert HOSTILE in texts
    assert handlers == 0 and dialogs == []
