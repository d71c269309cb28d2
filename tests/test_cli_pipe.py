"""A reader that closes the pipe early (`argkb check | head -1`) ends argkb quietly, with its exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def _broken_kb(root: Path) -> Path:
    section = root / "claims" / "02-trust.yaml"
    section.write_text(section.read_text().replace("opposes: [power-matters]", "opposes: [no-such-claim]"))
    return root


def test_a_pipe_closed_before_any_output_is_not_an_error(valid_kb: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will ever read: the first write fails with EPIPE
    try:
        result = subprocess.run(
            [sys.executable, "-m", "argkb", "check", "--root", str(_broken_kb(valid_kb))],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 1  # the findings' exit code, not 2 (I/O error) or 120 (failed flush)
    assert result.stderr == ""


def test_head_dash_one(valid_kb: Path) -> None:
    command = f'"{sys.executable}" -m argkb check --root "{_broken_kb(valid_kb)}" | head -1; exit "${{PIPESTATUS[0]}}"'
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert result.returncode == 1
    assert result.stderr == ""
    assert "[unknown-claim]" in result.stdout and len(result.stdout.splitlines()) == 1


def test_a_clean_knowledge_base_still_exits_0_into_a_closed_pipe(valid_kb: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "argkb", "check", "--coverage", "--root", str(valid_kb)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (0, "")
