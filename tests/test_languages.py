"""Every word of the interface in the reader's language, and content in every language,
honestly labelled: over the real built site."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser

import pytest
import yaml

from icckb import labels, schema

from conftest import REPO

PAGE_TYPES = ["", "practices/", "practices/bilbao-storycities/", "toolkits/", "toolkits/anti-rumours/", "policy-briefs/",
              "policy-briefs/anti-rumours-handbook/", "topics/", "topics/anti-rumours/", "cities/", "cities/bilbao/",
              "countries/es/", "networks/reci/", "years/2024/", "glossary/", "about/", "contribute/", "contribute/fields/",
              "contribute/translations/", "contribute/new-practice/", "search/", "data/", "archive/", "404.html"]


def others(corpus) -> list:
    return list(corpus.project.languages[1:])


def test_every_language_translates_every_interface_label(real_corpus):
    missing = {lang: real_corpus.vocabulary(lang).missing_labels() for lang in others(real_corpus)}
    assert {lang: keys for lang, keys in missing.items() if keys} == {}


def test_every_toolkit_and_site_page_exists_in_every_language(real_corpus):
    originals = [*real_corpus.records["toolkit"].values(), *real_corpus.pages.values()]
    missing = [(r.path, lang) for r in originals for lang in others(real_corpus) if lang not in r.translations]
    assert missing == []


class Interface(HTMLParser):
    """The interface's texts of a page: <title>, the header, tabs, navigation, footer,
    labels, legends, buttons, placeholders and accessible names; not the content, nor
    what is marked as written in another language (an untranslated body, its table of
    contents, a title shown in the original's words)."""

    FRAME = ("md-header", "md-tabs", "md-nav", "md-footer", "md-sidebar", "icckb-find", "icckb-facts", "icckb-breadcrumbs")

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.lang, self.texts, self.stack = lang, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            return
        outer = self.stack[-1] if self.stack else False
        foreign = outer is None or (attrs.get("lang") or self.lang) != self.lang
        if not foreign or "headerlink" in (attrs.get("class") or ""):  # a heading's link is the interface's
            for name in ("placeholder", "aria-label", "title"):
                if attrs.get(name):
                    self.texts.append(attrs[name])
        classes = attrs.get("class") or ""
        framed = tag in ("title", "label", "legend", "button", "dt", "figcaption") or any(c in classes for c in self.FRAME)
        if tag not in ("meta", "link", "input", "img", "br", "hr", "source", "circle", "use", "rect", "path"):
            self.stack.append(None if foreign else (framed or outer))

    def handle_endtag(self, tag):
        if self.stack and tag != "html" and tag not in ("meta", "link", "input", "img", "br", "hr", "source", "circle", "use", "rect", "path"):
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] and data.strip():
            self.texts.append(data.strip())


def english_phrases(vocab) -> set:
    """Interface phrases in English that this language translates differently."""
    found = set()
    for key, english in labels.ENGLISH.items():
        if "{" in english or key.startswith("message_") or key == "thousands_separator":
            continue
        if len(english) >= 6 and vocab.label(key) != english:
            found.add(english)
    return found


@pytest.mark.parametrize("lang", ["fr", "es", "it", "pt", "uk", "pl", "fi", "el", "ja", "ar"])
def test_no_english_interface_phrase_remains(real_site, real_corpus, lang):
    vocab = real_corpus.vocabulary(lang)
    english = english_phrases(vocab) | {"Intercultural Cities knowledge base", "Made with"}
    found = {}
    for url in PAGE_TYPES:
        path = real_site / lang / url / "index.html" if not url.endswith(".html") else real_site / lang / url
        parser = Interface(lang)
        parser.feed(path.read_text(encoding="utf-8"))
        leftovers = sorted({t for t in parser.texts if t in english or any(t.startswith(e + " ") or t.endswith(" - " + e) for e in english)})
        if leftovers:
            found[url] = leftovers
        # The database's and the form's words, which their scripts put on the page.
        for data in re.findall(r'<script type="application/json">(.*?)</script>', path.read_text(encoding="utf-8"), re.S):
            words = json.loads(data).get("labels", {})
            left = sorted(v for v in words.values() if v in english)
            if left:
                found[url + " (script)"] = left
    assert found == {}


def test_the_site_name_and_404_page_are_in_each_language(real_site, real_corpus):
    for lang in others(real_corpus):
        vocab = real_corpus.vocabulary(lang)
        home = (real_site / lang / "index.html").read_text(encoding="utf-8")
        assert re.search(r"<title>[^<]*" + re.escape(vocab.label("site_name").replace("'", "&#39;").replace('"', "&quot;")) + "</title>",
                         home.replace("&#39;", "'").replace("'", "&#39;")) or vocab.label("site_name") in home.split("</title>")[0], lang
        missing = (real_site / lang / "404.html").read_text(encoding="utf-8")
        assert f"<h1>{vocab.label('not_found_title')}</h1>".replace("'", "&#x27;") in missing.replace("'", "&#x27;"), lang
        assert f'<html dir="{"rtl" if lang == "ar" else "ltr"}" lang="{lang}"' in missing


def test_a_translation_not_yet_reviewed_says_so_in_its_language(real_site, real_corpus):
    toolkit = next(iter(real_corpus.records["toolkit"].values()))
    for lang in others(real_corpus):
        if toolkit.translations[lang].meta.get("reviewed") is True:
            continue
        html = (real_site / lang / toolkit.url / "index.html").read_text(encoding="utf-8")
        notice = real_corpus.vocabulary(lang).label("unreviewed_notice")
        assert 'class="admonition note icckb-unreviewed"' in html and notice.replace("'", "&#x27;") in html.replace("'", "&#x27;"), lang
        assert f'href="../../../{toolkit.url}" hreflang="en"' in html


def test_the_form_and_validate_say_the_same_words_in_french(real_site, real_corpus, site):
    french = real_corpus.vocabulary("fr").messages()
    html = (real_site / "fr" / "contribute" / "new-practice" / "index.html").read_text(encoding="utf-8")
    settings = json.loads(re.search(r'<div id="icckb-form">\s*<script type="application/json">(.*?)</script>', html, re.S).group(1))
    assert settings["messages"] == french and settings["messages"]["missing"] != labels.ENGLISH["message_missing"]
    # The same French words from icckb validate --lang fr (the fixture site, with the real French labels).
    (site / "data" / "i18n").mkdir()
    words = yaml.safe_load((REPO / "data" / "i18n" / "fr.yml").read_text(encoding="utf-8"))["labels"]
    (site / "data" / "i18n" / "fr.yml").write_text(yaml.safe_dump({"labels": words}, allow_unicode=True), encoding="utf-8")
    record = site / "practices" / "no-summary.md"
    record.write_text("---\ntitle: X\nyear: 2017\ntopics: [anti-rumours]\ncities: [oslo]\n---\n\n" +
                      "".join(f"## {s}\n\nT.\n\n" for s in schema.PRACTICE.sections))
    done = subprocess.run(["icckb", "validate", "--lang", "fr", "practices/no-summary.md"], cwd=site, capture_output=True, text=True)
    expected = french["missing"].format(name="summary", example=schema.PRACTICE.fields["summary"].example)
    assert done.stdout.splitlines()[0] == f"practices/no-summary.md:2: summary: {expected}"
