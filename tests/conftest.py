from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
# top-level entries a build of the repository does not read: copies of the repository leave them out
NOT_SITE_INPUTS = {
    *(".git", ".venv", "site", "tests", "scripts", "build"),
    *(".hypothesis", ".pytest_cache", ".ruff_cache", ".lycheecache"),
}


@pytest.fixture
def valid_kb(tmp_path: Path) -> Path:
    """A writable copy of the small valid knowledge base."""
    root = tmp_path / "kb"
    shutil.copytree(FIXTURES / "valid", root)
    return root


def run_argkb(*args: str, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as an editor or CI would."""
    return subprocess.run(
        [sys.executable, "-m", "argkb", *args], capture_output=True, text=True, timeout=timeout, **kwargs
    )


def _built(root: Path, site: Path) -> Path:
    from sitecheck import build

    result = build(root, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory) -> Path:
    """The repository's site as CI builds it (`mkdocs build --strict`), once per session. Read only."""
    return _built(REPO, tmp_path_factory.mktemp("repo") / "site")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The small fixture knowledge base's site, built once per session. Read only: copy it to change it."""
    root = tmp_path_factory.mktemp("fixture") / "kb"
    shutil.copytree(FIXTURES / "valid", root)
    return _built(root, root.parent / "site")


@dataclass(frozen=True)
class ServedSite:
    root: Path  # the knowledge base it was built from
    site: Path
    url: str  # http://127.0.0.1:<port>/, also its site_url


def _not_site_inputs(folder: str, names: list[str]) -> set[str]:
    return NOT_SITE_INPUTS & set(names) if Path(folder) == REPO else set()


@pytest.fixture(scope="session")
def served_repo_site(tmp_path_factory) -> Iterator[ServedSite]:
    """The repository's site built once with site_url set to where it is served, as on the real host:
    Material's instant navigation only takes over links the sitemap lists under the page's own origin."""
    from browser_support import require_chromium, serve

    require_chromium()
    root = tmp_path_factory.mktemp("served-repo") / "kb"
    shutil.copytree(REPO, root, ignore=_not_site_inputs)
    site = root.parent / "site"
    with serve(site) as url:
        config = root / "mkdocs.yml"
        text, found = re.subn(r"(?m)^site_url:.*$", f"site_url: {url}", config.read_text(encoding="utf-8"))
        config.write_text(text if found else f"site_url: {url}\n{text}", encoding="utf-8")
        yield ServedSite(root, _built(root, site), url)


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (each test opens its own context)."""
    from browser_support import launched_browser

    with launched_browser() as chromium:
        yield chromium
