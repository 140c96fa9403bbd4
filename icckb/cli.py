"""The ``icckb`` command: tools for editors and translators, sharing the build's code."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from . import corpus, problems, reference, scaffold, schema, translations
from .fields import GroupList, LanguageVersions, Ref, RefList
from .problems import report
from .project import CONFIG_FILE, Project


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(prog="icckb", description="Tools for the ICC knowledge base.")
    parser.add_argument("--config", default=CONFIG_FILE, help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)

    # Options as MkDocs spells them, for the commands that build or serve the site.
    like_mkdocs = argparse.ArgumentParser(add_help=False)
    like_mkdocs.add_argument("-f", "--config-file", dest="config", default=argparse.SUPPRESS, help="the site's mkdocs.yml")
    like_mkdocs.add_argument("-q", "--quiet", action="store_true", help="silence warnings")
    like_mkdocs.add_argument("-v", "--verbose", action="store_true", help="enable verbose output")

    validate = commands.add_parser("validate", help="check every record and registry, or the files given")
    validate.add_argument("paths", nargs="*", help="files or folders to check (default: everything)")
    validate.add_argument("--lang", default="", help="word the messages the submission form shares in this language (such as fr)")
    validate.add_argument("--format", choices=["text", "github"], default="text",
                          help="'github': each problem as a GitHub Actions annotation, shown on the pull request at its line")
    validate.set_defaults(run=run_validate)

    review = commands.add_parser("review", help="a pull request's report in Markdown: validation, and the records it adds, changes and removes")
    review.add_argument("--base", required=True, help="the git revision the pull request starts from (such as origin/main)")
    review.add_argument("--preview", default="", help="where reviewers download the built site (an address)")
    review.set_defaults(run=run_review)

    status = commands.add_parser(
        "translations",
        help="per language: what is translated, outdated, missing and not yet reviewed; 'translations mark FILE...' "
             "records a translation as up to date; 'translations export' and 'import' exchange PO or XLIFF files",
    )
    status.add_argument("action", nargs="*", metavar="mark FILE... | export | import FILE...",
                        help="mark translations as up to date with their original; export a language; import PO or XLIFF files")
    status.add_argument("--json", action="store_true", help="print the status as JSON")
    status.add_argument("--format", choices=["po", "xliff"], default="po", help="with export: the file format (default: po)")
    status.add_argument("-o", "--output", help="with export: the file to write (default: the standard output)")
    status.add_argument("--reviewed", action="store_true", help="with mark: a fluent reviewer has checked these translations")
    status.add_argument("--lang", action="append", help="only this language (may be repeated)")
    status.set_defaults(run=run_translations)

    types = [t.name for t in schema.RECORD_TYPES]
    new = commands.add_parser("new", help=f"start a new record, or a translation: icckb new {'|'.join(types)}|translation")
    new.add_argument("type", choices=[*types, "translation"])
    new.add_argument("args", nargs="*", help="for a translation: the original file and the language code")
    for name, spec in answer_fields().items():  # one option per field 'icckb new' asks for
        new.add_argument(*answer_options(name, spec), dest=name, help=_first_sentence(spec.help))
    new.add_argument("--slug", help="file name without .md (default: from the title)")
    new.add_argument("--non-interactive", action="store_true", help="never ask; fail if a required value is missing")
    new.set_defaults(run=run_new)

    fields = commands.add_parser("fields", help="print the field reference for editors (Markdown)")
    fields.set_defaults(run=run_fields)

    links = commands.add_parser("links", help="check that the external addresses in records and pages still answer (needs internet)")
    links.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for each address (default: 15)")
    links.set_defaults(run=run_links)

    site = commands.add_parser("build", parents=[like_mkdocs], help="build the site, one process per language (the same site as 'mkdocs build')")
    site.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="processes building languages at once (default: one per core)")
    site.add_argument("--lang", action="append", default=[], help="build only this language (may be repeated); with --no-finish, for a partial site")
    site.add_argument("-d", "--site-dir", help="where to write the site (default: site_dir of mkdocs.yml)")
    site.add_argument("-s", "--strict", action="store_true", help="fail on any warning, as 'mkdocs build --strict'")
    site.add_argument("--no-finish", dest="finish", action="store_false", help="leave out search index, headers and sitemap (for 'icckb merge')")
    site.set_defaults(run=run_build)

    merge = commands.add_parser("merge", parents=[like_mkdocs], help="merge partial sites built with --lang and --no-finish, then index them for search")
    merge.add_argument("parts", nargs="+", help="folders of partial sites")
    merge.add_argument("-d", "--site-dir", required=True, help="where to write the merged site")
    merge.set_defaults(run=run_merge)

    serve = commands.add_parser("serve", parents=[like_mkdocs], help="preview the site with live reload; --lang builds one language only, quickly")
    serve.add_argument("--lang", help="the language to preview (default: every language, as 'mkdocs serve')")
    serve.add_argument("-a", "--dev-addr", help="IP address and port to serve on (default: 127.0.0.1:8000)")
    serve.add_argument("-s", "--strict", action="store_true", help="fail on any warning")
    serve.set_defaults(run=run_serve)

    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # the reader stopped reading (icckb translations | head): not an error
        sys.stderr.close()
        return 0


def load_project(args) -> Project:
    config = Path(args.config)
    if not config.is_file():
        raise SystemExit(f"icckb: {config} not found; run icckb from the project's root folder (or pass --config)")
    return Project.from_config_file(config)


def run_validate(args) -> int:
    project = load_project(args)
    only = expand(args.paths) if args.paths else None
    if args.lang and args.lang not in project.languages:
        print(f"icckb: the site has no language {args.lang!r} (its languages are: {', '.join(project.languages)})", file=sys.stderr)
        return 2
    result = corpus.load(project, only, report_in=args.lang)
    if args.format == "github":
        for problem in sorted(result.problems):
            print(problems.annotation(problem))
        print(report(result.problems, result.checked).splitlines()[-1])  # the count, as a plain line
    else:
        print(report(result.problems, result.checked))
    return 1 if result.problems else 0


def run_review(args) -> int:
    from . import review

    project = load_project(args)
    try:
        print(review.report(project, args.base, args.preview))
    except review.ReviewError as error:
        print(f"icckb: {error}", file=sys.stderr)
        return 2
    return 0


def run_translations(args) -> int:
    project = load_project(args)
    loaded = corpus.load(project)
    if loaded.problems:  # a file that cannot be read is left out of the status: say so
        print("icckb: these problems leave files out of the status (fix them, see icckb validate):", file=sys.stderr)
        print(report(loaded.problems, loaded.checked), file=sys.stderr)
    if args.action[:1] == ["export"]:
        return export_translations(project, args)
    if args.action[:1] == ["import"]:
        return import_translations(project, args.action[1:])
    if args.action:
        return mark_translations(project, loaded, args.action, args.reviewed)
    statuses = translations.status(loaded)
    if args.lang:
        unknown = [lang for lang in args.lang if lang not in statuses]
        if unknown:
            print(f"icckb: the site has no language {unknown[0]!r} to translate into (its languages are: {', '.join(statuses)})", file=sys.stderr)
            return 2
        statuses = {lang: items for lang, items in statuses.items() if lang in args.lang}
    labels = translations.missing_labels(loaded)
    print(json.dumps(translations.as_json(statuses, labels), ensure_ascii=False, indent=1) if args.json else translations.as_text(statuses, labels))
    return 1 if loaded.problems else 0


def export_translations(project: Project, args) -> int:
    from . import exchange

    if not args.lang or len(args.lang) != 1:
        print("icckb: usage: icckb translations export --lang LANGUAGE [--format po|xliff] [-o FILE]", file=sys.stderr)
        return 2
    try:
        data = exchange.export(project, args.lang[0], args.format)
    except exchange.ExchangeError as error:
        print(f"icckb: {error}", file=sys.stderr)
        return 2
    if args.output:
        Path(args.output).write_bytes(data)
        print(f"{args.output}: the {args.lang[0]} units, as {args.format.upper()}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0


def import_translations(project: Project, names: list) -> int:
    """Each file: checked, then written into the translations and the vocabulary, or
    nothing written and every problem reported."""
    from . import exchange

    if not names:
        print("icckb: usage: icckb translations import FILE [FILE...]", file=sys.stderr)
        return 2
    failed = 0
    for name in names:
        try:
            changes = exchange.import_file(project, Path(name))
        except (exchange.ExchangeError, OSError) as error:
            print(f"icckb: {error}", file=sys.stderr)
            failed += 1
            continue
        if changes.problems:
            for problem in changes.problems:
                print(problem)
            print(f"{len(changes.problems)} problems: nothing written from {name}")
            failed += 1
        else:
            print(f"{name}: {len(changes.changed)} units changed, " + (", ".join(sorted(changes.files)) or "no file") + " written")
    return 1 if failed else 0


def mark_translations(project: Project, loaded, words: list, reviewed: bool = False) -> int:
    if words[0] != "mark" or len(words) < 2:
        print("icckb: usage: icckb translations mark FILE [FILE...]", file=sys.stderr)
        return 2
    failed = 0
    for name in words[1:]:
        try:
            value = translations.mark(project.root, Path(name), loaded, reviewed)
            print(f"{name}: marked as up to date with its original ({translations.FIELD}: {value})" + (", and reviewed" if reviewed else ""))
        except (ValueError, OSError) as error:
            print(f"{name}: {error}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def run_new(args) -> int:
    project = load_project(args)
    loaded = corpus.load(project)
    if args.type == "translation":
        return new_translation(project, loaded, args.args)
    record_type = schema.record_type(args.type)
    ask = None if args.non_interactive else Asker(loaded)
    try:
        meta = answers(args, record_type, loaded, ask)
    except ValueError as error:
        print(f"icckb: {error}", file=sys.stderr)
        return 1
    problems = scaffold.check_answers(record_type, meta, loaded)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    path = project.root / record_type.folder / f"{args.slug or scaffold.slugify(meta['title'])}.md"
    if path.exists():
        print(f"icckb: {path.relative_to(project.root)} already exists (choose another --slug)", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(scaffold.record_text(record_type, meta), encoding="utf-8")
    print(path.relative_to(project.root).as_posix())
    return 0


def answer_fields() -> dict:
    """Every field some record type's 'icckb new' asks for, by name."""
    return {name: t.fields[name] for t in schema.RECORD_TYPES for name in t.answers}


