"""Every argument map of a build, drawn in one go once all pages are written.

Pages put a placeholder where a map goes; `MapBook.fill` then lays out all maps together (one
Graphviz run for the whole site) and puts each map's block in its place: inline SVG when
Graphviz is installed, else a Mermaid fence that the browser draws (slower, needs JavaScript).

An inline SVG map is HTML that Markdown has nothing to do with, yet Python-Markdown would parse
all of it (and a search plugin index its labels): `lift_maps` takes the maps out of the Markdown,
leaving a placeholder named by the map's content, and `drop_in_maps` puts them into the finished
HTML page (render/lifting.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from argkb.render import clean_memo, graphviz, mermaid
from argkb.render.diagram import ArgumentMap
from argkb.render.lifting import drop_in, lift

_PLACEHOLDER = re.compile(r"<!--argkb-map:([0-9]+)-->")
_INLINE_MAP = re.compile(r'<div class="argkb-map" data-argkb-map="">.*?</svg></div>', re.S)
ENGINES = ("auto", "graphviz", "mermaid")


def engine_for(choice: str) -> str:
    """'auto' -> 'graphviz' where `dot` is installed, else 'mermaid'."""
    if choice == "auto":
        return "graphviz" if graphviz.available() else "mermaid"
    return choice


@dataclass
class MapBook:
    engine: str = "auto"
    diagrams: list[ArgumentMap] = field(default_factory=list)

    def add(self, diagram: ArgumentMap) -> Markup:
        """A placeholder for the map (an HTML comment: no escaped page text can hold one)."""
        self.diagrams.append(diagram)
        return Markup(f"<!--argkb-map:{len(self.diagrams) - 1}-->")

    def blocks(self) -> list[str]:
        if engine_for(self.engine) == "mermaid":
            return [f"``` mermaid\n{mermaid.source(d)}\n```" for d in self.diagrams]
        svgs = graphviz.layout([graphviz.dot_source(d) for d in self.diagrams])
        return [
            f'<div class="argkb-map" data-argkb-map="">{clean_memo.clean_svg(svg, d.title)}</div>'
            for svg, d in zip(svgs, self.diagrams, strict=True)
        ]

    def fill(self, site: dict[str, str]) -> dict[str, str]:
        """Each page with its placeholders replaced by the maps' blocks."""
        if not self.diagrams:
            return site
        blocks = self.blocks()
        return {path: _PLACEHOLDER.sub(lambda m: blocks[int(m[1])], text) for path, text in site.items()}


def lift_maps(site: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Each page with its inline SVG maps replaced by placeholders, and {placeholder key: map}
    (render/lifting.py). Mermaid maps are Markdown: they stay."""
    return lift(site, _INLINE_MAP, "svg")


def drop_in_maps(html: str, blocks: dict[str, str]) -> str:
    """A finished page with its lifted maps back in their places."""
    return drop_in(html, blocks, "svg")
