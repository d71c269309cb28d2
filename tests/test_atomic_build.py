"""`argkb build` replaces site/ only when the strict build passed: a bad claim never destroys the last good site."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run_argkb
from sitecheck import tree_bytes


def test_failed_build_leaves_the_last_good_site(valid_kb: Path) -> None:
    site = valid_kb / "site"
    first = run_argkb("build", "--root", str(valid_kb), "--site-dir", str(site), timeout=300)
    assert first.returncode == 0, first.stdout + first.stderr
    good = tree_bytes(site)
    assert "index.html" in good and "claims/trust-is-scarce/index.html" in good

    section = valid_kb / "claims" / "02-trust.yaml"
    section.write_text(section.read_text().replace("opposes: [power-matters]", "opposes: [no-such-claim]"))
    failed = run_argkb("build", "--root", str(valid_kb), "--site-dir", str(site), timeout=300)

    assert failed.returncode == 1
    assert "unknown-claim" in failed.stderr and "Traceback" not in failed.stderr
    assert "previous site" in failed.stderr
    assert tree_bytes(site) == good
    leftovers = [p.name for p in valid_kb.iterdir() if p.name.startswith(".site-")]
    assert leftovers == []


def test_successful_build_replaces_the_site(valid_kb: Path) -> None:
    site = valid_kb / "site"
    site.mkdir()
    (site / "stale.html").write_text("from an older build")
    result = run_argkb("build", "--root", str(valid_kb), "--site-dir", str(site), timeout=300)
    assert result.returncode == 0, result.stderr
    assert not (site / "stale.html").exists()
    assert (site / "claims" / "main-thesis" / "index.html").exists()


def _umask_022() -> None:
    os.umask(0o022)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_build_removes_its_temporary_folder(valid_kb: Path, signum: int) -> None:
    site = valid_kb / "site"
    build = subprocess.Popen(
        [sys.executable, "-m", "argkb", "build", "--root", str(valid_kb), "--site-dir", str(site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".site-new-") for p in valid_kb.iterdir()):
        assert build.poll() is None and time.monotonic() < deadline, "the build never started its staging folder"
        time.sleep(0.01)
    build.send_signal(signum)
    _, stderr = build.communicate(timeout=60)

    assert build.returncode == 128 + signum, stderr
    assert "Traceback" not in stderr
    assert [p.name for p in valid_kb.iterdir() if p.name.startswith(".site-")] == []
    assert not site.exists()


def test_new_site_gets_ordinary_permissions(valid_kb: Path) -> None:
    site = valid_kb / "site"
    result = run_argkb("build", "--root", str(valid_kb), "--site-dir", str(site), timeout=300, preexec_fn=_umask_022)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(site.stat().st_mode) == 0o755
    assert stat.S_IMODE((site / "claims").stat().st_mode) == 0o755
    assert stat.S_IMODE((site / "index.html").stat().st_mode) == 0o644
