"""Argument maps laid out by Graphviz at build time: inline SVG that needs no JavaScript.

A map reaches the reader as light-DOM SVG inside the page (no 3.5 MB Mermaid bundle, nothing to
wait for). The DOT we write carries no text from the data except entity-encoded labels; the SVG
Graphviz returns is then rebuilt from an allowlist of elements and attributes, so whatever a
label holds, the published map has no script, no event handler and no link but to a page of the
site. All maps of a build go through one `dot` run (one process, not one per page),
and laid-out maps are kept in memory by their DOT text, so `mkdocs serve` re-lays only what an
edit changed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache
from xml.etree import ElementTree

from argkb.render.diagram import EDGE_STYLES, ArgumentMap, EdgeStyle, MapEdge
from argkb.render.escape import shorten

FONT_SIZE = 14
"""Label size in px at natural size; maps are only ever shrunk to fit, down to 11/14."""
LABEL_LIMIT = 80
LINE_WIDTH = 18

_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
# relative links to the site's own pages ('../claims/x/', './#sub', 'x.html'); nothing else
_SAFE_URL = re.compile(r"^(?=.)(?:\.\./|\./)*(?:[a-z0-9][a-z0-9._-]*/)*(?:[a-z0-9][a-z0-9._-]*)?(?:#[a-z0-9_-]+)?$")
_DOC_SPLIT = re.compile(r"(?=<\?xml )")
_ALLOWED: dict[str, frozenset[str]] = {
    "svg": frozenset({"viewBox"}),
    "g": frozenset({"class", "transform"}),
    "a": frozenset(),  # href rebuilt below
    "title": frozenset(),
    "text": frozenset({"x", "y", "text-anchor", "font-size", "font-weight", "font-style"}),
    "polygon": frozenset({"points", "fill", "stroke", "stroke-width", "stroke-dasharray"}),
    "path": frozenset({"d", "fill", "stroke", "stroke-width", "stroke-dasharray"}),
    "polyline": frozenset({"points", "fill", "stroke", "stroke-width"}),
    "ellipse": frozenset({"cx", "cy", "rx", "ry", "fill", "stroke"}),
}
_NUMBER = re.compile(r"^[-0-9., ]*$")
_PATH_DATA = re.compile(r"^[-0-9., MCLZmclz]*$")
_CLASS = re.compile(r"^[a-z ]*$")
_WORD_ATTR = {"text-anchor", "font-weight", "font-style", "fill", "stroke"}
_WORD = re.compile(r"^[#a-z0-9]*$")


_MARKDOWN_SAFE = str.maketrans({ch: f"&#{ord(ch)};" for ch in "@[]`{}\\*$^|~!"})


_GEOMETRY = {"points", "d", "x", "y", "cx", "cy", "rx", "ry", "font-size", "transform"}
_CSS_COLOURED = {"black", "white", "transparent"}
"""Graphviz's default colours: argkb.css colours boxes, text and arrows (in both palettes)."""
_DECIMALS = re.compile(r"(-?[0-9]+)\.([0-9])[0-9]*")


def _shorter_numbers(value: str) -> str:
    """'72.55,-100.75' -> '72.5,-100.7' and '14.00' -> '14': a third off a map's size, and a
    tenth of a pixel is finer than anyone zooms."""
    return _DECIMALS.sub(lambda m: m[1] if m[2] == "0" else f"{m[1]}.{m[2]}", value)


class LayoutError(Exception):
    """Graphviz failed on a map (it should not: the DOT is ours)."""


def available() -> bool:
    return shutil.which("dot") is not None


@lru_cache(maxsize=65536)  # a claim is a box on its own map and on those of its neighbours
def _html_label(text: str, limit: int = LABEL_LIMIT, width: int = LINE_WIDTH) -> str:
    """Plain text -> a DOT HTML label: short lines, every character but [A-Za-z0-9 ] as &#NN;."""
    lines: list[str] = []
    for word in shorten(text, limit).split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    encoded = ("".join(_entity(ch) for ch in line) for line in lines)
    return "<" + ("<BR/>".join(encoded).strip() or "&#160;") + ">"  # Graphviz refuses an empty <>


def _entity(ch: str) -> str:
    if ch.isascii() and (ch.isalnum() or ch == " "):
        return ch
    code = ord(ch)
    if code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code < 0xE000 or code in (0xFFFE, 0xFFFF):
        return " "  # not a character XML (or Graphviz) takes
    if ch == "\\":  # Graphviz reads \N, \G, ... in labels as escapes, even after decoding &#92;
        return "&#92;&#92;"
    return f"&#{code};"


def _url(url: str) -> str:
    return url if _SAFE_URL.match(url) else ""


def _edge_attrs(relation: str, label: str) -> str:
    style = EDGE_STYLES.get(relation, EdgeStyle("solid"))
    attrs = [f'class="{relation if relation in EDGE_STYLES else "supports"}"']
    if style.line != "solid":
        attrs.append(f"style={style.line}")
    if not style.directed:
        attrs += ["dir=none", "constraint=false"]  # a comparison, not a step up the argument
    if style.thin:
        attrs.append("penwidth=0.8")
    if label:
        attrs.append(f"label={_html_label(label, 30, 30)}")
    return ", ".join(attrs)


