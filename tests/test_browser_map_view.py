"""A real Chromium on the repository's own site: every argument map (drawn by Graphviz at build
time) is whole on screen when its page opens, at 1280 px and on a 390 px phone, its labels are
at least 11 px on the desktop, it zooms and pans from the keyboard, and a click on a box opens
the box's page by instant navigation (no full reload). Screenshots go to tests/screenshots/."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

from argkb.load import load_kb
from browser_support import reader_tab
from sitecheck import page as built_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SMALLEST_LABEL = 11.0  # CSS px, on the desktop, with the map as it opens

# per map: is the SVG inside its view, and how large is its smallest label as drawn
GEOMETRY = """() => [...document.querySelectorAll('.argkb-map')].map(m => {
  const svg = m.querySelector('svg'), view = m.querySelector('.argkb-map__viewport') || m;
  const s = svg.getBoundingClientRect(), v = view.getBoundingClientRect();
  const scale = s.width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('.node text')].map(t => parseFloat(t.getAttribute('font-size')) * scale);
  return {inside: s.left >= v.left - 1 && s.right <= v.right + 1 && s.top >= v.top - 1 && s.bottom <= v.bottom + 1,
          width: s.width, view: v.width, smallest: Math.min(...sizes), labels: sizes.length};
})"""


def _widest_claim_pages(site, kb, count: int = 3) -> list[str]:
    """The claim pages whose maps are widest (as laid out at build time): the hardest to fit."""
    widths = []
    for claim in kb.claims:
        svg = built_page(site, f"claims/{claim.id}/").select_one(".argkb-map svg")
        if svg is not None:
            widths.append((float(svg["width"]), f"claims/{claim.id}/"))
    return [path for _, path in sorted(widths, reverse=True)[:count]]


@pytest.fixture(scope="module")
def map_pages(served_repo_site) -> list[str]:
    kb = load_kb(served_repo_site.root)
    thesis = next(c for c in kb.claims if c.kind == "thesis")
    claims = dict.fromkeys([f"claims/{thesis.id}/", *_widest_claim_pages(served_repo_site.site, kb)])
    return ["", *(f"sections/{s.id}/" for s in kb.sections), *claims]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_every_map_is_whole_on_open_and_readable(browser, served_repo_site, map_pages, viewport) -> None:
    with reader_tab(browser, served_repo_site.url) as reader:
        reader.page.set_viewport_size(viewport)
        problems = []
        for path in map_pages:
            reader.goto(path)
            maps = reader.page.evaluate(GEOMETRY)
            assert maps, f"{path or 'home'}: no map"
            for n, found in enumerate(maps):
                where = f"{path or 'home'} map {n + 1}"
                if not found["inside"]:
                    problems.append(f"{where}: {found['width']:.0f} px wide in a {found['view']:.0f} px view")
                if viewport is DESKTOP and found["smallest"] < SMALLEST_LABEL:
                    problems.append(f"{where}: labels {found['smallest']:.1f} px")
                assert found["labels"] > 0, where
            if path in map_pages[:3] or path == map_pages[-1]:
                reader.page.locator(".argkb-map").first.scroll_into_view_if_needed()
                name = path.strip("/").replace("/", "-") or "home"
                reader.screenshot(f"maps-{name}-{viewport['width']}")
        assert problems == []
        assert "mermaid.min.js" not in " ".join(reader.requests)  # the maps need no Mermaid
        assert reader.errors == []
        reader.assert_clean()


def test_a_map_zooms_and_pans_from_the_keyboard(browser, served_repo_site, map_pages) -> None:
    with reader_tab(browser, served_repo_site.url) as reader:
        page = reader.page
        reader.goto(map_pages[1])
        view = page.locator(".argkb-map__viewport").first
        canvas = view.locator(".argkb-map__canvas")
        view.focus()

        def transform() -> tuple[float, float, float]:
            matrix = canvas.evaluate("c => new DOMMatrix(getComputedStyle(c).transform)")
            return matrix["a"], matrix["e"], matrix["f"]

        assert transform() == (1, 0, 0)
        page.keyboard.press("+")
        page.wait_for_function("c => new DOMMatrix(getComputedStyle(c).transform).a > 1.2", arg=canvas.element_handle())
        zoomed = transform()
        page.keyboard.press("ArrowLeft")
        page.wait_for_function(
            "([c, x]) => new DOMMatrix(getComputedStyle(c).transform).e !== x", arg=[canvas.element_handle(), zoomed[1]]
        )
        page.keyboard.press("0")
        page.wait_for_function("c => new DOMMatrix(getComputedStyle(c).transform).a === 1", arg=canvas.element_handle())
        # the toolbar: full screen and back
        figure = page.locator(".argkb-map").first
        figure.get_by_role("button", name="Full screen").click()
        page.wait_for_function(
            "f => document.fullscreenElement === f || f.classList.contains('argkb-map--full')",
            arg=figure.element_handle(),
        )
        reader.assert_clean()


def test_a_box_opens_its_page_without_a_reload(browser, served_repo_site, map_pages) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with reader_tab(browser, served_repo_site.url) as reader:
        page = reader.page
        section = map_pages[1]
        reader.goto(section)
        page.evaluate("() => { window.__argkb_same_document = true; }")
        boxes = page.locator(".argkb-map svg a")
        hrefs = boxes.evaluate_all("links => links.map(a => a.getAttribute('xlink:href'))")
        number = next(n for n, href in enumerate(hrefs) if "claims/" in href)
        box, href = boxes.nth(number), hrefs[number]
        target = urlsplit(urljoin(reader.base_url + section, href)).path
        box.click()
        page.wait_for_url(lambda url: urlsplit(url).path == target)
        page.wait_for_function("t => document.querySelector('article h1') && location.pathname === t", arg=target)
        assert page.evaluate("() => window.__argkb_same_document === true"), "the click reloaded the page"
        assert len(reader.documents) == 1, reader.documents
        # the new page's map is live too: keyboard Enter on a box navigates in place as well (once
        # map-view.js has enhanced the swapped-in page: on a loaded machine that comes a little later)
        page.wait_for_selector(".argkb-map [role='region']")
        before = page.url
        # on a loaded machine Material may still be settling the swapped-in page and drop the first
        # key press (seen once in CI): press again, a few times at most; a box that never navigates fails
        for attempt in range(3):
            page.locator(".argkb-map svg a").first.press("Enter")
            try:
                page.wait_for_url(lambda url: url != before, timeout=10_000)
                break
            except PlaywrightTimeout:
                if attempt == 2:
                    raise
        assert page.evaluate("() => window.__argkb_same_document === true")
        assert re.search(r"/(claims|sections)/", page.url)
        reader.assert_clean()
