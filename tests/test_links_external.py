"""``icckb links``: external addresses in records are checked apart from the build
(a weekly workflow that never blocks), reported by file and line."""

from __future__ import annotations

import http.server
import os
import threading

import pytest

from icckb import cli


class _Answers(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(200 if self.path == "/alive" else 405 if self.path == "/get-only" else 404)
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path in ("/alive", "/get-only") else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def web():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def run_links(root, web, capsys) -> tuple:
    # The fixture's one outside address would need the internet: point it here.
    brief = root / "policy_briefs" / "rumours-brief.md"
    brief.write_text(brief.read_text().replace("https://example.org/brief-en.pdf", web + "/alive"))
    cwd = os.getcwd()
    os.chdir(root)
    try:
        code = cli.main(["links", "--timeout", "5"])
    finally:
        os.chdir(cwd)
    return code, capsys.readouterr().out.splitlines()


def test_broken_addresses_are_reported_by_file_and_line(site, web, capsys):
    record = site / "practices" / "oslo-rumours.md"
    record.write_text(record.read_text() + f"\nSee [the project]({web}/alive), [the old page]({web}/gone) and [a form]({web}/get-only).\n")
    line = len(record.read_text().splitlines())
    code, out = run_links(site, web, capsys)
    assert code == 1
    assert out == [
        f"practices/oslo-rumours.md:{line}: link: {web}/gone does not answer: HTTP 404 Not Found (update or remove the link)",
        "1 of 3 external addresses do not answer",
    ]


def test_a_site_whose_addresses_answer_passes(site, web, capsys):
    record = site / "practices" / "oslo-rumours.md"
    record.write_text(record.read_text() + f"\nSee [the project]({web}/alive).\n")
    code, out = run_links(site, web, capsys)
    assert code == 0
    assert out[-1].endswith("external addresses checked, all answer")
