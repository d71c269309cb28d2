"""The live preview survives mistakes: last good knowledge base, an error banner, errors shown once.

The unit tests drive argkb.preview directly; the slow test runs a real `mkdocs serve` on a copy of
the repository, breaks a section file, and reads the served pages.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from argkb.checks import run_checks
from argkb.load import load_kb
from argkb.preview import LivePreview, banner_html, root_causes, with_banner
from conftest import NOT_SITE_INPUTS, REPO

# an unclosed flow sequence: the YAML parser stops at the line and column of the problem
BROKEN = "supports: [main-thesis\n"


def _break(section: Path) -> str:
    good = section.read_text(encoding="utf-8")
    section.write_text(good.replace("supports: [main-thesis]\n", BROKEN, 1), encoding="utf-8")
    return good


def test_a_broken_section_keeps_the_last_good_kb_and_reports_only_its_syntax_error(valid_kb: Path) -> None:
    preview = LivePreview(keep_last_good=True)
    first = load_kb(valid_kb)
    assert preview.update(first, run_checks(first)).errors == []

    section = valid_kb / "claims" / "01-intro.yaml"
    good = _break(section)
    broken = load_kb(valid_kb)
    diagnostics = run_checks(broken)
    outcome = preview.update(broken, diagnostics)
    assert outcome.stale and outcome.kb is first
    assert "main-thesis" in outcome.kb.claim_index()
    # exactly the lines `argkb check` prints for the root cause, without the follow-on errors
    assert [str(d) for d in outcome.errors] == [str(d) for d in diagnostics if d in broken.load_diagnostics]
    assert len(outcome.errors) == 1 and outcome.errors[0].span.path == "claims/01-intro.yaml"
    assert len(diagnostics) > len(outcome.errors)  # there were cascades to leave out
    assert outcome.to_log == outcome.errors
    assert str(outcome.errors[0]) in BeautifulSoup(outcome.banner_html(), "html.parser").get_text()

    again = preview.update(broken, diagnostics)  # another save, same error: the terminal has it
    assert again.to_log == [] and again.errors == outcome.errors and again.stale

    section.write_text(good, encoding="utf-8")
    fixed = load_kb(valid_kb)
    healed = preview.update(fixed, run_checks(fixed))
    assert (healed.kb, healed.errors, healed.stale, healed.banner_html()) == (fixed, [], False, "")


def test_a_one_off_build_renders_what_the_files_say_and_reports_everything(valid_kb: Path) -> None:
    preview = LivePreview(keep_last_good=False)
    good = load_kb(valid_kb)
    preview.update(good, run_checks(good))
    _break(valid_kb / "claims" / "01-intro.yaml")
    broken = load_kb(valid_kb)
    diagnostics = run_checks(broken)
    for _ in range(2):  # never "already shown": a strict build must see its warnings every time
        outcome = preview.update(broken, diagnostics)
        assert outcome.kb is broken and not outcome.stale and outcome.to_log == root_causes(broken, diagnostics)


def test_the_banner_escapes_what_the_files_say(valid_kb: Path) -> None:
    kb = load_kb(valid_kb)
    from argkb.model import Diagnostic, Span

    hostile = Diagnostic(Span("claims/0<b>.yaml", 3, 4), "error", "x", "</code><script>alert(1)</script>")
    banner = banner_html([hostile], stale=True)
    soup = BeautifulSoup(with_banner("<html><body class='x'><p>page</p></body></html>", banner), "html.parser")
    assert soup.find("script") is None and soup.find("b") is None
    assert soup.body.contents[0]["role"] == "alert"  # type: ignore[index,union-attr]
    assert str(hostile) in soup.get_text()
    assert with_banner("<html><body>x</body></html>", "") == "<html><body>x</body></html>"
    assert root_causes(kb, []) == []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except OSError:  # refused, reset, or timed out while a rebuild holds the server
        return 0, ""


def _poll(url: str, done, timeout: float = 120) -> tuple[float, int, str]:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        status, body = _get(url)
        if done(status, body):
            return time.monotonic() - started, status, body
        time.sleep(0.2)
    raise AssertionError(f"{url}: not ready after {timeout}s (last status {status})")


def _banner(body: str) -> str:
    soup = BeautifulSoup(body, "html.parser")
    banner = soup.select_one("body > .argkb-preview-errors")
    return banner.get_text() if banner else ""


@pytest.mark.slow
def test_mkdocs_serve_keeps_the_site_and_shows_the_error_until_fixed(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(REPO, root, ignore=lambda d, names: NOT_SITE_INPUTS & set(names) if Path(d) == REPO else set())
    kb = load_kb(root)
    section = next(s for s in kb.sections if len(s.claims) > 3)
    claim = section.claims[0]
    path = root / section.path
    good = path.read_text(encoding="utf-8")
    # break the YAML: an unclosed flow sequence on the claim's `supports:` line
    broken = re.sub(r"(?m)^(\s+supports: \[[^\]\n]*)\]$", r"\1", good, count=1)
    assert broken != good

    port = _free_port()
    base = f"http://127.0.0.1:{port}/argkb/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        _poll(base, lambda status, _body: status == 200, timeout=240)
        claim_url = f"{base}claims/{claim.id}/"
        assert _get(claim_url)[0] == 200

        path.write_text(broken, encoding="utf-8")
        seconds, _status, body = _poll(base, lambda status, body: status == 200 and bool(_banner(body)))
        print(f"edit-to-visible (banner on the home page): {seconds:.1f}s")
        expected = str(load_kb(root).load_diagnostics[0])
        assert expected.startswith(section.path) and expected in _banner(body)
        # the section's pages are still there, from the last good knowledge base, with the banner
        status, claim_page = _get(claim_url)
        assert status == 200 and expected in _banner(claim_page)
        assert _get(f"{base}sections/{section.id}/")[0] == 200

        path.write_text(good, encoding="utf-8")
        seconds, _status, _body = _poll(base, lambda status, body: status == 200 and not _banner(body))
        print(f"fix-to-visible (banner gone): {seconds:.1f}s")
        assert not _banner(_get(claim_url)[1])
    finally:
        server.terminate()
        _out, errors = server.communicate(timeout=60)
    # the terminal showed the syntax error, once, and none of its follow-on errors
    assert errors.count(expected) == 1, errors[-3000:]
    assert "unknown-claim" not in errors, errors[-3000:]
