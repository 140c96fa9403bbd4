"""Parse YAML into plain values plus the line of every key and list item.

Both the record front matter and the registries in ``data/`` go through here, so
every message can name the line a value stands on. Anchors and aliases are refused:
records never need them, and they are how "billion laughs" bombs are built.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Paths into a parsed value: ("links", 0, "url") is the url of the first link.
Path = tuple

MAX_DEPTH = 20


class YamlError(Exception):
    """The text is not YAML we accept; ``line`` is 1-based within the text."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Parsed:
    """A parsed YAML document: the value and the 1-based line of each path."""

    value: object
    lines: dict = field(default_factory=dict)

    def line(self, path: Path, default: int = 1) -> int:
        """The line of ``path``, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), default)


def parse(text: str, first_line: int = 1) -> Parsed:
    """Parse ``text``; lines are numbered from ``first_line``. Raises YamlError."""
    if "&" in text or "*" in text:
        _refuse_aliases(text, first_line)
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Parsed(None, {(): first_line})
        lines: dict = {}
        _index(node, (), lines, first_line, 0)
        value = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        # Where the parser noticed the problem; if only at the end of the text, where the
        # construct it was reading began (an unclosed [ or quote).
        mark = error.problem_mark or error.context_mark
        if error.context_mark and mark and mark.line >= text.rstrip("\n").count("\n") + 1:
            mark = error.context_mark
        line = first_line + (mark.line if mark else 0)
        raise YamlError(line, _describe(error)) from None
    except yaml.reader.ReaderError as error:
        line = first_line + text.count("\n", 0, max(error.position, 0))
        raise YamlError(line, f"contains the control character U+{error.character:04X}, which is not allowed (delete it)") from None
    except yaml.YAMLError as error:
        raise YamlError(first_line, f"YAML error: {error}") from None
    except RecursionError:
        raise YamlError(first_line, "values are nested too deeply") from None
    finally:
        loader.dispose()
    return Parsed(value, lines)


def _refuse_aliases(text: str, first_line: int) -> None:
    """Raise YamlError at the first anchor (&name) or alias (*name)."""
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlError(
                    first_line + (event.start_mark.line if event.start_mark else 0),
                    "YAML anchors and aliases (&name, *name) are not allowed; "
                    "write the value out in full",
                )
    except yaml.MarkedYAMLError:
        return  # the real parse below reports the syntax error with its line


def _index(node: yaml.Node, path: Path, lines: dict, first: int, depth: int) -> None:
    """Record the line of every mapping key and sequence item below ``node``."""
    if depth > MAX_DEPTH:
        raise YamlError(first + node.start_mark.line, f"values are nested more than {MAX_DEPTH} levels deep")
    lines.setdefault(path, first + node.start_mark.line)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            child = path + (key,)
            if child in lines:
                raise YamlError(
                    first + key_node.start_mark.line,
                    f"'{key}' appears twice (first on line {lines[child]}); keep only one",
                )
            lines.setdefault(child, first + key_node.start_mark.line)
            _index(value_node, child, lines, first, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, path + (index,), lines, first, depth + 1)


def _describe(error: yaml.MarkedYAMLError) -> str:
    """A one-line description of a YAML syntax error, with a hint."""
    problem = (error.problem or error.context or "invalid YAML").strip()
    hint = next((h for key, h in _HINTS if key in problem), _DEFAULT_HINT)
    return f"YAML syntax error: {problem} ({hint})"


_DEFAULT_HINT = "check the indentation, and put values that contain ': ' or start with a special character in quotes"
_HINTS = [
    ("mapping values are not allowed", "a value contains ': '; put the whole value in quotes"),
    ("cannot start any token", "indent with spaces, not tabs, and quote values starting with @, ` or %"),
    ("could not determine a constructor", "tags such as !!python/... are not allowed; write a plain value"),
    ("found duplicate anchor", "YAML anchors and aliases are not allowed"),
]
