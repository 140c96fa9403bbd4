"""`icckb new`: scaffolds that pass `icckb validate` as written."""

from __future__ import annotations

import subprocess

import pytest

from conftest import validate


def icckb(site, *args, stdin=None):
    return subprocess.run(["icckb", *args], cwd=site, capture_output=True, text=True, input=stdin)


@pytest.mark.parametrize(
    "args, path",
    [
        (["practice", "--title", "Bergen youth café", "--cities", "bergen,oslo", "--year", "2019", "--topics", "participation",
          "--summary", "Young people run a café."], "practices/bergen-youth-cafe.md"),
        (["publication", "--title", "A guide to rumours", "--year", "2020", "--kind", "guide", "--languages", "en,pl",
          "--topics", "anti-rumours", "--summary", "How to start."], "policy_briefs/a-guide-to-rumours.md"),
        (["toolkit", "--title", "Participation kit", "--topics", "participation", "--summary", "Tools.",
          "--publications", "rumours-brief"], "docs/toolkits/participation-kit.md"),
    ],
)
def test_each_scaffold_passes_validation_unchanged(site, capsys, args, path):
    result = icckb(site, "new", *args, "--non-interactive")
    assert result.returncode == 0, result.stderr
    assert result.stdout == path + "\n"
    code, lines = validate(site, path, capsys=capsys)
    assert (code, lines) == (0, ["1 files checked, no problems found"])


def test_practice_scaffold_lays_out_the_sections_with_guidance(site):
    icckb(site, "new", "practice", "--title", "Oslo desk", "--cities", "oslo", "--year", "2020", "--topics", "participation",
          "--summary", "A desk.", "--non-interactive")
    text = (site / "practices" / "oslo-desk.md").read_text()
    for section in ("Purpose", "Context", "What was done", "Results", "Lessons learnt"):
        assert f"## {section}\n\n<!-- " in text


def test_translation_scaffold_has_the_right_name_and_is_not_yet_reviewed(site, capsys):
    result = icckb(site, "new", "translation", "policy_briefs/rumours-brief.md", "fr")
    assert result.stdout == "policy_briefs/rumours-brief.fr.md\n"
    code, lines = validate(site, capsys=capsys)
    assert code == 0, lines
    status = icckb(site, "translations", "--lang", "fr").stdout
    assert "outdated    policy_briefs/rumours-brief.fr.md (not yet marked as checked against it" in status
    assert "reviewed: false" in (site / "policy_briefs" / "rumours-brief.fr.md").read_text()


def test_bad_answers_are_reported_as_validate_reports_them_and_nothing_is_written(site):
    result = icckb(site, "new", "practice", "--title", "X", "--cities", "bergn", "--year", "2030", "--topics", "participation",
                   "--summary", "S.", "--non-interactive")
    assert result.returncode == 1
    assert "cities[0]: unknown city 'bergn' (did you mean 'bergen'?)" in result.stderr
    assert "year: 2030 is not a year between 2008 and" in result.stderr
    assert not (site / "practices" / "x.md").exists()


def test_missing_values_are_named_in_non_interactive_mode(site):
    result = icckb(site, "new", "practice", "--title", "X", "--non-interactive")
    assert result.returncode == 1
    assert "--cities is required with --non-interactive" in result.stderr


def test_interactive_questions_offer_numbered_registry_values(site, capsys):
    result = icckb(site, "new", "practice", stdin="Oslo thing\n2,3\n2018\n2\nA summary.\n")
    assert result.returncode == 0, result.stderr
    assert "    1. barcelona (Barcelona)" in result.stdout
    assert result.stdout.endswith("practices/oslo-thing.md\n")
    text = (site / "practices" / "oslo-thing.md").read_text()
    assert "cities: [bergen, oslo]" in text and "topics: [participation]" in text
    assert validate(site, "practices/oslo-thing.md", capsys=capsys)[0] == 0
