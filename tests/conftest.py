"""Shared fixtures: a tiny checked-in site copied to a temp dir, and runners."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from icckb import cli

REPO = Path(__file__).resolve().parent.parent
FIXTURE_SITE = REPO / "tests" / "fixtures" / "site"
HOOKS_IN_FIXTURE = "../../../hooks/icckb_hooks.py"


def copy_fixture_site(root: Path, scripts: tuple = (), settings: str = "") -> Path:
    """The fixture site copied to ``root``, its mkdocs.yml pointing at this repo's hooks,
    with the site's own ``scripts`` (from docs/assets) and extra ``settings`` added."""
    shutil.copytree(FIXTURE_SITE, root, ignore=shutil.ignore_patterns("site", ".icckb"))
    config = root / "mkdocs.yml"
    text = config.read_text().replace(HOOKS_IN_FIXTURE, str(REPO / "hooks" / "icckb_hooks.py")) + settings
    if scripts:
        (root / "docs" / "assets").mkdir()
        scripts = ("icckb-common.js", *scripts)  # the helpers every script of the site uses
        for name in scripts:
            shutil.copy(REPO / "docs" / "assets" / name, root / "docs" / "assets")
        text += "extra_javascript:\n" + "".join(f"  - assets/{name}\n" for name in scripts)
    config.write_text(text)
    return root


@pytest.fixture(scope="session", autouse=True)
def built_nowhere():
    """Builds in the tests know no address of their own: the variables that tell one
    (a CI run on GitHub sets some) are cleared, and tests that need them set them."""
    names = [n for n in os.environ if n.startswith(("ICCKB_SITE_URL", "ICCKB_REPO_URL", "ICCKB_BRANCH", "GITHUB_"))]
    saved = {n: os.environ.pop(n) for n in names}
    yield
    os.environ.update(saved)


@pytest.fixture
def site(tmp_path) -> Path:
    """A copy of the fixture site whose mkdocs.yml points at this repo's hooks."""
    return copy_fixture_site(tmp_path / "site")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the browser closing a connection early is not a failure


@contextmanager
def serving(directory: Path, handler=QuietHandler):
    """A local web server of a built site for the browser tests; yields its address."""
    httpd = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def wait_until(page, expression: str, timeout: float = 20.0) -> None:
    """Wait until a JavaScript expression is true in the page. Playwright's own
    wait_for_function evaluates strings with eval, which each page's security policy
    refuses (as it should); page.evaluate is not subject to it."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        page.wait_for_timeout(50)


def validate(root: Path, *paths: str, capsys=None) -> tuple:
    """Run ``icckb validate`` in-process from ``root``: (exit code, output lines)."""
    cwd = os.getcwd()
    os.chdir(root)
    try:
        code = cli.main(["validate", *paths])
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out if capsys else ""
    return code, out.splitlines()


def build_here(root: Path, site_dir: Path | None = None) -> Path:
    """Build a site in this process (faster than a new one, and it sees what a test
    patched); returns the site folder."""
    from mkdocs.commands import build as mkdocs_build_command
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir or root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build_command.build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)


def mkdocs_build(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Build a site with the real ``mkdocs`` command."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=root, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The project's own site, built once (strictly) for every test that reads it."""
    out = tmp_path_factory.mktemp("real") / "site"
    result = mkdocs_build(REPO, "--strict", "--site-dir", str(out))
    assert result.returncode == 0, result.stderr[-5000:]
    return out


@pytest.fixture(scope="session")
def real_corpus():
    """The project's records, loaded by the same code as the build."""
    from icckb import corpus
    from icckb.project import Project

    return corpus.load(Project.from_config_file(REPO / "mkdocs.yml"))
