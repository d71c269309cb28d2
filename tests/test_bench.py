"""`argkb bench` cannot rot: its synthetic knowledge bases pass every check, and a tiny run
prints the table and writes the documented JSON. Timings are never asserted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argkb.bench import site, synthetic
from argkb.bench.workspace import adapt_nav
from argkb.checks import run_checks
from argkb.load import load_kb
from conftest import FIXTURES, REPO, run_argkb

DOCUMENTED_KEYS = {"size", "check_s", "build_s", "baseline_s", "peak_rss_mb", "site_mb", "largest_page_kb"}


@pytest.mark.parametrize("size", [1, 2, 7, 30, 150])
def test_synthetic_kb_has_no_diagnostic(tmp_path: Path, size: int) -> None:
    synthetic.write_tree(tmp_path, synthetic.generate(size))
    kb = load_kb(tmp_path)
    assert len(kb.claims) == size
    assert [str(d) for d in run_checks(kb)] == []


def test_synthetic_kb_passes_the_real_check(tmp_path: Path) -> None:
    synthetic.write_tree(tmp_path, synthetic.generate(30))
    result = run_argkb("check", "--root", str(tmp_path))
    assert result.returncode == 0, result.stdout[-3000:]
    assert "no problems found" in result.stdout


def test_synthetic_kb_is_reproducible() -> None:
    assert synthetic.generate(30) == synthetic.generate(30)
    assert synthetic.generate(30, seed=1) != synthetic.generate(30)


def test_nav_section_pages_are_replaced_in_place() -> None:
    nav = [{"Home": "index.md"}, {"Sections": ["sections/a.md", "sections/b.md"]}, {"Paper": "paper.md"}]
    assert adapt_nav(nav, ["sections/x.md"]) == [
        {"Home": "index.md"},
        {"Sections": ["sections/x.md"]},
        {"Paper": "paper.md"},
    ]


@pytest.mark.bench
def test_bench_smoke(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = run_argkb(
        "bench", "--root", str(REPO), "--sizes", "30", "--repeat", "1", "--json", str(out), "--no-site", timeout=180
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "targets:" in result.stdout
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [row["size"] for row in rows] == [30]
    assert DOCUMENTED_KEYS <= set(rows[0])
    assert all(isinstance(rows[0][key], int | float) and rows[0][key] > 0 for key in DOCUMENTED_KEYS)


@pytest.mark.bench
@pytest.mark.browser
def test_site_measures_smoke() -> None:
    """Edit-to-visible and time to map come out as numbers on the small fixture site."""
    from browser_support import require_chromium

    require_chromium()
    measured = site.measure_site(FIXTURES / "valid", runs=1)
    assert measured.skipped == []
    assert measured.edit_to_visible_s is not None and measured.edit_to_visible_s > 0
    assert "sections/trust-section/" in measured.map_pages
    assert all(ms > 0 for ms in measured.map_pages.values())
    assert (FIXTURES / "valid" / "claims").is_dir() and not list((FIXTURES / "valid").glob("site"))
