"""No built page is over 100 KB: the pages that grow with the knowledge base are split or summarised.

A synthetic knowledge base just big enough that the annotated paper, the audit and the concepts
index would each pass the bound is built for real (`mkdocs build --strict`, so every link to a
moved anchor must resolve); then every HTML file is measured.
"""

from __future__ import annotations

from pathlib import Path

from argkb.bench import workspace
from argkb.load import load_kb
from argkb.render import RenderOptions, render_site, split
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


def test_pages_left_unrewritten_have_no_link_to_a_moved_anchor(tmp_path: Path, monkeypatch) -> None:
    """Splitting rewrites only the pages that may link to a moved anchor: rewriting every page
    instead gives the same site."""
    kb = load_kb(workspace.prepare(REPO, tmp_path / "kb", CLAIMS).kb)
    options = RenderOptions(page_bytes=8_000)  # many split pages, many moved anchors
    fast = render_site(kb, options)
    monkeypatch.setattr(split, "_may_link_to_moved", lambda moves: lambda src, text: True)
    assert render_site(kb, options) == fast
    assert sum("--" in page for page in fast) > 20
