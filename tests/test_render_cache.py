"""The conversions `mkdocs serve` reuses between rebuilds never leave a stale page.

Two builds in one process, as `mkdocs serve` makes them, with one claim's text edited in between:
the second build reuses the unchanged pages and is byte for byte a fresh build of the edited data
(the claim's page, its section, the pages listing it and the maps all show the new text).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from argkb import render_cache
from conftest import FIXTURES
from sitecheck import build_in_process

CLAIM_TEXT = "text: Trust between rivals is scarce"


def test_rebuild_after_an_edit_equals_a_fresh_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "kb"
    shutil.copytree(FIXTURES / "valid", root)
    section = next(p for p in (root / "claims").glob("0*.yaml") if CLAIM_TEXT in p.read_text(encoding="utf-8"))
    monkeypatch.setattr(render_cache, "enabled", True)
    monkeypatch.setattr(render_cache, "stats", {"hits": 0, "misses": 0})
    build_in_process(root, tmp_path / "first")
    section.write_text(
        section.read_text(encoding="utf-8").replace(CLAIM_TEXT, "text: Edited claim text"), encoding="utf-8"
    )
    render_cache.stats.update(hits=0, misses=0)
    rebuilt = build_in_process(root, tmp_path / "second")
    assert render_cache.stats["hits"] > 0  # unchanged pages were reused
    assert render_cache.stats["misses"] >= 3  # the claim's page, its section, the pages listing it
    assert any(b"Edited claim text" in html for html in rebuilt.values())

    monkeypatch.setattr(render_cache, "enabled", False)
    assert build_in_process(root, tmp_path / "fresh") == rebuilt
