"""The stock stack on a generated project: MkDocs + Material + mkdocs-static-i18n, no hooks.

``prepare(project, out)`` lays the project out as a plain MkDocs site would hold it: the
records under ``docs/`` (``docs/practices/``, ``docs/policy-briefs/``, the toolkits already
there), and a ``mkdocs.yml`` that is the project's without its hooks, with Material's
search plugin and the i18n plugin as configured (suffix structure, ``fallback_to_default``,
the same languages), and the project's navigation where its pages exist (records stay out
of the navigation, as on our site: a navigation of every record costs more than all else).
It then builds with a plain ``mkdocs build``: no facts boxes, related records or index
pages (the stock stack has none), so it does less per page than our build.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml


def _exists(entry, docs: Path) -> bool:
    target = next(iter(entry.values())) if isinstance(entry, dict) else entry
    return not isinstance(target, str) or (docs / target).exists()


def prepare(project: Path, out: Path) -> Path:
    """Write the stock project for ``project`` into ``out``; returns ``out``."""
    shutil.rmtree(out, ignore_errors=True)
    docs = out / "docs"
    shutil.copytree(project / "docs", docs)
    shutil.copytree(project / "practices", docs / "practices")
    shutil.copytree(project / "policy_briefs", docs / "policy-briefs")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(p for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["docs_dir"] = "docs"
    config["plugins"] = ["search", i18n]
    config["nav"] = [entry for entry in config.get("nav", []) if _exists(entry, docs)]
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out
