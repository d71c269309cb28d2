"""Concepts come from the controlled vocabulary in claims/concepts.yaml, and each is used."""

from __future__ import annotations

import difflib

from argkb.model import Diagnostic, KnowledgeBase


def check(kb: KnowledgeBase) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    defined = {c.id for c in kb.concepts}
    used: set[str] = set()
    for claim in kb.claims:
        for index, concept in enumerate(claim.concepts):
            used.add(concept)
            if concept not in defined and kb.concepts:
                guess = difflib.get_close_matches(concept, sorted(defined), n=1)
                found.append(
                    Diagnostic(
                        claim.span_of("concepts", index),
                        "error",
                        "unknown-concept",
                        f"claim '{claim.id}' uses concept '{concept}', not defined in claims/concepts.yaml",
                        f"did you mean '{guess[0]}'?" if guess else "",
                    )
                )
    for concept in kb.concepts:
        if concept.id not in used and kb.claims and kb.complete:
            found.append(
                Diagnostic(concept.span, "warning", "unused-concept", f"concept '{concept.id}' is used by no claim")
            )
    return found