def dot_source(diagram: ArgumentMap) -> str:
    """The DOT text of a map (deterministic: nodes, groups and edges in the given order)."""
    ids = diagram.node_ids()
    rankdir = diagram.direction if diagram.direction in ("LR", "RL", "TB", "BT") else "BT"
    drawn_edges = [
        e
        for e in diagram.edges
        if e.source in ids and e.target in ids and EDGE_STYLES.get(e.relation, EdgeStyle("x")).line
    ]
    # merged arrows would share one style: only where every arrow has the same relation
    merge = diagram.merge_edges and len({e.relation for e in drawn_edges}) == 1
    lines = [
        "digraph map {",
        f"  graph [rankdir={rankdir}, newrank=true, nodesep=0.1, ranksep=0.35, fontsize={FONT_SIZE - 1}, "
        'fontname="Helvetica", labeljust=l, margin=0, pad=0.05' + (", concentrate=true" if merge else "") + "];",
        f'  node [shape=box, style="rounded,filled", fillcolor=white, fontsize={FONT_SIZE}, '
        'fontname="Helvetica", margin="0.1,0.05", width=0, height=0];',
        f'  edge [arrowsize=0.7, fontsize={FONT_SIZE - 2}, fontname="Helvetica"];',
    ]

    def node_line(node_index: int) -> str:
        node = diagram.nodes[node_index]
        attrs = [f"label={_html_label(node.label)}", f'class="{node.style or "claim"}"']
        if url := _url(node.url):
            attrs.append(f'URL="{url}"')
        if node.style in ("thesis", "focus"):
            attrs.append("penwidth=2.5")
        if node.style in ("external", "section", "more"):
            attrs.append('style="rounded,dashed,filled"')
        return f"  {ids[node.key]} [{', '.join(attrs)}];"

    grouped = {group.key for group in diagram.groups}
    for n, node in enumerate(diagram.nodes):
        if node.group not in grouped:
            lines.append(node_line(n))
    for number, group in enumerate(diagram.groups):
        members = [n for n, node in enumerate(diagram.nodes) if node.group == group.key]
        if not members:
            continue
        lines.append(f"  subgraph cluster_{number} {{")
        lines.append(f'    graph [label={_html_label(group.label, 70, 70)}, class="group", style="rounded,dashed"];')
        if url := _url(group.url):
            lines.append(f'    graph [URL="{url}"];')
        lines.extend("  " + node_line(n) for n in members)
        lines.append("  }")
    minlen, chains = _unflattened(diagram, drawn_edges)
    for number, edge in enumerate(drawn_edges):
        stretch = f", minlen={minlen[number]}" if number in minlen else ""
        lines.append(f"  {ids[edge.source]} -> {ids[edge.target]} [{_edge_attrs(edge.relation, edge.label)}{stretch}];")
    lines.extend(f"  {ids[a]} -> {ids[b]} [style=invis];" for a, b in chains)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _unflattened(diagram: ArgumentMap, edges: list[MapEdge]) -> tuple[dict[int, int], list[tuple[str, str]]]:
    """What Graphviz's `unflatten -l STAGGER -f -c 3` does, on our own data: the boxes that alone
    feed one claim (or hang from it) get arrows 1, 2, ... STAGGER ranks long in turn, so thirty
    reasons of one claim fill a few rows instead of one very wide one; boxes with no arrow are
    chained three to a column by invisible arrows. (The unflatten program of Graphviz 2.43
    crashes on some runs of many graphs.)"""
    inward: dict[str, list[int]] = {}
    outward: dict[str, list[int]] = {}
    for number, edge in enumerate(edges):
        outward.setdefault(edge.source, []).append(number)
        inward.setdefault(edge.target, []).append(number)

    def degree(key: str) -> int:
        return len(inward.get(key, [])) + len(outward.get(key, []))

    def chain_link(key: str) -> bool:
        return len(inward.get(key, [])) == 1 and len(outward.get(key, [])) == 1

    minlen: dict[int, int] = {}
    chains: list[tuple[str, str]] = []
    chain_end, chain_size = "", 0
    for node in diagram.nodes:
        key = node.key
        if degree(key) == 0:
            if chain_end:
                chains.append((chain_end, key))
                chain_size += 1
            chain_end, chain_size = (key, chain_size) if chain_size < 3 else ("", 0)
            continue
        if degree(key) < 2:
            continue
        for ends, far in ((inward, "source"), (outward, "target")):
            count = 0
            for number in ends.get(key, []):
                other = getattr(edges[number], far)
                if degree(other) == 1 or chain_link(other):
                    minlen.setdefault(number, count % diagram.stagger + 1)
                    count += 1
    return minlen, chains


