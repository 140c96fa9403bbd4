"""External links of the records: found in front matter and bodies, and checked.

The site's own links are checked on every build by the test suite; the addresses of
other sites change on their own, so they are checked apart (``icckb links``, run by a
scheduled workflow that never blocks a change).
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .problems import Problem

_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_AGENT = "icckb-link-check (+https://www.coe.int/en/web/interculturalcities)"


def external_links(root: Path, files: list) -> dict:
    """{address: (path from the root, line)} of the first place each address appears."""
    found: dict = {}
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for url in _URL.findall(line):
                found.setdefault(url.rstrip(".,;:"), (path.relative_to(root).as_posix(), number))
    return found


def status(url: str, timeout: float) -> str | None:
    """None if the address answers, else what went wrong."""
    for method in ("HEAD", "GET"):  # some servers refuse HEAD
        request = urllib.request.Request(url, method=method, headers={"User-Agent": _AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return f"HTTP {error.code} {error.reason}"
        except (urllib.error.URLError, OSError, ValueError) as error:
            return f"unreachable ({getattr(error, 'reason', error)})"
    return None


def check(root: Path, files: list, timeout: float = 15.0, workers: int = 8) -> tuple:
    """(problems, number of addresses checked), problems sorted by place."""
    found = external_links(root, files)
    with ThreadPoolExecutor(workers) as pool:
        answers = dict(zip(found, pool.map(lambda url: status(url, timeout), found), strict=True))
    problems = [
        Problem(path, line, "link", f"{url} does not answer: {answer} (update or remove the link)")
        for url, answer in answers.items() if answer
        for path, line in [found[url]]
    ]
    return sorted(problems), len(found)
