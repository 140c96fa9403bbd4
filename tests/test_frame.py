"""The theme's frame is rendered once per place and reused: never on a page it does not fit."""

from __future__ import annotations

import re
from types import SimpleNamespace

import jinja2
import pytest

from icckb.adapters import frame


class Entry:
    """A navigation entry (a page with an address), equal only to itself as MkDocs' pages are."""

    def __init__(self, url: str, active: bool):
        self.url, self.active = url, active


def theme_env(renders: list) -> jinja2.Environment:
    """A theme whose navigation writes each entry's relative link and active state, its
    words from a dictionary, and counts its own renders."""
    templates = {
        "base.html": ('{% import "partials/language.html" as lang with context %}'
                      '<html lang="{{ lang.t("language") }}">{% include "partials/nav.html" %}|{% include "partials/logo.html" %}'),
        "partials/nav.html": ('{{ count("nav") }}{% for e in entries %}<a href="{{ e.url | url }}"'
                              '{% if e.active %} class="active"{% endif %}{% if e == page %} id="toc"{% endif %}>{% endfor %}'),
        "partials/logo.html": "{{ count('logo') }}{% if config.theme['logo'] %}<img src=\"{{ config.theme['logo'] | url }}\">{% else %}logo{% endif %}",
        "partials/language.html": '{% macro t(key) %}{{ count("t") }}{{ {"language": config.theme["language"]}[key] }}{% endmacro %}',
    }
    env = jinja2.Environment(loader=jinja2.DictLoader(templates))

    @jinja2.pass_context
    def url(context, value):  # relative to the page, as MkDocs' filter
        depth = context["page"].url.count("/")
        return "../" * depth + value

    env.filters["url"] = url
    env.globals["count"] = lambda name: renders.append(name) or ""
    frame.install(env)
    return env


def render(env, page, nav, language="en", logo="") -> str:
    entries = list(frame._walk(nav.items))
    config = SimpleNamespace(theme={"language": language, "logo": logo}, extra={"homepage": "./"})
    return env.get_template("base.html").render(page=page, nav=nav, entries=entries, config=config)


def test_the_navigation_is_rendered_once_for_pages_in_the_same_place():
    renders: list = []
    env = theme_env(renders)
    practices, toolkits = Entry(url="practices/", active=False), Entry(url="toolkits/", active=False)
    nav = SimpleNamespace(items=[practices, toolkits], homepage=None)
    first = render(env, Entry(url="practices/a/", active=True), nav)
    second = render(env, Entry(url="practices/b/", active=True), nav)
    assert first == second == '<html lang="en"><a href="../../practices/"><a href="../../toolkits/">|logo'
    assert renders.count("nav") == 1 and renders.count("logo") == 1 and renders.count("t") == 1


@pytest.mark.parametrize("change", [
    "depth",   # another depth: other relative links
    "active",  # another entry active: another item marked
    "listed",  # the page is an entry itself: its entry holds its table of contents
])
def test_the_navigation_is_rendered_again_where_it_differs(change):
    renders: list = []
    env = theme_env(renders)
    practices, toolkits = Entry(url="practices/", active=False), Entry(url="toolkits/", active=False)
    nav = SimpleNamespace(items=[practices, toolkits], homepage=None)
    if change == "listed":  # the same place and active entries: only the page differs
        toolkits.active = True
        before = render(env, Entry(url="toolkits/", active=True), nav)
        after = render(env, toolkits, nav)
        assert '<a href="../toolkits/" class="active" id="toc">' in after
        assert after != before and renders.count("nav") == 2
        return
    before = render(env, Entry(url="practices/a/", active=True), nav)
    if change == "depth":
        after = render(env, Entry(url="cities/x/y/", active=True), nav)
        assert 'href="../../../practices/"' in after
    else:
        toolkits.active = True
        after = render(env, Entry(url="practices/a/", active=True), nav)
        assert '<a href="../../toolkits/" class="active">' in after
    assert after != before and renders.count("nav") == 2


def test_the_theme_words_are_those_of_the_pass_language():
    renders: list = []
    env = theme_env(renders)
    nav = SimpleNamespace(items=[], homepage=None)
    assert render(env, Entry(url="a/", active=True), nav, "fr").startswith('<html lang="fr">')
    assert render(env, Entry(url="a/", active=True), nav, "ar").startswith('<html lang="ar">')


def test_each_section_page_of_the_real_site_marks_its_own_tab_and_records_none(real_site):
    # Pages built from the kept frame: the active tab is the page's own section, and a
    # record (not in the navigation) marks none, at every depth and in every language.
    active = re.compile(r'<li class="md-tabs__item md-tabs__item--active">\s*<a href="([^"]*)"')
    for lang in ("", "fr/", "ar/"):
        for section in ("practices", "toolkits", "topics", "glossary"):
            html = (real_site / lang / section / "index.html").read_text(encoding="utf-8")
            assert active.findall(html) == ["./"], (lang, section)
        for folder in ("practices", "cities", "topics"):
            record = min(p for p in (real_site / folder).iterdir() if p.is_dir()).name
            html = (real_site / lang / folder / record / "index.html").read_text(encoding="utf-8")
            assert not active.findall(html), (lang, record)
            assert '<a href="../../toolkits/" class="md-tabs__link">' in html, (lang, record)


def test_a_logo_image_links_from_where_each_page_is():
    renders: list = []
    env = theme_env(renders)
    nav = SimpleNamespace(items=[], homepage=None)
    assert '<img src="../../logo.png">' in render(env, Entry(url="practices/a/", active=True), nav, logo="logo.png")
    assert '<img src="../logo.png">' in render(env, Entry(url="about/", active=True), nav, logo="logo.png")