def answer_options(name: str, spec) -> list:
    """The options giving a field's answer: --cities; for a list made from records (a
    toolkit's resources), also the records' name (--publications)."""
    options = [f"--{name.replace('_', '-')}"]
    if isinstance(spec, GroupList):
        _, record_type = scaffold.linked_type(spec)
        if record_type is not None:
            options.append(f"--{record_type.plural}")
    return options


def _first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".")


def answers(args, record_type, loaded, ask) -> dict:
    """The values of the fields the type asks for, from the options or, where missing,
    from questions."""
    meta = {}
    for name in record_type.answers:
        spec = record_type.fields[name]
        given = getattr(args, name, None)
        if given is None and ask is None:
            raise ValueError(f"{answer_options(name, spec)[0]} is required with --non-interactive")
        text = given if given is not None else ask(_prompt(name, spec), getattr(spec, "registry", None) if isinstance(spec, Ref) else None,
                                                    many=isinstance(spec, RefList))
        meta[name] = scaffold.answer_value(spec, text, loaded)
    return meta


def _prompt(name: str, spec) -> str:
    words = name.replace("_", " ").capitalize()
    if isinstance(spec, LanguageVersions):
        return f"{words}: language codes (e.g. en, fr)"
    if isinstance(spec, GroupList):
        _, record_type = scaffold.linked_type(spec)
        return f"{words}: {record_type.plural} (file names without .md)" if record_type else words
    limit = getattr(spec, "max_length", None)
    return f"{words} (plain text, at most {limit} characters)" if limit else words


