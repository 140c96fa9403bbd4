"""Hostile content that passes validation stays inert in every output file."""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from icckb import corpus, sanitize, security
from icckb.project import Project

from conftest import build_here, copy_fixture_site, mkdocs_build, serving
from hostile_cases import BODY_CASES, FIELD_CASES
from sitecheck import read

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


# -- the hostile corpus (tests/hostile_cases.py) ------------------------------------

# The real site's Markdown, so that attribute lists, abbreviations and permalinks are tried.
REAL_MARKDOWN = "markdown_extensions:\n  - abbr\n  - attr_list\n  - md_in_html\n  - admonition\n  - toc:\n      permalink: true\n"

CORPUS_PAGE = "docs/hostile-page.md"
CORPUS_TRANSLATION = "practices/oslo-rumours.fr.md"
# Cases also written into a site page and a translation: the same reader checks them.
ELSEWHERE = ("raw-decimal-entity", "md-entity", "svg-onload", "attr-list-onclick", "comment-early-close", "escaped-tags")


def _practice(title: str, body: str) -> str:
    sections = "".join(f"## {s}\n\nText.\n\n" for s in ("Purpose", "Context", "What was done", "Results", "Lessons learnt"))
    return ("---\ntitle: " + json.dumps(title) + "\ncities: [oslo]\nyear: 2017\ntopics: [anti-rumours]\n"
            "summary: A hostile case.\nsources: [\"ICC Annual Report 2017\"]\n---\n\n" + sections + body + "\n")


def _with_field(field: str, value) -> str:
    text = _practice("Hostile field", "")
    line = f"{field}: {json.dumps(value)}\n"
    if field in ("title", "summary"):
        return "\n".join(line.rstrip("\n") if row.startswith(field + ":") else row for row in text.split("\n"))
    return text.replace("sources:", line + "sources:", 1)


def _lines(text: str, case: str) -> range:
    """The lines of a file that hold a case's text."""
    first = text.split("\n").index(case.split("\n")[0]) + 1
    return range(first, first + case.count("\n") + 1)


def _problems(root):
    loaded = corpus.load(Project.from_config_file(root / "mkdocs.yml"))
    return loaded.problems


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory):
    """The fixture site with one practice per body case, the chosen cases in a site page
    and a translation, and one practice per field case that validation accepts.
    Returns (root, {path: (expected, lines)}, accepted field cases)."""
    root = copy_fixture_site(tmp_path_factory.mktemp("corpus") / "site", ("icckb-search.js",))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("markdown_extensions:\n  - md_in_html\n  - admonition\n", REAL_MARKDOWN))
    cases = {}
    for name, body, expected in BODY_CASES:
        path = f"practices/hostile-{name}.md"
        text = _practice(f"Hostile {name}", body)
        (root / path).write_text(text)
        cases[path] = (expected, _lines(text, body))
    chosen = [(name, body, expected) for name, body, expected in BODY_CASES if name in ELSEWHERE]
    page = "---\ntitle: Hostile page\n---\n\n# Hostile page\n\n" + "\n\n".join(body for _, body, _ in chosen) + "\n"
    (root / CORPUS_PAGE).write_text(page)
    translation = (root / CORPUS_TRANSLATION).read_text() + "\n" + "\n\n".join(body for _, body, _ in chosen) + "\n"
    (root / CORPUS_TRANSLATION).write_text(translation)
    for path, text in ((CORPUS_PAGE, page), (CORPUS_TRANSLATION, translation)):
        cases[path] = ("refused", range(_lines(text, chosen[0][1]).start, len(text.split("\n")) + 1))
    # Field cases: each tried alone; those accepted join the built corpus.
    accepted = []
    probe = copy_fixture_site(tmp_path_factory.mktemp("fields") / "site")
    for number, (field, value) in enumerate(FIELD_CASES):
        (probe / "practices" / "field.md").write_text(_with_field(field, value))
        if not _problems(probe):
            (root / "practices" / f"field-{number}.md").write_text(_with_field(field, value))
            accepted.append((field, value))
    return root, cases, accepted


def test_every_hostile_body_is_refused_at_its_line_or_kept(hostile_corpus):
    root, cases, _ = hostile_corpus
    problems = _problems(root)
    by_path = {}
    for problem in problems:
        by_path.setdefault(problem.path, []).append(problem)
    assert set(by_path) <= set(cases), sorted(set(by_path) - set(cases))
    for path, (expected, lines) in cases.items():
        found = by_path.get(path, [])
        if expected == "kept":
            assert not found, (path, [str(p) for p in found])
        else:
            assert found, f"{path}: not refused"
            assert all(p.line in lines and p.field == "body" for p in found), (path, lines, [str(p) for p in found])


