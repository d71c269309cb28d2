"""The way off MkDocs 1.x: ProperDocs (the maintained fork) builds the repository's site strictly,
with our plugin and Material, into the same pages with the same content as MkDocs does."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from argkb.load import load_kb
from conftest import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def properdocs_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    site = tmp_path_factory.mktemp("properdocs") / "site"
    # -f explicitly: ProperDocs looks for properdocs.yml first and, finding only mkdocs.yml, says
    # so (at INFO level, which --strict does not count) before using it
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return site, result


def _pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">.*?</article>', re.S)
_articles: dict[Path, dict[str, str]] = {}


def _article_html(site: Path) -> dict[str, str]:
    """Each page's main article, as built (the head, with the generator's name, left out)."""
    if site not in _articles:
        _articles[site] = {}
        for page in sorted(_pages(site)):
            found = _ARTICLE.findall((site / page).read_text(encoding="utf-8"))
            _articles[site][page] = found[0] if len(found) == 1 else f"{len(found)} articles"
    return _articles[site]


def test_properdocs_builds_strictly_with_our_plugin_and_material(properdocs_build) -> None:
    site, result = properdocs_build
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr[-3000:]
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    generator = home.select_one('meta[name="generator"]')["content"]
    assert "ProperDocs" in generator and "mkdocs-material" in generator, generator
    # the argkb plugin ran: its pages and assets are there, with its stylesheet linked
    kb = load_kb(REPO)
    assert {f"claims/{claim.id}/index.html" for claim in kb.claims} <= _pages(site)
    assert (site / "assets/argkb/mermaid-loader.js").is_file()
    assert home.select('link[href$="assets/argkb/argkb.css"]')


def test_properdocs_and_mkdocs_build_the_same_pages(properdocs_build, repo_site: Path) -> None:
    site, result = properdocs_build
    assert result.returncode == 0, result.stderr[-3000:]
    assert _pages(site) == _pages(repo_site)
    theirs, ours = _article_html(repo_site), _article_html(site)
    assert [page for page in theirs if ours[page] != theirs[page]] == []


def test_claim_pages_read_the_same(properdocs_build, repo_site: Path) -> None:
    site, _ = properdocs_build
    claims = [page for page in _article_html(repo_site) if page.startswith("claims/")]
    kb = load_kb(REPO)
    assert len(claims) == len(kb.claims) + sum(len(c.aliases) for c in kb.claims)  # former ids redirect
    for page in claims:
        ours, theirs = (BeautifulSoup(_article_html(s)[page], "html.parser") for s in (site, repo_site))
        assert ours.h1 is not None and ours.get_text() == theirs.get_text(), page