class Asker:
    """Questions on the terminal; registry values are offered as a numbered list. Returns
    the answer as text, as an option would give it."""

    def __init__(self, loaded):
        self.loaded = loaded

    def __call__(self, prompt: str, registry: str | None = None, many: bool = False) -> str:
        if registry and registry in {r.name for r in schema.REGISTRIES}:
            entries = sorted(self.loaded.registry(registry).items())
            for number, (id_, entry) in enumerate(entries, 1):
                print(f"  {number:3}. {id_} ({entry.get('name', '')})")
            answer = input(f"{prompt} (numbers or ids, separated by commas): ")
            chosen = [entries[int(p) - 1][0] if p.strip().isdigit() and 0 < int(p) <= len(entries) else p.strip() for p in answer.split(",") if p.strip()]
            return ",".join(chosen if many else chosen[:1])
        return input(f"{prompt}: ").strip()


def new_translation(project: Project, loaded, words: list) -> int:
    if len(words) != 2:
        print("icckb: usage: icckb new translation FILE LANGUAGE", file=sys.stderr)
        return 2
    original, lang = Path(words[0]), words[1]
    if lang not in project.languages[1:]:
        print(f"icckb: the site has no language '{lang}' to translate into (its languages are: {', '.join(project.languages[1:])})", file=sys.stderr)
        return 1
    shown = corpus._shown(project.root, original)
    record = next((r for records in (*loaded.records.values(), loaded.pages) for r in records.values() if r.path == shown), None)
    if record is None:
        print(f"icckb: {original} is not an original record or page (give the file without a language code)", file=sys.stderr)
        return 1
    target = original.with_name(f"{original.stem}.{lang}.md")
    if target.exists():
        print(f"icckb: {target} already exists", file=sys.stderr)
        return 1
    target.write_text(scaffold.translation_text(record, lang), encoding="utf-8")
    print(target.as_posix())
    return 0


