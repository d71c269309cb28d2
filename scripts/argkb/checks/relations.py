"""The argument graph: targets exist, `supports` has no cycle, there is one thesis."""

from __future__ import annotations

import difflib

from argkb.model import RELATIONS, Claim, Diagnostic, KnowledgeBase


def _dangling(claim: Claim, ids: set[str]) -> list[Diagnostic]:
    found = []
    for relation in RELATIONS:
        for index, target in enumerate(claim.targets(relation)):
            span = claim.span_of(relation, index)
            if target == claim.id:
                found.append(Diagnostic(span, "error", "self-relation", f"claim '{claim.id}' {relation} itself"))
            elif target not in ids:
                guess = difflib.get_close_matches(target, sorted(ids), n=1)
                found.append(
                    Diagnostic(
                        span,
                        "error",
                        "unknown-claim",
                        f"claim '{claim.id}' {relation} '{target}', which is no claim",
                        f"did you mean '{guess[0]}'?" if guess else "",
                    )
                )
    return found


def _supports_cycles(claims: dict[str, Claim]) -> list[Diagnostic]:
    """One diagnostic per cycle, at the claim where it closes (iterative DFS: no recursion limit)."""
    found = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in sorted(claims):
        if state.get(start):
            continue
        path: list[str] = []
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            node, next_index = stack.pop()
            if next_index == 0:
                state[node] = 1
                path.append(node)
            targets = [t for t in claims[node].targets("supports") if t in claims]
            if next_index < len(targets):
                stack.append((node, next_index + 1))
                target = targets[next_index]
                if state.get(target) == 1:
                    cycle = path[path.index(target) :] + [target]
                    claim = claims[node]
                    index = claim.targets("supports").index(target)
                    found.append(
                        Diagnostic(
                            claim.span_of("supports", index),
                            "error",
                            "supports-cycle",
                            "claims support each other in a cycle: " + " -> ".join(cycle),
                        )
                    )
                elif not state.get(target):
                    stack.append((target, 0))
            else:
                state[node] = 2
                path.pop()
    return found


def _thesis(kb: KnowledgeBase) -> list[Diagnostic]:
    """Exactly one thesis: the root every evidence claim must reach (see checks/argument.py)."""
    theses = [c for c in kb.claims if c.kind == "thesis"]
    if not theses:
        if not kb.claims or not kb.complete:
            return []
        first = kb.claims[0]
        return [Diagnostic(first.span, "error", "no-thesis", "no claim has kind 'thesis'; the argument needs one root")]
    found = [
        Diagnostic(extra.span_of("kind"), "error", "second-thesis", f"a second thesis; the thesis is '{theses[0].id}'")
        for extra in theses[1:]
    ]
    return found


def check(kb: KnowledgeBase) -> list[Diagnostic]:
    claims = kb.claim_index()
    ids = set(claims)
    found: list[Diagnostic] = []
    for claim in kb.claims:
        found.extend(_dangling(claim, ids))
    found.extend(_supports_cycles(claims))
    found.extend(_thesis(kb))
    return found
