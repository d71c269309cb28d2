"""Argument maps as Mermaid flowcharts, with labels no claim text can break out of.

A label is cut to a few short lines and every character outside [A-Za-z0-9 ] becomes a Mermaid
entity code (`#35;`), so quotes, brackets, `%%` directives, `click` lines, `@` (read by
mkdocs-bibtex) and HTML are all inert. Mermaid turns `#60;` into `&#60;`, which the browser shows
as `<`. Node ids are generated (`n0`, `n1`, ...), never taken from the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from argkb.render.escape import shorten

LABEL_LIMIT = 90
"""Longest label, in characters, before it is cut with an ellipsis."""

LINE_WIDTH = 26
"""Characters per label line: short enough that Mermaid's own 200px wrapping never kicks in."""

# Keep a map at its natural size (the page scrolls it sideways) rather than shrinking a
# 30-claim map to an unreadable width.
FRONT_MATTER = (
    "---",
    "config:",
    "  themeVariables:",
    "    fontSize: 13px",
    "  flowchart:",
    "    useMaxWidth: false",
    "    nodeSpacing: 24",
    "    rankSpacing: 48",
    "---",
)

_SAFE_CHAR = re.compile(r"[A-Za-z0-9 ]")
_SAFE_URL = re.compile(r"^[A-Za-z0-9._~/#-]*$")

# relation -> Mermaid edge; `supports` is the plain arrow, the others are labelled
EDGE_STYLE: dict[str, str] = {
    "supports": "-->",
    "opposes": "-. opposes .->",
    "qualifies": "-. qualifies .->",
    "contrasts": "-. contrasts .-",  # symmetric: no arrowhead
    "addresses": "-. addresses .->",
    "restates": "== restates ==>",
}

CLASS_DEFS = (
    "classDef thesis stroke-width:3px",
    "classDef external stroke-dasharray:4 3",
    "classDef section stroke-width:2px",
)


@dataclass(frozen=True)
class MapNode:
    key: str
    """What the node stands for (a claim id, `section:<id>`); only used to find it."""
    label: str
    """Plain text; escaped when the source is written."""
    url: str
    """Relative URL of the page the node links to, from the page showing the map."""
    style: str = ""
    """One of the CLASS_DEFS names, or ''."""


@dataclass(frozen=True)
class MapEdge:
    source: str
    target: str
    relation: str
    label: str = ""
    """Replaces the relation word on the edge (e.g. '3 supports')."""


@dataclass
class ArgumentMap:
    title: str
    """e.g. 'Argument map of section 3': the SVG's accessible title (letters, digits, spaces kept)."""
    nodes: list[MapNode] = field(default_factory=list)
    edges: list[MapEdge] = field(default_factory=list)
    direction: str = "LR"
    """Mermaid flowchart direction: LR suits long chains of claims, BT a few boxes below the thesis."""

    def node_ids(self) -> dict[str, str]:
        return {node.key: f"n{number}" for number, node in enumerate(self.nodes)}


def entity_encode(text: str) -> str:
    """Every character outside [A-Za-z0-9 ] as a Mermaid entity code (`#NN;`)."""
    return "".join(ch if _SAFE_CHAR.match(ch) else f"#{ord(ch)};" for ch in text)


def label(text: str, limit: int = LABEL_LIMIT, width: int = LINE_WIDTH) -> str:
    """Plain text -> a short, wrapped, entity-encoded label (lines joined by `<br/>`)."""
    lines: list[str] = []
    current = ""
    for word in shorten(text, limit).split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return "<br/>".join(entity_encode(line) for line in lines)


def _edge(relation: str, text: str) -> str:
    if not text:
        return EDGE_STYLE.get(relation, "-->")
    word = entity_encode(text)
    if relation == "restates":
        return f"== {word} ==>"
    if relation == "supports":
        return f"-- {word} -->"
    if relation == "contrasts":
        return f"-. {word} .-"
    return f"-. {word} .->"


def source(diagram: ArgumentMap) -> str:
    """The Mermaid flowchart text of a map (deterministic: nodes and edges in the given order)."""
    ids = diagram.node_ids()
    title = " ".join(re.sub(r"[^A-Za-z0-9 ]", " ", diagram.title).split())
    direction = diagram.direction if diagram.direction in ("LR", "RL", "TB", "BT") else "LR"
    lines = [*FRONT_MATTER, f"flowchart {direction}", f"  accTitle: {title}"]
    for node in diagram.nodes:
        lines.append(f'  {ids[node.key]}["{label(node.label)}"]')
    for edge in diagram.edges:
        if edge.source in ids and edge.target in ids:
            lines.append(f"  {ids[edge.source]} {_edge(edge.relation, edge.label)} {ids[edge.target]}")
    for node in diagram.nodes:
        if node.url and _SAFE_URL.match(node.url):
            lines.append(f'  click {ids[node.key]} href "{node.url}"')
    lines.extend(f"  {definition}" for definition in CLASS_DEFS)
    for style in sorted({node.style for node in diagram.nodes if node.style}):
        members = ",".join(ids[node.key] for node in diagram.nodes if node.style == style)
        lines.append(f"  class {members} {style}")
    return "\n".join(lines)
