"""`argkb build` replaces site/ only when the strict build passed: a bad claim never destroys the last good site."""

from __future__ import annotations

from pathlib import Path

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
    # the site folder has the mode of any other folder made here (not mkdtemp's private 0700)
    reference = valid_kb / "ordinary-folder"
    reference.mkdir()
    assert site.stat().st_mode & 0o777 == reference.stat().st_mode & 0o777
