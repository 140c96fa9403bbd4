"""The report a pull request's reviewers read: whether every file is valid, which records,
pages and registries it adds, changes and removes (with the addresses of their pages),
and where to download the preview. ``icckb review --base origin/main`` prints it as
Markdown; the pull-request workflow posts it as one comment, updated on each push.
"""

from __future__ import annotations

import subprocess

from . import corpus, staging
from .problems import report as validation_report
from .project import Project

MARKER = "<!-- icckb-review -->"  # how the workflow finds its own comment to update it
_STATES = {"A": "added", "M": "changed", "R": "renamed", "D": "removed", "C": "copied", "T": "changed"}


class ReviewError(Exception):
    pass


def changes(project: Project, base: str) -> list:
    """(state, path) of the files changed since ``base`` in the folders the site is made of."""
    folders = [*staging.sources(), "data"]
    done = subprocess.run(["git", "-C", str(project.root), "diff", "--name-status", "-M", f"{base}...HEAD", "--", *folders],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise ReviewError(f"git cannot compare with {base!r}: {done.stderr.strip()}")
    found = []
    for line in done.stdout.splitlines():
        state, *paths = line.split("\t")
        found.append((_STATES.get(state[:1], "changed"), paths[-1]))
    return found


def address(project: Project, path: str) -> str:
    """Where a source file's page is served ('' for a file without a page of its own)."""
    if not path.endswith(".md"):
        return ""
    staged = staging.staged_name(path)
    folder, _, name = staged.rpartition("/")
    parts = name[:-3].split(".")
    lang = parts[1] if len(parts) > 1 and parts[1] in project.languages[1:] else ""
    served = "" if parts[0] in ("index", "README") else parts[0] + "/"
    url = (f"{lang}/" if lang else "") + (f"{folder}/" if folder else "") + served
    return (project.site_url or "/") + url


def report(project: Project, base: str, preview: str = "") -> str:
    loaded = corpus.load(project)
    lines = [MARKER, "## Knowledge base check", ""]
    if loaded.problems:
        lines += [f"**{len(loaded.problems)} problems to fix** before this can be published (each is also marked on the file, at its line):", ""]
    else:
        lines += ["**Every file is valid.**", ""]
    lines += ["```", validation_report(loaded.problems, loaded.checked), "```", ""]
    changed = changes(project, base)
    lines += ["### What this pull request changes", ""]
    if not changed:
        lines.append("No record, page or registry.")
    for state, path in changed:
        url = address(project, path) if state != "removed" else ""
        lines.append(f"- {state}: `{path}`" + (f" → {url}" if url else ""))
    lines += ["", "### Preview", ""]
    where = f"from {preview}" if preview else "from this run's artifacts"
    lines.append(f"Download the built site (the `site-preview` artifact) {where}, unzip it, run `python3 -m http.server` "
                 "in its folder and open http://localhost:8000/.")
    lines += ["", "Reviewers: see the checklist in the pull request's description."]
    return "\n".join(lines) + "\n"
