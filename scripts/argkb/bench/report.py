"""Benchmark rows -> the printed table, growth ratios and targets; and the JSON kept over time."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

MAX_BUILD_OVER_BASELINE = 1.0  # at 1,000 claims and more
MAX_CHECK_OVER_BUILD = 0.10
MAX_GROWTH_PER_10X = 12.0  # t(10n)/t(n): near-linear
MAX_PEAK_RSS_MB = 1024.0
MAX_PAGE_KB = 100.0
TARGET_SIZE = 10_000  # memory and page size targets hold at this size (or the largest measured)
MAX_EDIT_TO_VISIBLE_S = 1.0  # mkdocs serve, one claim edited, on the real site
MAX_TIME_TO_MAP_MS = 300.0  # navigation to a visible map, Chromium at 1280 px, on the real site


@dataclass
class Row:
    """Medians over the repeats of one size. The first seven fields are the documented JSON keys."""

    size: int
    check_s: float
    build_s: float
    baseline_s: float
    peak_rss_mb: float  # of the argkb build
    site_mb: float
    largest_page_kb: float
    largest_page: str = ""
    pages: int = 0
    check_rss_mb: float = 0.0
    baseline_rss_mb: float = 0.0
    baseline_site_mb: float = 0.0
    baseline_largest_page_kb: float = 0.0
    check_cpu_s: float = 0.0
    build_cpu_s: float = 0.0
    baseline_cpu_s: float = 0.0
    repeat: int = 1
    runs: dict[str, list[float]] = field(default_factory=dict)  # every timing, for the curious
    # of the real site (the same in every row; None when not measured): bench/site.py
    edit_to_visible_s: float | None = None
    time_to_map_ms: float | None = None  # median over the pages with a map
    time_to_map_max_ms: float | None = None


def write_json(rows: list[Row], path: Path) -> None:
    path.write_text(json.dumps([asdict(row) for row in rows], indent=2) + "\n", encoding="utf-8")


def _ms_per_claim(seconds: float, size: int) -> str:
    return f"{1000 * seconds / size:.1f}"


def table(rows: list[Row]) -> str:
    header = (
        "claims",
        "check s",
        "ms/claim",
        "build s",
        "ms/claim",
        "baseline s",
        "ms/claim",
        "argkb/base",
        "check/build",
        "peak RSS MB",
        "site MB",
        "largest page KB",
    )
    body = [
        (
            f"{row.size:,}",
            f"{row.check_s:.2f}",
            _ms_per_claim(row.check_s, row.size),
            f"{row.build_s:.2f}",
            _ms_per_claim(row.build_s, row.size),
            f"{row.baseline_s:.2f}",
            _ms_per_claim(row.baseline_s, row.size),
            f"{row.build_s / row.baseline_s:.2f}",
            f"{row.check_s / row.build_s:.1%}",
            f"{row.peak_rss_mb:.0f}",
            f"{row.site_mb:.1f}",
            f"{row.largest_page_kb:.0f} ({row.largest_page})",
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    lines = [" | ".join(cell.rjust(w) for cell, w in zip(line, widths, strict=True)) for line in [header, *body]]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def cpu_times(rows: list[Row]) -> list[str]:
    """CPU seconds (user + system): compare these with wall time when the machine was busy."""
    return [
        f"cpu s at {row.size:,}: check {row.check_cpu_s:.2f}, build {row.build_cpu_s:.2f}, "
        f"baseline {row.baseline_cpu_s:.2f} (argkb/baseline {row.build_cpu_s / row.baseline_cpu_s:.2f})"
        for row in rows
        if row.baseline_cpu_s
    ]


def growth(rows: list[Row]) -> list[str]:
    """t(big)/t(small) for each pair of consecutive sizes."""
    lines = []
    for small, big in zip(rows, rows[1:], strict=False):
        lines.append(
            f"t({big.size:,})/t({small.size:,}) (sizes ×{big.size / small.size:g}): "
            f"check {big.check_s / small.check_s:.1f}, build {big.build_s / small.build_s:.1f}, "
            f"baseline {big.baseline_s / small.baseline_s:.1f}"
        )
    return lines


@dataclass(frozen=True)
class Target:
    name: str
    measured: str
    met: bool


def targets(rows: list[Row]) -> list[Target]:
    found = []
    for row in rows:
        if row.size >= 1000:
            ratio = row.build_s / row.baseline_s
            cpu = f", {row.build_cpu_s / row.baseline_cpu_s:.2f}× in CPU s" if row.baseline_cpu_s else ""
            found.append(
                Target(
                    f"argkb build ≤ {MAX_BUILD_OVER_BASELINE:g}× baseline at {row.size:,}",
                    f"{ratio:.2f}× wall{cpu}",
                    ratio <= MAX_BUILD_OVER_BASELINE,
                )
            )
    for row in rows:
        share = row.check_s / row.build_s
        found.append(
            Target(
                f"check ≤ {MAX_CHECK_OVER_BUILD:.0%} of build at {row.size:,}",
                f"{share:.1%}",
                share <= MAX_CHECK_OVER_BUILD,
            )
        )
    by_size = {row.size: row for row in rows}
    for small in rows:
        big = by_size.get(small.size * 10)
        if big is None:
            continue
        for what, t_small, t_big in (
            ("check", small.check_s, big.check_s),
            ("build", small.build_s, big.build_s),
        ):
            ratio = t_big / t_small
            found.append(
                Target(
                    f"{what} t({big.size:,})/t({small.size:,}) ≤ {MAX_GROWTH_PER_10X:g}",
                    f"{ratio:.1f}",
                    ratio <= MAX_GROWTH_PER_10X,
                )
            )
    largest = by_size.get(TARGET_SIZE) or max(rows, key=lambda r: r.size)
    found.append(
        Target(
            f"peak RSS ≤ {MAX_PEAK_RSS_MB:.0f} MB at {largest.size:,}",
            f"{largest.peak_rss_mb:.0f} MB",
            largest.peak_rss_mb <= MAX_PEAK_RSS_MB,
        )
    )
    found.append(
        Target(
            f"no page over {MAX_PAGE_KB:.0f} KB at {largest.size:,}",
            f"{largest.largest_page_kb:.0f} KB ({largest.largest_page})",
            largest.largest_page_kb <= MAX_PAGE_KB,
        )
    )
    if largest.edit_to_visible_s is not None:
        found.append(
            Target(
                f"edit-to-visible ≤ {MAX_EDIT_TO_VISIBLE_S:g} s (mkdocs serve, real site)",
                f"{largest.edit_to_visible_s:.2f} s",
                largest.edit_to_visible_s <= MAX_EDIT_TO_VISIBLE_S,
            )
        )
    if largest.time_to_map_ms is not None:
        found.append(
            Target(
                f"time to map ≤ {MAX_TIME_TO_MAP_MS:g} ms (Chromium, 1280 px, real site)",
                f"median {largest.time_to_map_ms:.0f} ms, slowest {largest.time_to_map_max_ms:.0f} ms",
                largest.time_to_map_ms <= MAX_TIME_TO_MAP_MS,
            )
        )
    return found


def targets_table(found: list[Target]) -> str:
    """Every target in one table: what is measured, the value, met or not."""
    header = ("target", "measured", "met")
    body = [(t.name, t.measured, "yes" if t.met else "NO") for t in found]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(3)]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) for line in [header, *body]]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def text(rows: list[Row], skipped: list[str] | None = None) -> str:
    lines = [table(rows), ""]
    lines += cpu_times(rows)
    lines += growth(rows)
    lines += ["", "targets:", targets_table(targets(rows))]
    lines += [f"not measured: {why}" for why in skipped or []]
    return "\n".join(lines)
