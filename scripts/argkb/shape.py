"""The argument's shape, for the audit: relations by kind, lint findings, support depth, thesis fan-in.

Pure: KnowledgeBase -> ArgumentShape. Depth is the length of the shortest `supports` path from a
claim to the thesis through evidence claims (1 = supports the thesis directly), the measure a
reader of the thesis tree meets: how many steps down a reason sits.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from argkb.checks import argument
from argkb.model import EVIDENCE_KINDS, RELATIONS, KnowledgeBase

LINT_CODES: tuple[str, ...] = (
    "framing-as-evidence",
    "addresses-not-framing",
    "framing-addresses-nothing",
    "forward-as-evidence",
    "ungrounded-recommendation",
    "orphan-claim",
    "unreached-consequence",
    "contrast-mismatch",
    "duplicate-contrast",
    "only-restates",
)
"""Every code checks/argument.py can report, in the order the audit lists them."""


@dataclass
class ArgumentShape:
    relations: dict[str, int]  # relation -> edges
    kinds: dict[str, int]  # claim kind -> claims
    lint: dict[str, int]  # lint code -> findings (0 included: a clean bill is a finding too)
    thesis_id: str = ""
    thesis_fan_in: int = 0  # claims that support the thesis directly
    depth: dict[int, int] = field(default_factory=dict)  # steps to the thesis -> evidence claims
    deepest: list[str] = field(default_factory=list)  # the claims at the greatest depth

    @property
    def max_depth(self) -> int:
        return max(self.depth, default=0)


def _depths(kb: KnowledgeBase) -> dict[str, int]:
    thesis = kb.thesis
    if thesis is None:
        return {}
    supporters = argument.supporters_of(kb.claim_index())  # the graph the lint walks
    depth = {thesis.id: 0}
    frontier = [thesis.id]
    while frontier:  # breadth first: the first depth found is the shortest path
        following = []
        for node in frontier:
            for supporter in supporters.get(node, []):
                if supporter.id not in depth and supporter.kind in EVIDENCE_KINDS:
                    depth[supporter.id] = depth[node] + 1
                    following.append(supporter.id)
        frontier = following
    return depth


def argument_shape(kb: KnowledgeBase) -> ArgumentShape:
    relations = {r: sum(len(dict.fromkeys(c.targets(r))) for c in kb.claims) for r in RELATIONS}
    findings = Counter(d.code for d in argument.check(kb))
    depths = _depths(kb)
    thesis = kb.thesis
    per_depth = Counter(d for claim_id, d in depths.items() if thesis is None or claim_id != thesis.id)
    deepest_depth = max(per_depth, default=0)
    return ArgumentShape(
        relations=relations,
        kinds=dict(sorted(Counter(c.kind for c in kb.claims).items())),
        lint={code: findings.get(code, 0) for code in LINT_CODES},
        thesis_id=thesis.id if thesis else "",
        thesis_fan_in=sum(1 for c in kb.claims if thesis is not None and thesis.id in c.targets("supports")),
        depth=dict(sorted(per_depth.items())),
        deepest=sorted(c for c, d in depths.items() if d == deepest_depth and deepest_depth),
    )
