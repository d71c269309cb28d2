"""Size bounds: claims per file, authors per entry and characters per BibTeX field are check errors
(tests/fixtures/invalid/too-many-*), and a map over MAX_MAP_NODES is listed, not drawn."""

from __future__ import annotations

import shutil
from pathlib import Path

from argkb.render.map_blocks import MapBook
from argkb.render.maps import MAX_MAP_NODES
from argkb.render.mermaid import ArgumentMap, MapEdge, MapNode
from argkb.render.pages import Here, _map
from argkb.render.templating import environment
from conftest import FIXTURES, run_argkb

_MACRO = '{% import "_macros.md.j2" as m %}{{ m.argument_map(here, map, "The map as a list") }}'


def _diagram(nodes: int) -> ArgumentMap:
    diagram = ArgumentMap("t")
    diagram.nodes.extend(MapNode(f"c{i}", f"claim {i}", f"../c{i}/") for i in range(nodes))
    diagram.edges.append(MapEdge("c0", "c1", "supports"))
    return diagram


class _Index:
    """The one part of a SiteIndex `_map` uses: the build's book of maps (drawn by Mermaid here)."""

    def __init__(self) -> None:
        self.maps = MapBook("mermaid")


def _page(nodes: int) -> str:
    index = _Index()
    text = environment().from_string(_MACRO).render(here=Here("sections/s.md"), map=_map(index, _diagram(nodes), []))
    return index.maps.fill({"page": text})["page"]


def test_a_map_within_the_bound_is_drawn() -> None:
    page = _page(MAX_MAP_NODES)
    assert "``` mermaid" in page and "Map not drawn" not in page


def test_a_map_over_the_bound_is_listed_not_drawn() -> None:
    page = _page(MAX_MAP_NODES + 1)
    assert "``` mermaid" not in page and "click" not in page
    assert f"would have {MAX_MAP_NODES + 1} boxes" in page


def test_build_over_a_bound_generates_no_page(valid_kb: Path) -> None:
    shutil.copytree(FIXTURES / "invalid" / "too-many-authors" / "files", valid_kb, dirs_exist_ok=True)
    result = run_argkb("build", "--root", str(valid_kb), "--site-dir", str(valid_kb / "site"), timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "[too-many-authors]" in result.stderr and "no page is generated" in result.stderr
