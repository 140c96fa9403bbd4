"""The ``icckb`` command: tools for editors and translators, sharing the build's code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import corpus, reference
from .problems import report
from .project import CONFIG_FILE, Project


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(prog="icckb", description="Tools for the ICC knowledge base.")
    parser.add_argument("--config", default=CONFIG_FILE, help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check every record and registry, or the files given")
    validate.add_argument("paths", nargs="*", help="files or folders to check (default: everything)")
    validate.set_defaults(run=run_validate)

    fields = commands.add_parser("fields", help="print the field reference for editors (Markdown)")
    fields.set_defaults(run=run_fields)

    args = parser.parse_args(argv)
    return args.run(args)


def load_project(args) -> Project:
    config = Path(args.config)
    if not config.is_file():
        raise SystemExit(f"icckb: {config} not found; run icckb from the project's root folder (or pass --config)")
    return Project.from_config_file(config)


def run_validate(args) -> int:
    project = load_project(args)
    only = expand(args.paths) if args.paths else None
    result = corpus.load(project, only)
    print(report(result.problems, result.checked))
    return 1 if result.problems else 0


def run_fields(args) -> int:
    print(reference.markdown())
    return 0


def expand(paths: list) -> list:
    """Files named on the command line; folders stand for the files below them."""
    files = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".md", ".yml")))
        else:
            files.append(path)
    return files


if __name__ == "__main__":
    sys.exit(main())
