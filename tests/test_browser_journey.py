"""A reader in a real Chromium on the repository's own site, served from 127.0.0.1: follow the
argument by clicking, search, open the maps, switch to dark mode, and run axe-core on the main
kinds of page. Every test also fails on any request that leaves 127.0.0.1 and on any console
error. Screenshots of the pages visited go to tests/screenshots/ (git-ignored)."""

from __future__ import annotations

import json
import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest

from argkb.load import load_kb
from argkb.model import Claim, KnowledgeBase
from browser_support import (
    MAP_BOXES,
    SCREENSHOTS,
    Reader,
    reader_tab,
    run_axe,
    wait_for_drawn_maps,
    wait_for_svg,
)
from sitecheck import page as built_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def kb(served_repo_site) -> KnowledgeBase:
    return load_kb(served_repo_site.root)


@pytest.fixture
def reader(browser, served_repo_site):
    with reader_tab(browser, served_repo_site.url) as tab:
        yield tab


def _follow(reader: Reader, selector: str, path: str) -> None:
    """Click the first visible link matching `selector`, as a reader would, and land on `path`."""
    reader.page.locator(selector).filter(visible=True).first.click()
    reader.page.wait_for_url(lambda url: urlsplit(url).path == urlsplit(reader.base_url + path).path)
    reader.page.wait_for_load_state("networkidle")
    assert reader.path() == path


def _expect_heading(reader: Reader, text: str) -> None:
    """The page's title is `text` (waiting for instant navigation, which updates the URL first)."""
    from playwright.sync_api import expect

    heading = reader.page.locator("article h1").first
    expect(heading).to_have_text(re.compile(rf"^\s*{re.escape(text)}\s*¶?\s*$"))


def _journey(kb: KnowledgeBase) -> tuple[Claim, Claim, str, Claim]:
    """From the data: the thesis, a claim of its section citing a work that another claim cites too,
    that work, and the first other claim citing it in reading order (as its 'cited by' lists them)."""
    thesis = next(claim for claim in kb.claims if claim.kind == "thesis")
    section = next(s for s in kb.sections if s.id == thesis.section_id)
    citing: dict[str, list[Claim]] = {}
    for claim in kb.claims:
        for key in dict.fromkeys(cite.key for cite in claim.cites):
            citing.setdefault(key, []).append(claim)
    for claim in section.claims:
        for cite in claim.cites:
            others = [other for other in citing[cite.key] if other.id != claim.id]
            if others:
                return thesis, claim, cite.key, others[0]
    pytest.fail(f"no claim of section {section.id} cites a work another claim cites")


def test_reader_follows_the_argument_by_clicking(reader: Reader, kb: KnowledgeBase, served_repo_site) -> None:
    from playwright.sync_api import expect

    thesis, claim, key, other = _journey(kb)
    page, site = reader.page, served_repo_site.site

    reader.goto("")
    _expect_heading(reader, kb.paper.title)
    reader.screenshot("journey-1-home", full_page=True)

    _follow(reader, f"article a[href$='/claims/{thesis.id}/']", f"claims/{thesis.id}/")
    _expect_heading(reader, thesis.text)
    reader.screenshot("journey-2-thesis", full_page=True)

    section = next(s for s in kb.sections if s.id == thesis.section_id)
    _follow(reader, f"article a[href$='/sections/{section.id}/']", f"sections/{section.id}/")
    _expect_heading(reader, f"{section.number}. {section.title}")
    reader.screenshot("journey-3-section", full_page=True)

    _follow(reader, f"article a[href$='/claims/{claim.id}/']", f"claims/{claim.id}/")
    _expect_heading(reader, claim.text)
    reader.screenshot("journey-4-claim", full_page=True)

    _follow(reader, f"article a[href$='/references/{key}/']", f"references/{key}/")
    built = built_page(site, f"references/{key}/").select_one("article h1").get_text()
    _expect_heading(reader, built.replace("¶", "").strip())
    expect(page.locator("article h2#cited-by")).to_have_count(1)
    reader.screenshot("journey-5-reference", full_page=True)

    _follow(reader, f"article h2#cited-by ~ ul a[href$='/claims/{other.id}/']", f"claims/{other.id}/")
    _expect_heading(reader, other.text)
    # and the claim reached through "cited by" does cite the work
    expect(page.locator(f"article a[href$='/references/{key}/']").first).to_be_visible()
    reader.screenshot("journey-6-cited-by", full_page=True)
    reader.assert_clean()


