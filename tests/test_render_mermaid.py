"""Argument maps: Mermaid labels no text can escape, safe click targets, stable output."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from argkb.render.mermaid import ArgumentMap, MapEdge, MapNode, entity_encode, label, source

NODE_LINE = re.compile(r'^  n\d+\["(?:[A-Za-z0-9 ]|#\d+;|<br/>)*"\]$')


def small_map(text: str, url: str = "../../claims/a/") -> ArgumentMap:
    return ArgumentMap(
        "Argument map of section 1",
        [MapNode("a", text, url, "thesis"), MapNode("b", "Second claim", "../../claims/b/")],
        [
            MapEdge("b", "a", "supports"),
            MapEdge("a", "b", "opposes"),
            MapEdge("b", "a", "restates", "3 restates"),
        ],
    )


@given(st.text(max_size=300))
def test_any_label_stays_inside_its_node(text: str) -> None:
    lines = source(small_map(text)).split("\n")
    node_lines = [line for line in lines if line.startswith("  n") and "[" in line]
    assert len(node_lines) == 2
    for line in node_lines:
        assert NODE_LINE.match(line), line
    # nothing the data controls reaches any other line
    assert not any("%%" in line for line in lines)
    assert sum(line.startswith("  click ") for line in lines) == 2


def test_hostile_labels_are_entity_codes() -> None:
    hostile = (
        '"]; click n0 call alert(1); %%{init: {"securityLevel": "loose"}}%% <img src=x onerror=alert(1)> @key [@k]'
    )
    encoded = label(hostile, limit=500)
    assert set(re.sub(r"#\d+;|<br/>", "", encoded)) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 "
    )
    assert "#34;" in encoded and "#60;" in encoded and "#64;" in encoded


def test_labels_are_cut_and_wrapped() -> None:
    encoded = label("word " * 100)
    lines = encoded.split("<br/>")
    assert all(len(line) <= 26 for line in lines)
    assert sum(len(line) for line in lines) <= 90 + len(lines) + 8  # ellipsis is one entity code
    assert encoded.endswith("#8230;")


def test_unsafe_click_targets_are_dropped() -> None:
    for url in ("javascript:alert(1)", 'x" call alert(1) "', "https://evil.example/"):
        assert "click n0" not in source(small_map("A claim", url)), url


def test_edges_and_classes() -> None:
    text = source(small_map("A claim"))
    assert "flowchart LR" in text
    assert "  n1 --> n0" in text
    assert "  n0 -. opposes .-> n1" in text
    assert "  n1 == 3 restates ==> n0" in text
    assert "  class n0 thesis" in text
    assert "useMaxWidth: false" in text


def test_entity_encode_is_reversible_by_a_browser() -> None:
    import html

    text = 'China\'s "AI" <law> & 2015 #1'
    assert html.unescape(entity_encode(text).replace("#", "&#")) == text


def test_source_is_deterministic() -> None:
    assert source(small_map("A claim")) == source(small_map("A claim"))
