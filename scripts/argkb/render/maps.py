"""Which claims and relations each argument map shows, and the same map as a list of relations.

The list is the map's text alternative (for screen readers and search): one line per edge.
Maps draw what leads to a conclusion, with the conclusion at the top: `restates` (summaries)
stays in the list only, so a map never repeats its own arrows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from argkb.model import RELATIONS, Claim
from argkb.render import paths
from argkb.render.diagram import ArgumentMap, MapEdge, MapGroup, MapNode, drawn
from argkb.render.escape import plain_text
from argkb.render.index import SiteIndex

NEIGHBOURHOOD_LIMIT = 10
"""Most boxes on a claim's own map; the rest are counted in one box (and all listed below it)."""
OVERVIEW_RELATIONS = ("supports", "opposes", "qualifies")
"""What the home map counts as a reason bearing on the thesis (framing `addresses` it: not a reason)."""
OVERVIEW_LIMIT = 30  # 40 boxes came to 104 KB of home page at 1,000 claims
"""Most reasons of the thesis on the home page's map."""

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


def _claim_node(
    claim: Claim, from_page: str, use_directory_urls: bool, external: bool, group: str = "", style: str = ""
) -> MapNode:
    style = style or ("thesis" if claim.kind == "thesis" else ("external" if external else ""))
    url = paths.url_link(from_page, paths.claim_page(claim.id), use_directory_urls)
    return MapNode(claim.id, plain_text(claim.text), url, style, group)


def _relation(source: Claim, relation: str, target: Claim) -> Relation:
    return Relation(
        plain_text(source.text),
        paths.claim_page(source.id),
        relation,
        plain_text(target.text),
        paths.claim_page(target.id),
    )


def claims_map(
    index: SiteIndex, title: str, claims: list[Claim], from_page: str, use_directory_urls: bool
) -> tuple[ArgumentMap, list[Relation]]:
    """The given claims and every relation from them, in reading order.

    A target outside the set is drawn as a dashed box: its own if it is the thesis or in the
    same section, else its section's (the edge counting the claims it stands for), so a
    subsection pointing at thirty earlier claims still gets a map that fits on a screen. The
    text alternative lists every relation claim by claim.
    """
    members = {claim.id for claim in claims}
    sections = {claim.section_id for claim in claims}
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
                relations.append(_relation(claim, relation, target))
                if not drawn(relation):
                    continue
                if target_id in members:
                    key = target_id
                elif (thesis is not None and target_id == thesis.id) or target.section_id in sections:
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
    """The main line of reasoning: the thesis at the top, the claims bearing on it directly
    (supporting, opposing, qualifying) below it, each framed by the section it comes from."""
    thesis = index.kb.thesis
    diagram = ArgumentMap("Overview of the argument", stagger=6)
    relations: list[Relation] = []
    if thesis is None:
        return diagram, relations
    diagram.nodes.append(_claim_node(thesis, from_page, use_directory_urls, external=False))
    reasons = [
        (claim, relation)
        for relation in OVERVIEW_RELATIONS
        for claim in index.incoming.get(thesis.id, {}).get(relation, [])
        if claim.id != thesis.id
    ]
    reasons.sort(key=lambda item: index.position(item[0]))
    for claim, relation in reasons[:OVERVIEW_LIMIT]:
        section = index.section_of(claim)
        group = f"section:{claim.section_id}"
        if section is not None and all(g.key != group for g in diagram.groups):
            url = paths.url_link(from_page, paths.section_page(section.id), use_directory_urls)
            diagram.groups.append(MapGroup(group, f"{section.number}. {plain_text(section.title)}", url))
        if all(n.key != claim.id for n in diagram.nodes):
            diagram.nodes.append(_claim_node(claim, from_page, use_directory_urls, external=False, group=group))
        diagram.edges.append(MapEdge(claim.id, thesis.id, relation))
        relations.append(_relation(claim, relation, thesis))
    if len(reasons) > OVERVIEW_LIMIT:
        more = len(reasons) - OVERVIEW_LIMIT
        url = paths.url_link(from_page, paths.claim_page(thesis.id), use_directory_urls, "relations")
        diagram.nodes.append(MapNode("more", f"{more} more, on the thesis page", url, "more"))
        diagram.edges.append(MapEdge("more", thesis.id, "supports"))
    return diagram, relations


def neighbourhood_map(
    index: SiteIndex, claim: Claim, from_page: str, use_directory_urls: bool
) -> tuple[ArgumentMap, list[Relation]]:
    """One claim among its neighbours: what it bears on (and what that bears on), what bears on
    it (and on those), at most NEIGHBOURHOOD_LIMIT boxes, nearest first."""
    diagram = ArgumentMap("Map of this claim and its neighbours")
    relations: list[Relation] = []
    shown: dict[str, Claim] = {claim.id: claim}
    edges: dict[tuple[str, str, str], None] = {}
    hidden: Counter[str] = Counter()

    def outgoing(of: Claim) -> list[tuple[str, Claim]]:
        found = []
        for relation in RELATIONS:
            for target_id in dict.fromkeys(of.targets(relation)):
                target = index.claims.get(target_id)
                if target is not None and drawn(relation) and target.id != of.id:
                    found.append((relation, target))
        return found

    def incoming(of: Claim) -> list[tuple[str, Claim]]:
        return [
            (relation, source)
            for relation in RELATIONS
            if drawn(relation)
            for source in index.incoming.get(of.id, {}).get(relation, [])
            if source.id != of.id
        ]

    def visit(source: Claim, relation: str, target: Claim, new: Claim, count_hidden: bool) -> bool:
        if new.id not in shown:
            if len(shown) >= NEIGHBOURHOOD_LIMIT:
                if count_hidden:
                    hidden[relation] += 1
                return False
            shown[new.id] = new
        if (source.id, relation, target.id) not in edges:
            edges[(source.id, relation, target.id)] = None
            relations.append(_relation(source, relation, target))
        return True

    ups, downs = outgoing(claim), incoming(claim)
    for relation, target in ups:
        visit(claim, relation, target, target, count_hidden=True)
    for relation, source in downs:
        visit(source, relation, claim, source, count_hidden=True)
    for _, target in ups:  # second hop, only while there is room
        if target.id in shown:
            for relation2, further in outgoing(target):
                visit(target, relation2, further, further, count_hidden=False)
    for _, source in downs:
        if source.id in shown:
            for relation2, further in incoming(source):
                visit(further, relation2, source, further, count_hidden=False)
    diagram.nodes.append(MapNode(claim.id, plain_text(claim.text), "", "focus"))  # this page: no link
    for shown_claim in list(shown.values())[1:]:
        diagram.nodes.append(_claim_node(shown_claim, from_page, use_directory_urls, False))
    diagram.edges.extend(MapEdge(s, t, r) for s, r, t in edges)
    if hidden:
        count = sum(hidden.values())
        url = paths.url_link(from_page, from_page, use_directory_urls, "relations")
        diagram.nodes.append(MapNode("more", f"{count} more, listed under Relations", url, "more"))
        diagram.edges.append(MapEdge("more", claim.id, hidden.most_common(1)[0][0]))
    return diagram, relations
