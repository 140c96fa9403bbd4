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
