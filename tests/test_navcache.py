"""The nav drawn once per build is byte for byte the nav Material draws on each page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from argkb import navcache
from conftest import FIXTURES
from sitecheck import build_in_process


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
    cached = build_in_process(root, tmp_path / "cached")
    assert calls["rendered"] < calls["cached"]  # pages outside the nav reuse a nav drawn before

    def uncached(env, theme_dirs, ours) -> None:
        install(env, theme_dirs, ours)
        env.globals["argkb_cached_nav"] = lambda nav, page, base_url, caller: caller()

    monkeypatch.setattr(navcache, "install", uncached)
    assert build_in_process(root, tmp_path / "uncached") == cached
