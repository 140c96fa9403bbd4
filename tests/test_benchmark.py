"""The benchmark runs end to end on a tiny corpus (a smoke test: no timing is asserted)."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO


def test_benchmark_prints_its_table_for_a_tiny_corpus():
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--practices", "12", "--languages", "2", "--search"],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    rows = dict(line.strip("|").split("|")[:2] for line in result.stdout.splitlines()[2:])
    rows = {k.strip(): v.strip() for k, v in rows.items()}
    assert rows["corpus"].startswith("12 practices, 2 publications, 1 toolkits")
    for measure in ("icckb validate", "full build with search index (icckb build --jobs 2)", "pages per second",
                    "peak memory of one build process", "site size", "average practice page", "search index (all languages)",
                    "development server (icckb serve --lang en): edited practice shown after"):
        assert rows[measure].split()[0].replace(".", "").isdigit(), (measure, rows[measure])
    # A common word first and next, then a rare one (a city of the corpus).
    typing = [v for k, v in rows.items() if k.startswith("search page: typing to first results ('youth' first")]
    assert len(typing) == 1 and re.fullmatch(r"\d+ ms / \d+ ms / \d+ ms", typing[0]), typing
    assert int(rows["HTML pages"]) > 12 * 2
    for when in ("first load", "with ?q=youth"):
        assert re.fullmatch(r"\d+ KB in \d+ requests \(and Pagefind's engine, \d+ KB\)",
                            rows[f"search data fetched before the database's first results, {when}"]), when


def _benchmark_module(name: str):
    """A module of benchmarks/ by its file (benchmarks/ is no package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"icckb_bench_test_{name.replace('/', '_')}", REPO / "benchmarks" / f"{name}.py")
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)  # dataclasses look it up there
    spec.loader.exec_module(module)
    return module


def test_the_corpus_converts_to_hugo_and_the_stock_stack_with_a_page_per_record_per_language(tmp_path):
    """What --peers builds, without Hugo itself (CI does not install it)."""
    run, convert, stock = _benchmark_module("run"), _benchmark_module("hugo/convert"), _benchmark_module("stock")
    project = tmp_path / "project"
    project.mkdir()
    run.generate(project, 6, 2, 0.5, 1)
    counts = convert.convert(project, tmp_path / "hugo")
    assert counts["practices"] == 6 and counts["languages"] == 2
    for slug in (f"practice-{n:05d}" for n in range(6)):
        english = (tmp_path / "hugo" / "content" / "practices" / f"{slug}.en.md").read_text()
        french = (tmp_path / "hugo" / "content" / "practices" / f"{slug}.fr.md").read_text()
        translated = (project / "practices" / f"{slug}.fr.md").exists()
        assert ('"fallback": true' in french) is not translated
        assert '"topics": [' in english and '"countries": [' in english
    assert (tmp_path / "hugo" / "layouts" / "page.html").exists()
    config = stock.prepare(project, tmp_path / "stock") / "mkdocs.yml"
    assert "hooks" not in config.read_text() and (tmp_path / "stock" / "docs" / "practices" / "practice-00000.md").exists()


def test_the_lighthouse_server_sends_gzip_and_the_sites_headers(tmp_path):
    import urllib.request

    lighthouse = _benchmark_module("lighthouse")
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>" + "text " * 200)
    (tmp_path / "404.html").write_text("missing")
    (tmp_path / "_headers").write_text("/*\n  X-Frame-Options: DENY\n")
    server, base = lighthouse.serve(tmp_path)
    try:
        with urllib.request.urlopen(urllib.request.Request(base + "/", headers={"Accept-Encoding": "gzip"})) as response:
            assert response.headers["Content-Encoding"] == "gzip" and response.headers["X-Frame-Options"] == "DENY"
            assert len(response.read()) < 200
        with urllib.request.urlopen(base + "/") as response:
            assert response.headers["Content-Encoding"] is None and b"text text" in response.read()
    finally:
        server.shutdown()
