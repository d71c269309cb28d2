"""The thesis tree of the Argument page: the thesis, its reasons, their reasons, with the
objections and qualifications beside the claim they bear on.

Every claim is shown in full once, under the claim through which a breadth-first walk from the
thesis first reaches it (so the shallowest place); every other place it bears on a claim shows a
link to that first place. The tree is thus a spanning tree of the graph: its size is the number of
relations, whatever the sharing, and a cycle is only one more link.

The page shows the first `budget` claims of that walk (the thesis and the reasons nearest it); a
branch whose deeper claims fall past the budget says how many lie beneath and links to its claim
page, which carries its own relations and map. So the page stays bounded as the argument grows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argkb.model import FRAMING_KINDS, Claim

TREE_RELATIONS: tuple[str, ...] = ("supports", "opposes", "qualifies")
"""Relations that grow the tree: a reason, an objection, a qualification of the claim above."""


def tree_anchor(claim_id: str) -> str:
    return f"tree-{claim_id}"


@dataclass
class Branch:
    """One place a claim appears in the tree."""

    claim: Claim
    relation: str  # how it bears on the claim above: supports | opposes | qualifies ('' at the root)
    full: bool = True  # False: shown in full at `tree_anchor(claim.id)`, this is a link there
    above: bool = True  # for a link: whether the full branch comes earlier on the page
    reasons: list[Branch] = field(default_factory=list)
    challenges: list[Branch] = field(default_factory=list)  # opposes and qualifies
    contrasts: list[Claim] = field(default_factory=list)
    beneath: int = 0  # claims below this one in the whole tree (shown or not)
    hidden: int = 0  # of those, how many are past the page's budget (on this claim's own page)

    @property
    def anchor(self) -> str:
        return tree_anchor(self.claim.id)

    @property
    def children(self) -> list[Branch]:
        return [*self.challenges, *self.reasons]


@dataclass
class ThesisTree:
    root: Branch | None
    framing: list[tuple[Claim, list[Claim]]]  # framing claim, what it addresses
    outside: list[Claim]  # claims that reach the thesis by no supports/opposes/qualifies chain
    size: int  # claims in the tree
    shown: int = 0  # of those, how many the page shows (the budget)


def _pointing(claims: list[Claim]) -> dict[str, dict[str, list[Claim]]]:
    """target id -> relation -> claims pointing at it, in reading order (every relation name)."""
    incoming: dict[str, dict[str, list[Claim]]] = {}
    for claim in claims:
        for relation, targets in claim.relations.items():
            for target in dict.fromkeys(targets):
                incoming.setdefault(target, {}).setdefault(relation, []).append(claim)
    return incoming


def _contrasts(claim: Claim, incoming: dict[str, dict[str, list[Claim]]], known: dict[str, Claim]) -> list[Claim]:
    """`contrasts` is symmetric: the claims it names and the claims naming it, each once."""
    others = [known[t] for t in claim.targets("contrasts") if t in known]
    others += incoming.get(claim.id, {}).get("contrasts", [])
    return list({c.id: c for c in others if c.id != claim.id}.values())


TREE_BUDGET = 60
OUTSIDE_SHOWN = 100
"""Claims the argument page lists as outside the tree; past that it counts them (each claim is on
its section page), so the page stays small however many claims the tree leaves out."""
"""Claims shown on the Argument page, nearest the thesis first: about 100 KB of page at most."""


def thesis_tree(claims: list[Claim], thesis: Claim | None, budget: int = TREE_BUDGET) -> ThesisTree:
    """`claims` in reading order; `thesis` the root; at most `budget` claims shown in full."""
    known = {c.id: c for c in claims}
    incoming = _pointing(claims)
    framing = [
        (c, [known[t] for t in dict.fromkeys(c.targets("addresses")) if t in known])
        for c in claims
        if c.kind in FRAMING_KINDS or c.targets("addresses")
    ]
    framing_ids = {c.id for c, _ in framing}
    if thesis is None:
        return ThesisTree(None, framing, [c for c in claims if c.id not in framing_ids], 0)

    def bearing(claim: Claim) -> list[tuple[str, Claim]]:
        """(relation, claim) for every claim bearing on this one, framing claims left out."""
        pointing = incoming.get(claim.id, {})
        return [
            (relation, c)
            for relation in TREE_RELATIONS
            for c in pointing.get(relation, [])
            if c.id not in framing_ids and c.id != claim.id
        ]

    # breadth first: each claim's home is the first place the walk meets it
    home: dict[str, tuple[str, str]] = {thesis.id: ("", "")}
    walk = [thesis]
    for claim in walk:  # grows while it runs
        for relation, c in bearing(claim):
            if c.id not in home:
                home[c.id] = (claim.id, relation)
                walk.append(c)

    full = {c.id: Branch(c, home[c.id][1], contrasts=_contrasts(c, incoming, known)) for c in walk}
    for claim in walk:
        branch = full[claim.id]
        for relation, c in bearing(claim):
            child = full[c.id] if home[c.id] == (claim.id, relation) else Branch(c, relation, full=False)
            (branch.reasons if relation == "supports" else branch.challenges).append(child)
    for claim in reversed(walk):  # deepest first, so every child's count is known
        branch = full[claim.id]
        branch.beneath = sum(1 + b.beneath for b in branch.children if b.full)
    shown = {c.id for c in walk[: max(budget, 1)]}
    for claim in walk:  # past the budget: counted on the branch, shown on the claim's page
        branch = full[claim.id]
        for group in (branch.reasons, branch.challenges):
            kept = [b for b in group if b.claim.id in shown]
            branch.hidden += sum(1 + b.beneath for b in group if b.full and b.claim.id not in shown)
            group[:] = kept
    root = full[thesis.id]
    _place_links(root)
    outside = [c for c in claims if c.id not in home and c.id not in framing_ids]
    return ThesisTree(root, framing, outside, len(walk), len(shown))


def rows(root: Branch) -> list[tuple[str, Branch | None]]:
    """The tree as a flat sequence the template renders without recursion (a chain of thousands of
    claims would exceed Python's recursion limit): ("open", b) starts a branch with children,
    ("leaf", b) is one without, ("close", None) ends the last open branch."""
    out: list[tuple[str, Branch | None]] = []
    stack: list[Branch | None] = [root]
    while stack:
        branch = stack.pop()
        if branch is None:
            out.append(("close", None))
        elif branch.full and branch.children:
            out.append(("open", branch))
            stack.append(None)
            stack.extend(reversed(branch.children))
        else:
            out.append(("leaf", branch))
    return out


def _place_links(root: Branch) -> None:
    """Mark each link as pointing up or down the page: is its full branch earlier in pre-order?"""
    seen: set[str] = set()
    for _kind, branch in rows(root):
        if branch is None:
            continue
        if branch.full:
            seen.add(branch.claim.id)
        else:
            branch.above = branch.claim.id in seen
