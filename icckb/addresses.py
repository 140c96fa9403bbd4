"""Where the site and its sources live, from where the site is built.

``mkdocs.yml`` may set ``site_url``, ``repo_url`` and ``edit_uri``; where it does not,
they come from the environment, so that the repository's address need not be written
in any document:

- ``site_url``: ``ICCKB_SITE_URL``; else, in GitHub Actions, the repository's GitHub
  Pages address (``https://OWNER.github.io/REPO/`` from ``GITHUB_REPOSITORY``; the deploy
  workflow passes the address ``actions/configure-pages`` reports as ``ICCKB_SITE_URL``).
- ``repo_url``: ``ICCKB_REPO_URL``; else ``GITHUB_SERVER_URL/GITHUB_REPOSITORY``; else the
  ``origin`` remote of the git checkout when it is a GitHub or GitLab address.
- ``edit_uri``: ``edit/<branch>/``, the branch being ``ICCKB_BRANCH``, else the built
  branch (``GITHUB_HEAD_REF`` in a pull request, ``GITHUB_REF_NAME`` otherwise), else the
  checkout's current branch, else ``main``.

Nothing known means no edit links and relative addresses, and ``note`` says so.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

_REMOTE = re.compile(r"^(?:https://|git@)(?P<host>github\.com|gitlab\.com)[/:](?P<path>[^\s]+?)(?:\.git)?/?$")


@dataclass(frozen=True)
class Addresses:
    site_url: str = ""  # ends with "/" when known
    repo_url: str = ""
    branch: str = "main"
    note: str = ""  # a line for the build's log when something is not known

    @property
    def edit_uri(self) -> str:
        return f"edit/{self.branch}/" if self.repo_url else ""


def resolve(config: dict, env: dict, root: Path) -> Addresses:
    """The site's addresses: what ``config`` (a loaded mkdocs.yml) says, else what the
    environment and the git checkout at ``root`` say."""
    site_url = str(config.get("site_url") or env.get("ICCKB_SITE_URL") or _pages_address(env))
    repo_url = str(config.get("repo_url") or env.get("ICCKB_REPO_URL") or _actions_repository(env) or _origin(root))
    branch = _branch_of(str(config.get("edit_uri") or "")) or env.get("ICCKB_BRANCH") or env.get("GITHUB_HEAD_REF") \
        or env.get("GITHUB_REF_NAME") or _git(root, "symbolic-ref", "--short", "HEAD") or "main"
    missing = [name for name, value in (("site_url", site_url), ("repo_url", repo_url)) if not value]
    note = ""
    if missing:
        note = (f"{' and '.join(missing)} not known (set ICCKB_SITE_URL / ICCKB_REPO_URL or mkdocs.yml): "
                + ("no edit links; " if not repo_url else "") + ("relative addresses, no sitemap" if not site_url else ""))
    return Addresses(_with_slash(site_url), repo_url.rstrip("/"), branch, note.rstrip("; "))


def _with_slash(url: str) -> str:
    return url if not url or url.endswith("/") else url + "/"


def _pages_address(env: dict) -> str:
    owner, _, repo = (env.get("GITHUB_REPOSITORY") or "").partition("/")
    if not (owner and repo):
        return ""
    if repo.lower() == f"{owner.lower()}.github.io":  # a user or organisation site
        return f"https://{repo.lower()}/"
    return f"https://{owner.lower()}.github.io/{repo}/"


def _actions_repository(env: dict) -> str:
    server, repository = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY")
    return f"{server.rstrip('/')}/{repository}" if server and repository else ""


def _origin(root: Path) -> str:
    match = _REMOTE.match(_git(root, "remote", "get-url", "origin"))
    return f"https://{match['host']}/{match['path']}" if match else ""


def _branch_of(edit_uri: str) -> str:
    parts = [p for p in edit_uri.strip("/").split("/") if p]
    return parts[1] if len(parts) >= 2 and parts[0] in ("edit", "blob", "-") else ""


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""
