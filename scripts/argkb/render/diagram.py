"""An argument map as plain data (boxes, arrows, groups), and how each relation is drawn.

`maps` decides what a map shows; `graphviz` lays it out as SVG at build time and `mermaid`
writes it for the browser when Graphviz is not installed. Both read the same style table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argkb.model import RELATION_SPECS


@dataclass(frozen=True)
class EdgeStyle:
    line: str
    """'solid', 'dashed', 'dotted' or '' (not drawn: the relation is listed in the text only)."""
    directed: bool = True
    thin: bool = False
    """Drawn with a thinner stroke (framing, not evidence)."""


# How maps draw each map_style of model.RELATION_SPECS. Colours live in argkb.css, by class
# (the relation's name), so the dark palette can recolour them: opposes red, contrasts grey.
_BY_MAP_STYLE: dict[str, EdgeStyle] = {
    "solid": EdgeStyle("solid"),
    "red": EdgeStyle("solid"),
    "dotted": EdgeStyle("dotted"),
    "undirected-grey": EdgeStyle("solid", directed=False),
    "dashed": EdgeStyle("dashed", thin=True),
    "hidden": EdgeStyle(""),  # restates, a summary: on a map it would only repeat other arrows
}
EDGE_STYLES: dict[str, EdgeStyle] = {
    name: _BY_MAP_STYLE.get(spec.map_style, EdgeStyle("solid")) for name, spec in RELATION_SPECS.items()
}


def drawn(relation: str) -> bool:
    """Whether maps draw this relation (unknown relations are drawn as plain arrows)."""
    return EDGE_STYLES.get(relation, EdgeStyle("solid")).line != ""


@dataclass(frozen=True)
class MapNode:
    key: str
    """What the node stands for (a claim id, `section:<id>`); only used to find it."""
    label: str
    """Plain text; escaped when the map is written."""
    url: str
    """Relative URL of the page the node links to, from the page showing the map ('' for none)."""
    style: str = ""
    """'thesis', 'focus' (the claim whose page this is), 'external', 'section', 'more' or ''."""
    group: str = ""
    """Key of the MapGroup the node is drawn in ('' for none)."""


@dataclass(frozen=True)
class MapEdge:
    source: str
    target: str
    relation: str
    label: str = ""
    """Replaces the relation word on the edge (e.g. '3 supports')."""


@dataclass(frozen=True)
class MapGroup:
    """A labelled frame around some nodes: the subsection or section they come from."""

    key: str
    label: str
    url: str = ""


@dataclass
class ArgumentMap:
    title: str
    """e.g. 'Argument map of section 3': the SVG's accessible title (letters, digits, spaces kept)."""
    nodes: list[MapNode] = field(default_factory=list)
    edges: list[MapEdge] = field(default_factory=list)
    direction: str = "BT"
    """BT: arrows point up, so the conclusion a map leads to is at its top."""
    groups: list[MapGroup] = field(default_factory=list)
    stagger: int = 4
    """Boxes that alone feed one claim are spread over up to this many rows (see graphviz._unflattened)."""
    merge_edges: bool = True
    """Merge arrows that share their way into one trunk (drawn only when all share one relation)."""

    def node_ids(self) -> dict[str, str]:
        return {node.key: f"n{number}" for number, node in enumerate(self.nodes)}
