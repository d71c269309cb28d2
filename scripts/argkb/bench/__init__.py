"""What a build costs as the knowledge base grows (`argkb bench`).

For each size, a synthetic knowledge base valid under `argkb check` is generated in a work
directory (synthetic.py, workspace.py), then measured `repeat` times, each run in its own process
(measure.py): `argkb check`; the argkb site (`mkdocs build --strict` with the repository's
mkdocs.yml); and the baseline, the same claim pages as plain Markdown built by MkDocs without
argkb (baseline.py). Medians go to the table and the JSON (report.py).

    rows, skipped = run_bench(Path("."), [100, 1000], repeat=3, measure_real_site=True)
    print(report.text(rows, skipped))
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from argkb.bench import measure, report, site, workspace
from argkb.bench.report import Row

__all__ = ["BenchError", "Row", "run_bench", "report"]


class BenchError(Exception):
    """A measured command failed: the numbers would mean nothing."""


def _progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _tail(text: str, lines: int = 30) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _check(ws: workspace.Workspace) -> measure.Run:
    result = measure.run([sys.executable, "-m", "argkb", "check", "--root", str(ws.kb), "--format", "json"])
    try:
        diagnostics = json.loads(result.output)["diagnostics"]
    except (ValueError, KeyError):
        raise BenchError(
            f"argkb check (exit {result.returncode}) printed no JSON report:\n{_tail(result.output)}"
        ) from None
    if result.returncode != 0 or diagnostics:
        shown = "\n".join(
            f"{d['path']}:{d['line']}: {d['severity']} [{d['code']}] {d['message']}" for d in diagnostics[:20]
        )
        status = f"exit {result.returncode}"
        raise BenchError(f"the synthetic knowledge base of {ws.claims} claims is not clean ({status}):\n{shown}")
    return result


def _build(config: Path, site: Path, what: str) -> measure.Run:
    result = measure.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--clean",
            "-q",
            "-f",
            str(config),
            "-d",
            str(site),
        ]
    )
    if result.returncode != 0:
        raise BenchError(f"{what} failed (exit {result.returncode}):\n{_tail(result.output)}")
    return result


def profile_build(ws: workspace.Workspace, out: Path) -> Path:
    """One more argkb build, under cProfile, written to `out` (not part of the timings)."""
    command = [
        sys.executable,
        "-m",
        "cProfile",
        "-o",
        str(out),
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--clean",
        "-q",
    ]
    result = measure.run([*command, "-f", str(ws.config), "-d", str(ws.site)])
    if result.returncode != 0:
        raise BenchError(f"profiled build failed (exit {result.returncode}):\n{_tail(result.output)}")
    return out


def measure_size(ws: workspace.Workspace, repeat: int, log: Callable[[str], None]) -> Row:
    runs: dict[str, list[measure.Run]] = {"check": [], "build": [], "baseline": []}
    for n in range(1, repeat + 1):  # interleaved, so a slow spell of the machine hits all three
        runs["check"].append(_check(ws))
        runs["build"].append(_build(ws.config, ws.site, "argkb site build"))
        runs["baseline"].append(_build(ws.baseline_config, ws.baseline_site, "baseline build"))
        check, build, base = (runs[what][-1].seconds for what in ("check", "build", "baseline"))
        log(f"  run {n}/{repeat}: check {check:.2f}s, build {build:.2f}s, baseline {base:.2f}s")
    site, base = measure.site_stats(ws.site), measure.site_stats(ws.baseline_site)

    def med(what: str, attr: str = "seconds") -> float:
        return measure.median([getattr(r, attr) for r in runs[what]])

    return Row(
        size=ws.claims,
        check_s=round(med("check"), 3),
        build_s=round(med("build"), 3),
        baseline_s=round(med("baseline"), 3),
        peak_rss_mb=round(med("build", "peak_rss_mb"), 1),
        site_mb=round(site.mb, 2),
        largest_page_kb=round(site.largest_page_kb, 1),
        largest_page=site.largest_page,
        pages=site.pages,
        check_rss_mb=round(med("check", "peak_rss_mb"), 1),
        baseline_rss_mb=round(med("baseline", "peak_rss_mb"), 1),
        baseline_site_mb=round(base.mb, 2),
        baseline_largest_page_kb=round(base.largest_page_kb, 1),
        check_cpu_s=round(med("check", "cpu_seconds"), 3),
        build_cpu_s=round(med("build", "cpu_seconds"), 3),
        baseline_cpu_s=round(med("baseline", "cpu_seconds"), 3),
        repeat=repeat,
        runs={what: [round(r.seconds, 3) for r in measured] for what, measured in runs.items()},
    )


def run_bench(
    root: Path,
    sizes: list[int],
    repeat: int = 3,
    workdir: Path | None = None,
    profile: bool = False,
    log: Callable[[str], None] | None = None,
    measure_real_site: bool = False,
) -> tuple[list[Row], list[str]]:
    """Measure each size; the generated sites stay in `workdir` if given, else in a temp dir removed after."""
    log = log or _progress
    if not (root / "mkdocs.yml").is_file():
        raise BenchError(f"{root}: no mkdocs.yml here (run from the repository root or pass --root)")
    keep = workdir is not None
    base = workdir or Path(tempfile.mkdtemp(prefix="argkb-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for size in sizes:
            log(f"argkb bench: {size:,} claims: generating in {base / f'kb-{size}'}")
            ws = workspace.prepare(root, base / f"kb-{size}", size)
            rows.append(measure_size(ws, repeat, log))
            if profile:
                out = profile_build(ws, base / f"build-{size}.prof")
                log(f"  profile of one argkb build: {out} (read it with `python -m pstats {out}`)")
            if not keep:
                shutil.rmtree(ws.kb, ignore_errors=True)
    finally:
        if not keep:
            shutil.rmtree(base, ignore_errors=True)
    skipped: list[str] = []
    if measure_real_site:
        log("argkb bench: the real site: edit-to-visible in mkdocs serve, time to map in Chromium")
        measured = site.measure_site(root)
        for row in rows:
            row.edit_to_visible_s = measured.edit_to_visible_s
            row.time_to_map_ms = measured.time_to_map_ms
            row.time_to_map_max_ms = measured.time_to_map_max_ms
        log(f"  edit-to-visible runs: {measured.edit_runs} s; time to map per page: {measured.map_pages} ms")
        skipped = measured.skipped
    return rows, skipped
