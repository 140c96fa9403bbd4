"""Where our build's time goes, by area, on the benchmark's generated corpus.

    python3 benchmarks/profile.py --practices 3000 --languages 11 [--rate 50] [--keep]

Generates the corpus of benchmarks/run.py (same --seed), then samples one whole
``icckb build --jobs 2`` with py-spy (``pip install py-spy``: a sampling profiler, so the
build runs at nearly its normal speed), every Python process of it, and adds the samples
up by area. Pagefind's own work is native code that py-spy does not see: it is measured
apart, as the CPU time of one Pagefind run per language over the built site.

Two figures per area, in CPU seconds (samples / rate, summed over the processes):
``self`` counts a sample for the innermost area of its stack (they add up to the total),
``cumulative`` for every area in its stack (a hook that renders Markdown counts in both).
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
INSTALL = "py-spy is missing: install it with `python3 -m pip install py-spy`."

# The phases of a build, by a function on the stack (the first found from the root).
PHASES = (
    ("prepare (icckb/build.py", "preparing: load, check, cross-index, stage (once, before the passes)"),
    ("index_language (icckb/search.py", "Pagefind, Python side (waiting on it is not sampled)"),
    ("merge (icckb/engine.py", "merging the language passes"),
    ("finish (icckb/build.py", "finishing: search bundle joined and sorted, headers, sitemap"),
    ("_language_pass (icckb/engine.py", "language passes (mkdocs build of one language)"),
)
# Areas, by the file of a frame (the first pattern that matches, from the leaf up for ``self``).
AREAS = (
    ("writing files", ("write_file (mkdocs/utils", "copy_file (mkdocs/utils", "(shutil.py", "copy_static_files", "_copy_")),
    ("Markdown (Python-Markdown and extensions)", ("(markdown/", "(pymdownx/")),
    ("Jinja templates (Material's theme)", ("(jinja2/", "(material/templates/", ".html:")),
    ("i18n (mkdocs-static-i18n, icckb/adapters/i18n.py)", ("(mkdocs_static_i18n/", "(icckb/adapters/i18n.py")),
    ("our hooks (hooks/icckb_hooks.py)", ("icckb_hooks.py",)),
    ("our modules (icckb/)", ("(icckb/",)),
    ("YAML", ("(yaml/",)),
    ("MkDocs core (files, navigation, pages, URLs)", ("(mkdocs/",)),
    ("Material's plugins", ("(material/",)),
)
PAGEFIND = "Pagefind's indexing (native, one run per language, measured apart)"
OTHER = "other (standard library, imports, start-up)"
# Frames that only drive the others (on nearly every stack): no area's own cost.
DRIVERS = ("(icckb/cli.py", "(icckb/engine.py", "(mkdocs/commands/build.py", "(mkdocs/plugins.py", "(<frozen runpy>")


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)  # dataclasses look it up there
    spec.loader.exec_module(module)
    return module


def area_of(frame: str) -> str | None:
    if any(driver in frame for driver in DRIVERS):
        return None
    for area, patterns in AREAS:
        if any(p in frame for p in patterns):
            return area
    return None


def phase_of(frames: list) -> str:
    for frame in frames:
        for pattern, phase in PHASES:
            if pattern in frame:
                return phase
    return OTHER


def aggregate(raw: Path, rate: int) -> tuple:
    """({phase: seconds}, {area: self seconds}, {area: cumulative seconds}, total) from
    py-spy's raw output (one line per stack: ``frame;frame;... count``). Outside the
    language passes a sample's area is its phase (preparing, merging, finishing)."""
    phases, own, cumulative = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        frames = [f for f in stack.split(";") if not f.startswith("process ")]
        seconds = int(count) / rate
        total += seconds
        phase = phase_of(frames)
        phases[phase] += seconds
        if phase != PHASES[-1][1]:  # not in a language pass
            own[phase] += seconds
            cumulative[phase] += seconds
            continue
        areas = [area_of(f) for f in frames]
        own[next((a for a in reversed(areas) if a), OTHER)] += seconds
        for area in set(a for a in areas if a) or {OTHER}:
            cumulative[area] += seconds
    return phases, own, cumulative, total


def pagefind_cpu(site: Path, languages: tuple) -> float:
    """CPU seconds of one Pagefind run per language over ``site``, as the build runs them."""
    from icckb import search

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory(prefix="icckb-profile-search-") as work:
        for lang in languages:
            search.index_language(site, lang, languages, Path(work) / lang)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def table(title: str, rows: list, total: float) -> None:
    print(f"\n{title}\n\n| | CPU seconds | share |\n| --- | --- | --- |")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.1f} | {100 * seconds / total:.0f}% |")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--practices", type=int, default=3000)
    parser.add_argument("--languages", type=int, default=11)
    parser.add_argument("--translated", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rate", type=int, default=50, help="samples per second and process (default: 50)")
    parser.add_argument("--keep", action="store_true", help="keep the generated project, site and py-spy's raw output")
    args = parser.parse_args(argv)
    if not shutil.which("py-spy"):
        raise SystemExit(INSTALL)
    run = _load("icckb_bench_run", HERE / "run.py")
    work = Path(tempfile.mkdtemp(prefix="icckb-profile-"))
    try:
        root = work / "project"
        root.mkdir()
        run.generate(root, args.practices, args.languages, args.translated, args.seed)
        raw = work / "py-spy.txt"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        start = time.perf_counter()
        done = subprocess.run(["py-spy", "record", "--subprocesses", "--nonblocking", "--rate", str(args.rate), "--format", "raw",
                               "--output", str(raw), "--", sys.executable, "-m", "icckb.cli", "build", "--jobs", str(args.jobs)],
                              cwd=root, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - start
        if done.returncode:
            raise SystemExit(f"the profiled build failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
        phases, own, cumulative, total = aggregate(raw, args.rate)
        config = run.yaml.safe_load((root / "mkdocs.yml").read_text())
        i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
        languages = tuple(lang["locale"] for lang in i18n["languages"])
        pagefind = pagefind_cpu(root / "site", languages)
        print(f"{args.practices} practices × {args.languages} languages: build {wall:.1f} s wall under py-spy, "
              f"{total:.1f} CPU seconds sampled in Python, Pagefind {pagefind:.1f} CPU seconds apart "
              f"({len(languages)} runs, native code)")
        table("By phase (Python samples only)", phases.most_common(), total)
        own[PAGEFIND] = cumulative[PAGEFIND] = pagefind
        table("By area, self (innermost area of each sample; Pagefind's native work measured apart)", own.most_common(), total + pagefind)
        table("By area, cumulative (every area on the stack)", cumulative.most_common(), total + pagefind)
        return 0
    finally:
        if args.keep:
            print(f"kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