WORD = re.compile(r"[a-z]+")


def _rare_quote_word(kb: KnowledgeBase) -> tuple[str, Claim]:
    """A long word quoted by exactly one claim and found in no other claim's text or quotes (nor
    any word sharing its first six letters, so that search stemming cannot bring in others)."""
    words_of = {claim.id: set(WORD.findall(" ".join([claim.text, *claim.quotes]).lower())) for claim in kb.claims}
    prefixes = Counter(prefix for words in words_of.values() for prefix in {w[:6] for w in words if len(w) >= 6})
    candidates = sorted(
        (
            (-len(word), word, claim.id)
            for claim in kb.claims
            for word in set(WORD.findall(" ".join(claim.quotes).lower()))
            if len(word) >= 9 and prefixes[word[:6]] == 1
        ),
    )
    assert candidates, "no word is quoted by one claim only"
    _, word, claim_id = candidates[0]
    return word, kb.claim_index()[claim_id]


def test_search_finds_a_claim_by_a_word_of_its_quote(reader: Reader, kb: KnowledgeBase) -> None:
    from playwright.sync_api import expect

    word, claim = _rare_quote_word(kb)
    page = reader.page
    reader.goto("")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(word, delay=20)
    result = page.locator(f"ol.md-search-result__list a[href*='/claims/{claim.id}/']").first
    result.wait_for(timeout=15_000)
    reader.screenshot("search-results")
    result.click()
    page.wait_for_url(lambda url: urlsplit(url).path.endswith(f"/claims/{claim.id}/"))
    page.wait_for_load_state("networkidle")
    assert reader.path() == f"claims/{claim.id}/", word
    _expect_heading(reader, claim.text)
    expect(page.locator("article blockquote").filter(has_text=re.compile(word, re.I))).not_to_have_count(0)
    reader.assert_clean()


def _built_links(site, path: str) -> list[list[str]]:
    """The node links of each map the built page at `path` holds, as written."""
    maps = built_page(site, path).select(".argkb-map svg")
    assert maps, f"{path or 'home'}: expected an argument map"
    return [[a["xlink:href"] for a in svg.find_all("a")] for svg in maps]


def _arrive(reader: Reader, path: str, heading: str) -> None:
    reader.page.wait_for_url(lambda url: urlsplit(url).path == urlsplit(reader.base_url + path).path)
    _expect_heading(reader, heading)  # instant navigation has swapped the page in


def test_every_argument_map_renders_and_its_boxes_open_their_pages(
    reader: Reader, kb: KnowledgeBase, served_repo_site
) -> None:
    """Home and every section: each map is drawn with exactly the click targets of its page, and a
    box clicked with the mouse opens its page: on home the first section's frame, on the last
    section a claim's box. In between the reader follows the footer's Next link. Every step is instant
    navigation (one full page load in all), and no page needs Mermaid."""
    page, claims = reader.page, kb.claim_index()
    titles = {f"sections/{s.id}/": f"{s.number}. {s.title}" for s in kb.sections}
    sections = list(titles)
    reader.goto("")
    for path in ["", *sections]:
        links = wait_for_svg(page)
        assert links == _built_links(served_repo_site.site, path), path
        reader.screenshot(f"map-{path.strip('/').replace('/', '-') or 'home'}")
        if path in ("", sections[-1]):
            wanted = "sections/" if path == "" else "claims/"
            flat = [href for hrefs in links for href in hrefs]
            index = next(i for i, href in enumerate(flat) if wanted in href)
            target = urlsplit(urljoin(reader.base_url + path, flat[index])).path.lstrip("/")
            page.locator(MAP_BOXES).nth(index).locator("text").first.click()  # where a reader clicks
            _arrive(reader, target, titles.get(target) or claims[target.strip("/").split("/")[-1]].text)
        else:
            page.locator("a.md-footer__link--next").click()
            following = sections[sections.index(path) + 1]
            _arrive(reader, following, titles[following])
    assert [url for url in reader.requests if url.endswith("/mermaid.min.js")] == []
    assert len(reader.documents) == 1, reader.documents  # a click on a box is instant navigation too
    reader.assert_clean()


SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"
TOGGLE = {"default": "Switch to dark mode", "slate": "Switch to light mode"}


