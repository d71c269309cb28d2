"""A real Chromium over the fixture site built as where Graphviz is missing (`maps: mermaid`):
maps then render from the bundled Mermaid, lazily, and no request leaves the site. The Graphviz
maps every other build has are tested in test_browser_map_view.py."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser_support import reader_tab, serve, wait_for_svg
from sitecheck import build

REPO = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def site_url(tmp_path_factory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser") / "kb"
    shutil.copytree(REPO / "tests" / "fixtures" / "valid", root)
    site = root.parent / "site"
    with serve(site) as url:
        # instant navigation finds the site's pages through sitemap.xml, written from site_url
        config = root / "mkdocs.yml"
        text = config.read_text().replace("  - argkb\n", "  - argkb:\n      maps: mermaid\n", 1)
        assert "maps: mermaid" in text
        config.write_text(f"site_url: {url}\n" + text)
        result = build(root, site)
        assert result.returncode == 0, result.stderr[-3000:]
        yield url


@pytest.fixture
def browser_page(browser, site_url: str):
    with reader_tab(browser, site_url) as reader:
        page = reader.page
        page.requests = reader.requests  # type: ignore[attr-defined]
        page.errors = reader.errors  # type: ignore[attr-defined]
        yield page
        assert reader.foreign == []


def test_section_map_renders_from_the_site_itself(browser_page, site_url: str) -> None:
    page = browser_page
    page.goto(site_url + "sections/trust-section/", wait_until="networkidle")
    links = wait_for_svg(page)
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
    for path in ("references/libicki2007conquest/", "bibliography/", "paper/"):
        page.goto(site_url + path, wait_until="networkidle")
    assert [u for u in page.requests if "mermaid.min.js" in u] == []
    assert page.evaluate("() => typeof mermaid.render") == "function"  # the stub, ready for a map
    assert [u for u in page.requests if not u.startswith(site_url)] == []
    assert page.errors == []


def test_instant_navigation_to_a_map_loads_mermaid_once(browser_page, site_url: str) -> None:
    page = browser_page
    page.goto(site_url + "references/libicki2007conquest/", wait_until="networkidle")
    page.evaluate("() => { window.__same_document = true; }")
    page.click("article a[href$='sections/trust-section/']")
    page.wait_for_url("**/sections/trust-section/")
    links = wait_for_svg(page)
    assert page.evaluate("() => window.__same_document === true")  # Material swapped the page in place
    assert len(links[0]) == 4
    page.click("nav.md-nav--primary a[href$='sections/intro/']")
    page.wait_for_url("**/sections/intro/")
    wait_for_svg(page)
    assert len([u for u in page.requests if u.endswith("mermaid.min.js")]) == 1
    assert [u for u in page.requests if not u.startswith(site_url)] == []
    assert page.errors == []


def test_a_map_node_opens_its_claim(browser_page, site_url: str) -> None:
    page = browser_page
    page.goto(site_url + "sections/trust-section/", wait_until="networkidle")
    wait_for_svg(page)
    page.evaluate(
        "() => document.querySelector('div.mermaid').shadowRoot.querySelector('a').dispatchEvent("
        "new MouseEvent('click', {bubbles: true, composed: true}))"
    )
    page.wait_for_url("**/claims/trust-is-scarce/")
    assert "Trust between rivals is scarce" in page.title()
