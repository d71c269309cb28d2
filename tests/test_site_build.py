"""Build real sites with `mkdocs build --strict` (the fixture KB and the repository) and read the HTML."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from argkb.load import load_kb
from argkb.plugin import PRUNE_NAV_PAST
from sitecheck import (
    anchor_ids,
    article,
    build,
    claim_problems,
    foreign_resources,
    page,
    parts,
    reference_problems,
    tree_bytes,
)

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "valid"

pytestmark = pytest.mark.slow
HOSTILE = (
    '<script>alert(1)</script> <img src=x onerror=alert(2)> [go](javascript:alert(3)) [@libicki2007conquest] "]; %%'
)


# fixture_site and repo_site: built once per session (conftest.py), shared with other test modules


def test_fixture_claims_and_relations(fixture_site: Path) -> None:
    assert claim_problems(fixture_site, load_kb(FIXTURE)) == []


def test_fixture_references_and_bibliography(fixture_site: Path) -> None:
    assert reference_problems(fixture_site, load_kb(FIXTURE)) == []


def test_fixture_final_thoughts_anchors(fixture_site: Path) -> None:
    assert "s1-final-thoughts" in anchor_ids(fixture_site, "sections/intro/")
    assert "s2-final-thoughts" in anchor_ids(fixture_site, "sections/trust-section/")
    paper = anchor_ids(fixture_site, "paper/")
    assert {"s1-final-thoughts", "s2-final-thoughts", "p1-1", "p1-2", "p2-1"} <= set(paper)


def test_fixture_claim_page(fixture_site: Path) -> None:
    soup = page(fixture_site, "claims/trust-is-scarce/")
    content = article(soup)
    # the title, a whole sentence, in argkb.css's smaller claim-title size
    assert [h.get_text(strip=True) for h in content.select("h1.argkb-claim-title")] == [
        "Trust between rivals is scarce.¶"
    ]
    # each work once under Sources, in full as mkdocs-bibtex formats it, with the locator; no footnotes
    assert content.select("div.footnote") == []
    sources = content.select("div.argkb-sources > ul > li")
    assert len(sources) == 2 and "Morgenthau (1948), p. 12" in sources[1].get_text()
    assert "Politics Among Nations: The Struggle for Power and Peace" in sources[1].get_text()
    # the concepts once, as tags linking to the concept pages (Material's own tag chips are not used)
    assert content.select("nav.md-tags") == []
    assert [(a.get_text(), a["href"]) for a in content.select("a.md-tag")] == [("Trust", "../../concepts/trust/")]
    # one edit control: the theme's
    edits = [a["href"] for a in soup.select("a[href*='/edit/']")]
    assert edits == ["https://github.com/argkb/argkb/edit/main/claims/02-trust.yaml"]
    quote = content.select_one("blockquote a")
    assert (quote["href"], quote.get_text()) == ("../../paper/#p2-1", "§2, paragraph 1")
    assert content.select_one("a.argkb-pager__prev")["href"] == "../power-matters/"


def test_fixture_nav_holds_only_sections_and_indexes(fixture_site: Path) -> None:
    nav = page(fixture_site, "").select("nav.md-nav--primary a.md-nav__link[href]")
    targets = {a["href"] for a in nav}
    assert not [t for t in targets if "claims/" in t or "references/" in t]


def test_a_long_nav_is_pruned_and_a_short_one_is_not(tmp_path: Path, fixture_site: Path) -> None:
    """Past PRUNE_NAV_PAST entries each page carries only its own part of the nav; below, the
    sections list is in every page (the reader opens it in place)."""
    sections_in_nav = {"../../sections/intro/", "../../sections/trust-section/"}
    claim_nav = page(fixture_site, "claims/main-thesis/").select("nav.md-nav--primary a.md-nav__link[href]")
    assert sections_in_nav <= {a["href"] for a in claim_nav}
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("site"))
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    links = "".join(f"      - Link {n}: https://example.org/{n}\n" for n in range(PRUNE_NAV_PAST))
    config = config.replace("  - Contribute: contribute.md\n", "  - Contribute: contribute.md\n  - More:\n" + links)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    pruned = page(tmp_path / "site", "claims/main-thesis/").select("nav.md-nav--primary a.md-nav__link[href]")
    hrefs = {a["href"] for a in pruned}
    assert "../../sections/trust-section/" not in hrefs and "https://example.org/3" not in hrefs
    assert "../../sections/intro/" in hrefs  # "Sections" is now a link to its first page
    own = page(tmp_path / "site", "sections/trust-section/").select("nav.md-nav--primary a.md-nav__link[href]")
    assert "../intro/" in {a["href"] for a in own}  # a section page still lists its siblings


def _map_links(soup) -> list[list[str]]:
    return [[a["xlink:href"] for a in svg.find_all("a")] for svg in soup.select(".argkb-map svg")]


def test_fixture_maps(fixture_site: Path) -> None:
    """Maps are inline SVG laid out at build time (Graphviz): boxes link to their pages, a list
    spells the map out, and no page carries a Mermaid fence."""
    section = article(page(fixture_site, "sections/trust-section/"))
    assert _map_links(section) == [
        ["../../claims/trust-is-scarce/", "../../claims/trust-can-grow/", "../../claims/main-thesis/", "../intro/"]
    ]
    alternative = section.select_one("details")
    assert len(alternative.select("li")) == 4
    home = _map_links(page(fixture_site, ""))
    assert len(home) == 1 and "claims/main-thesis/" in home[0]  # the thesis, with its reasons below
    # a claim's own map: its box is not a link (it is this page); its neighbours' are
    assert _map_links(page(fixture_site, "claims/main-thesis/")) == [
        ["../power-matters/", "../trust-is-scarce/", "../trust-can-grow/"]  # reasons, and their reasons
    ]
    for path in ("", "sections/trust-section/", "claims/main-thesis/", "references/libicki2007conquest/"):
        assert page(fixture_site, path).select_one("pre.mermaid") is None, path


def test_maps_are_put_in_after_markdown(fixture_site: Path) -> None:
    """Maps skip Markdown and the search index: every page has its SVG whole, no placeholder is
    left, and the index holds none of the maps' markup."""
    for path in sorted(fixture_site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        assert "argkb-svg:" not in html, path
        for svg in re.findall(r'<div class="argkb-map" data-argkb-map="">(.*?)</div>', html, re.S):
            assert svg.startswith("<svg") and svg.endswith("</svg>"), path
    index = (fixture_site / "search" / "search_index.json").read_text(encoding="utf-8")
    # a box's label lines, run together as an indexer reading the SVG's text would have them
    lines = [t.get_text() for t in page(fixture_site, "sections/trust-section/").select(".argkb-map svg text")]
    assert len(lines) >= 2 and lines[0] + lines[1] not in index
    assert "Trust between rivals is scarce." in index  # the page's own text is indexed


def test_search_indexes_a_claim_once_not_in_every_map_list(fixture_site: Path) -> None:
    """A claim's text is in the index where it is the page's own (its page, its section's list,
    backlinks), not again in each neighbour's "map as a list" or previous/next links."""
    claim = page(fixture_site, "claims/trust-is-scarce/")
    assert claim.select_one("details[data-search-exclude]") and claim.select_one(".argkb-pager[data-search-exclude]")
    docs = json.loads((fixture_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    listed = [d for d in docs if "argkb-map" in d["location"] or d["location"].endswith("#argkb-map")]
    assert listed and all(" supports " not in d["text"] for d in listed)
    own = [d["title"] + " " + d["text"] for d in docs if d["location"].startswith("claims/trust-is-scarce/")]
    assert any("Trust between rivals is scarce." in text for text in own)


def test_fixture_requests_no_other_host(fixture_site: Path) -> None:
    assert foreign_resources(fixture_site) == []
    assert (fixture_site / "assets/argkb/vendor/mermaid/mermaid.min.js").stat().st_size > 1_000_000
    loader = page(fixture_site, "").select('script[src$="assets/argkb/mermaid-loader.js"]')
    assert len(loader) == 1


def test_two_builds_are_byte_identical(tmp_path: Path, fixture_site: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    result = build(root, tmp_path / "again")
    assert result.returncode == 0, result.stderr[-3000:]
    first, second = tree_bytes(fixture_site), tree_bytes(tmp_path / "again")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_bad_claim_fails_the_strict_build(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    section = root / "claims" / "02-trust.yaml"
    section.write_text(section.read_text().replace("opposes: [power-matters]", "opposes: [no-such-claim]"))
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    assert re.search(r"claims/02-trust\.yaml:\d+:\d+: error \[", result.stderr), result.stderr[-2000:]


def test_hostile_claim_is_inert_in_the_built_site(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    section = root / "claims" / "02-trust.yaml"
    data = yaml.safe_load(section.read_text())
    claim = data["subsections"][0]["claims"][1]
    assert claim["id"] == "trust-can-grow"
    claim["text"] = HOSTILE
    claim["note"] = (
        "<iframe src='https://evil.example/'></iframe> [x](javascript:alert(4)) <a href=x onclick=alert(6)>y</a>"
    )
    section.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    concepts = root / "claims" / "concepts.yaml"
    concepts.write_text(concepts.read_text().replace("name: Trust", 'name: "Trust <script>alert(5)</script>"'))
    # the checks refuse such text, so --strict fails; the renderer must be safe all the same
    site = tmp_path / "site"
    assert build(root, site).returncode != 0
    result = build(root, site, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert foreign_resources(site) == []
    for file in site.rglob("*.html"):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":  # data, never run; it must stay one JSON value
                json.loads(script.get_text())
                continue
            assert "alert" not in script.get_text(), file
        for tag in soup.find_all(True):
            assert not [k for k in tag.attrs if k.lower().startswith("on")], (file, str(tag)[:200])
            for attribute in ("href", "src"):
                value = str(tag.get(attribute, "")).strip().lower()
                assert not value.startswith(("javascript:", "data:")), (file, str(tag)[:200])
        assert not soup.find_all(["img", "iframe"], src=re.compile("^(x|https://evil)")), file
    page_soup = page(site, "claims/trust-can-grow/")
    claim_html = article(page_soup)
    assert "<script>alert(1)</script>" in claim_html.select_one("h1").get_text()  # shown as text
    assert claim_html.select("div.footnote") == []  # [@key] in the text is not a citation
    assert page_soup.title.get_text().startswith("<script>alert(1)</script>")
    assert "[x](javascript:alert(4))" in claim_html.get_text()
    for svg in article(page(site, "sections/trust-section/")).select(".argkb-map svg"):
        assert not svg.find_all(["script", "foreignObject", "style", "iframe", "img"])
        assert all(re.match(r"^(\.\./)*[a-z0-9/-]*(#[a-z0-9-]+)?$", a["xlink:href"]) for a in svg.find_all("a"))


def test_repo_site(repo_site: Path) -> None:
    kb = load_kb(REPO)
    assert claim_problems(repo_site, kb) == []
    assert reference_problems(repo_site, kb) == []
    assert foreign_resources(repo_site) == []


def test_repo_final_thoughts_anchors(repo_site: Path) -> None:
    kb = load_kb(REPO)
    finals = [(s.id, sub.id) for s in kb.sections for sub in s.subsections if sub.title.lower() == "final thoughts"]
    assert len(finals) == 2 and finals[0][1] != finals[1][1]
    for section_id, sub_id in finals:
        assert any(sub_id in anchor_ids(repo_site, part) for part in parts(repo_site, f"sections/{section_id}/"))
        assert any(sub_id in anchor_ids(repo_site, part) for part in parts(repo_site, "paper/"))


THEME_SCRIPT_SOURCES = re.compile(
    r"^(\.\./)*(assets/javascripts/bundle\.[0-9a-f]+\.min\.js"
    r"|assets/argkb/(mermaid-loader|map-view|vendor/panzoom/panzoom\.min)\.js)$"
)
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def _normalised(script_text: str) -> str:
    # the theme's inline scripts differ between pages only by the relative path to the site root
    return re.sub(r'"(\.\./)*\.?\.?/?"', '"ROOT"', script_text)


def test_repo_site_runs_only_the_theme_and_bundled_scripts(repo_site: Path) -> None:
    """Every script is the theme's or our own (Mermaid loader, map view and its bundled Panzoom); no
    element carries an event handler."""
    theme_inline: set[str] | None = None
    for file in repo_site.rglob("*.html"):
        if file.name == "404.html":  # rendered with absolute URLs; same scripts, other paths
            continue
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        inline = set()
        for script in soup.find_all("script"):
            if script.get("src"):
                assert THEME_SCRIPT_SOURCES.match(script["src"]), (file, script["src"])
            elif script.get("type") not in DATA_SCRIPT_TYPES:
                inline.add(_normalised(script.get_text()))
        theme_inline = inline if theme_inline is None else theme_inline
        assert inline == theme_inline, file  # no page runs a script the others don't
        for tag in soup.find_all(True):
            handlers = [name for name in tag.attrs if name.lower().startswith("on")]
            assert handlers == [], (file, str(tag)[:200])
    assert theme_inline and len(theme_inline) <= 3
