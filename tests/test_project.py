"""The project's own set-up: CI runs exactly the README's test command."""

from __future__ import annotations

import re

from conftest import REPO


def test_ci_runs_the_readme_test_command():
    readme = (REPO / "README.md").read_text()
    command = re.search(r"Run the whole test suite.*?```sh\n(.+?)\n```", readme, re.S).group(1)
    assert command in (REPO / ".ci" / "run").read_text().splitlines()
