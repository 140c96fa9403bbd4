"""Read one Markdown file into its front matter, body and line numbers.

Splitting is python-frontmatter's; parsing goes through ``yamlsource`` so that every
field keeps its line. Whatever the bytes, the answer is a Document or a Problem.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import frontmatter

from .problems import Problem
from .yamlsource import Parsed, YamlError, parse

MAX_BYTES = 2_000_000
_HANDLER = frontmatter.YAMLHandler()
_FORMAT_HINT = "start the file with a line '---', then 'field: value' lines, then a line '---'"


@dataclass
class Document:
    """A Markdown file with YAML front matter."""

    path: str  # as shown in messages: relative to the project root, with '/'
    meta: dict
    parsed: Parsed  # lines of the front-matter fields
    body: str
    body_line: int  # file line on which the body starts

    def line(self, *keys) -> int:
        return self.parsed.line(tuple(keys))


class DocumentError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def read(file: Path, shown: str, front_matter: bool = True) -> Document:
    """Read ``file``; ``shown`` is its name in messages; ``front_matter``: whether the
    file must start with front matter. Raises DocumentError."""
    def fail(line: int, field: str, message: str):
        raise DocumentError(Problem(shown, line, field, message))

    try:
        data = file.read_bytes()
    except OSError as error:
        fail(1, "file", f"cannot be read ({error.strerror})")
    if not data.strip():
        fail(1, "file", f"is empty ({_FORMAT_HINT})")
    if len(data) > MAX_BYTES:
        fail(1, "file", f"is {len(data)} bytes; the limit is {MAX_BYTES} (split it or shorten it)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        fail(line, "file", f"is not UTF-8 text (byte 0x{data[error.start]:02X}; save the file as UTF-8)")
    if "\x00" in text:
        fail(text.count("\n", 0, text.index("\x00")) + 1, "file", "contains a NUL byte (delete it)")
    text = text.replace("\r\n", "\n")
    return parse_text(text, shown, fail, front_matter)


class Cache:
    """Documents read before, each kept with its file's identity (size, times, inode) and
    read again as soon as that changes, so an edit is always seen. ``mkdocs serve``
    rebuilds in one process: with a cache, a rebuild parses only the files edited."""

    def __init__(self):
        self._read = {}  # path -> (identity, shown, Document)

    def read(self, file: Path, shown: str, front_matter: bool = True) -> Document:
        """The Document of ``file``, as ``read`` gives it. Raises DocumentError."""
        try:
            stat = os.stat(file)
            identity = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        except OSError:
            return read(file, shown, front_matter)  # which reports why
        known = self._read.get(str(file))
        if known is not None and known[:2] == (identity, (shown, front_matter)):
            return known[2]
        document = read(file, shown, front_matter)
        self._read[str(file)] = (identity, (shown, front_matter), document)
        return document


def parse_text(text: str, shown: str, fail, front_matter: bool = True) -> Document:
    """Split and parse the text of a record (or of a page, whose front matter may be absent)."""
    if not _HANDLER.detect(text):
        if not front_matter:
            return Document(shown, {}, Parsed({}, {(): 1}), text, 1)
        fail(1, "front matter", f"is missing ({_FORMAT_HINT})")
    try:
        fm, body = _HANDLER.split(text)
    except ValueError:
        fail(1, "front matter", "has no closing '---' line (end the fields with a line '---')")
    first_line = text.count("\n", 0, text.find(fm, 3)) + 1
    # The line the body starts on (for an empty body: the last line of the file).
    body_line = min(text.count("\n", 0, len(text) - len(body)) + 1, max(text.count("\n"), 1))
    try:
        parsed = parse(fm, first_line)
    except YamlError as error:
        fail(error.line, "front matter", error.message)
    meta = parsed.value
    if not isinstance(meta, dict):
        what = "empty" if meta is None else "not a set of 'field: value' lines"
        fail(parsed.line(()), "front matter", f"is {what} ({_FORMAT_HINT})")
    assert isinstance(meta, dict)  # fail() raised otherwise
    return Document(shown, meta, parsed, body, body_line)
