"""The benchmark runs end to end on a tiny corpus (a smoke test: no timing is asserted)."""

from __future__ import annotations

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
                    "search page: typing to first results (first query, which loads the engine / next query)", "development server (icckb serve --lang en): edited practice shown after"):
        assert rows[measure].split()[0].replace(".", "").isdigit(), (measure, rows[measure])
    assert int(rows["HTML pages"]) > 12 * 2
    assert rows["search data fetched before the database's first results"].endswith("requests")
