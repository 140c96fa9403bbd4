"""Run one command and report its wall time and peak memory, as JSON on stdout.

    python3 benchmarks/measure.py [--cwd DIR] -- COMMAND...

Run in a fresh process for each measurement, so that its figures are this command's own:

- ``peak_process_mb``: the largest resident size of any single process of the command's
  tree (``getrusage(RUSAGE_CHILDREN).ru_maxrss``, which covers every descendant waited for);
- ``peak_tree_mb``: the largest sum of the resident sizes of all the tree's processes at
  one moment, sampled from /proc every 0.2 s (parallel builds hold several processes),
  at least ``peak_process_mb``;
- ``cpu_seconds``: user + system CPU time of the whole tree, which other work on the
  machine disturbs less than the wall time;
- ``load``: the machine's 1-minute load average when the command started (another
  build or test run on the machine shows there, as do the many threads of Hugo and
  Pagefind in the minute after they ran);
- ``output``: what the command printed on stdout (its last 20,000 characters).

Exits with the command's status; on failure the JSON also has its stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time

PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(root: int) -> int:
    """Bytes resident in ``root`` and all its descendants now (Linux /proc)."""
    children, rss = {}, {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(name)
        children.setdefault(int(fields[1]), []).append(pid)  # fields[1] is the parent's pid
        rss[pid] = int(fields[21]) * PAGE
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def sample(pid: int, peak: list, done: threading.Event) -> None:
    while not done.wait(0.2):
        peak[0] = max(peak[0], tree_rss(pid))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cwd", default=None)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    load = os.getloadavg()[0]
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=args.cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak, done = [0], threading.Event()
    sampler = threading.Thread(target=sample, args=(child.pid, peak, done), daemon=True)
    sampler.start()
    out, err = child.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "load": load,
        "peak_process_mb": usage.ru_maxrss / 1024,
        "peak_tree_mb": max(peak[0] / 2**20, usage.ru_maxrss / 1024),  # a short command ends before a sample
        "returncode": child.returncode,
        "output": out[-20000:],
    }
    if child.returncode:
        figures["stderr"] = err[-5000:]
    json.dump(figures, sys.stdout)
    return child.returncode


if __name__ == "__main__":
    sys.exit(main())
