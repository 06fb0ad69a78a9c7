"""Peak resident memory of a process and all its descendants, sampled from a separate process.

The sampler runs as its own small process (this file run as a script), not as a thread of the
measured process, so the measured process runs no extra thread: an engine that forks its workers
only when no other thread runs (``eventwire.dist.local.start_method``) does so here as it would in
``eventwire ingest``.

Resident memory is summed over the processes: pages that forked workers share with their parent
count once for each process that maps them, so the figure is an upper bound.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path


class PeakMemory:
    """``with PeakMemory() as memory: ...``; then ``memory.peak`` (bytes) and ``memory.cpu`` (the
    sampler's own CPU seconds, for taking out of CPU counts that include reaped child processes)."""

    def __init__(self, every: float = 0.1) -> None:
        self.every = every
        self.peak = 0
        self.cpu = 0.0
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> PeakMemory:
        self._process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), str(os.getpid()), str(self.every)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        self._process.stdout.readline()  # "ready": sampling has begun
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._process is not None
        out, _ = self._process.communicate("")  # closing its input stops the sampler
        peak, cpu = out.split()
        self.peak, self.cpu = int(peak), float(cpu)


def tree_rss(root: int, *, leave_out: int | None = None) -> int:
    """Resident bytes of ``root`` and its descendants (``leave_out`` not counted)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == leave_out:
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            statm = Path(f"/proc/{entry}/statm").read_text().split()
        except OSError:
            continue
        parents[int(entry)] = int(stat[1])
        rss[int(entry)] = int(statm[1]) * page
    total = 0
    for pid in rss:
        walker = pid
        while walker not in (root, 0, 1) and walker in parents:
            walker = parents[walker]
        if walker == root:
            total += rss[pid]
    return total


def _sample(root: int, every: float) -> None:
    """Sample until standard input closes; then print the peak and this process's CPU seconds."""
    me = os.getpid()
    peak = tree_rss(root, leave_out=me)
    print("ready", flush=True)
    while not select.select([sys.stdin], [], [], every)[0]:
        peak = max(peak, tree_rss(root, leave_out=me))
    sys.stdin.read()
    peak = max(peak, tree_rss(root, leave_out=me))
    times = os.times()
    print(peak, times.user + times.system, flush=True)


if __name__ == "__main__":
    _sample(int(sys.argv[1]), float(sys.argv[2]))
