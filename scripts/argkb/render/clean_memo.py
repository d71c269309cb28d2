"""Each map's cleaned SVG once per Graphviz drawing, for the rebuilds of `mkdocs serve`.

Graphviz's layouts are already kept (graphviz.layout, by DOT source); cleaning each drawing into
inert SVG (graphviz.clean_svg) still parses and rewrites every map of the site in every build. It
is a pure function of its arguments (the drawing and the map's title), so the result is kept by
them: an edit that changes a map changes its DOT source, hence its drawing, and that map is
cleaned again. Kept for the last build only; on for `mkdocs serve` only (set by the plugin).
"""

from __future__ import annotations

from argkb.render import graphviz

enabled = False
"""Set by the plugin for `mkdocs serve` only: a one-off build cleans each map once anyway."""
_current: dict[tuple[str, str], str] = {}
_previous: dict[tuple[str, str], str] = {}
stats = {"hits": 0, "misses": 0}


def clean_svg(svg: str, title: str) -> str:
    """graphviz.clean_svg, from the last build's result where it has one."""
    if not enabled:
        return graphviz.clean_svg(svg, title)
    key = (svg, title)
    cleaned = _previous.get(key) or _current.get(key)
    if cleaned is None:
        stats["misses"] += 1
        cleaned = graphviz.clean_svg(svg, title)
    else:
        stats["hits"] += 1
    _current[key] = cleaned
    return cleaned


def start_build() -> None:
    """A new build: keep only the last build's maps."""
    global _previous, _current
    _previous, _current = _current, {}
