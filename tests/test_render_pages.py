"""The pure renderer: KnowledgeBase -> {path: Markdown}, checked without MkDocs."""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from mkdocs_bibtex.citation import Citation, CitationBlock
from mkdocs_bibtex.registry import SimpleRegistry

from argkb.load import load_kb
from argkb.render import RenderOptions, render_site, source_files
from argkb.render.bibliography import formatted_reference, reference_texts
from argkb.render.paths import doc_link, is_index_page, page_url, url_link

FIXTURE = Path(__file__).parent / "fixtures" / "valid"
HOSTILE_TEXT = (
    '<script>alert(1)</script> <img src=x onerror=alert(2)> [go](javascript:alert(3)) [@libicki2007conquest] "]; %%'
)


@pytest.fixture
def kb():
    return load_kb(FIXTURE)


@pytest.fixture
def options() -> RenderOptions:
    return RenderOptions(
        edit_url_base="https://github.com/argkb/argkb/edit/main/",
        bibtex=(FIXTURE / "references.bib").read_text(encoding="utf-8"),
    )


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def body(text: str) -> str:
    return text.split("---\n", 2)[2]


def as_html(text: str) -> BeautifulSoup:
    md = markdown.Markdown(extensions=["attr_list", "footnotes", "md_in_html", "tables", "admonition", "toc"])
    return BeautifulSoup(md.convert(body(text)), "html.parser")


def test_every_page_is_there(kb, options) -> None:
    pages = render_site(kb, options)
    claims = {f"claims/{c.id}.md" for c in kb.claims}
    references = {f"references/{r.key}.md" for r in kb.references}
    concepts = {f"concepts/{c.id}.md" for c in kb.concepts}
    sections = {f"sections/{s.id}.md" for s in kb.sections}
    fixed = {"index.md", "argument.md", "paper.md", "bibliography.md", "audit.md", "concepts/index.md"}
    assert set(pages) == claims | references | concepts | sections | fixed
    assert list(pages) == sorted(pages)
    for path, text in pages.items():
        assert front_matter(text)["title"], path
        assert text.endswith("\n") and not text.endswith("\n\n"), path


def _relation_groups(text: str) -> dict[str, set[str]]:
    """h3 heading text -> the claim pages its list links to."""
    soup = as_html(text)
    groups = {}
    for heading in soup.find_all("h3"):
        items = heading.find_next_sibling("ul")
        groups[heading.get_text(" ", strip=True)] = {a["href"] for a in items.find_all("a")}
    return groups


def test_a_symmetric_relation_is_one_group_on_both_pages(kb, options) -> None:
    claims = kb.claim_index()
    claims["trust-is-scarce"].relations["opposes"] = []
    claims["trust-is-scarce"].relations["contrasts"] = ["power-matters"]
    pages = render_site(kb, options)
    scarce = _relation_groups(pages["claims/trust-is-scarce.md"])
    power = _relation_groups(pages["claims/power-matters.md"])
    assert scarce["Contrasts with ↔"] == {"../power-matters/"}  # built URLs: the lists are HTML
    assert power["Contrasts with ↔"] == {"../trust-is-scarce/"}
    assert not any("←" in heading and "ontrast" in heading for heading in [*scarce, *power])


def test_a_former_id_gets_a_redirect_page(kb, options) -> None:
    from argkb.render import head_html

    kb.claim_index()["trust-is-scarce"].aliases = ["old-trust-claim"]
    pages = render_site(kb, options)
    links = {a["href"] for a in as_html(pages["claims/old-trust-claim.md"]).find_all("a")}
    assert "trust-is-scarce.md" in links
    head = head_html(kb, options)["claims/old-trust-claim.md"]
    assert '<meta http-equiv="refresh" content="0; url=../trust-is-scarce/">' in head


def test_rendering_is_deterministic(kb, options) -> None:
    assert render_site(kb, options) == render_site(load_kb(FIXTURE), options)


def test_claim_page(kb, options) -> None:
    text = render_site(kb, options)["claims/trust-is-scarce.md"]
    assert "tags" not in front_matter(text)  # concepts are one list of links to concept pages, not tags
    soup = as_html(text)
    links = {a["href"] for a in soup.find_all("a") if a.has_attr("href")}
    # the page's lists are HTML written by argkb (render/islands.py): links are built URLs
    assert "../../paper/#p2-1" in links  # each quote links to its paragraph
    assert {"../main-thesis/", "../power-matters/", "../trust-can-grow/"} <= links
    assert "../../references/morgenthau1948politics/" in links
    assert "../../sections/trust-section/#s2-final-thoughts" in links
    # one edit control: the theme's (source_files), none in the text
    assert not [link for link in links if "/edit/" in link]
    # the full reference is under Sources, as mkdocs-bibtex would format it; no citation, no footnote
    assert CitationBlock.from_markdown(body(text)) == []
    assert "\\bibliography" not in text
    sources = soup.select_one("div.argkb-sources")
    assert "Politics Among Nations" in sources.get_text() and "p. 12" in sources.get_text()
    assert [h["id"] for h in soup.find_all("h3")] == ["supports", "opposes", "qualified-by"]


def test_page_without_citation_has_no_bibliography_command(kb, options) -> None:
    pages = render_site(kb, options)
    assert "[^" not in pages["claims/main-thesis.md"]
    assert all("\\bibliography" not in text for text in pages.values())  # no work left for mkdocs-bibtex


def test_both_final_thoughts_have_their_own_anchor(kb, options) -> None:
    pages = render_site(kb, options)
    ids = [h.get("id") for h in as_html(pages["sections/intro.md"]).find_all("h2")]
    assert "s1-final-thoughts" in ids
    ids = [h.get("id") for h in as_html(pages["sections/trust-section.md"]).find_all("h2")]
    assert "s2-final-thoughts" in ids
    paper = as_html(pages["paper.md"])
    assert paper.find(id="s1-final-thoughts") and paper.find(id="s2-final-thoughts")


