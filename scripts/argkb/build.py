"""Atomic site builds: build into a temporary directory, swap it in only when the build passed.

A failed build (a bad claim under --strict) therefore never destroys the last good site.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


class BuildFailed(Exception):
    pass


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
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    # mkdtemp makes a private (0700) folder; the site is published, so give it the umask's usual mode
    umask = os.umask(0o022)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)
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
            env={**os.environ, **QUIET_BANNERS},  # their banners say nothing about our build
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            sys.stderr.write(result.stdout + result.stderr)
            raise BuildFailed(f"{engine} build failed (exit {result.returncode})")
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
