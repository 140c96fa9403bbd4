"""Translation status for translators, and translations that never break the build."""

from __future__ import annotations

import json
import subprocess

from conftest import mkdocs_build, validate


def icckb(site, *args):
    return subprocess.run(["icckb", *args], cwd=site, capture_output=True, text=True)


def statuses(site) -> dict:
    data = json.loads(icckb(site, "translations", "--json").stdout)["languages"]["fr"]
    return {item["original"]: item["status"] for item in data["items"]}


def test_status_lists_translated_outdated_and_missing_per_language(site):
    result = icckb(site, "translations")
    assert result.returncode == 0
    from icckb import labels

    lines = result.stdout.splitlines()
    assert lines[:-1] == [
        "fr: 0 translated, 1 outdated, 4 missing, 1 not yet reviewed",
        "  outdated    practices/oslo-rumours.fr.md (not yet marked as checked against it: compare it with "
        "practices/oslo-rumours.md, then run icckb translations mark practices/oslo-rumours.fr.md)",
        "  missing     practices/barcelona-archive.md",
        "  missing     policy_briefs/rumours-brief.md",
        "  missing     docs/toolkits/anti-rumours.md",
        "  missing     docs/index.md",
        "  unreviewed  practices/oslo-rumours.fr.md (once a fluent reviewer has checked it: "
        "icckb translations mark practices/oslo-rumours.fr.md --reviewed)",
    ]
    # The fixture has no French vocabulary: every interface label is missing, by name.
    assert lines[-1] == f"  labels      {len(labels.ENGLISH)} interface labels not translated in data/i18n/fr.yml: " + ", ".join(labels.ENGLISH)


def test_a_reviewer_marks_a_translation_as_reviewed(site):
    marked = icckb(site, "translations", "mark", "practices/oslo-rumours.fr.md", "--reviewed")
    assert marked.returncode == 0, marked.stderr
    text = (site / "practices" / "oslo-rumours.fr.md").read_text()
    assert "reviewed: true" in text and "source_hash: " in text
    data = json.loads(icckb(site, "translations", "--json").stdout)["languages"]["fr"]
    assert data["unreviewed"] == 0
    assert [i["reviewed"] for i in data["items"] if i["translation"] == "practices/oslo-rumours.fr.md"] == [True]


def test_marked_translation_is_current_until_its_original_changes(site):
    marked = icckb(site, "translations", "mark", "practices/oslo-rumours.fr.md")
    assert marked.returncode == 0, marked.stderr
    assert "source_hash: " in (site / "practices" / "oslo-rumours.fr.md").read_text()
    assert statuses(site)["practices/oslo-rumours.md"] == "translated"
    assert validate(site)[0] == 0  # the written field is valid

    original = site / "practices" / "oslo-rumours.md"
    original.write_text(original.read_text().replace("Workshops.", "Workshops in six schools."))
    data = json.loads(icckb(site, "translations", "--json").stdout)["languages"]["fr"]
    item = next(i for i in data["items"] if i["original"] == "practices/oslo-rumours.md")
    assert item == {
        "collection": "practices", "original": "practices/oslo-rumours.md", "title": "Oslo anti-rumours pilot",
        "translation": "practices/oslo-rumours.fr.md", "status": "outdated", "note": "its original changed", "reviewed": False,
    }
    assert data["outdated"] == 1 and data["translated"] == 0 and data["missing"] == 4


def test_marking_a_file_that_is_not_a_translation_fails_clearly(site):
    result = icckb(site, "translations", "mark", "practices/oslo-rumours.md")
    assert result.returncode == 1
    assert "practices/oslo-rumours.md: practices/oslo-rumours.md is not a translation of a record or page" in result.stderr


def test_unknown_language_is_refused(site):
    result = icckb(site, "translations", "--lang", "de")
    assert result.returncode == 2
    assert "the site has no language 'de' to translate into (its languages are: fr)" in result.stderr


def test_dashboard_page_shows_the_matrix(site):
    assert mkdocs_build(site).returncode == 0
    html = (site / "site" / "contribute" / "translations" / "index.html").read_text()
    assert '<td><a href="#fr">Français</a></td>' in html
    assert "<td>0 / 1 / 1</td>" in html  # practices: translated / outdated / missing
    # Each language's own page lists its missing pages; the default one only counts them.
    fr = (site / "site" / "fr" / "contribute" / "translations" / "index.html").read_text()
    assert 'href="../../practices/barcelona-archive/"' in fr.split('id="fr"')[1]
    assert "barcelona-archive" not in html.split('id="fr"')[1]


def test_a_broken_translation_falls_back_without_breaking_the_build(site):
    broken = site / "practices" / "oslo-rumours.fr.md"
    broken.write_text(broken.read_text().replace("---\n\n", "year: 2019\n---\n\n", 1))
    code, lines = validate(site)
    assert code == 1  # the pull-request check still fails
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    assert "translation left out of this build: practices/oslo-rumours.fr.md:4: year: belongs to the original" in result.stderr
    fr = (site / "site" / "fr" / "practices" / "oslo-rumours" / "index.html").read_text()
    assert '<h1 lang="en" dir="auto">Oslo anti-rumours pilot</h1>' in fr and "icckb-fallback" in fr
    assert (site / "site" / "practices" / "oslo-rumours" / "index.html").is_file()


def test_a_record_without_translations_appears_in_every_language_at_once(site):
    (site / "practices" / "bergen-new.md").write_text(
        (site / "practices" / "barcelona-archive.md").read_text().replace("status: archived\n", "").replace("Barcelona archived practice", "Bergen new practice")
    )
    assert mkdocs_build(site).returncode == 0
    for prefix in ("", "fr/"):
        assert "Bergen new practice" in (site / "site" / prefix / "practices" / "index.html").read_text()
        assert (site / "site" / prefix / "practices" / "bergen-new" / "index.html").is_file()
