"""Build benchmark on a generated corpus.

    python3 benchmarks/run.py --practices 300 --languages 11 [--runs 3] [--jobs 2] [--search]

Generates a synthetic but realistic project in a temporary folder, through the
project's own registries and schema (every generated record passes icckb validate):
N practices with a share translated into each language, publications and toolkits in
proportion, the real registries, vocabularies and site pages. Then it validates and
builds it with ``icckb build --jobs N``, times an edit in the development server, and
prints one table of figures (medians with --runs). The corpus is fixed by --seed, so runs are
comparable. Nothing here asserts a timing; the test suite runs a tiny size as a smoke
test.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from icckb import schema  # noqa: E402

WORDS = (
    "city residents newcomers programme council neighbourhood school library youth women policy "
    "dialogue network strategy training volunteers association festival survey campaign office "
    "service mediation housing employment culture heritage sport public space participation "
    "intercultural diversity inclusion equality community project partners evaluation results"
).split()


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def front(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


def generate(root: Path, practices: int, languages: int, share: float, seed: int) -> dict:
    """Write the corpus; returns counts of what was written."""
    rng = random.Random(seed)
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("toolkits"))
    (root / "docs" / "toolkits").mkdir()
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    i18n["languages"] = i18n["languages"][:languages]
    kept = [lang["locale"] for lang in i18n["languages"]]
    config["hooks"] = [str(REPO / "hooks" / "icckb_hooks.py")]
    config["watch"] = ["practices", "policy_briefs", "data"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    for vocabulary in (root / "data" / "i18n").glob("*.yml"):
        if vocabulary.stem not in kept:
            vocabulary.unlink()
    for page in (root / "docs").rglob("*.*.md"):
        if page.name.split(".")[-2] not in kept:
            page.unlink()

    registry = lambda name: [e["id"] for e in yaml.safe_load((root / "data" / f"{name}.yml").read_text())]
    cities, topics, groups, kinds = registry("cities"), registry("topics"), registry("target_groups"), registry("kinds")
    sections = schema.PRACTICE.sections
    counts = {"practices": 0, "publications": 0, "toolkits": 0, "translations": 0}
    (root / "practices").mkdir()
    (root / "policy_briefs").mkdir()

    def translate(folder: Path, slug: str, body: str):
        for lang in kept[1:]:
            if rng.random() < share:
                meta = {"title": f"{sentence(rng, 5)[:-1]} ({lang})", "summary": sentence(rng, 20)}
                (folder / f"{slug}.{lang}.md").write_text(front(meta) + body)
                counts["translations"] += 1

    for number in range(practices):
        slug = f"practice-{number:05d}"
        meta = {
            "title": sentence(rng, 6)[:-1],
            "cities": rng.sample(cities, rng.choice([1, 1, 1, 2, 3])),
            "year": rng.randint(2008, 2024),
            "topics": rng.sample(topics, rng.randint(1, 3)),
            "summary": sentence(rng, 30)[:390],
            "target_groups": rng.sample(groups, rng.randint(0, 3)),
            "status": "archived" if rng.random() < 0.05 else "active",
            "sources": ["ICC Annual Report 2024"],
        }
        body = "\n".join(f"## {s}\n\n{paragraph(rng)}\n" for s in sections)
        (root / "practices" / f"{slug}.md").write_text(front(meta) + body)
        counts["practices"] += 1
        translate(root / "practices", slug, body)

    publications = max(2, practices // 10)
    for number in range(publications):
        slug = f"publication-{number:04d}"
        meta = {
            "kind": rng.choice(kinds), "title": sentence(rng, 7)[:-1], "year": rng.randint(2008, 2024),
            "topics": rng.sample(topics, rng.randint(1, 2)), "summary": sentence(rng, 25)[:390],
            "languages": {code: None for code in rng.sample(["en", "fr", "es", "it", "pl"], 2)},
            "sources": ["ICC Annual Report 2024"],
        }
        body = paragraph(rng, 8) + "\n"
        (root / "policy_briefs" / f"{slug}.md").write_text(front(meta) + body)
        counts["publications"] += 1
        translate(root / "policy_briefs", slug, body)

    for number in range(max(1, practices // 100)):
        slug = f"toolkit-{number:03d}"
        chosen = rng.sample(range(publications), min(3, publications))
        meta = {
            "title": sentence(rng, 3)[:-1], "topics": rng.sample(topics, 2), "summary": sentence(rng, 25)[:390],
            "resources": [{"title": f"Resource {i}", "kind": "guide", "languages": {"en": None}, "publication": f"publication-{i:04d}"} for i in chosen],
        }
        (root / "docs" / "toolkits" / f"{slug}.md").write_text(front(meta) + "## Introduction\n\n" + paragraph(rng, 10) + "\n")
        counts["toolkits"] += 1
    return counts


def _search_bytes(bundle: Path, lang: str) -> int:
    return sum(p.stat().st_size for folder in ("index", "filter", "fragment") for p in (bundle / folder).glob(f"{lang}_*"))


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def median_of(values: list, unit: str, digits: int = 1) -> str:
    """'12.3 s (runs: 12.1, 12.3, 13.0)' for several runs, '12.3 s' for one."""
    value = statistics.median(values)
    runs = f" (runs: {', '.join(f'{v:.{digits}f}' for v in values)})" if len(values) > 1 else ""
    return f"{value:.{digits}f} {unit}{runs}"


def timed(command: list, cwd: Path, env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[2:])} failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
    return time.perf_counter() - start


def serve_edit_time(root: Path, env: dict, slug: str, marker: str) -> float:
    """Seconds from saving an edited practice to the development server (icckb serve
    --lang, the default language) serving the new text."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "icckb.cli", "serve", "--lang", "en", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/practices/{slug}/"

    def shows(text: str, limit: float) -> bool:
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    if text in response.read().decode():
                        return True
            except OSError:
                pass
            time.sleep(0.05)
        return False

    try:
        if not shows("<h1", 1800):
            raise SystemExit("the development server never served the practice")
        time.sleep(2)  # let the first build's file watcher settle
        source = root / "practices" / f"{slug}.md"
        source.write_text(source.read_text().replace("title: ", f"title: {marker} ", 1))
        start = time.perf_counter()
        if not shows(marker, 600):
            raise SystemExit("the edit never reached the development server")
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=60)