def run_links(args) -> int:
    from . import links, staging

    project = load_project(args)
    files = sorted(p for p in staging.source_files(project.root).values() if p.suffix == ".md")
    files += sorted((project.root / "data").rglob("*.yml")) if (project.root / "data").is_dir() else []
    problems, checked = links.check(project.root, files, args.timeout)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} of {checked} external addresses do not answer" if problems else f"{checked} external addresses checked, all answer")
    return 1 if problems else 0


def run_build(args) -> int:
    from . import engine  # MkDocs is only needed to build

    _log_like_mkdocs(args)
    return _site_command(lambda: engine.build_site(Path(args.config), args.site_dir and Path(args.site_dir), args.jobs,
                                                   tuple(args.lang), args.strict, args.finish))


def run_merge(args) -> int:
    from . import engine

    _log_like_mkdocs(args)
    load_project(args)
    return _site_command(lambda: engine.merge_site([Path(part) for part in args.parts], Path(args.site_dir), Path(args.config)))


def _site_command(make) -> int:
    """Run a command that writes the site; its problems as one line each, exit status 1."""
    from . import build, engine

    try:
        site = make()
    except (build.BuildError, engine.MergeError) as error:
        print(f"icckb: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # MkDocs' own failures (strict mode, a broken page) are already logged
        print(f"icckb: the build failed: {error}", file=sys.stderr)
        return 1
    print(f"site written to {site}", file=sys.stderr)
    return 0


def run_serve(args) -> int:
    from . import engine

    project = load_project(args)
    if args.lang and args.lang not in project.languages:
        print(f"icckb: the site has no language {args.lang!r} (its languages are: {', '.join(project.languages)})", file=sys.stderr)
        return 2
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", args.config]
    if args.dev_addr:
        command += ["--dev-addr", args.dev_addr]
    command += [flag for flag, on in (("--strict", args.strict), ("--quiet", args.quiet), ("--verbose", args.verbose)) if on]
    env = dict(os.environ)
    if args.lang:
        # One language pass, re-rendering only the pages whose sources changed.
        env[engine.ONLY_LANGUAGE] = args.lang
        command.append("--dirty")
    # Become the server, so that stopping this command stops it (a child would live on).
    os.execve(sys.executable, command, env)


def _log_like_mkdocs(args) -> None:
    """MkDocs' messages on the terminal, as 'mkdocs build' shows them: -q only errors,
    -v everything."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.ERROR if args.quiet else logging.DEBUG if args.verbose else logging.INFO)


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
