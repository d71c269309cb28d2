"""Run one command in a child process and measure it: wall time, peak memory, exit status.

Each measurement is its own process, so the peak resident set size is that command's alone
(`wait4` returns the rusage of exactly the child it reaps) and nothing is warm but the disk cache.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system: less disturbed than wall time when the machine is shared
    peak_rss_mb: float
    returncode: int
    output: str  # stdout and stderr, interleaved


def run(command: list[str], cwd: Path | None = None) -> Run:
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped already: Popen must not wait
        output.seek(0)
        text = output.read().decode("utf-8", errors="replace")
    # ru_maxrss is in KiB on Linux, in bytes on macOS
    peak_kib = usage.ru_maxrss / 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak_kib / 1024, child.returncode, text)


def median(values: list[float]) -> float:
    return statistics.median(values)


@dataclass(frozen=True)
class SiteStats:
    mb: float
    pages: int
    largest_page_kb: float
    largest_page: str  # site-relative path of the largest HTML file


def site_stats(site: Path) -> SiteStats:
    total = 0
    pages = 0
    largest = (0, "")
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        if path.suffix == ".html":
            pages += 1
            largest = max(largest, (size, path.relative_to(site).as_posix()))
    return SiteStats(total / 2**20, pages, largest[0] / 1024, largest[1])
