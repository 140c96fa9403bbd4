"""The ``icckb`` command: tools for editors and translators, sharing the build's code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import json

from . import corpus, reference, translations
from .problems import report
from .project import CONFIG_FILE, Project


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(prog="icckb", description="Tools for the ICC knowledge base.")
    parser.add_argument("--config", default=CONFIG_FILE, help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check every record and registry, or the files given")
    validate.add_argument("paths", nargs="*", help="files or folders to check (default: everything)")
    validate.set_defaults(run=run_validate)

    status = commands.add_parser(
        "translations",
        help="per language: what is translated, outdated and missing; 'translations mark FILE...' records a reviewed translation as up to date",
    )
    status.add_argument("mark", nargs="*", metavar="mark FILE", help="mark these translations as up to date with their original")
    status.add_argument("--json", action="store_true", help="print the status as JSON")
    status.add_argument("--lang", action="append", help="only this language (may be repeated)")
    status.set_defaults(run=run_translations)

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


def run_translations(args) -> int:
    project = load_project(args)
    loaded = corpus.load(project)
    if args.mark:
        return mark_translations(project, loaded, args.mark)
    report = translations.status(loaded)
    if args.lang:
        unknown = [lang for lang in args.lang if lang not in report]
        if unknown:
            print(f"icckb: the site has no language {unknown[0]!r} to translate into (its languages are: {', '.join(report)})", file=sys.stderr)
            return 2
        report = {lang: items for lang, items in report.items() if lang in args.lang}
    print(json.dumps(translations.as_json(report), ensure_ascii=False, indent=1) if args.json else translations.as_text(report))
    return 0


def mark_translations(project: Project, loaded, words: list) -> int:
    if words[0] != "mark" or len(words) < 2:
        print("icckb: usage: icckb translations mark FILE [FILE...]", file=sys.stderr)
        return 2
    failed = 0
    for name in words[1:]:
        try:
            value = translations.mark(project.root, Path(name), loaded)
            print(f"{name}: marked as up to date with its original ({translations.FIELD}: {value})")
        except (ValueError, OSError) as error:
            print(f"{name}: {error}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


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