def test_dark_mode_switches_and_persists(reader: Reader, kb: KnowledgeBase) -> None:
    page = reader.page
    reader.goto("")
    assert page.evaluate(SCHEME) == "default"
    page.locator("label[title='Switch to dark mode']").click()
    page.wait_for_function(f"({SCHEME})() === 'slate'")
    reader.screenshot("dark-home")

    section = kb.sections[0]
    _follow(reader, f"article a[href$='/sections/{section.id}/']", f"sections/{section.id}/")
    assert page.evaluate(SCHEME) == "slate"
    wait_for_svg(page)  # the map renders in the dark theme too
    reader.screenshot("dark-section")

    reader.goto("bibliography/")  # a full page load: the choice is stored, not kept in memory
    assert page.evaluate(SCHEME) == "slate"
    page.locator("label[title='Switch to light mode']").click()
    page.wait_for_function(f"({SCHEME})() === 'default'")
    reader.assert_clean()


def _axe_pages(kb: KnowledgeBase, site) -> dict[str, str]:
    thesis, claim, key, _ = _journey(kb)
    pages = {
        "home": "",
        "argument": "argument/",
        "section": f"sections/{thesis.section_id}/",
        "claim": f"claims/{claim.id}/",
        "thesis": f"claims/{thesis.id}/",
        "reference": f"references/{key}/",
        "bibliography": "bibliography/",
        "paper": "paper/",
        "concepts": "concepts/",
        "contribute": "contribute/",
    }
    if claim.concepts:
        pages["concept"] = f"concepts/{claim.concepts[0]}/"
    if (site / "audit" / "index.html").is_file():
        pages["audit"] = "audit/"
    return pages


def test_axe_finds_no_violation_on_any_kind_of_page(browser, served_repo_site, kb: KnowledgeBase) -> None:
    """axe-core 4.14.1 (vendored) on each kind of page, in the light palette and, after the reader
    flips the toggle, in the dark one; on the DOM a reader has: Material's diagram shadow roots
    stay closed. (Opened, axe reports the map's scroll box as scrollable-region-focusable: it does
    not count Mermaid's <a xlink:href> as focusable, though the browser puts every one in the tab
    order; test_keyboard_reaches_every_box_of_a_map checks that.) Any violation fails, whatever
    its impact; the full report goes to tests/screenshots/axe.json."""
    blocking: dict[str, list[str]] = {}
    report: dict[str, list[dict]] = {}
    pages = _axe_pages(kb, served_repo_site.site)
    with reader_tab(browser, served_repo_site.url, open_shadow_roots=False) as reader:
        page = reader.page
        for name, path in pages.items():
            reader.goto(path)
            wait_for_drawn_maps(page)  # audit the page as the reader sees it, maps included
            for _ in TOGGLE:  # the palette the page opens in (the last one chosen), then the other
                scheme = page.evaluate(SCHEME)
                violations = run_axe(page)
                report[f"{path or '/'} ({scheme})"] = violations
                blocking[f"{path or '/'} ({scheme})"] = [
                    f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} node(s), e.g. "
                    f"{v['nodes'][0]['target']}: {v['nodes'][0]['summary']}"
                    for v in violations
                ]
                reader.screenshot(f"axe-{name}-{scheme}")
                page.locator(f"label[title='{TOGGLE[scheme]}']").click()
                page.wait_for_function(f"({SCHEME})() !== '{scheme}'")
        reader.assert_clean()
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "axe.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    assert len(report) == 2 * len(pages)  # every page in both palettes
    assert {page: found for page, found in blocking.items() if found} == {}


def test_keyboard_reaches_every_box_of_a_map(reader: Reader, kb: KnowledgeBase) -> None:
    """Tab walks from a map's view through its boxes (links inside the diagram), each one once."""
    page = reader.page
    section = max(kb.sections, key=lambda s: len(s.claims))
    reader.goto(f"sections/{section.id}/")
    links = wait_for_svg(page)[0]
    page.locator(".argkb-map__viewport").first.focus()  # the zoomable view, just before its boxes
    focused = []
    for _ in range(len(links) + 1):
        page.keyboard.press("Tab")
        href = page.evaluate(
            "() => { const a = document.activeElement;"
            " return a && a.closest('.argkb-map') ? a.getAttribute('xlink:href') : null; }"
        )
        if href:
            focused.append(href)
        elif focused:
            break  # left the map
    assert focused == links
    reader.assert_clean()
