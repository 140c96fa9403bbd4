"""YAML parsing with lines: hostile input gets a message, never a traceback."""

from __future__ import annotations

import pytest

from icckb.yamlsource import YamlError, parse


def test_lines_of_keys_and_items_are_counted_from_the_first_line():
    parsed = parse("title: x\ncities:\n  - a\n  - b\nlinks:\n  - title: t\n    url: u\n", first_line=2)
    assert parsed.lines[("cities", 1)] == 5
    assert parsed.lines[("links", 0, "url")] == 8
    assert parsed.line(("links", 0, "missing")) == 7


@pytest.mark.parametrize(
    "text, line, message",
    [
        # a billion-laughs bomb is refused at its first anchor
        ("a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n", 1, "YAML anchors and aliases"),
        # deep nesting is refused before it can exhaust the stack
        ("a: " + "[" * 50 + "]" * 50, 1, "nested more than 20 levels deep"),
        # Python tags are not constructed
        ("a: !!python/object/apply:os.system [echo]", 1, "tags such as !!python/... are not allowed"),
        # control characters are named with their code
        ("a: b\nc: \"\x07\"", 2, "control character U+0007"),
        # a duplicate key is not silently dropped
        ("a: 1\nb: 2\na: 3", 3, "'a' appears twice (first on line 1)"),
        # tabs used for indentation
        ("a:\n\t- b", 2, "indent with spaces, not tabs"),
    ],
)
def test_hostile_yaml_is_refused_with_a_line_and_message(text, line, message):
    with pytest.raises(YamlError) as error:
        parse(text)
    assert error.value.line == line
    assert message in error.value.message