def search_figures(site: Path, query: str) -> tuple:
    """In headless Chromium: (bytes and requests of search data fetched before the practice
    database shows its first results for ``query``, milliseconds from typing ``query`` in
    the search page to its first result). Needs Playwright and Debian's chromium."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=flags)
            page = browser.new_page()
            fetched = []
            page.on("response", lambda r: fetched.append(r) if "/pagefind/" in r.url else None)
            page.goto(f"{base}/practices/?q={query}")
            page.wait_for_selector(".icckb-db[data-ready] .icckb-db-result", timeout=60000)
            size = sum(len(r.body()) for r in fetched)
            page = browser.new_page()
            page.goto(f"{base}/search/")
            page.wait_for_selector(".pagefind-ui__search-input", timeout=60000)
            page.wait_for_timeout(500)  # the search script has loaded; typing starts now
            typed = []
            for word in (query, "culture"):  # the first query also loads the engine
                start = time.perf_counter()
                page.fill(".pagefind-ui__search-input", word)
                page.wait_for_function("(w) => [...document.querySelectorAll('.pagefind-ui__result-link')].length > 0"
                                       " && document.querySelector('.pagefind-ui__message')?.textContent.includes(w)", arg=word, timeout=60000)
                typed.append((time.perf_counter() - start) * 1000)
            browser.close()
    finally:
        httpd.shutdown()
    return size, len(fetched), typed


def run(args) -> list:
    """Generate, validate, build (``--runs`` times), measure; returns (measure, value) rows."""
    work = Path(tempfile.mkdtemp(prefix="icckb-bench-"))
    try:
        root = work / "project"
        root.mkdir()
        counts = generate(root, args.practices, args.languages, args.translated, args.seed)
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")

        validate_times = [timed([sys.executable, "-m", "icckb.cli", "validate"], root, env) for _ in range(args.runs)]
        command = [sys.executable, "-m", "icckb.cli", "build", "--jobs", str(args.jobs)]
        build_times = []
        for _ in range(args.runs):  # each from an empty output folder, as on a fresh checkout
            shutil.rmtree(root / "site", ignore_errors=True)
            build_times.append(timed(command, root, env))
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest single process

        site = root / "site"
        pages = list(site.rglob("*.html"))
        records = [p for p in pages if "/practices/practice-" in p.as_posix()]
        entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
        search = {lang: (info["page_count"], _search_bytes(site / "pagefind", lang)) for lang, info in entry["languages"].items()}
        rows = [
            ("corpus", f"{counts['practices']} practices, {counts['publications']} publications, {counts['toolkits']} toolkits, {counts['translations']} translations, {args.languages} languages"),
            ("icckb validate", median_of(validate_times, "s", 2)),
            (f"full build with search index (icckb build --jobs {args.jobs})", median_of(build_times, "s")),
            ("HTML pages", str(len(pages))),
            ("pages per second", f"{len(pages) / statistics.median(build_times):.0f}"),
            ("peak memory of one build process", f"{peak:.0f} MB"),
            ("site size", f"{folder_size(site) / 1e6:.1f} MB"),
            ("average practice page", f"{sum(p.stat().st_size for p in records) / max(len(records), 1) / 1024:.1f} KB"),
            ("search index (all languages)", f"{folder_size(site / 'pagefind') / 1e6:.1f} MB"),
            ("search data per language (pages, index + filters + fragments)",
             ", ".join(f"{k} {n} / {size / 1e6:.1f} MB" for k, (n, size) in sorted(search.items()))),
        ]
        if args.search:
            size, requests, typed = search_figures(site, "youth")
            rows += [
                ("search data fetched before the database's first results", f"{size / 1000:.0f} KB in {requests} requests"),
                ("search page: typing to first results (first query, which loads the engine / next query)", f"{typed[0]:.0f} ms / {typed[1]:.0f} ms"),
            ]
        if args.serve:
            rows.append(("development server (icckb serve --lang en): edited practice shown after",
                         median_of([serve_edit_time(root, env, "practice-00001", f"Edited{run}") for run in range(args.runs)], "s")))
        return rows
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept in {work}", file=sys.stderr)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--practices", type=int, default=300)
    parser.add_argument("--languages", type=int, default=11, help="how many of the site's languages (default: all 11)")
    parser.add_argument("--translated", type=float, default=0.2, help="share of records translated into each language")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2, help="processes of icckb build (default: 2)")
    parser.add_argument("--runs", type=int, default=1, help="repeat validation, build and edit this many times and quote medians")
    parser.add_argument("--search", action="store_true", help="also measure search in headless Chromium (needs the test extra)")
    parser.add_argument("--no-serve", dest="serve", action="store_false", help="skip the development server's edit time")
    parser.add_argument("--keep", action="store_true", help="keep the generated project and site")
    args = parser.parse_args(argv)
    rows = run(args)
    width = max(len(name) for name, _ in rows)
    print("| measure | value |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name.ljust(width)} | {value} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
