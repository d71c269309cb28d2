"""Argument lint: relations must say how the paper reasons, not merely that two claims are related.

Framing (research question, objectives, scope) only `addresses`; predictions and recommendations
follow from the argument and are never evidence for it; every evidence claim reaches the thesis
through `supports` alone; `contrasts` joins two sides of one comparison.
"""

from __future__ import annotations

from collections import defaultdict

from argkb.model import EVIDENCE_KINDS, FORWARD_KINDS, FRAMING_KINDS, RELATIONS, Claim, Diagnostic, KnowledgeBase

_EVIDENCE_RELATIONS = ("supports", "opposes", "qualifies", "contrasts", "restates")


def _framing(claim: Claim) -> list[Diagnostic]:
    found = []
    for relation in _EVIDENCE_RELATIONS:
        for index, target in enumerate(claim.targets(relation)):
            found.append(
                Diagnostic(
                    claim.span_of(relation, index),
                    "error",
                    "framing-as-evidence",
                    f"'{claim.id}' is a {claim.kind}: framing may only `addresses` '{target}', not `{relation}` it",
                    f"write `addresses: [{target}]`; framing is not a reason to accept or reject anything",
                )
            )
    if not claim.targets("addresses"):
        found.append(
            Diagnostic(
                claim.span_of("id"),
                "warning",
                "framing-addresses-nothing",
                f"the {claim.kind} '{claim.id}' addresses no claim",
                "name what it points at, usually the thesis, with `addresses: [...]`",
            )
        )
    return found


def _addresses_outside_framing(claim: Claim) -> list[Diagnostic]:
    return [
        Diagnostic(
            claim.span_of("addresses", index),
            "error",
            "addresses-not-framing",
            f"'{claim.id}' is a {claim.kind}: only a research question, objective or scope `addresses` '{target}'",
            "say how it bears on the target: supports, opposes, qualifies, contrasts or restates",
        )
        for index, target in enumerate(claim.targets("addresses"))
    ]


def _forward_as_evidence(claim: Claim, claims: dict[str, Claim]) -> list[Diagnostic]:
    found = []
    for index, target in enumerate(claim.targets("supports")):
        other = claims.get(target)
        if other is not None and other.kind in EVIDENCE_KINDS:
            found.append(
                Diagnostic(
                    claim.span_of("supports", index),
                    "error",
                    "forward-as-evidence",
                    f"the {claim.kind} '{claim.id}' supports the {other.kind} '{target}': "
                    f"a {claim.kind} follows from the argument, it is no evidence for it",
                    f"reverse the edge: put `supports: [{claim.id}]` on '{target}'",
                )
            )
    return found


def supporters_of(claims: dict[str, Claim]) -> dict[str, list[Claim]]:
    supporters: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims.values():
        for target in claim.targets("supports"):
            supporters[target].append(claim)
    return supporters


def _ungrounded(claim: Claim, supporters: dict[str, list[Claim]]) -> list[Diagnostic]:
    grounds = [s for s in supporters.get(claim.id, []) if s.kind not in FRAMING_KINDS | FORWARD_KINDS]
    if grounds:
        return []
    return [
        Diagnostic(
            claim.span_of("kind"),
            "error",
            "ungrounded-recommendation",
            f"the recommendation '{claim.id}' has no ground: no finding, claim or conclusion supports it",
            f"add '{claim.id}' to the `supports` of the claim the paper recommends it from",
        )
    ]


def reached_from_thesis(thesis: Claim, supporters: dict[str, list[Claim]]) -> set[str]:
    """Evidence claims with a `supports` path to the thesis that passes through evidence only."""
    reached = {thesis.id}
    frontier = [thesis.id]
    while frontier:
        for supporter in supporters.get(frontier.pop(), []):
            if supporter.kind in EVIDENCE_KINDS and supporter.id not in reached:
                reached.add(supporter.id)
                frontier.append(supporter.id)
    return reached


def _missing_path(claim: Claim, claims: dict[str, Claim]) -> str:
    """Why an evidence claim does not reach the thesis, in words an editor can act on."""
    targets = [claims[t] for t in claim.targets("supports") if t in claims]
    if not targets:
        return "it supports no claim"
    detours = [t for t in targets if t.kind not in EVIDENCE_KINDS]
    if detours and len(detours) == len(targets):
        names = ", ".join(f"the {t.kind} '{t.id}'" for t in detours)
        return f"it supports only {names}, and framing, predictions and recommendations are no evidence"
    return "none of the claims it supports (" + ", ".join(t.id for t in targets) + ") reaches the thesis either"


