"""No built page is over 100 KB: the pages that grow with the knowledge base are split or summarised.

A synthetic knowledge base just big enough that the annotated paper, the audit and the concepts
index would each pass the bound is built for real (`mkdocs build --strict`, so every link to a
moved anchor must resolve); then every HTML file is measured.
"""

from __future__ import annotations

from pathlib import Path

from argkb.bench import workspace
from conftest import REPO
from sitecheck import build

MAX_PAGE_BYTES = 100 * 1024
CLAIMS = 400  # a size at which paper, audit and concepts index are each well over 100 KB unsplit


def _oversized(site: Path) -> list[str]:
    return [
        f"{p.relative_to(site)}: {p.stat().st_size:,} bytes"
        for p in site.rglob("*.html")
        if p.stat().st_size > MAX_PAGE_BYTES
    ]


def test_no_page_over_the_bound_on_a_growing_kb(tmp_path: Path) -> None:
    ws = workspace.prepare(REPO, tmp_path / "kb", CLAIMS)
    result = build(ws.kb, ws.site)
    assert result.returncode == 0, result.stderr[-3000:]
    assert _oversized(ws.site) == []
    # the bound holds because pages were split, not because they were small
    assert (ws.site / "paper--2" / "index.html").is_file()
    assert (ws.site / "audit--2" / "index.html").is_file()


def test_no_page_over_the_bound_on_the_repo(repo_site: Path) -> None:
    assert _oversized(repo_site) == []