def test_annotated_paper_anchors_every_paragraph(kb, options) -> None:
    paper = as_html(render_site(kb, options)["paper.md"])
    for paragraph in kb.source.paragraphs:
        block = paper.find(id=paragraph.id)
        assert block is not None, paragraph.id
    quoting = {a["href"] for a in paper.find(id="p2-1").find_all("a")}
    assert {"claims/trust-is-scarce.md", "claims/trust-can-grow.md"} <= quoting


def test_reference_page_lists_the_citing_claims(kb, options) -> None:
    text = render_site(kb, options)["references/morgenthau1948politics.md"]
    soup = as_html(text)
    claims = {a["href"] for a in soup.find_all("a") if "claims/" in a["href"]}
    assert claims == {"../../claims/power-matters/", "../../claims/trust-is-scarce/"}
    assert "Cited by <strong>2 claims</strong> in 2 sections" in str(soup)


def test_reference_text_is_mkdocs_bibtex_footnote_text(options) -> None:

    registry = SimpleRegistry([str(FIXTURE / "references.bib")])
    for key in ("libicki2007conquest", "morgenthau1948politics"):
        assert reference_texts(options.bibtex)[key] == registry.reference_text(Citation(key))
        assert formatted_reference(options.bibtex, key) == registry.reference_text(Citation(key))


def test_bibliography_lists_each_work_once(kb, options) -> None:
    soup = as_html(render_site(kb, options)["bibliography.md"])
    ids = [div["id"] for div in soup.select("div.argkb-work")]
    assert sorted(ids) == sorted(r.key for r in kb.references)


def test_hostile_claim_text_is_inert(kb, options) -> None:
    claim = kb.claim_index()["trust-can-grow"]
    claim.text = HOSTILE_TEXT
    claim.note = "[x](javascript:alert(4)) <iframe src=https://evil.example/></iframe>"
    kb.concepts[1].name = "Trust <script>alert(5)</script>"
    pages = render_site(kb, options)
    for path, text in pages.items():
        soup = as_html(text)
        assert not soup.find_all(["script", "img", "iframe"]), path
        assert not [a for a in soup.find_all("a") if re.match(r"\s*javascript:", a.get("href", ""), re.I)], path
        assert not [t for t in soup.find_all(True) if any(k.startswith("on") for k in t.attrs)], path
        # the claim's own [@key] text is never a citation: only the pages that cite show one
        keys = [c.key for b in CitationBlock.from_markdown(body(text)) for c in b.citations]
        assert len(keys) == len(set(keys)), path
    claim_page = pages["claims/trust-can-grow.md"]
    assert CitationBlock.from_markdown(body(claim_page)) == []
    assert "&lt;script&gt;" in front_matter(claim_page)["title"]
    assert "Trust &#60;script&#62;alert&#40;5&#41;&#60;/script&#62;" in pages["claims/trust-is-scarce.md"]
    section = pages["sections/trust-section.md"]
    drawn = as_html(section).select(".argkb-map svg")
    assert drawn and all(not svg.find_all(["script", "foreignObject", "style"]) for svg in drawn)
    assert HOSTILE_TEXT not in section  # the label is cut and entity-encoded
    mermaid_pages = render_site(kb, replace(options, maps="mermaid"))
    fence = mermaid_pages["sections/trust-section.md"].split("``` mermaid\n")[1].split("\n```")[0]
    assert "<script" not in fence and "%%{" not in fence and '"];' not in fence


def test_source_files_point_the_edit_button_at_the_yaml(kb) -> None:
    sources = source_files(kb)
    assert sources["claims/trust-is-scarce.md"] == "claims/02-trust.yaml"
    assert sources["references/libicki2007conquest.md"] == "references.bib"
    assert sources["paper.md"] == "claims/source/paper.md"


def test_paths() -> None:
    assert doc_link("claims/a.md", "references/k.md") == "../references/k.md"
    assert doc_link("index.md", "paper.md", "p1-1") == "paper.md#p1-1"
    assert page_url("concepts/index.md") == "concepts/"
    assert page_url("claims/a.md", use_directory_urls=False) == "claims/a.html"
    assert url_link("sections/s.md", "claims/a.md") == "../../claims/a/"
    assert url_link("index.md", "sections/s.md") == "sections/s/"
    assert url_link("sections/s.md", "claims/a.md", use_directory_urls=False) == "../claims/a.html"
    assert is_index_page("sections/s.md") and is_index_page("concepts/index.md")
    assert not is_index_page("claims/a.md") and not is_index_page("concepts/trust.md")


_PAGE = st.lists(st.sampled_from(["claims", "a", "index", "ab", "a-b"]), min_size=1, max_size=3).map(
    lambda parts: "/".join(parts) + ".md"
)


@given(_PAGE, _PAGE, st.booleans(), st.sampled_from(["", "p1-1"]))
def test_url_link_is_the_relative_path_between_the_built_urls(from_page, to_page, directory_urls, anchor) -> None:
    """url_link computes relpath once per pair of folders; it must give relpath's answer."""
    here, there = page_url(from_page, directory_urls), page_url(to_page, directory_urls)
    base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    expected = posixpath.relpath(there.rstrip("/") or ".", base or ".")
    if there.endswith("/") or not there:
        expected = "./" if expected == "." else expected + "/"
    expected = f"{expected}#{anchor}" if anchor else expected
    assert url_link(from_page, to_page, directory_urls, anchor) == expected
