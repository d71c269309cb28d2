"""Each map's cleaned SVG once per Graphviz drawing, for the rebuilds of `mkdocs serve`.

Graphviz's layouts are already kept (render.graphviz.layout, by DOT source); cleaning each
drawing into inert SVG (render.graphviz.clean_svg) still parses and rewrites every map of the
site in every build. It is a pure function of its arguments (the drawing and the map's title), so
the result is kept by them: an edit that changes a map changes its DOT source, hence its drawing,
and that map is cleaned again. Kept for the last build only; installed for `mkdocs serve` only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from argkb.render import graphviz

enabled = False
"""Set by the plugin for `mkdocs serve` only (the wrapper passes every call through otherwise)."""
_current: dict[tuple[Any, ...], str] = {}
_previous: dict[tuple[Any, ...], str] = {}
_clean: Callable[..., str] | None = None
stats = {"hits": 0, "misses": 0}


def _cached_clean_svg(*args: Any) -> str:
    assert _clean is not None
    if not enabled:
        return _clean(*args)
    cleaned = _previous.get(args)
    if cleaned is None:
        cleaned = _current.get(args)
    if cleaned is None:
        stats["misses"] += 1
        cleaned = _clean(*args)
    else:
        stats["hits"] += 1
    _current[args] = cleaned
    return cleaned


def install() -> None:
    """Route render.graphviz.clean_svg through the cache (once per process)."""
    global _clean
    if _clean is None:
        _clean = graphviz.clean_svg
        graphviz.clean_svg = _cached_clean_svg  # type: ignore[assignment]


def start_build() -> None:
    """A new build: keep only the last build's maps."""
    global _previous, _current
    _previous, _current = _current, {}
