"""Translations in and out of translators' tools: PO and XLIFF (translate-toolkit)."""

from __future__ import annotations

import subprocess

import pytest
from translate.storage import po, xliff

from conftest import validate

FORMATS = {"po": (po.pofile, "getcontext"), "xliff": (xliff.xlifffile, "getid")}


def icckb(site, *args):
    return subprocess.run(["icckb", *args], cwd=site, capture_output=True, text=True)


def tree(root) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and ".icckb" not in p.parts}


def exported(site, form, tmp_path):
    out = tmp_path / f"fr.{form}"
    done = icckb(site, "translations", "export", "--lang", "fr", "--format", form, "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out


def edit(path, form, changes: dict) -> None:
    """Set the targets of some units (by id) in a PO or XLIFF file, as a tool would."""
    kind, get_id = FORMATS[form]
    store = kind.parsestring(path.read_bytes())
    for unit in store.units:
        id_ = getattr(unit, get_id)().split("\x04")[-1] if not unit.isheader() else ""
        if id_ in changes:
            unit.target = changes[id_]
    path.write_bytes(bytes(store))


@pytest.mark.parametrize("form", ["po", "xliff"])
def test_export_lists_every_unit_with_its_status_and_source(site, tmp_path, form):
    out = exported(site, form, tmp_path)
    text = out.read_text()
    for id_ in ("practices/oslo-rumours.md#title", "practices/oslo-rumours.md#body-1", "practices/barcelona-archive.md#summary",
                "docs/index.md#body-1", "vocabulary#labels.practices_title", "vocabulary#topics.anti-rumours.name"):
        assert id_ in text, id_
    assert "status: outdated" in text  # the fixture's French practice was never marked
    assert "status: missing" in text and "source-hash: " in text
    assert "Projet pilote anti-rumeurs d'Oslo" in text  # the current translation is the target


@pytest.mark.parametrize("form", ["po", "xliff"])
def test_export_then_import_without_changes_leaves_every_file_as_it_was(site, tmp_path, form):
    before = tree(site)
    out = exported(site, form, tmp_path)
    done = icckb(site, "translations", "import", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == f"{out}: 0 units changed, no file written\n"
    assert tree(site) == before


FULL = """---
title: Projet pilote anti-rumeurs d'Oslo
summary: Deux villes ont essayé ensemble la méthode anti-rumeurs.
reviewed: false
---

## Objectif

Contrer les rumeurs.

## Contexte

Des villes diverses.

## Ce qui a été fait

Des ateliers.

## Résultats

Quelques-uns.

## Leçons

Commencer petit.
"""


@pytest.mark.parametrize("form", ["po", "xliff"])
def test_an_edited_unit_lands_in_its_file_at_its_line(site, tmp_path, form):
    record = site / "practices" / "oslo-rumours.fr.md"
    record.write_text(FULL)  # a translation block for block
    assert icckb(site, "translations", "mark", "practices/oslo-rumours.fr.md").returncode == 0
    out = exported(site, form, tmp_path)
    before = record.read_text().split("\n")
    edit(out, form, {"practices/oslo-rumours.md#body-2": "Contrer les rumeurs, pas à pas."})
    done = icckb(site, "translations", "import", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    after = record.read_text().split("\n")
    changed = [n for n, (a, b) in enumerate(zip(before, after, strict=False)) if a != b]
    line = before.index("Contrer les rumeurs.")
    assert after[line] == "Contrer les rumeurs, pas à pas."
    assert set(changed) <= {line, *(n for n, text in enumerate(after) if text.startswith("source_hash:"))}
    assert len(after) == len(before)
    assert validate(site)[0] == 0


def test_a_translation_whose_blocks_do_not_match_is_translated_anew_whole(site, tmp_path):
    out = exported(site, "po", tmp_path)  # the fixture's French practice has 2 blocks, its original 10
    store = po.pofile.parsestring(out.read_bytes())
    ids = [u.getcontext() for u in store.units if u.getcontext().startswith("practices/oslo-rumours.md#body-")]
    edit(out, "po", {ids[0]: "## Objectif"})
    done = icckb(site, "translations", "import", str(out))
    assert done.returncode == 1 and "practices/oslo-rumours.fr.md has 2 blocks, its original 10: translate every block" in done.stdout
    edit(out, "po", {id_: f"Bloc {n}." for n, id_ in enumerate(ids, 1)})
    done = icckb(site, "translations", "import", str(out))
    assert done.returncode == 0, done.stdout
    text = (site / "practices" / "oslo-rumours.fr.md").read_text()
    assert text.endswith("\n\nBloc 1.\n\nBloc 2.\n\nBloc 3.\n\nBloc 4.\n\nBloc 5.\n\nBloc 6.\n\nBloc 7.\n\nBloc 8.\n\nBloc 9.\n\nBloc 10.\n")
    assert text.startswith("---\ntitle: Projet pilote anti-rumeurs d'Oslo\n")


def test_a_new_translation_and_a_vocabulary_entry_are_written(site, tmp_path):
    out = exported(site, "po", tmp_path)
    units = {"policy_briefs/rumours-brief.md#title": "Note sur les rumeurs",
             "policy_briefs/rumours-brief.md#summary": "Une note courte.",
             "vocabulary#labels.practices_title": "Bonnes pratiques"}
    body = [u for u in po.pofile.parsestring(out.read_bytes()).units if u.getcontext().startswith("policy_briefs/rumours-brief.md#body-")]
    units.update({u.getcontext(): "Texte traduit." for u in body})
    edit(out, "po", units)
    done = icckb(site, "translations", "import", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    new = (site / "policy_briefs" / "rumours-brief.fr.md").read_text()
    assert new.startswith("---\ntitle: Note sur les rumeurs\nsummary: Une note courte.\nreviewed: false\nsource_hash: ")
    assert "labels:\n  practices_title: Bonnes pratiques\n" in (site / "data" / "i18n" / "fr.yml").read_text()
    assert validate(site)[0] == 0


def test_a_bad_unit_is_reported_with_its_line_and_nothing_is_written(site, tmp_path):
    out = exported(site, "po", tmp_path)
    edit(out, "po", {"practices/oslo-rumours.md#title": "<b>Oslo</b>",
                     "vocabulary#labels.results_count": "{total} résultats"})
    before = tree(site)
    done = icckb(site, "translations", "import", str(out))
    lines = out.read_text().split("\n")
    title_line = next(n for n, text in enumerate(lines, 1) if text == 'msgctxt "practices/oslo-rumours.md#title"')
    label_line = next(n for n, text in enumerate(lines, 1) if text == 'msgctxt "vocabulary#labels.results_count"')
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f'fr.po:{title_line}: practices/oslo-rumours.md#title: contains HTML ("<b>"); this field is plain text (remove the tag)',
        f"fr.po:{label_line}: vocabulary#labels.results_count: uses {{total}}, which this label does not have (allowed: {{count}})",
        f"2 problems: nothing written from {out}",
    ]
    assert tree(site) == before
