"""The site build: record pages with their facts, translations, and refusal of bad records."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from icckb import build, documents, staging

from conftest import copy_fixture_site, mkdocs_build, validate


def _sources(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for d in ("docs", "practices", "policy_briefs", "data") for p in (root / d).rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def built_with_sources(tmp_path_factory):
    """The fixture site, built once for the tests of this module."""
    root = copy_fixture_site(tmp_path_factory.mktemp("built") / "site")
    (root / "practices" / "bergen-quotes.md").write_text(
        (root / "practices" / "oslo-rumours.md").read_text()
        .replace("title: Oslo anti-rumours pilot", "title: \"Rock & roll: 'quotes' and \\\"more\\\"\"")
        .replace("cities: [oslo, bergen]", "cities: [bergen]")
    )
    before = _sources(root)
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root, before


@pytest.fixture
def built(built_with_sources):
    return built_with_sources[0]


def page(root: Path, url: str) -> str:
    return (root / "site" / url / "index.html").read_text(encoding="utf-8")


def test_practice_page_shows_heading_and_facts_above_the_body(built):
    html = page(built, "practices/oslo-rumours")
    assert "<h1>Oslo anti-rumours pilot</h1>" in html
    assert '<p class="icckb-summary">Two cities tried the anti-rumours method together.</p>' in html
    assert '<dt>Cities</dt> <dd><a href="../../cities/oslo/">Oslo</a>, <a href="../../cities/bergen/">Bergen</a></dd>' in html
    assert '<dt>Country</dt> <dd><a href="../../countries/no/">Norway</a></dd>' in html
    assert '<dt>Year</dt> <dd><a href="../../years/2017/">2017</a></dd>' in html
    assert '<dt>Topics</dt> <dd><a href="../../topics/anti-rumours/">Anti-rumours</a></dd>' in html
    assert "<dt>Outcome</dt> <dd>Mixed results</dd>" in html
    assert html.index('class="icckb-facts"') < html.index('id="purpose"')


def test_publication_page_shows_kind_and_language_versions(built):
    html = page(built, "policy-briefs/rumours-brief")
    assert "<dt>Kind</dt> <dd>Policy brief <small>A short paper with policy recommendations.</small></dd>" in html
    assert '<a href="https://example.org/brief-en.pdf" hreflang="en">English</a>, <span lang="pl">Polski</span>' in html


def test_toolkit_page_lists_its_resources_linked_to_their_publications(built):
    html = page(built, "toolkits/anti-rumours")
    assert '<td><a href="../../policy-briefs/rumours-brief/">Anti-rumours policy brief</a></td><td>Policy brief</td><td>2018</td>' in html


def test_translation_renders_under_its_language_with_its_own_title(built):
    html = page(built, "fr/practices/oslo-rumours")
    assert '<html dir="ltr" lang="fr"' in html
    assert "<h1>Projet pilote anti-rumeurs d&#x27;Oslo</h1>" in html
    assert "Contrer les rumeurs." in html


def test_untranslated_record_still_has_a_page_in_every_language(built):
    html = page(built, "fr/practices/barcelona-archive")
    assert '<html dir="ltr" lang="fr"' in html
    assert '<h1 lang="en" dir="auto">Barcelona archived practice</h1>' in html  # in its own language


def test_archived_record_carries_a_visible_notice(built):
    assert "This record is archived" in page(built, "practices/barcelona-archive")
    assert "This record is archived" not in page(built, "practices/oslo-rumours")


def test_record_values_are_escaped(built):
    html = page(built, "practices/bergen-quotes")
    assert "<h1>Rock &amp; roll: &#x27;quotes&#x27; and &quot;more&quot;</h1>" in html


def test_field_reference_page_is_generated_from_the_schema(built):
    """Every field of every record type and registry has its row, saying whether it is
    required, under its type's or registry's heading."""
    from icckb import schema

    html = page(built, "contribute/fields")
    sections = re.split(r"<h[23] id=", html)
    headings = [*((t, f'"{t.name}">{t.name.capitalize()}<') for t in schema.source_types()),
                *((r, f"><code>{r.path}</code>") for r in schema.REGISTRIES)]
    for declared, heading in headings:
        section = next(s for s in sections if heading in s[:120])
        for name, spec in declared.fields.items():
            assert f"<td><code>{name}</code></td>\n<td>{'yes' if spec.required else 'no'}</td>" in section, (declared.name, name)


def test_build_writes_nothing_into_the_source_folders(built_with_sources):
    root, before = built_with_sources
    assert _sources(root) == before


def test_build_refuses_a_bad_record_with_the_same_message_as_the_cli(tmp_path, capsys):
    root = copy_fixture_site(tmp_path / "site")
    record = root / "practices" / "oslo-rumours.md"
    record.write_text(record.read_text().replace("year: 2017", "year: 20111").replace("cities: [oslo, bergen]", "cities: [olso]"))
    code, cli_lines = validate(root, capsys=capsys)
    result = mkdocs_build(root)
    assert code == 1 and result.returncode == 1
    assert "the knowledge base has problems:\n" + "\n".join(cli_lines) in result.stderr
    assert "practices/oslo-rumours.md:3: cities[0]: unknown city 'olso' (did you mean 'oslo'?)" in cli_lines
    assert "Traceback" not in result.stderr
    assert not (root / "site" / "index.html").exists()


def test_staging_touches_only_what_changed(tmp_path):
    root = copy_fixture_site(tmp_path / "site")
    target = staging.sync(root, {"generated/page.md": "one"})
    stamp = {p: p.lstat().st_mtime_ns for p in target.rglob("*")}
    staging.sync(root, {"generated/page.md": "one"})
    assert {p: p.lstat().st_mtime_ns for p in target.rglob("*")} == stamp
    (root / "practices" / "barcelona-archive.md").unlink()
    staging.sync(root, {"generated/other.md": "two"})
    assert not (target / "practices" / "barcelona-archive.md").exists()
    assert not (target / "generated" / "page.md").exists()
    assert (target / "generated" / "other.md").read_text() == "two"


def test_a_rebuild_reads_again_only_the_records_that_changed(tmp_path):
    # ``mkdocs serve`` rebuilds in one process: unchanged records come from the cache,
    # and an edit is seen even when it keeps the file's size and modification time.
    root = copy_fixture_site(tmp_path / "site")
    cache = documents.Cache()
    first = build.prepare(root / "mkdocs.yml", cache=cache)
    record = root / "practices" / "oslo-rumours.md"
    before = record.stat()
    record.write_text(record.read_text().replace("Oslo anti-rumours pilot", "Oslo anti-rumours PILOT"))
    os.utime(record, ns=(before.st_atime_ns, before.st_mtime_ns))
    second = build.prepare(root / "mkdocs.yml", cache=cache)
    practices = first.corpus.records["practice"], second.corpus.records["practice"]
    assert practices[1]["oslo-rumours"].meta["title"] == "Oslo anti-rumours PILOT"
    assert practices[1]["barcelona-archive"].meta is practices[0]["barcelona-archive"].meta  # not read again
    record.write_text(record.read_text().replace("year: 2017", "year: 20111"))
    with pytest.raises(build.BuildError, match="practices/oslo-rumours.md:"):
        build.prepare(root / "mkdocs.yml", cache=cache)  # a cached record is still checked


def test_a_one_language_preview_stages_no_other_translation(tmp_path):
    root = copy_fixture_site(tmp_path / "site")
    staged = root / staging.FOLDER
    build.prepare(root / "mkdocs.yml", ("en",))
    assert (staged / "practices" / "oslo-rumours.md").exists()
    assert not list(staged.rglob("*.fr.md"))
    build.prepare(root / "mkdocs.yml", ("fr",))
    assert (staged / "practices" / "oslo-rumours.fr.md").exists()
    build.prepare(root / "mkdocs.yml")
    assert {p.name for p in staged.rglob("*.fr.md")} >= {"oslo-rumours.fr.md", "index.fr.md"}


def test_a_source_page_cannot_shadow_a_generated_one(tmp_path):
    root = copy_fixture_site(tmp_path / "site")
    (root / "docs" / "glossary.md").write_text("# mine")
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert "docs/glossary.md has the address of a page the build generates (glossary.md); rename or remove it" in result.stderr


def test_archived_records_leave_default_lists_but_stay_reachable(built):
    from sitecheck import links

    archived = "practices/barcelona-archive/"
    for url in ("practices/", "topics/participation/", "topics/anti-rumours/", "cities/barcelona/", "years/2010/"):
        assert archived not in links(built / "site", url, content_only=True), url
    assert archived in links(built / "site", "archive/", content_only=True)
    assert "archive/" in links(built / "site", "practices/", content_only=True)
    assert "2 practices of member cities, newest first." in page(built, "practices")


def test_untranslated_page_carries_notice_and_canonical_link_to_the_original(built):
    html = page(built, "fr/practices/barcelona-archive")
    assert '<link rel="canonical" href="/practices/barcelona-archive/">' in html
    assert "This page has not been translated into Français yet: you are reading the original in English." in html
    invite = '<a href="../../contribute/translations/">Translate this page</a>'
    assert '<a href="../../../practices/barcelona-archive/" hreflang="en">Open the original</a> · ' + invite in html
    assert (built / "site" / "fr" / "contribute" / "translations" / "index.html").is_file()
    assert "icckb-fallback" not in page(built, "fr/practices/oslo-rumours")
    # Its body and table of contents say they are in English, for screen readers and translators' tools.
    assert '<ul class="md-nav__list" data-md-component="toc" lang="en" dir="auto"' in html
    assert '<ul class="md-nav__list" data-md-component="toc" data-md-scrollfix>' in page(built, "fr/practices/oslo-rumours")


def test_search_indexes_a_record_in_its_own_words_and_others_by_title_summary_and_facts(built):
    # Untranslated: body left out of this language's index; heading, summary and facts in it.
    fallback = page(built, "fr/practices/barcelona-archive").split("data-pagefind-body", 1)[1]
    heading, body = fallback.split('<div class="icckb-body" lang="en" dir="auto" data-pagefind-ignore>', 1)
    assert "<h1 " in heading and "icckb-summary" in heading and "icckb-facts" in heading
    assert body.lstrip().startswith("<h2 id=\"purpose\"")
    # Translated and original pages: the whole body is indexed; lists of other records never are.
    for url in ("fr/practices/oslo-rumours", "practices/barcelona-archive"):
        assert "<div data-pagefind-ignore>" not in page(built, url)
    assert '<ul class="icckb-list" data-pagefind-ignore>' in page(built, "topics/anti-rumours")
    assert '<aside class="icckb-related-content" data-pagefind-ignore>' in page(built, "practices/oslo-rumours")


def test_exports_and_feed_are_written_for_every_language(built):
    import json

    for prefix in ("", "fr/"):
        data = json.loads((built / "site" / prefix / "api" / "practices.json").read_text())
        assert [item["id"] for item in data["items"]] == ["oslo-rumours", "bergen-quotes", "barcelona-archive"]
        assert data["items"][2]["status"] == "archived"
    fr = json.loads((built / "site" / "fr" / "api" / "practices.json").read_text())
    assert fr["items"][0]["title"] == "Projet pilote anti-rumeurs d'Oslo" and fr["items"][0]["lang"] == "fr"
    assert fr["items"][2]["lang"] == "en"
    assert "<title>Oslo anti-rumours pilot</title>" in (built / "site" / "feed.xml").read_text()


def test_edit_links_open_the_source_file_or_start_a_translation(tmp_path):
    root = copy_fixture_site(tmp_path / "site")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "repo_url: https://github.com/example/kb\nedit_uri: edit/main/\n")
    config.write_text(config.read_text().replace("  font: false\n", "  font: false\n  features: [content.action.edit]\n"))
    assert mkdocs_build(root).returncode == 0
    expected = {
        "practices/oslo-rumours": "https://github.com/example/kb/edit/main/practices/oslo-rumours.md",
        "fr/practices/oslo-rumours": "https://github.com/example/kb/edit/main/practices/oslo-rumours.fr.md",
        "fr/practices/barcelona-archive": "https://github.com/example/kb/new/main/practices?filename=barcelona-archive.fr.md",
        "policy-briefs/rumours-brief": "https://github.com/example/kb/edit/main/policy_briefs/rumours-brief.md",
        "toolkits/anti-rumours": "https://github.com/example/kb/edit/main/docs/toolkits/anti-rumours.md",
    }
    for url, edit in expected.items():
        html = page(root, url)
        assert f'href="{edit}" title="' in html, url
        source = edit.split("/edit/main/")[-1]
        if "/edit/main/" in edit:
            assert (root / source).is_file()
    assert "github.com/example/kb/edit" not in page(root, "topics/anti-rumours")  # generated: no source
