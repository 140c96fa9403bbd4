"""Shared fixtures: a tiny checked-in site copied to a temp dir, and runners."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from icckb import cli

REPO = Path(__file__).resolve().parent.parent
FIXTURE_SITE = REPO / "tests" / "fixtures" / "site"
HOOKS_IN_FIXTURE = "../../../hooks/icckb_hooks.py"


@pytest.fixture
def site(tmp_path) -> Path:
    """A copy of the fixture site whose mkdocs.yml points at this repo's hooks."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, root, ignore=shutil.ignore_patterns("site", ".icckb"))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace(HOOKS_IN_FIXTURE, str(REPO / "hooks" / "icckb_hooks.py")))
    return root


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
