"""The ``icckb`` command as editors use it: reports, counts and exit codes."""

from __future__ import annotations

import subprocess

from conftest import validate


def test_console_script_exits_0_on_a_valid_site(site):
    result = subprocess.run(["icckb", "validate"], cwd=site, capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout == "13 files checked, no problems found\n"


def test_console_script_exits_1_and_names_file_line_and_field(site):
    (site / "practices" / "oslo-rumours.md").write_text(
        (site / "practices" / "oslo-rumours.md").read_text().replace("year: 2017", "year: 20111")
    )
    result = subprocess.run(["icckb", "validate"], cwd=site, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("practices/oslo-rumours.md:4: year: 20111 is not a year between 2008 and ")
    assert result.stdout.splitlines()[-1] == "1 problem in 1 of 13 files checked"


def test_given_files_are_checked_against_the_registries(site, capsys):
    (site / "practices" / "bad.md").write_text("")
    code, lines = validate(site, "practices/oslo-rumours.md", "practices/oslo-rumours.fr.md", capsys=capsys)
    assert (code, lines) == (0, ["2 files checked, no problems found"])
    code, lines = validate(site, "practices/bad.md", capsys=capsys)
    assert code == 1
    assert lines[-1] == "1 problem in 1 of 1 files checked"


def test_a_folder_stands_for_its_files(site, capsys):
    code, lines = validate(site, "practices", capsys=capsys)
    assert (code, lines) == (0, ["3 files checked, no problems found"])


def test_a_path_that_is_not_a_record_is_reported(site, capsys):
    (site / "notes.md").write_text("hello")
    code, lines = validate(site, "notes.md", "practices/missing.md", capsys=capsys)
    assert code == 1
    assert lines == [
        "notes.md:1: file: is not a record, page or registry (they live in practices/, policy_briefs/, docs/ and data/)",
        "practices/missing.md:1: file: does not exist",
        "2 problems in 2 of 2 files checked",
    ]


def test_outside_a_project_the_command_says_where_to_run(tmp_path):
    result = subprocess.run(["icckb", "validate"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1
    assert "mkdocs.yml not found; run icckb from the project's root folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_fields_prints_the_reference_generated_from_the_schema():
    from icckb import schema

    result = subprocess.run(["icckb", "fields"], capture_output=True, text=True)
    assert result.returncode == 0
    for record_type in schema.RECORD_TYPES:
        for name in record_type.fields:
            assert f"| `{name}` |" in result.stdout
    assert "| `summary` | yes | text, at most 400 characters |" in result.stdout


BROKEN_PAGE = "---\ntitle: [About: the programme\n---\n\n# About\n"
BROKEN_PAGE_REPORT = [
    "docs/about.md:2: front matter: YAML syntax error: did not find expected ',' or ']' "
    "(check the indentation, and put values that contain ': ' or start with a special character in quotes)",
    "1 problem in 1 of 14 files checked",
]


def test_a_site_page_with_broken_front_matter_is_reported_with_its_line_everywhere(site, capsys):
    """The command, the build and the translation status all name the page and line."""
    from conftest import mkdocs_build

    (site / "docs" / "about.md").write_text(BROKEN_PAGE)
    assert validate(site, capsys=capsys) == (1, BROKEN_PAGE_REPORT)
    built = mkdocs_build(site)
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert "\n".join(BROKEN_PAGE_REPORT) in built.stderr
    status = subprocess.run(["icckb", "translations"], cwd=site, capture_output=True, text=True)
    assert status.returncode == 1 and "Traceback" not in status.stderr
    assert status.stderr.splitlines()[1:] == BROKEN_PAGE_REPORT
    assert status.stdout.startswith("fr: ")


def test_a_site_page_with_unknown_fields_or_unsafe_html_is_reported(site, capsys):
    (site / "docs" / "about.md").write_text("---\ntitle: About\ntags: [x]\n---\n\n# About\n\n<script>alert(1)</script>\n")
    assert validate(site, capsys=capsys) == (1, [
        "docs/about.md:3: tags: unknown field 'tags' (the allowed fields are: description, hide, title)",
        "docs/about.md:8: body: the HTML element <script> is not allowed; it is removed with its content (remove it)",
        "2 problems in 1 of 14 files checked",
    ])
