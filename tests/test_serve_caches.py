"""What `mkdocs serve` reuses between rebuilds (themed pages, search entries, Markdown) never
leaves anything stale.

A serve session in one process, as `mkdocs serve` runs it (the config loaded again for each
build, the plugins kept): after each edit (a claim's text, a relation, a section title, the nav in
mkdocs.yml, a hand-written page, a theme override) the rebuilt site is byte for byte a fresh build
of the edited input, search index included, and the pages that show the change show it. The
same through a real `mkdocs serve`, and its server looks for saved files every 0.1 s.
"""

from __future__ import annotations

import json
import shutil
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from argkb import fingerprint, kb_cache, page_cache, render_cache, search_cache, serve_watch
from argkb.bench.site import free_port, start_serve, stop_process_group
from argkb.load import parse_memo
from argkb.render import clean_memo
from conftest import FIXTURES
from sitecheck import tree_bytes

CACHES = (page_cache, search_cache, render_cache, clean_memo, kb_cache, parse_memo)


def _text(site: dict[str, bytes], path: str) -> str:
    return site[path].decode("utf-8")


def _search_text(site: dict[str, bytes]) -> str:
    docs = json.loads(site["search/search_index.json"])["docs"]
    return " ".join(doc["title"] + " " + doc["text"] for doc in docs)


