"""A problem found in a file: what every check reports, in one printable form."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake, printed as ``path:line: field: message``."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


def annotation(problem: Problem) -> str:
    """A problem as a GitHub Actions workflow command: shown on the pull request's diff
    at its line (values escaped as the runner expects)."""
    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    return f"::error file={prop(problem.path)},line={problem.line},title={prop(problem.field)}::{data(problem.message)}"


def report(problems: list[Problem], checked: int) -> str:
    """The full report: one line per problem, then a closing count."""
    lines = [str(p) for p in sorted(problems)]
    files = len({p.path for p in problems})
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        lines.append(f"{len(problems)} {noun} in {files} of {checked} files checked")
    else:
        lines.append(f"{checked} files checked, no problems found")
    return "\n".join(lines)
