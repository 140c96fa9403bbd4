"""The editors' field reference, generated from the schema (never written by hand)."""

from __future__ import annotations

from . import schema
from .fields import Choice, Field, Group, GroupList, Number, Ref, Year


def markdown() -> str:
    """The whole reference as Markdown: one section per record type and registry."""
    parts = [
        "# Field reference",
        "",
        "Every record is a Markdown file that starts with *front matter*: `field: value` lines "
        "between two `---` lines. This page lists the fields of each kind of record; "
        "`icckb validate` and the site build check them with the same rules.",
        "",
    ]
    for record_type in schema.source_types():
        parts += _record_section(record_type)
    parts += [
        "## Translations",
        "",
        "A translation sits beside its original with the language code before `.md` "
        "(`barcelona-anti-rumours.fr.md`). It carries only the translated fields below and the "
        "translated body; cities, year, topics and every other fact belong to the original alone.",
        "",
        *_table(schema.translation_fields(schema.PRACTICE)),
        "",
        "A translation of a site page carries its `title` and `description` instead of `title` and `summary`.",
        "",
        "## Registries",
        "",
        "Shared lists in `data/`: records refer to their entries by `id`.",
        "",
    ]
    for registry in schema.REGISTRIES:
        parts += [f"### `{registry.path}`", "", registry.description, "", *_table(registry.fields), "", *_groups(registry.fields)]
    return "\n".join(parts).rstrip() + "\n"


def _record_section(record_type: schema.RecordType) -> list:
    lines = [
        f"## {record_type.name.capitalize()}",
        "",
        f"{record_type.description} One file per {record_type.name}: `{record_type.folder}/<slug>.md`, "
        f"published at `/{record_type.url}{'/' if record_type.url else ''}<slug>/`.",
        "",
        *_table(record_type.fields),
        "",
    ]
    if record_type.sections:
        lines += ["The body has these sections, in this order: " + ", ".join(f"`## {s}`" for s in record_type.sections) + ".", ""]
    return lines + _groups(record_type.fields)


def _groups(fields: dict) -> list:
    """The sub-fields of each field that is a group or a list of groups."""
    lines = []
    for name, spec in fields.items():
        if isinstance(spec, (Group, GroupList)):
            lines += [f"Each entry of `{name}` has:" if isinstance(spec, GroupList) else f"`{name}` has:", "", *_table(spec.fields), ""]
    return lines


def _table(fields: dict) -> list:
    rows = ["| Field | Required | Type | What it holds |", "| --- | --- | --- | --- |"]
    for name, spec in fields.items():
        rows.append(f"| `{name}` | {'yes' if spec.required else 'no'} | {_type(spec)} | {_cell(spec.help)} |")
    return rows


def _type(spec: Field) -> str:
    if isinstance(spec, Choice):
        return " or ".join(f"`{c}`" for c in spec.choices)
    if isinstance(spec, Ref):
        return f"{spec.type_name} from `{_registry_path(spec.registry)}`"
    if isinstance(spec, Group):
        return "group"
    if isinstance(spec, Year):
        return f"year from {spec.minimum} to this year"
    if isinstance(spec, Number):
        return f"{'whole ' if spec.whole else ''}number from {spec.minimum} to {spec.maximum}"
    limit = getattr(spec, "max_length", None)
    return f"{spec.type_name}, at most {limit} characters" if limit else spec.type_name


def _registry_path(name: str) -> str:
    """Where the ids a reference names live: a registry file, or a record type's folder."""
    for registry in schema.REGISTRIES:
        if registry.name == name:
            return registry.path
    return next((t.folder + "/" for t in schema.RECORD_TYPES if t.plural == name), name)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
