"""What an editor and a reader wait for on the real site: edit-to-visible and time to map.

Edit-to-visible: a copy of the repository is served by `mkdocs serve` (the command editors use);
one claim's text is changed in its YAML file, and the claim's page, its section page and the page
of a claim it points to are polled until all three show the new text (the section page lists the
claim and the other claim's page lists it back: a stale listing or backlink would count).

Time to map: the repository's site is built, served over 127.0.0.1, and each page that draws a map
is opened cold in Chromium at 1280 px; the time is `performance.now()` (from navigation start)
when the first map on the page is drawn and visible. Chromium is driven by Playwright (the test
extra); without either, the measurement is skipped and says why.

    site = measure_site(Path("."))
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from argkb.bench.workspace import read_config
from argkb.load import load_kb
from argkb.load.yaml_strict import parse_yaml
from argkb.model import RELATIONS

INPUTS = ("mkdocs.yml", "docs", "claims", "references.bib")
CHROMIUM = os.environ.get("ARGKB_CHROMIUM", "/usr/bin/chromium")
VIEWPORT = {"width": 1280, "height": 900}
CHROMIUM_FLAGS = [
    *("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"),
    *("--disable-component-update", "--disable-sync", "--no-first-run"),
]
# a map is visible when Material's Mermaid container (closed shadow root: measured by its box) or a
# pre-rendered map's <svg> has a height on screen
_MAP_VISIBLE = """() => {
  const drawn = [...document.querySelectorAll('div.mermaid, .argkb-map svg, figure svg')]
    .some(e => e.getBoundingClientRect().height > 0);
  return drawn && !document.querySelector('pre.mermaid') ? performance.now() : false;
}"""


@dataclass
class SiteMeasures:
    edit_to_visible_s: float | None = None
    edit_runs: list[float] = field(default_factory=list)
    time_to_map_ms: float | None = None  # median over the map pages
    time_to_map_max_ms: float | None = None
    map_pages: dict[str, float] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # why a measurement is missing


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def _copy_inputs(root: Path, dest: Path) -> None:
    for name in INPUTS:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        elif source.is_file():
            shutil.copy(source, dest / name)


def _single_line_claim(kb_root: Path) -> tuple[Path, int, str, str, str, str]:
    """(file, line, claim id, section id, the line, a claim it points to) of the first claim whose
    text is one line and that relates to another claim."""
    kb = load_kb(kb_root)
    for section in kb.sections:
        path = kb_root / section.path
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        doc = parse_yaml(path.read_bytes())
        for i, sub in enumerate(doc.data.get("subsections", [])):
            for j, claim in enumerate(sub.get("claims", [])):
                line, col = doc.position(("subsections", i, "claims", j, "text"))
                text = lines[line - 1]
                following = lines[line] if line < len(lines) else ""
                indent = len(following) - len(following.lstrip(" "))
                targets = [t for relation in RELATIONS for t in claim.get(relation) or [] if isinstance(t, str)]
                if text[col - 1 :].startswith("text:") and (not following.strip() or indent < col) and targets:
                    return path, line, claim["id"], section.id, text, targets[0]
    raise RuntimeError("no claim with a one-line text and a relation to edit")


def start_serve(root: Path, port: int) -> subprocess.Popen:
    """`mkdocs serve` of the mkdocs.yml in `root` on 127.0.0.1:`port`, quiet, in its own process
    group (stop it with stop_process_group: serve starts children of its own)."""
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        start_new_session=True,
    )


def stop_process_group(process: subprocess.Popen) -> None:
    """Stop a server started with `start_new_session=True`, and whatever it started, for good."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def edit_to_visible(root: Path, runs: int = 3, timeout: float = 60.0) -> list[float]:
    """Seconds from saving an edited claim to its page, its section page and the page of a claim it
    points to all showing it."""
    with tempfile.TemporaryDirectory(prefix="argkb-serve-") as tmp:
        kb_root = Path(tmp) / "kb"
        kb_root.mkdir()
        _copy_inputs(root, kb_root)
        path, line, claim_id, section_id, original, target_id = _single_line_claim(kb_root)
        port = free_port()
        # mkdocs serve mounts the site at the path of site_url
        mount = urlsplit(read_config(kb_root / "mkdocs.yml").get("site_url") or "/").path.strip("/")
        base = f"http://127.0.0.1:{port}/" + (f"{mount}/" if mount else "")
        server = start_serve(kb_root, port)
        try:
            claim_url, section_url = f"{base}claims/{claim_id}/", f"{base}sections/{section_id}/"
            backlink_url = f"{base}claims/{target_id}/"
            deadline = time.monotonic() + 300
            while claim_id not in _get(claim_url):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("mkdocs serve did not come up")
                time.sleep(0.2)
            times = []
            indent = original[: len(original) - len(original.lstrip(" "))]
            for n in range(runs):
                marker = f"Benchmark edit {n} {time.time_ns()}"
                lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
                lines[line - 1] = f'{indent}text: "{marker}"\n'
                path.write_text("".join(lines), encoding="utf-8")
                saved = time.perf_counter()
                pending = {claim_url, section_url, backlink_url}
                while pending:
                    pending = {url for url in pending if marker not in _get(url)}
                    if time.perf_counter() - saved > timeout:
                        raise RuntimeError(f"the edit did not show within {timeout:.0f} s")
                    if pending:
                        time.sleep(0.02)
                times.append(time.perf_counter() - saved)
                time.sleep(1.0)  # let the watcher settle before the next edit
            return times
        finally:
            stop_process_group(server)