def test_every_field_case_is_refused_at_its_line_or_accepted_as_text(hostile_corpus, tmp_path):
    _, _, accepted = hostile_corpus
    root = copy_fixture_site(tmp_path / "site")
    for field, value in FIELD_CASES:
        text = _with_field(field, value)
        (root / "practices" / "field.md").write_text(text)
        problems = _problems(root)
        if (field, value) in accepted:
            continue
        line = next(n for n, row in enumerate(text.split("\n"), 1) if row.startswith(field + ":"))
        assert problems and all(p.path == "practices/field.md" and p.line in (line, line + 1) for p in problems), (field, value, [str(p) for p in problems])
    # Those accepted are the plain-text ones: escaped wherever they are shown (below).
    assert {field for field, _ in accepted} <= {"title", "summary", "funding", "contact", "partners", "sources"}


def _build_without_body_check(root):
    """Build with the validator's body check switched off, so that the sanitizer alone
    stands between every case and the reader."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sanitize, "body_problems", lambda body, render: [])
        return build_here(root)


@pytest.fixture(scope="module")
def inert_site(hostile_corpus, tmp_path_factory):
    root, _, _ = hostile_corpus
    clean = copy_fixture_site(tmp_path_factory.mktemp("clean") / "site", ("icckb-search.js",))
    return _build_without_body_check(root), _build_without_body_check(clean)


class Elements(HTMLParser):
    """Every element of a page with its attributes, and which lie inside content
    (``<div class="icckb-body">``)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.all, self.content, self.depth, self.scripts, self._script = [], [], 0, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.all.append((tag, attrs))
        if self.depth:
            self.depth += tag not in VOID
            self.content.append(tag)
        elif tag == "div" and "icckb-body" in (attrs.get("class") or "").split():
            self.depth = 1
        if tag == "script":
            self._script = [attrs, ""]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.depth and tag not in VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
        if tag == "script" and self._script is not None:
            self.scripts.append(tuple(self._script))
            self._script = None


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster", "background", "ping", "srcset"}


def _theme_scripts(site) -> set:
    return {s for path in site.rglob("*.html") for s in security.script_hashes(path.read_text(encoding="utf-8"))}


def test_built_hostile_pages_hold_nothing_that_runs(inert_site):
    site, clean = inert_site
    theirs = _theme_scripts(clean)
    pages = sorted(site.rglob("*.html"))
    checked = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        parsed = Elements()
        parsed.feed(html)
        where = path.relative_to(site).as_posix()
        for tag, attrs in parsed.all:
            assert not [a for a in attrs if a.startswith("on")], (where, tag, attrs)
            for name in URL_ATTRIBUTES & set(attrs):
                assert sanitize.url_scheme(attrs[name] or "") in (None, "http", "https", "mailto"), (where, tag, name, attrs[name])
            assert tag not in ("iframe", "object", "embed", "frame", "base"), (where, tag)
            # The only forms are the build's search boxes, leading to the search page.
            assert tag != "form" or ("icckb-find" in attrs.get("class", "") and sanitize.url_scheme(attrs.get("action") or "") is None), (where, attrs)
            assert not (tag == "meta" and "refresh" in str(attrs.get("http-equiv", "")).lower()), where
        for attrs, code in parsed.scripts:
            assert "src" in attrs or "application/json" in (attrs.get("type") or "") or (
                next(iter(security.script_hashes(f"<script>{code}</script>"))) in theirs), (where, code[:80])
        outside = [tag for tag in parsed.content if tag not in sanitize.TAGS]
        assert not outside, (where, outside)
        checked += "practices/hostile-" in where
    assert checked == 2 * len(BODY_CASES)  # in both languages


def test_harmless_hostile_text_is_shown_as_written(inert_site):
    site, _ = inert_site
    assert "{{ config.extra }} {% include 'x' %}" in read(site, "practices/hostile-template-syntax/")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in read(site, "practices/hostile-escaped-tags/")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in read(site, "practices/hostile-fenced-code/")


def test_hostile_pages_run_nothing_in_chromium(inert_site):
    """Every hostile page in Chromium: no dialog opens, and clicking every link of its
    content leads nowhere but to web addresses (navigations are caught, not followed)."""
    from playwright.sync_api import sync_playwright

    from test_browser import CHROMIUM, FLAGS

    site, _ = inert_site
    urls = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.glob("practices/hostile-*/index.html"))
    urls += ["hostile-page/", "fr/practices/oslo-rumours/"]
    dialogs, targets = [], []
    with serving(site) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append((page.url, d.message)), d.dismiss()))

        def leave(route):
            targets.append(route.request.url)
            route.abort()

        for url in urls:
            page.unroute("**/*")
            page.goto(f"{server}/{url}")
            page.route("**/*", lambda route: leave(route) if route.request.is_navigation_request() else route.continue_())
            for link in page.query_selector_all(".icckb-body a, .icckb-body area"):
                try:
                    link.click(timeout=500, force=True)
                except Exception:
                    pass  # hidden or removed by the page: nothing to click
            page.mouse.move(10, 10)
            page.mouse.move(300, 400)
            page.wait_for_timeout(50)
        browser.close()
    assert not dialogs, dialogs[:5]
    assert all(t.startswith(("http://", "https://")) for t in targets), [t for t in targets if not t.startswith("http")]
