"""Links computed once per pair of folders are the links posixpath.relpath gives for each page."""

from __future__ import annotations

import posixpath

from argkb.render.paths import doc_link

PAGES = ["index.md", "paper.md", "claims/a.md", "claims/b.md", "references/k.md", "concepts/index.md"]
PAGES += ["concepts/c.md", "sections/s.md", "audit/s-1.md", "a/b/c.md"]


def _relpath_link(from_page: str, to_page: str, anchor: str) -> str:
    path = "" if to_page == from_page else posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{path}#{anchor}" if anchor else path or "#"


def test_doc_link_is_relpath() -> None:
    for source in PAGES:
        for target in PAGES:
            for anchor in ("", "p1-2"):
                assert doc_link(source, target, anchor) == _relpath_link(source, target, anchor)
