"""A reader in a real Chromium, at a desktop (1280x800) and a phone (390x844) size, on the pages of
issue 13: the thesis tree opens and closes without script and fits the phone; an unverified work
shows its badge on a claim page that cites it, and the badge leads to the evidence; axe-core finds
nothing on the tree fully opened, a claim with badges and flags, and the concepts index."""

from __future__ import annotations

import pytest

from argkb.load import load_kb
from argkb.model import KnowledgeBase
from browser_support import Reader, reader_tab, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture(scope="module")
def kb(served_repo_site) -> KnowledgeBase:
    return load_kb(served_repo_site.root)


@pytest.fixture(params=sorted(SIZES))
def reader(request, browser, served_repo_site):
    with reader_tab(browser, served_repo_site.url) as tab:
        tab.page.set_viewport_size(SIZES[request.param])
        yield tab


def _unverified_citing_claim(kb: KnowledgeBase) -> tuple[str, str]:
    """(claim id, key) of the first claim, in reading order, citing a work public records do not show."""
    unverified = {v.key for v in kb.verifications if v.status == "unverified"}
    for claim in kb.claims:
        for cite in claim.cites:
            if cite.key in unverified:
                return claim.id, cite.key
    pytest.fail("no claim cites an unverified work")


def test_thesis_tree_opens_and_closes(reader: Reader, kb: KnowledgeBase) -> None:
    from playwright.sync_api import expect

    page = reader.page
    reader.goto("argument/")
    thesis = next(c for c in kb.claims if c.kind == "thesis")
    root = f"li#tree-{thesis.id} > details"
    expect(page.locator(root)).to_have_attribute("open", "")
    branch = page.locator(f"{root} > ul > li > details").first  # the first reason with reasons of its own
    beneath = page.locator(f"{root} > ul > li > details > ul").first
    summary = page.locator(f"{root} > ul > li > details > summary").first
    assert branch.get_attribute("open") is None
    expect(beneath).to_be_hidden()
    expect(summary).to_contain_text("reason")  # what lies beneath, counted while closed
    summary.click()
    expect(beneath).to_be_visible()
    summary.click()
    expect(beneath).to_be_hidden()
    assert page.evaluate(FITS), "the tree is wider than the window"
    reader.screenshot(f"tree-{page.viewport_size['width']}")
    reader.assert_clean()


def test_see_above_opens_the_branch_it_points_to(reader: Reader) -> None:
    """A claim shown in full elsewhere is a link; following it reveals the full branch, even
    when that branch sits inside closed ones (the browser opens <details> around a fragment)."""
    page = reader.page
    reader.goto("argument/")
    # a link whose full branch is hidden in a closed one; the reader opens the branches down to it
    target = page.evaluate(
        """() => {
        const ancestors = e => { const found = [];
            for (let d = e.parentElement.closest('details'); d; d = d.parentElement.closest('details')) found.push(d);
            return found; };
        const hidden = a => { const t = document.getElementById(new URL(a.href).hash.slice(1));
            const mine = ancestors(a);
            return t && ancestors(t).some(d => !d.open && !mine.includes(d)); };
        const link = [...document.querySelectorAll('a.argkb-tree-see')].find(hidden);
        for (let d = link.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
        return new URL(link.href).hash;
    }"""
    )
    full = page.locator(f"li{target}")
    assert not full.is_visible()
    link = page.locator(f"a.argkb-tree-see[href$='{target}']").filter(visible=True).first
    link.click()
    page.wait_for_function("id => location.hash === id", arg=target)
    full.wait_for(state="visible")
    assert full.bounding_box() is not None
    reader.assert_clean()


def test_an_unverified_work_shows_its_badge_on_a_claim_citing_it(reader: Reader, kb: KnowledgeBase) -> None:
    from playwright.sync_api import expect

    claim_id, key = _unverified_citing_claim(kb)
    page = reader.page
    reader.goto(f"claims/{claim_id}/")
    source = page.locator("div.argkb-sources > ul > li").filter(has=page.locator(f"a[href$='references/{key}/']"))
    badge = source.locator("a.argkb-status--unverified")
    expect(badge).to_be_visible()
    expect(badge).to_have_text("unverified")
    assert page.evaluate(FITS)
    badge.click()
    page.wait_for_url(f"**/audit*/#verification-{key}")  # the audit may be in parts (audit--2/, …)
    # where the link leads, as a full load shows it: after instant navigation on a phone, Material
    # sometimes restores the previous scroll offset instead of the anchor's (any page's anchors)
    landed = page.url
    page.goto("about:blank")
    page.goto(landed)
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.top < innerHeight; }",
        arg=f"verification-{key}",
    )
    evidence = page.locator(f"#verification-{key}")
    expect(evidence.locator(".argkb-status")).to_have_text("unverified")
    reader.assert_clean()


def test_axe_finds_nothing_on_the_new_reading_pages(browser, served_repo_site, kb: KnowledgeBase) -> None:
    claim_id, _ = _unverified_citing_claim(kb)
    flagged = next(c.id for c in kb.claims if c.events and c.cites)
    found: dict[str, list[str]] = {}
    with reader_tab(browser, served_repo_site.url, open_shadow_roots=False) as reader:
        for size in SIZES.values():
            reader.page.set_viewport_size(size)
            for path in ("argument/", f"claims/{claim_id}/", f"claims/{flagged}/", "concepts/", "paper/"):
                reader.goto(path)
                reader.page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
                found[f"{path} at {size['width']}"] = [
                    f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in run_axe(reader.page)
                ]
        reader.assert_clean()
    assert {page: violations for page, violations in found.items() if violations} == {}