def _map_pages(site: Path) -> list[str]:
    """Site-relative URLs of the pages that draw a map."""
    found = []
    for page in sorted(site.rglob("index.html")):
        if re.search(r'class="mermaid"|class="argkb-map', page.read_text(encoding="utf-8", errors="replace")):
            found.append(page.parent.relative_to(site).as_posix().removeprefix(".") + "/")
    return [url.lstrip("/") for url in found]


def time_to_map(root: Path) -> dict[str, float]:
    """{page URL: ms from navigation start to its first map drawn}, each page opened cold."""
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="argkb-maps-") as tmp:
        site = Path(tmp) / "site"
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
            cwd=root,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        if result.returncode != 0:
            raise RuntimeError(f"site build failed: {result.stderr[-2000:]}")

        class Quiet(SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
                super().__init__(*args, directory=str(site), **kwargs)

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
        server.handle_error = lambda request, address: None  # a closed tab cuts downloads short
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        timings = {}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                try:
                    pages = _map_pages(site)
                    # one page opened and thrown away first: the browser's own start (its first
                    # renderer process, fonts) is not part of any page's time
                    if pages:
                        warm = browser.new_context(viewport=VIEWPORT)
                        warm.new_page().goto(base + pages[0], wait_until="load")
                        warm.close()
                    for url in pages:
                        context = browser.new_context(viewport=VIEWPORT)  # cold: nothing cached
                        page = context.new_page()
                        page.goto(base + url, wait_until="commit")
                        handle = page.wait_for_function(_MAP_VISIBLE, polling="raf", timeout=30_000)
                        timings[url] = round(float(handle.json_value()), 1)
                        context.close()
                finally:
                    browser.close()
        finally:
            server.shutdown()
            server.server_close()
        return timings


def measure_site(root: Path, runs: int = 3) -> SiteMeasures:
    measures = SiteMeasures()
    try:
        measures.edit_runs = [round(t, 3) for t in edit_to_visible(root, runs)]
        measures.edit_to_visible_s = round(statistics.median(measures.edit_runs), 3)
    except (RuntimeError, OSError) as err:
        measures.skipped.append(f"edit-to-visible: {err}")
    if not Path(CHROMIUM).exists():
        measures.skipped.append(f"time to map: no Chromium at {CHROMIUM}")
        return measures
    try:
        measures.map_pages = time_to_map(root)
    except ImportError:
        measures.skipped.append("time to map: Playwright is not installed (pip install -e '.[test]')")
    except (RuntimeError, OSError) as err:
        measures.skipped.append(f"time to map: {err}")
    if measures.map_pages:
        values = list(measures.map_pages.values())
        measures.time_to_map_ms = round(statistics.median(values), 1)
        measures.time_to_map_max_ms = max(values)
    return measures