class _Session:
    """Rebuilds with the caches on (one process, as serve), each checked against a fresh build."""

    def __init__(self, root: Path, tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root, self.tmp, self.monkeypatch = root, tmp, monkeypatch
        for module in CACHES:
            monkeypatch.setattr(module, "stats", dict.fromkeys(module.stats, 0))
        self.rebuild()

    def _build(self, caches: bool) -> dict[str, bytes]:
        for module in CACHES:
            self.monkeypatch.setattr(module, "enabled", caches)
        site = self.tmp / ("served" if caches else "fresh")  # serve builds into one folder
        build(load_config(str(self.root / "mkdocs.yml"), site_dir=str(site)))
        return tree_bytes(site)

    def rebuild(self) -> dict[str, bytes]:
        for module in CACHES:
            module.stats.update(dict.fromkeys(module.stats, 0))
        return self._build(caches=True)

    def edit(self, path: str, change: Callable[[str], str]) -> dict[str, bytes]:
        """Change a file, rebuild as serve does; the result must equal a fresh build."""
        file = self.root / path
        before = file.read_text(encoding="utf-8") if file.exists() else ""
        after = change(before)
        assert after != before
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(after, encoding="utf-8")
        rebuilt = self.rebuild()
        stats = {module.__name__: dict(module.stats) for module in CACHES}
        fresh = self._build(caches=False)
        assert sorted(rebuilt) == sorted(fresh)
        assert [p for p in fresh if rebuilt[p] != fresh[p]] == []
        self.stats = stats
        return rebuilt


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> _Session:
    root = tmp_path / "kb"
    shutil.copytree(FIXTURES / "valid", root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "overrides").mkdir()
    return _Session(root, tmp_path, monkeypatch)


def _replace(old: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(old, new)


def test_every_edit_shows_everywhere_and_nothing_stale_remains(session: _Session) -> None:
    section = "claims/02-trust.yaml"
    site = session.edit(section, _replace("Trust between rivals is scarce.", "Trust is thin on the ground."))
    assert session.stats["argkb.page_cache"]["hits"] > 0  # unchanged pages were not rendered again
    assert session.stats["argkb.search_cache"]["hits"] > 0
    assert session.stats["argkb.render.clean_memo"]["hits"] > 0
    assert session.stats["argkb.kb_cache"] == {"hits": 0, "misses": 2}  # loaded, checked, rendered again
    assert session.stats["argkb.load.parse_memo"]["misses"] == 1  # only the edited file parsed again
    assert session.stats["argkb.load.parse_memo"]["hits"] >= 3
    for page in ("claims/trust-is-scarce/index.html", "sections/trust-section/index.html"):
        assert "Trust is thin on the ground" in _text(site, page)
    assert "Trust is thin on the ground" in _text(site, "claims/main-thesis/index.html")  # a backlink
    assert "Trust is thin on the ground" in _search_text(site)
    assert not any(b"Trust between rivals is scarce." in html for html in site.values())

    # a relation: main-thesis no longer lists trust-is-scarce among its supporters
    before = _text(site, "claims/main-thesis/index.html").count("trust-is-scarce")
    site = session.edit(section, _replace("supports: [main-thesis, trust-can-grow]", "supports: [trust-can-grow]"))
    assert _text(site, "claims/main-thesis/index.html").count("trust-is-scarce") < before

    # a section title: the nav of every page shows it
    site = session.edit(section, _replace("title: Trust\n", "title: Trust and its limits\n"))
    assert "Trust and its limits" in _text(site, "contribute/index.html")
    assert "Trust and its limits" in _search_text(site)

    # the nav in mkdocs.yml
    site = session.edit("mkdocs.yml", _replace("  - Paper: paper.md", "  - The annotated paper: paper.md"))
    assert all("The annotated paper" in _text(site, p) for p in site if p.endswith("index.html"))

    # a hand-written page
    site = session.edit("docs/contribute.md", lambda text: text + "\nA sentence added by the test.\n")
    assert "A sentence added by the test." in _text(site, "contribute/index.html")
    assert session.stats["argkb.page_cache"]["misses"] <= 3  # only that page (and its search entry)
    assert session.stats["argkb.kb_cache"] == {"hits": 2, "misses": 0}  # the kb is neither loaded nor rendered

    # a theme override that did not exist: the pages are rendered through it
    site = session.edit("overrides/partials/copyright.html", lambda _: "<div>Override from the test</div>\n")
    assert "Override from the test" in _text(site, "claims/trust-is-scarce/index.html")
    site = session.edit("overrides/partials/copyright.html", _replace("from the test", "edited by the test"))
    assert "Override edited by the test" in _text(site, "claims/trust-is-scarce/index.html")


def test_unknown_values_are_not_cached() -> None:
    with pytest.raises(fingerprint.Uncacheable):
        fingerprint.value({"tags": [object()]})
    assert fingerprint.value({"b": [1, "x"], "a": None}) == fingerprint.value({"a": None, "b": [1, "x"]})


def test_no_search_plugin_nothing_wrapped() -> None:
    assert search_cache.install({"argkb": object()}) is False


def test_serve_notices_a_save_within_a_tenth_of_a_second(tmp_path: Path) -> None:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path))  # watched before on_serve (docs/, mkdocs.yml)
        assert serve_watch.poll_sooner(server)
        server.watch(str(FIXTURES))  # watched after it (claims/, references.bib)
        timeouts = {server.observer.timeout, *(emitter.timeout for emitter in server.observer.emitters)}
        assert timeouts == {serve_watch.POLL_SECONDS}
        assert serve_watch.build_sooner(server) and server.build_delay == serve_watch.BUILD_DELAY_SECONDS
    finally:
        server.server_close()


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def test_real_mkdocs_serve_shows_an_edit_on_every_page_that_shows_the_claim(valid_kb: Path) -> None:
    port = free_port()
    server = start_serve(valid_kb, port)
    base = f"http://127.0.0.1:{port}/"
    pages = [base + "claims/trust-is-scarce/", base + "claims/main-thesis/", base + "sections/trust-section/"]
    try:
        deadline = time.monotonic() + 120
        while "trust-is-scarce" not in _get(pages[0]):
            assert server.poll() is None and time.monotonic() < deadline, "mkdocs serve did not come up"
            time.sleep(0.2)
        section = valid_kb / "claims/02-trust.yaml"
        for n in range(2):  # the second edit is served from the caches the first rebuild filled
            old = "Trust between rivals is scarce." if n == 0 else "Served edit 0."
            section.write_text(section.read_text(encoding="utf-8").replace(old, f"Served edit {n}."), encoding="utf-8")
            deadline = time.monotonic() + 60
            while any(f"Served edit {n}." not in _get(url) for url in pages):
                assert time.monotonic() < deadline, f"edit {n} did not show on every page"
                time.sleep(0.1)
            assert all(old not in _get(url) for url in pages)
            assert f"Served edit {n}." in _get(base + "search/search_index.json")
            assert old not in _get(base + "search/search_index.json")
    finally:
        stop_process_group(server)