def _reachability(kb: KnowledgeBase, claims: dict[str, Claim]) -> list[Diagnostic]:
    thesis = kb.thesis
    if thesis is None or not kb.complete:
        return []
    supporters = supporters_of(claims)
    reached = reached_from_thesis(thesis, supporters)
    found = []
    for claim in kb.claims:
        if claim.kind in EVIDENCE_KINDS and claim.id not in reached:
            found.append(
                Diagnostic(
                    claim.span_of("id"),
                    "warning",
                    "orphan-claim",
                    f"claim '{claim.id}' does not reach the thesis '{thesis.id}' through `supports`: "
                    + _missing_path(claim, claims),
                )
            )
    # predictions and recommendations hang below the argument: something that reaches the thesis
    # (or a prediction that is itself so grounded) supports them
    grounded = set(reached)
    frontier = list(reached)
    while frontier:  # walk down `supports` from what reaches the thesis, into forward claims only
        for target_id in claims[frontier.pop()].targets("supports"):
            target = claims.get(target_id)
            if target is not None and target.kind in FORWARD_KINDS and target_id not in grounded:
                grounded.add(target_id)
                frontier.append(target_id)
    for claim in kb.claims:
        if claim.kind in FORWARD_KINDS and claim.id not in grounded:
            found.append(
                Diagnostic(
                    claim.span_of("id"),
                    "warning",
                    "unreached-consequence",
                    f"the {claim.kind} '{claim.id}' does not follow from the argument: "
                    "nothing that reaches the thesis supports it",
                    f"add '{claim.id}' to the `supports` of the thesis or of the finding it follows from",
                )
            )
    return found


def _contrasts(claim: Claim, claims: dict[str, Claim]) -> list[Diagnostic]:
    found = []
    for index, target in enumerate(claim.targets("contrasts")):
        other = claims.get(target)
        if other is None:
            continue
        span = claim.span_of("contrasts", index)
        if other.kind != claim.kind:
            found.append(
                Diagnostic(
                    span,
                    "warning",
                    "contrast-mismatch",
                    f"'{claim.id}' ({claim.kind}) contrasts with '{target}' ({other.kind}): "
                    "the two sides of a comparison are claims of one kind",
                )
            )
        elif not set(claim.concepts) & set(other.concepts):
            found.append(
                Diagnostic(
                    span,
                    "warning",
                    "contrast-mismatch",
                    f"'{claim.id}' contrasts with '{target}' but they share no concept: "
                    "the two sides of a comparison answer the same question",
                )
            )
        if claim.id in other.targets("contrasts"):
            if claim.id < target:  # report the pair once
                found.append(
                    Diagnostic(
                        span,
                        "warning",
                        "duplicate-contrast",
                        f"'{claim.id}' and '{target}' each say they contrast with the other",
                        "`contrasts` is symmetric: keep it on one of the two claims",
                    )
                )
    return found


def _only_restates(kb: KnowledgeBase, claims: dict[str, Claim]) -> list[Diagnostic]:
    kinds: dict[str, set[str]] = defaultdict(set)
    for claim in kb.claims:
        for relation in RELATIONS:
            for target in claim.targets(relation):
                if target in claims:
                    kinds[claim.id].add(relation)
                    kinds[target].add(relation)
    return [
        Diagnostic(
            claim.span_of("id"),
            "warning",
            "only-restates",
            f"'{claim.id}' is related to other claims only by `restates`: it takes no part in the argument",
            "say what it supports, or what supports it",
        )
        for claim in kb.claims
        if kinds.get(claim.id) == {"restates"} and claim.kind != "thesis"
    ]


def check(kb: KnowledgeBase) -> list[Diagnostic]:
    claims = kb.claim_index()
    supporters = supporters_of(claims)
    found: list[Diagnostic] = []
    for claim in kb.claims:
        if claim.kind in FRAMING_KINDS:
            found.extend(_framing(claim))
        else:
            found.extend(_addresses_outside_framing(claim))
        if claim.kind in FORWARD_KINDS:
            found.extend(_forward_as_evidence(claim, claims))
        if claim.kind == "recommendation":
            found.extend(_ungrounded(claim, supporters))
        found.extend(_contrasts(claim, claims))
    found.extend(_reachability(kb, claims))
    found.extend(_only_restates(kb, claims))
    return found
