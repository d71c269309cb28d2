"""The nav drawn once per build is byte for byte the nav Material draws on each page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from argkb import navcache
from conftest import FIXTURES
from sitecheck import STAMPED


def _build(root: Path, site: Path) -> dict[str, bytes]:
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(site)))
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html") if p.name not in STAMPED}


def test_cached_nav_is_the_theme_nav(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "kb"
    shutil.copytree(FIXTURES / "valid", root)
    calls = {"cached": 0, "rendered": 0}
    install = navcache.install

    def counting(env, theme_dirs, ours) -> None:
        install(env, theme_dirs, ours)
        cached = env.globals["argkb_cached_nav"]

        def nav(nav, page, base_url, caller):
            def render() -> str:
                calls["rendered"] += 1
                return caller()

            calls["cached"] += 1
            return cached(nav, page, base_url, render)

        env.globals["argkb_cached_nav"] = nav

    monkeypatch.setattr(navcache, "install", counting)
    cached = _build(root, tmp_path / "cached")
    assert calls["rendered"] < calls["cached"]  # pages outside the nav reuse a nav drawn before

    def uncached(env, theme_dirs, ours) -> None:
        install(env, theme_dirs, ours)
        env.globals["argkb_cached_nav"] = lambda nav, page, base_url, caller: caller()

    monkeypatch.setattr(navcache, "install", uncached)
    assert _build(root, tmp_path / "uncached") == cached
