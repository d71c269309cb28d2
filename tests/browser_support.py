"""What the browser tests share: the Chromium they drive, a local server for a built site, and a
reader's tab that records every request and every console error.

Without /usr/bin/chromium (or the build ARGKB_CHROMIUM names) the browser tests are skipped with
a loud reason; with ARGKB_REQUIRE_BROWSER=1 (set by .ci/run) a missing browser fails them instead.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

TESTS = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("ARGKB_CHROMIUM", "/usr/bin/chromium")  # Debian's; another build if set
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = TESTS / "browser" / "vendor" / "axe-core" / "axe.min.js"
SCREENSHOTS = TESTS / "screenshots"  # git-ignored
# Material renders each diagram into a closed shadow root; open it so the tests can look inside
OPEN_SHADOW_ROOTS = (
    "const attach = Element.prototype.attachShadow;"
    "Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: 'open'}); };"
)
SVG_LINKS = """() => [...document.querySelectorAll('div.mermaid')].map(d => {
  const svg = d.shadowRoot && d.shadowRoot.querySelector('svg');
  if (!svg) return null;
  return [...svg.querySelectorAll('a')].map(a => a.getAttribute('xlink:href') || a.getAttribute('href'));
})"""


def require_chromium() -> None:
    """Skip (or, when CI asks for a browser, fail) unless Chromium and Playwright are here."""
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append(f"{CHROMIUM} (Debian: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package (pip install -e '.[test]')")
    if not missing:
        return
    reason = "BROWSER TESTS NOT RUN: missing " + " and ".join(missing)
    if os.environ.get("ARGKB_REQUIRE_BROWSER"):
        pytest.fail(reason + " (ARGKB_REQUIRE_BROWSER is set)", pytrace=False)
    pytest.skip(reason + "; set ARGKB_REQUIRE_BROWSER=1 to make this a failure")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` (which may not be built yet) on 127.0.0.1 at a free port; yield its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def launched_browser() -> Iterator:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Reader:
    """One tab over a served site. Requests to any other host are aborted and recorded, as are
    console errors and uncaught exceptions, each with the page they happened on."""

    page: object
    base_url: str
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # every URL the tab asked for, in order
    documents: list[str] = field(default_factory=list)  # the full page loads among them

    def path(self) -> str:
        """The current URL's path below the site root, e.g. 'claims/x/'."""
        return urlsplit(self.page.url).path.removeprefix(urlsplit(self.base_url).path)

    def goto(self, path: str) -> None:
        self.page.goto(self.base_url + path, wait_until="load")

    def screenshot(self, name: str, full_page: bool = False) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        target = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(target), full_page=full_page)
        return target

    def assert_clean(self) -> None:
        assert self.foreign == [], "requests left 127.0.0.1"
        assert self.errors == [], "console errors or uncaught exceptions"


@contextmanager
def reader_tab(browser, base_url: str, color_scheme: str = "light", open_shadow_roots: bool = True) -> Iterator[Reader]:
    """A fresh browser context (no stored palette) with one page, watched as `Reader` says.
    `open_shadow_roots=False` leaves Material's diagram shadow roots closed, as a reader has them."""
    context = browser.new_context(color_scheme=color_scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    reader = Reader(page, base_url)
    site_origin = urlsplit(base_url).netloc

    def foreign(url: str) -> bool:
        return not url.startswith(("data:", "blob:")) and urlsplit(url).netloc != site_origin

    def note_foreign(url: str) -> None:
        if not any(seen.startswith(url + " ") for seen in reader.foreign):
            reader.foreign.append(f"{url} (from {page.url})")

    def record(request) -> None:  # every request the page makes, memory-cache hits included
        reader.requests.append(request.url)
        if request.resource_type == "document" and request.frame == page.main_frame:
            reader.documents.append(request.url)
        if foreign(request.url):
            note_foreign(request.url)

    def guard(route) -> None:  # and what reaches the network (workers' requests too)
        if foreign(route.request.url):
            note_foreign(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    if open_shadow_roots:
        page.add_init_script(OPEN_SHADOW_ROOTS)
    page.on("request", record)
    page.on(
        "console",
        lambda message: (
            reader.errors.append(f"{page.url}: console.error: {message.text}") if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: reader.errors.append(f"{page.url}: uncaught: {error}"))
    try:
        yield reader
    finally:
        context.close()


def wait_for_drawn_maps(page) -> None:
    """Wait until every Mermaid map on the page has been drawn (works with closed shadow roots)."""
    page.wait_for_function(
        "() => !document.querySelector('pre.mermaid') && [...document.querySelectorAll('div.mermaid')]"
        ".every(d => d.getBoundingClientRect().height > 0)",
        timeout=30_000,
    )


def wait_for_svg(page, count: int = 1) -> list:
    """Wait until `count` Mermaid maps on the page have rendered; return each map's node links."""
    page.wait_for_function(
        "n => [...document.querySelectorAll('div.mermaid')]"
        ".filter(d => d.shadowRoot && d.shadowRoot.querySelector('svg')).length >= n",
        arg=count,
        timeout=30_000,
    )
    return page.evaluate(SVG_LINKS)


def run_axe(page) -> list[dict]:
    """axe-core's violations on the current page (every rule axe runs by default)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({
                target: n.target, html: n.html.slice(0, 200), summary: n.failureSummary,
            })),
        }))"""
    )
