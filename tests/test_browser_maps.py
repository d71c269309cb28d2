"""A real Chromium over the built fixture site: maps render from the bundled Mermaid, lazily,
and no request leaves the site."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitecheck import build

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Material renders each diagram into a closed shadow root; open it so the test can look inside
OPEN_SHADOW_ROOTS = (
    "const attach = Element.prototype.attachShadow;"
    "Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: 'open'}); };"
)
SVG_LINKS = """() => [...document.querySelectorAll('div.mermaid')].map(d => {
  const svg = d.shadowRoot && d.shadowRoot.querySelector('svg');
  if (!svg) return null;
  return [...svg.querySelectorAll('a')].map(a => a.getAttribute('xlink:href') || a.getAttribute('href'));
})"""

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _playwright():
    if not Path(CHROMIUM).exists():
        if os.environ.get("ARGKB_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    return sync_playwright()


@pytest.fixture(scope="module")
def site_url(tmp_path_factory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser") / "kb"
    shutil.copytree(REPO / "tests" / "fixtures" / "valid", root)
    site = root.parent / "site"
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site))
    )
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    # instant navigation finds the site's pages through sitemap.xml, written from site_url
    config = root / "mkdocs.yml"
    config.write_text(f"site_url: {url}\n" + config.read_text())
    result = build(root, site)
    assert result.returncode == 0, result.stderr[-3000:]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def browser_page(site_url: str):
    with _playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.add_init_script(OPEN_SHADOW_ROOTS)
        page.requests = []  # type: ignore[attr-defined]
        page.errors = []  # type: ignore[attr-defined]
        page.on("request", lambda request: page.requests.append(request.url))  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: page.errors.append(str(error)))  # type: ignore[attr-defined]
        try:
            yield page
        finally:
            browser.close()


def _wait_for_svg(page) -> list:
    page.wait_for_function(
        "() => [...document.querySelectorAll('div.mermaid')]"
        ".some(d => d.shadowRoot && d.shadowRoot.querySelector('svg'))",
        timeout=30_000,
    )
    return page.evaluate(SVG_LINKS)


def test_section_map_renders_from_the_site_itself(browser_page, site_url: str) -> None:
    page = browser_page
    page.goto(site_url + "sections/trust-section/", wait_until="networkidle")
    links = _wait_for_svg(page)
    # the section's two claims, the thesis, and section 1 (standing for the claim it holds)
    assert links == [
        [
            "../../claims/trust-is-scarce/",
            "../../claims/trust-can-grow/",
            "../../claims/main-thesis/",
            "../intro/",
        ]
    ]
    assert page.evaluate("() => mermaid.mermaidAPI.getConfig().securityLevel") == "strict"
    assert [u for u in page.requests if u.endswith("mermaid.min.js")] == [
        site_url + "assets/argkb/vendor/mermaid/mermaid.min.js"
    ]
    assert [u for u in page.requests if not u.startswith(site_url)] == []
    assert page.errors == []


def test_pages_without_a_map_do_not_load_mermaid(browser_page, site_url: str) -> None:
    page = browser_page
    for path in ("claims/trust-is-scarce/", "references/libicki2007conquest/", "bibliography/", "paper/"):
        page.goto(site_url + path, wait_until="networkidle")
    assert [u for u in page.requests if "mermaid.min.js" in u] == []
    assert page.evaluate("() => typeof mermaid.render") == "function"  # the stub, ready for a map
    assert [u for u in page.requests if not u.startswith(site_url)] == []
    assert page.errors == []


def test_instant_navigation_to_a_map_loads_mermaid_once(browser_page, site_url: str) -> None:
    page = browser_page
    page.goto(site_url + "claims/trust-is-scarce/", wait_until="networkidle")
    page.evaluate("() => { window.__same_document = true; }")
    page.click("article a[href$='sections/trust-section/']")
    links = _wait_for_svg(page)
    assert page.evaluate("() => window.__same_document === true")  # Material swapped the page in place
    assert len(links[0]) == 4
    page.click("nav.md-nav--primary a[href$='sections/intro/']")
    page.wait_for_url("**/sections/intro/")
    _wait_for_svg(page)
    assert len([u for u in page.requests if u.endswith("mermaid.min.js")]) == 1
    assert [u for u in page.requests if not u.startswith(site_url)] == []
    assert page.errors == []


def test_a_map_node_opens_its_claim(browser_page, site_url: str) -> None:
    page = browser_page
    page.goto(site_url + "sections/trust-section/", wait_until="networkidle")
    _wait_for_svg(page)
    page.evaluate(
        "() => document.querySelector('div.mermaid').shadowRoot.querySelector('a').dispatchEvent("
        "new MouseEvent('click', {bubbles: true, composed: true}))"
    )
    page.wait_for_url("**/claims/trust-is-scarce/")
    assert "Trust between rivals is scarce" in page.title()
