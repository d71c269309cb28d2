"""Which claims and relations each argument map shows, and the same map as a list of relations.

The list is the map's text alternative (for screen readers and search): one line per edge.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from argkb.model import RELATIONS, Claim
from argkb.render import paths
from argkb.render.escape import plain_text
from argkb.render.index import SiteIndex
from argkb.render.mermaid import ArgumentMap, MapEdge, MapNode

MAX_MAP_NODES = 150
"""More boxes than a reader can follow (and megabytes of page): such a map is listed, not drawn."""


@dataclass(frozen=True)
class Relation:
    """One line of a map's text alternative: `source relation target`, with the pages to link."""

    source_label: str
    source_page: str
    relation: str
    target_label: str
    target_page: str


def _claim_node(claim: Claim, from_page: str, use_directory_urls: bool, external: bool) -> MapNode:
    style = "thesis" if claim.kind == "thesis" else ("external" if external else "")
    url = paths.url_link(from_page, paths.claim_page(claim.id), use_directory_urls)
    return MapNode(claim.id, plain_text(claim.text), url, style)


def claims_map(
    index: SiteIndex, title: str, claims: list[Claim], from_page: str, use_directory_urls: bool
) -> tuple[ArgumentMap, list[Relation]]:
    """The given claims and every relation from them, in reading order.

    A target outside the set is drawn as its section (one dashed box per section, the edge
    counting the claims it stands for), except the thesis, which keeps its own box: a section
    restating thirty earlier claims still gets a map that fits on a screen. The text
    alternative lists every relation claim by claim.
    """
    members = {claim.id for claim in claims}
    thesis = index.kb.thesis
    diagram = ArgumentMap(title)
    diagram.nodes.extend(_claim_node(claim, from_page, use_directory_urls, external=False) for claim in claims)
    outside: dict[str, MapNode] = {}
    edge_counts: Counter[tuple[str, str, str]] = Counter()
    relations = []
    for claim in claims:
        for relation in RELATIONS:
            for target_id in dict.fromkeys(claim.targets(relation)):
                target = index.claims.get(target_id)
                if target is None:
                    continue
                relations.append(
                    Relation(
                        plain_text(claim.text),
                        paths.claim_page(claim.id),
                        relation,
                        plain_text(target.text),
                        paths.claim_page(target.id),
                    )
                )
                if target_id in members:
                    key = target_id
                elif thesis is not None and target_id == thesis.id:
                    key = target_id
                    outside.setdefault(key, _claim_node(target, from_page, use_directory_urls, external=True))
                else:
                    key = f"section:{target.section_id}"
                    if key not in outside:
                        section = index.sections.get(target.section_id)
                        name = f"{section.number}. {plain_text(section.title)}" if section else target.section_id
                        page = paths.section_page(target.section_id)
                        url = paths.url_link(from_page, page, use_directory_urls)
                        outside[key] = MapNode(key, name, url, "external")
                edge_counts[(claim.id, relation, key)] += 1
    position = {s: n for n, s in enumerate(index.sections)}
    diagram.nodes.extend(
        sorted(
            outside.values(),
            key=lambda n: (n.style != "thesis", position.get(n.key.removeprefix("section:"), -1)),
        )
    )
    for (source, relation, target), count in edge_counts.items():
        label = f"{count} {relation}" if count > 1 else ""
        diagram.edges.append(MapEdge(source, target, relation, label))
    return diagram, relations


def overview_map(index: SiteIndex, from_page: str, use_directory_urls: bool) -> tuple[ArgumentMap, list[Relation]]:
    """Sections as nodes, plus the thesis; an edge counts the relations from claims of one
    section to claims of another (or to the thesis)."""
    thesis = index.kb.thesis
    diagram = ArgumentMap("Overview of the argument", direction="BT")
    pages: dict[str, str] = {}
    if thesis is not None:
        diagram.nodes.append(_claim_node(thesis, from_page, use_directory_urls, external=False))
        pages[thesis.id] = paths.claim_page(thesis.id)
    for section in index.kb.sections:
        key = f"section:{section.id}"
        if key in pages:
            continue
        pages[key] = paths.section_page(section.id)
        diagram.nodes.append(
            MapNode(
                key,
                f"{section.number}. {plain_text(section.title)} ({len(section.claims)} claims)",
                paths.url_link(from_page, pages[key], use_directory_urls),
                "section",
            )
        )

    def endpoint(claim: Claim) -> str:
        return claim.id if thesis is not None and claim.id == thesis.id else f"section:{claim.section_id}"

    counts: Counter[tuple[str, str, str]] = Counter()
    for claim in index.reading_order:
        for relation in RELATIONS:
            for target_id in dict.fromkeys(claim.targets(relation)):
                target = index.claims.get(target_id)
                if target is not None and endpoint(claim) != endpoint(target):
                    counts[(endpoint(claim), relation, endpoint(target))] += 1
    labels = {node.key: node.label for node in diagram.nodes}
    order = {node.key: n for n, node in enumerate(diagram.nodes)}
    relations = []
    for (source, relation, target), count in sorted(
        counts.items(),
        key=lambda item: (order.get(item[0][0], -1), RELATIONS.index(item[0][1]), order.get(item[0][2], -1)),
    ):
        if source not in labels or target not in labels:
            continue
        diagram.edges.append(MapEdge(source, target, relation, f"{count} {relation}"))
        plural = "s" if count != 1 else ""
        relations.append(
            Relation(
                labels[source],
                pages[source],
                f"{relation} ({count} claim{plural})",
                labels[target],
                pages[target],
            )
        )
    return diagram, relations
