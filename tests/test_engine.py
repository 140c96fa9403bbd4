"""``icckb build``: languages built in parallel processes and merged into the same site,
byte for byte, as ``mkdocs build``; partial sites for CI jobs; reproducible output."""

from __future__ import annotations

import gzip
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import cbor2
import pytest

from icckb import engine, search
from icckb.adapters import i18n as i18n_speed

from conftest import copy_fixture_site, mkdocs_build


def icckb(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "icckb.cli", *args], cwd=root, capture_output=True, text=True, timeout=600,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )


def tree(folder: Path) -> dict:
    """Every file below ``folder``: relative path -> bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_site(one: Path, other: Path) -> None:
    a, b = tree(one), tree(other)
    assert sorted(a) == sorted(b), (sorted(set(a) ^ set(b)))[:20]
    differing = [name for name in a if a[name] != b[name]]
    assert not differing, differing[:20]


@pytest.fixture(scope="module")
def serial_site(tmp_path_factory) -> Path:
    """The fixture site built by plain ``mkdocs build`` (mkdocs-static-i18n's own loop)."""
    root = copy_fixture_site(tmp_path_factory.mktemp("serial") / "site")
    result = mkdocs_build(root, "--strict", "--site-dir", str(root / "out"))
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "out"


def test_parallel_build_equals_the_single_process_build_byte_for_byte(site, serial_site):
    result = icckb(site, "build", "--jobs", "2", "--strict", "--site-dir", "par")
    assert result.returncode == 0, result.stderr[-3000:]
    assert_same_site(site / "par", serial_site)
    # and it is a whole site: both languages, search index, headers
    assert (site / "par" / "fr" / "practices" / "oslo-rumours" / "index.html").is_file()
    assert (site / "par" / "pagefind" / "pagefind-entry.json").is_file()
    assert (site / "par" / "_headers").is_file()


def test_two_builds_of_the_same_sources_are_identical(site, serial_site):
    # Pagefind alone writes its filter tables in a different order on each run.
    result = mkdocs_build(site, "--site-dir", "again")
    assert result.returncode == 0, result.stderr[-3000:]
    assert_same_site(site / "again", serial_site)


def test_partial_sites_from_separate_jobs_merge_into_the_same_site(site, serial_site):
    for lang in ("en", "fr"):
        result = icckb(site, "build", "--lang", lang, "--no-finish", "--jobs", "1", "--site-dir", f"part-{lang}")
        assert result.returncode == 0, result.stderr[-3000:]
    assert not (site / "part-fr" / "pagefind").exists()  # the index is made once, over the merged site
    assert (site / "part-fr" / "fr" / "index.html").is_file() and not (site / "part-fr" / "index.html").exists()
    result = icckb(site, "merge", "part-fr", "part-en", "--site-dir", "merged")
    assert result.returncode == 0, result.stderr[-3000:]
    assert_same_site(site / "merged", serial_site)


def test_merge_refuses_a_site_missing_a_language(site):
    result = icckb(site, "build", "--lang", "en", "--no-finish", "--jobs", "1", "--site-dir", "part-en")
    assert result.returncode == 0, result.stderr[-3000:]
    result = icckb(site, "merge", "part-en", "--site-dir", "merged")
    assert result.returncode == 1
    assert "icckb: the parts hold no pages in fr; build them with --lang fr --no-finish and merge again" in result.stderr


def test_the_deploy_workflow_builds_every_language_once():
    import yaml

    from icckb.project import Project

    from conftest import REPO

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "deploy.yml").read_text())
    built = [word for part in workflow["jobs"]["languages"]["strategy"]["matrix"]["include"] for word in part["langs"].split()[1::2]]
    assert sorted(built) == sorted(Project.from_config_file(REPO / "mkdocs.yml").languages)


def test_merge_refuses_parts_that_disagree(tmp_path):
    for name, text in (("one", "a"), ("two", "b")):
        (tmp_path / name / "assets").mkdir(parents=True)
        (tmp_path / name / "assets" / "x.css").write_text(text)
    with pytest.raises(engine.MergeError, match=r"^assets/x.css differs between two and an earlier part"):
        engine.merge([tmp_path / "one", tmp_path / "two"], tmp_path / "site")


def test_an_unknown_language_is_refused_with_the_site_languages(site):
    result = icckb(site, "build", "--lang", "de", "--site-dir", "x")
    assert result.returncode == 1
    assert "icckb: unknown language 'de': the site's languages are en, fr" in result.stderr


def test_a_bad_record_stops_the_build_with_the_validation_report(site):
    record = site / "practices" / "oslo-rumours.md"
    record.write_text(record.read_text().replace("year: ", "year: soon #", 1))
    result = icckb(site, "build", "--site-dir", "x")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2:] == [
        f'icckb: practices/oslo-rumours.md:4: year: "soon" is not a year (write a year such as {date.today().year})',
        "1 problem in 1 of 13 files checked",
    ]
    assert not (site / "x").exists()


def test_root_404_page_is_in_the_default_language(serial_site):
    assert '<html dir="ltr" lang="en"' in (serial_site / "404.html").read_text()


def test_alternates_are_chosen_once_when_asked_for_and_listed_once():
    asked = []

    def choose(lang):
        asked.append(lang)
        return None if lang == "ar" else f"{lang} version"  # no Arabic version, no fallback

    alternates = i18n_speed.Alternates({"fr": "itself"}, ["ar", "en", "fr"], choose)
    assert asked == []  # nothing is worked out before a page is rendered
    assert alternates["en"] == "en version" and "fr" in alternates and "ar" not in alternates
    assert list(alternates) == ["fr", "en"] and len(alternates) == 2  # its own first, each once
    assert asked == ["en", "ar"]  # each language chosen once


