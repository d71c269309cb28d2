"""Atomic site builds: build into a temporary directory, swap it in only when the build passed.

A failed build (a bad claim under --strict, a refused mkdocs.yml, a page the HTML policy
refuses) therefore never destroys the last good site, and an interrupted one (Ctrl-C, SIGTERM)
leaves no temporary folder behind.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from argkb.htmlpolicy import scan_site
from argkb.load.symlinks import outside_symlinks
from argkb.mkdocs_config import check_config, site_url
from argkb.model import Diagnostic

# tells the plugin that this build scans the finished site itself (the plugin scans in a plain `mkdocs build`)
SCANNED_OUTSIDE = "ARGKB_HTML_POLICY_BY_BUILD"


class BuildFailed(Exception):
    pass


@contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """SIGINT and SIGTERM raise SystemExit (exit 130/143, no traceback), so `finally` blocks clean up."""

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _ordinary_permissions(folder: Path) -> None:
    """mkdtemp makes a 0700 folder; a published site/ gets what the umask gives any new folder."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def _refuse(diagnostics: list[Diagnostic], what: str) -> None:
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        sys.stderr.write("".join(f"{d}\n" for d in errors))
        raise BuildFailed(what)


class EngineMissing(Exception):
    """The engine is not installed (a usage problem: nothing was built)."""


# the `pip install` line that adds each engine, for the message when it is missing
ENGINE_INSTALL = {"mkdocs": ".venv/bin/pip install -e .", "properdocs": ".venv/bin/pip install -e '.[properdocs]'"}
# Material for MkDocs 9.8 prints an end-of-life box on every `mkdocs` run, ProperDocs a notice of
# its own when a plugin asks it to; both name these variables to silence them
QUIET_BANNERS = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def atomic_build(root: Path, site_dir: Path, engine: str = "mkdocs") -> float:
    """Build `root` with `engine` in strict mode into `site_dir`; return the seconds taken."""
    if importlib.util.find_spec(engine) is None:
        raise EngineMissing(
            f"{engine} is not installed; install it with: {ENGINE_INSTALL.get(engine, 'pip install ' + engine)}"
        )
    root = root.resolve()
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    # mkdocs.yml is read by MkDocs' own loader, which runs Python tags: check it before
    _refuse(check_config(root), "mkdocs.yml refused (see above); MkDocs was not run")
    _refuse(list(outside_symlinks(root).values()), "symlinks out of the repository (see above); MkDocs was not run")
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with _terminate_as_exit():
        staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
        try:
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    engine,
                    "build",
                    "--strict",
                    "--clean",
                    "-f",
                    str(root / "mkdocs.yml"),
                    "-d",
                    str(staging),
                ],
                cwd=root,
                env={**os.environ, **QUIET_BANNERS, SCANNED_OUTSIDE: "1"},  # their banners say nothing of ours
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                sys.stderr.write(result.stdout + result.stderr)
                raise BuildFailed(f"{engine} build failed (exit {result.returncode})")
            _refuse(scan_site(staging, site_url(root)), "the built pages break the HTML policy (see above)")
            _ordinary_permissions(staging)
            if site_dir.exists():
                retired = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
                os.replace(site_dir, retired / "site")
                os.replace(staging, site_dir)
                shutil.rmtree(retired, ignore_errors=True)
            else:
                os.replace(staging, site_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return time.perf_counter() - started
