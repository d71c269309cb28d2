"""The real knowledge base passes every check, coverage included."""

from __future__ import annotations

from conftest import REPO, run_argkb


def test_repo_is_clean() -> None:
    result = run_argkb("check", "--root", str(REPO))
    assert result.returncode == 0, result.stdout[-3000:]
    assert " 0 errors" in result.stdout or "no problems found" in result.stdout


def test_repo_coverage_lists_every_paragraph() -> None:
    result = run_argkb("check", "--coverage", "--root", str(REPO))
    assert result.returncode == 0, result.stdout[-3000:]
    rows = [line for line in result.stdout.splitlines() if line.startswith("¶ ")]
    assert len(rows) >= 60
    assert not any("NOT COVERED" in row for row in rows)


def test_usage_error_exits_2(tmp_path) -> None:
    result = run_argkb("check", "--root", str(tmp_path / "missing"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "no claims/ directory" in result.stderr