def _clean(element: ElementTree.Element, out: ElementTree.Element | None) -> ElementTree.Element | None:
    """Copy an SVG element and its children, keeping only allowlisted tags and attribute values."""
    tag = element.tag.removeprefix("{" + _SVG + "}")
    if tag not in _ALLOWED:
        return None
    copy = ElementTree.Element(tag) if out is None else ElementTree.SubElement(out, tag)
    for name, value in element.attrib.items():
        if name not in _ALLOWED[tag]:
            continue
        if name in ("points", "x", "y", "cx", "cy", "rx", "ry", "viewBox", "font-size", "stroke-width"):
            ok = bool(_NUMBER.match(value))
        elif name == "d":
            ok = bool(_PATH_DATA.match(value))
        elif name == "transform":
            ok = bool(re.match(r"^(?:(?:scale|rotate|translate)\([-0-9. ]*\) ?)*$", value))
        elif name == "class":
            ok = bool(_CLASS.match(value))
        elif name == "stroke-dasharray":
            ok = bool(_NUMBER.match(value))
        elif name in _WORD_ATTR:
            ok = bool(_WORD.match(value))
        else:
            ok = False
        if ok and not (name in ("fill", "stroke") and value in _CSS_COLOURED):
            copy.set(name, _shorter_numbers(value) if name in _GEOMETRY else value)
    if tag == "a":
        url = _url(element.get("{" + _XLINK + "}href", "") or element.get("href", ""))
        if url:  # xlink:href, not href: Material rewrites every [href] as if it were an HTML link
            copy.set("xlink:href", url)
    if tag in ("text", "title"):
        copy.text = element.text
    for child in element:
        _clean(child, copy)
    return copy


def _nodes_in_map_order(svg: ElementTree.Element) -> None:
    """Boxes after the arrows (drawn on top) and in the map's order (n0, n1, ...), so that Tab
    walks a map's boxes in reading order rather than in Graphviz's."""
    for parent in svg.iter("g"):
        boxes = [child for child in parent if "node" in child.get("class", "").split()]
        if not boxes:
            continue

        def number(box: ElementTree.Element) -> int:
            title = box.find("title")
            found = re.fullmatch(r"n([0-9]+)", (title.text or "") if title is not None else "")
            return int(found[1]) if found else 1 << 30

        for box in boxes:
            parent.remove(box)
        parent.extend(sorted(boxes, key=number))


def clean_svg(svg: str, title: str) -> str:
    """Graphviz's SVG -> one line of inert SVG: allowlisted markup, sized by CSS, titled."""
    root = ElementTree.fromstring(svg.encode("utf-8"))
    view_box = root.get("viewBox", "")
    cleaned = _clean(root, None)
    if cleaned is None or not _NUMBER.match(view_box):
        raise LayoutError("Graphviz returned no SVG")
    _nodes_in_map_order(cleaned)
    # dot's graph title is the DOT graph name, its node titles are node ids: not for readers
    for parent in cleaned.iter():
        for child in list(parent):
            if child.tag == "title":
                parent.remove(child)
    width, height = (float(v) for v in view_box.split()[2:4])
    cleaned.set("width", f"{width:.0f}")
    cleaned.set("height", f"{height:.0f}")
    cleaned.set("role", "group")
    cleaned.set("aria-label", " ".join(re.sub(r"[^A-Za-z0-9 ]", " ", title).split()))
    cleaned.set("xmlns", _SVG)
    cleaned.set("xmlns:xlink", _XLINK)
    text = ElementTree.tostring(cleaned, encoding="unicode", short_empty_elements=True)
    # Only label text can hold these (attribute values are numbers, words and safe URLs):
    # encoded, mkdocs-bibtex sees no `[@key]` and Markdown no code span in a map.
    return text.replace("\n", " ").translate(_MARKDOWN_SAFE)


keep_layouts = False
"""Set by the plugin for `mkdocs serve` only: its rebuilds lay out only the maps that changed. A
one-off build lays out each map once, and keeping every drawing (at 10,000 claims, 11,000 maps of
30-40 KB each) would only raise its peak memory."""
_CACHE: dict[str, str] = {}
_CACHE_LIMIT = 20_000


def layout(sources: list[str]) -> list[str]:
    """DOT texts -> Graphviz SVG documents, in order: one `dot` run for all not laid out before."""
    known = _CACHE if keep_layouts else {}
    todo = list(dict.fromkeys(source for source in sources if source not in known))
    if todo:
        documents = [d for d in _DOC_SPLIT.split(_run(["dot", "-Tsvg"], "".join(todo))) if d.strip()]
        if len(documents) != len(todo):
            raise LayoutError(f"Graphviz laid out {len(documents)} of {len(todo)} maps")
        if len(known) + len(todo) > _CACHE_LIMIT:
            known.clear()
        known.update(zip(todo, documents, strict=True))
    return [known[source] for source in sources]


def _run(command: list[str], text: str) -> str:
    try:
        done = subprocess.run(command, input=text, capture_output=True, text=True, check=False, timeout=600)
    except OSError as err:
        raise LayoutError(f"cannot run {command[0]}: {err}") from err
    if done.returncode != 0:
        raise LayoutError(f"{command[0]} failed: {done.stderr.strip()[:500]}")
    return done.stdout
