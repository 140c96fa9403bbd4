"""Random front matter and files: the validator always answers with messages, in bounded time."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icckb import corpus
from icckb.project import Project

from conftest import FIXTURE_SITE

KEYS = st.sampled_from(["title", "cities", "year", "end_year", "ongoing", "topics", "summary", "links", "status",
                        "outcome", "partners", "target_groups", "sources", "kind", "languages", "resources"]) | st.text(max_size=12)
SCALARS = st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=True) | st.text(max_size=80) | st.dates()
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
FRONT_MATTER = st.dictionaries(KEYS, VALUES, max_size=10)


def check(tmp_path: Path, text: str | bytes, name: str = "practices/random.md") -> list:
    """Problems of one file placed in a copy of the fixture site (made once per test)."""
    root = tmp_path / "site"
    if not root.exists():
        shutil.copytree(FIXTURE_SITE, root)
    file = root / name
    file.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    try:
        start = time.monotonic()
        result = corpus.load(Project(root, ("en", "fr")), only=[file])
        assert time.monotonic() - start < 5
    finally:
        file.unlink()
    assert all(p.path == name for p in result.problems), result.problems
    return result.problems


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front=FRONT_MATTER, body=st.text(max_size=200))
def test_random_front_matter_gets_messages_never_a_traceback(tmp_path, front, body):
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return
    for problem in check(tmp_path, text):
        assert problem.path.endswith("random.md") and problem.line >= 1 and problem.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_random_bytes_get_messages_never_a_traceback(tmp_path, data):
    problems = check(tmp_path, b"---\n" + data)
    assert problems  # random bytes are never a valid practice
    assert all(p.line >= 1 and p.message for p in problems)


VALID_PRACTICE = (FIXTURE_SITE / "practices" / "oslo-rumours.md").read_text()
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=1, max_size=30).filter(lambda n: "/" not in n and "\x00" not in n and n not in (".", "..")))
def test_random_file_names_are_accepted_exactly_when_they_are_ids(tmp_path, name):
    """A valid practice under a random name: accepted if the name is an id, else one
    message about the file name (a dot reads as a language code: a translation)."""
    try:
        problems = check(tmp_path, VALID_PRACTICE, f"practices/{name}.md")
    except OSError:
        return  # a name the file system refuses
    if SLUG.match(name):
        assert problems == []
    else:
        assert problems and {p.field for p in problems} == {"file name"}, problems
