"""The argument graph in AIF JSON, the Argument Interchange Format that OVA and AIFdb load.

Each claim is an I-node (its text). Each relation is a scheme node between two I-nodes, so no
I-node links directly to another:

- supports  -> RA ("Default Inference"): claim -> RA -> supported claim
- opposes   -> CA ("Default Conflict"):  claim -> CA -> opposed claim
- qualifies -> CA ("Default Conflict"), with the qualifying claim as the attacker: AIF has no
  node for "limits without rejecting"; a qualification conflicts with the unqualified reading
  of its target, and PA (preference) would claim a ranking the paper does not make
- restates  -> MA ("Default Rephrase"): claim -> MA -> restated claim
- contrasts and addresses are left out. AIF's scheme nodes are inference, conflict, preference
  and rephrase; the two sides of a comparison are none of these (drawing them as CA would tell
  AIF readers the paper sets one against the other), and a research question or objective is
  not a proposition in the argument. Both stay in claims.json and argument.argdown.

Node ids are stable: the claim id for I-nodes, `<relation>:<from>:<to>` for scheme nodes.
"""

from __future__ import annotations

from typing import Any

from argkb.model import RELATION_SPECS, RELATIONS, KnowledgeBase

_SCHEME_TEXT = {"RA": "Default Inference", "CA": "Default Conflict", "MA": "Default Rephrase"}
SCHEMES: dict[str, tuple[str, str]] = {
    # relation: (AIF node type, the scheme text OVA shows for it); relations AIF has no node for are absent
    name: (spec.aif, _SCHEME_TEXT[spec.aif])
    for name, spec in RELATION_SPECS.items()
    if spec.aif
}


def aif_graph(kb: KnowledgeBase) -> dict[str, Any]:
    claims = kb.claim_index()
    nodes: list[dict[str, str]] = [{"nodeID": c.id, "text": c.text, "type": "I"} for c in claims.values()]
    edges: list[dict[str, str]] = []

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": f"{source}>{target}", "fromID": source, "toID": target})

    for claim in claims.values():
        for relation in (r for r in RELATIONS if r in SCHEMES):
            node_type, text = SCHEMES[relation]
            for target in dict.fromkeys(claim.targets(relation)):
                if target not in claims or target == claim.id:
                    continue  # reported by the checks; an edge to nowhere would break AIF readers
                scheme_id = f"{relation}:{claim.id}:{target}"
                nodes.append({"nodeID": scheme_id, "text": text, "type": node_type})
                edge(claim.id, scheme_id)
                edge(scheme_id, target)
    return {"nodes": nodes, "edges": edges, "locutions": []}
