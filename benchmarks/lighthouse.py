"""Lighthouse on a built site, as a reader on a phone gets it.

``serve(site)`` serves the built site on 127.0.0.1 as a static host would: gzip when the
client accepts it (text types), the headers of the site's ``_headers`` file (its
Content-Security-Policy and the like, Netlify's format), ``404.html`` for what is missing.
``audit(url, ...)`` runs npm's ``lighthouse`` against one address with Debian's Chromium,
the mobile form factor and the default simulated slow 4G throttling, and returns the
scores of its four categories and the audits below a full score.

Lighthouse is not a dependency of the project; install it in a git-ignored folder:

    npm install --prefix benchmarks/.lighthouse -E lighthouse@12.2.3

(12.2.3 runs on Node 20; Lighthouse 13 wants Node 22) or point ``LIGHTHOUSE`` at a
``lighthouse`` executable.
"""

from __future__ import annotations

import fnmatch
import gzip
import http.server
import json
import mimetypes
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
INSTALL = ("Lighthouse is missing: install it with `npm install --prefix benchmarks/.lighthouse -E lighthouse@12.2.3` "
           "(or set LIGHTHOUSE to a lighthouse executable).")
CHROME = "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml", "application/wasm")
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("application/javascript", ".js")


def lighthouse_binary() -> str | None:
    for candidate in (os.environ.get("LIGHTHOUSE"), HERE / ".lighthouse" / "node_modules" / ".bin" / "lighthouse"):
        if candidate and Path(candidate).exists():
            return str(candidate)
    return shutil.which("lighthouse")


def lighthouse_version() -> str:
    binary = lighthouse_binary()
    return subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip() if binary else "missing"


def host_headers(site: Path) -> list:
    """[(path pattern, [(header, value)])] from the site's ``_headers`` file."""
    rules, path = [], site / "_headers"
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
        if line.strip() and not line.startswith((" ", "\t")):
            rules.append((line.strip(), []))
        elif ":" in line and rules:
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


class Handler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD of the files of ``site``, gzip-compressed when the client accepts it."""

    site: Path
    rules: list
    cache: dict  # (file, gzip?) -> bytes

    def log_message(self, *args):
        pass

    def locate(self) -> tuple:
        path = unquote(urlsplit(self.path).path)
        target = (self.site / path.lstrip("/")).resolve()
        if self.site not in target.parents and target != self.site:
            return None, path
        if target.is_dir():
            if not path.endswith("/"):
                return "redirect", path + "/"
            target = target / "index.html"
        return (target if target.is_file() else None), path

    def body(self, target: Path, compress: bool) -> bytes:
        key = (target, compress)
        if key not in self.cache:
            data = target.read_bytes()
            self.cache[key] = gzip.compress(data, 6) if compress else data
        return self.cache[key]

    def do_HEAD(self):
        self.respond(send_body=False)

    def do_GET(self):
        self.respond(send_body=True)

    def respond(self, send_body: bool):
        target, path = self.locate()
        if target == "redirect":
            self.send_response(301)
            self.send_header("Location", path)
            self.end_headers()
            return
        status = 200
        if target is None:
            status, target = 404, self.site / "404.html"
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        compress = kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")
        data = self.body(target, compress) if target.exists() else b"Not found"
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Vary", "Accept-Encoding")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        for pattern, headers in self.rules:
            if fnmatch.fnmatch(path, pattern):
                for name, value in headers:
                    self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(data)


def serve(site: Path) -> tuple:
    """(server, base address) of a threaded server of ``site``; ``server.shutdown()`` ends it."""
    site = site.resolve()
    handler = type("SiteHandler", (Handler,), {"site": site, "rules": host_headers(site), "cache": {}})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def why(audit: dict) -> str:
    """What a failed audit found, in a few words: its value, its explanation, the reasons
    given for its items, or for console errors the first error and how many there were."""
    if audit.get("displayValue"):
        return audit["displayValue"].replace("\xa0", " ")
    if audit.get("explanation"):
        return audit["explanation"][:120]
    items = (audit.get("details") or {}).get("items") or []
    reasons = sorted({sub.get("reason", "") for item in items for sub in (item.get("subItems") or {}).get("items", [])} - {""})
    if reasons:
        return "; ".join(reasons)
    described = [item for item in items if item.get("description")]
    if described:
        first = described[0]
        where = urlsplit((first.get("sourceLocation") or {}).get("url", "")).path
        return f"{len(described)} × {first['description'][:80]}" + (f" (first: {where})" if where else "")
    return ""


def failing(report: dict, category: str) -> list:
    """The audits of ``category`` scored below 1, lowest first: 'id (score, what it found)'."""
    audits = report["audits"]
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"):
            detail = why(audit)
            found.append((audit["score"], f"{ref['id']} ({audit['score']:.2f}{', ' + detail if detail else ''})"))
    return [text for _, text in sorted(found, key=lambda pair: pair[0])]


def audit(url: str) -> dict:
    """Lighthouse's four scores (0-100) of ``url`` and, for a score under 100, its failing audits."""
    binary = lighthouse_binary()
    if not binary:
        raise SystemExit(INSTALL)
    with tempfile.TemporaryDirectory(prefix="icckb-lighthouse-") as work:
        output = Path(work) / "report.json"
        command = [binary, url, "--output=json", f"--output-path={output}", "--quiet",
                   f"--chrome-flags={CHROME_FLAGS}", "--form-factor=mobile", "--throttling-method=simulate",
                   f"--only-categories={','.join(CATEGORIES)}"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=600,
                              env=dict(os.environ, CHROME_PATH=CHROME, TMPDIR=work))
        if done.returncode or not output.exists():
            raise SystemExit(f"lighthouse failed on {url}:\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
        report = json.loads(output.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise SystemExit(f"lighthouse could not load {url}: {report['runtimeError']}")
    scores = {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    return {"scores": scores, "failing": {c: failing(report, c) for c in CATEGORIES if scores[c] < 100},
            "benchmark_index": report.get("environment", {}).get("benchmarkIndex")}


def median_run(url: str, runs: int) -> dict:
    """The run of median performance among ``runs`` audits of ``url`` (Lighthouse's own
    advice for a host whose speed varies), with every run's performance score."""
    found = sorted((audit(url) for _ in range(runs)), key=lambda run: run["scores"]["performance"])
    return {**found[len(found) // 2], "performance_runs": [run["scores"]["performance"] for run in found],
            "benchmark_indexes": [run["benchmark_index"] for run in found]}
