"""Maps laid out by Graphviz: the DOT carries no data but entity-encoded labels, the published
SVG is rebuilt from an allowlist (no script, handler, style or foreign link, whatever a label or
Graphviz itself returns), layouts are cached, and without `dot` the site falls back to Mermaid."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argkb.render import graphviz, map_blocks
from argkb.render.diagram import ArgumentMap, MapEdge, MapGroup, MapNode

pytestmark = pytest.mark.skipif(not graphviz.available(), reason="Graphviz (dot) is not installed")


def small_map(text: str, url: str = "../../claims/a/") -> ArgumentMap:
    return ArgumentMap(
        "Argument map of section 1",
        [MapNode("a", text, url, "thesis"), MapNode("b", "Second claim", "../../claims/b/", group="g")],
        [MapEdge("b", "a", "supports"), MapEdge("a", "b", "opposes"), MapEdge("b", "a", "restates")],
        groups=[MapGroup("g", "1.1 A subsection", "./#sub")],
    )


def drawn(diagram: ArgumentMap) -> str:
    return graphviz.clean_svg(graphviz.layout([graphviz.dot_source(diagram)])[0], diagram.title)


def test_dot_source_draws_the_conclusion_on_top_and_leaves_restates_out() -> None:
    text = graphviz.dot_source(small_map("A claim"))
    assert "rankdir=BT" in text
    assert "n1 -> n0" in text and "n0 -> n1" in text and text.count("->") == 2  # no restates arrow
    assert "subgraph cluster_0" in text


HOSTILE = '<script>alert(1)</script> "]; } digraph x { a [URL="javascript:alert(2)"] \\N [@key] &amp; <BR/>'


def test_a_hostile_label_is_only_text() -> None:
    svg = drawn(small_map(HOSTILE))
    root = ElementTree.fromstring(svg.replace("&#", "&amp;#"))  # (markdown-safe entities kept as text)
    assert {e.tag.split("}")[-1] for e in root.iter()} <= {"svg", "g", "a", "text", "path", "polygon"}
    assert not [v for e in root.iter() for k, v in e.attrib.items() if "javascript" in v or k.startswith("on")]
    labels = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "<script>alert(1)</script>" in labels.replace("&amp;#91;", "[")  # shown as text
    assert "&#92;N" in labels and "n0" not in labels  # a backslash, not Graphviz's node-name escape
    assert "[@" not in svg  # mkdocs-bibtex sees no citation
    assert sorted(re.findall(r'xlink:href="([^"]*)"', svg)) == ["../../claims/a/", "../../claims/b/", "./#sub"]
    assert not re.search(r"\son[a-z]+=", svg)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "https://evil.example/", "//evil.example/", "data:x", "/abs"])
def test_a_link_outside_the_site_is_dropped(url: str) -> None:
    svg = drawn(small_map("A claim", url))
    assert url not in svg and "evil" not in svg
    assert sorted(re.findall(r'xlink:href="([^"]*)"', svg)) == ["../../claims/b/", "./#sub"]


def test_the_allowlist_removes_what_graphviz_might_return() -> None:
    svg = (
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script><style>*{}</style>'
        '<g class="node" onclick="x()"><a xlink:href="javascript:alert(3)"><text x="1" y="2">ok</text></a>'
        "<foreignObject><div>x</div></foreignObject>"
        '<a href="../claims/b/"><path d="M0,0" fill="url(#x)"/></a></g></svg>'
    )
    cleaned = graphviz.clean_svg(svg, "T")
    assert "script" not in cleaned and "style" not in cleaned and "onload" not in cleaned and "onclick" not in cleaned
    assert "foreignObject" not in cleaned and "javascript" not in cleaned and "url(" not in cleaned
    assert 'xlink:href="../claims/b/"' in cleaned and ">ok</text>" in cleaned


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=120))
def test_any_label_lays_out(text: str) -> None:
    svg = drawn(small_map(text))
    assert svg.startswith("<svg ") and "<script" not in svg


def test_layouts_are_kept_by_their_dot_text_only_when_serving(monkeypatch) -> None:
    monkeypatch.setattr(graphviz, "keep_layouts", False)
    source = graphviz.dot_source(small_map("Cached claim"))
    first = graphviz.layout([source, source])
    assert source not in graphviz._CACHE and first[0] == first[1]  # a one-off build keeps nothing
    monkeypatch.setattr(graphviz, "keep_layouts", True)
    assert graphviz.layout([source]) == first[:1]
    assert source in graphviz._CACHE
    assert graphviz.layout([source, source]) == first


def test_without_dot_the_maps_fall_back_to_mermaid(monkeypatch) -> None:
    monkeypatch.setattr(graphviz.shutil, "which", lambda name: None)
    book = map_blocks.MapBook("auto")
    placeholder = book.add(small_map("A claim"))
    filled = book.fill({"page.md": f"before\n\n{placeholder}\n\nafter"})["page.md"]
    assert "``` mermaid\n" in filled and "flowchart BT" in filled and "<svg" not in filled