def test_stabilize_sorts_pagefind_filter_tables_and_renames_them(tmp_path):
    bundle = tmp_path / "pagefind"
    (bundle / "filter").mkdir(parents=True)

    def write(path, value):
        path.write_bytes(gzip.compress(b"pagefind_dcd" + cbor2.dumps(value)))

    write(bundle / "filter" / "en_aaaaaaa.pf_filter", ["year", [["2020", [3]], ["2009", [1, 2]]]])
    write(bundle / "filter" / "en_bbbbbbb.pf_filter", ["city", [["oslo", [1]]]])
    write(bundle / "pagefind.en_0000000000.pf_meta", ["1.5.2", [], [], [["year", "en_aaaaaaa"], ["city", "en_bbbbbbb"]], []])
    (bundle / "pagefind-entry.json").write_text(json.dumps({"version": "1.5.2", "languages": {"en": {"hash": "en_0000000000", "wasm": "en", "page_count": 3}}}))

    search.stabilize(bundle)

    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    meta = cbor2.loads(gzip.decompress((bundle / f"pagefind.{entry['languages']['en']['hash']}.pf_meta").read_bytes())[12:])
    assert [name for name, _ in meta[3]] == ["city", "year"]
    year = cbor2.loads(gzip.decompress((bundle / "filter" / f"{meta[3][1][1]}.pf_filter").read_bytes())[12:])
    assert year == ["year", [["2009", [1, 2]], ["2020", [3]]]]
    assert len(list((bundle / "filter").iterdir())) == 2  # the unsorted tables are gone


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Preview:
    """A development server started by ``command`` in ``site``, its log in ``log``."""

    def __init__(self, site: Path, command: list, log: Path):
        self.port = _free_port()
        self.log = log
        with open(log, "w") as stream:
            self.process = subprocess.Popen(
                [*command, "--dev-addr", f"127.0.0.1:{self.port}"], cwd=site, stdout=stream, stderr=subprocess.STDOUT,
                env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            )

    def fetch(self, path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=5) as response:
                return response.read().decode()
        except OSError:
            return ""

    def wait_for(self, path: str, text: str) -> bool:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if text in self.fetch(path):
                return True
            time.sleep(0.3)
        return False

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def lines(self, text: str) -> list:
        return [line for line in self.log.read_text().splitlines() if text in line]


def test_serve_one_language_shows_an_edited_record(site, tmp_path):
    preview = Preview(site, [sys.executable, "-m", "icckb.cli", "serve", "--lang", "fr"], tmp_path / "serve.log")
    try:
        assert preview.wait_for("fr/practices/oslo-rumours/", "<h1"), "the preview never served the French page"
        translation = site / "practices" / "oslo-rumours.fr.md"
        translation.write_text(translation.read_text().replace("title: ", "title: Modifié ", 1))
        assert preview.wait_for("fr/practices/oslo-rumours/", "Modifié"), "the edit never reached the preview"
    finally:
        preview.stop()
    time.sleep(1)
    assert preview.fetch("fr/practices/oslo-rumours/") == "", "the preview server outlived the command"


def test_mkdocs_serve_rebuilds_once_per_edit_of_a_record(site, tmp_path):
    # The README's own command: it must watch the record folders, not the staging folder
    # (whose links do not change on an edit, and whose rewrite by a build started another).
    preview = Preview(site, [sys.executable, "-m", "mkdocs", "serve"], tmp_path / "serve.log")
    try:
        assert preview.wait_for("practices/oslo-rumours/", "<h1"), "the server never served the practice"
        [watching] = preview.lines("Watching paths for changes")
        assert "'practices'" in watching and "'policy_briefs'" in watching and "'data'" in watching
        assert ".icckb" not in watching
        record = site / "practices" / "oslo-rumours.md"
        record.write_text(record.read_text().replace("title: ", "title: Edited ", 1))
        assert preview.wait_for("practices/oslo-rumours/", "Edited"), "the edit never reached the server"
        time.sleep(4)  # a rebuild started by the first one's writes would have begun by now
    finally:
        preview.stop()
    assert len(preview.lines("Building documentation")) == 2, preview.log.read_text()[-3000:]


def test_serve_refuses_an_unknown_language(site):
    result = icckb(site, "serve", "--lang", "de")
    assert result.returncode == 2
    assert "icckb: the site has no language 'de' (its languages are: en, fr)" in result.stderr


def test_a_process_that_starts_with_another_language_words_each_untranslated_page_in_its_own(tmp_path):
    # An untranslated body is rendered once and reused by each language; a process whose
    # first pass was French must not hand the Spanish pages French words.
    root = copy_fixture_site(tmp_path / "site")
    config = root / "mkdocs.yml"
    text = config.read_text().replace("        - locale: fr\n          name: Français\n",
                                      "        - locale: fr\n          name: Français\n        - locale: es\n          name: Español\n")
    config.write_text(text.replace("markdown_extensions:\n", "markdown_extensions:\n  - toc:\n      permalink: true\n"))
    (root / "data" / "i18n").mkdir()
    for lang, words in (("fr", "Lien permanent"), ("es", "Enlace permanente")):
        (root / "data" / "i18n" / f"{lang}.yml").write_text(f"labels:\n  permalink_title: {words}\n", encoding="utf-8")
    result = icckb(root, "build", "--lang", "fr", "--lang", "es", "--no-finish", "--jobs", "1", "--site-dir", "part")
    assert result.returncode == 0, result.stderr[-3000:]
    for lang, words in (("fr", "Lien permanent"), ("es", "Enlace permanente")):
        html = (root / "part" / lang / "practices" / "barcelona-archive" / "index.html").read_text(encoding="utf-8")
        assert html.count('class="headerlink"') > 2 and html.count(f'title="{words}"') == html.count('class="headerlink"'), lang
