"""Hostile content that passes validation stays inert in every output file."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from conftest import FIXTURE_SITE, HOOKS_IN_FIXTURE, REPO, mkdocs_build

# Plain text the validator accepts (no tags), full of things that must not come alive.
HOSTILE = '" onmouseover="alert(1)" x=\' [click](javascript:alert(2)) {{ 7*7 }} &amp; *bold* `code` # \\\\'


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


def test_hostile_text_is_escaped_everywhere(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace(HOOKS_IN_FIXTURE, str(REPO / "hooks" / "icckb_hooks.py")))
    record = root / "practices" / "oslo-rumours.md"
    text = record.read_text()
    text = text.replace("title: Oslo anti-rumours pilot", "title: " + json.dumps(HOSTILE))
    text = text.replace("summary: Two cities tried the anti-rumours method together.", "summary: " + json.dumps(HOSTILE))
    text = text.replace('sources: ["ICC Annual Report 2017"]', "sources: [" + json.dumps(HOSTILE) + "]\npartners: [" + json.dumps(HOSTILE) + "]")
    record.write_text(text)
    (root / "practices" / "oslo-rumours.fr.md").unlink()
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr

    site = root / "site"
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
