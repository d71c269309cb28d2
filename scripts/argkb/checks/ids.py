"""Ids are URLs and anchors: unique across the whole knowledge base."""

from __future__ import annotations

from argkb.model import Diagnostic, KnowledgeBase, Span


def check(kb: KnowledgeBase) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    first: dict[str, tuple[str, Span]] = {}

    def claim_id(kind: str, id_: str, span: Span) -> None:
        if not id_:
            return
        if id_ in first:
            other_kind, other = first[id_]
            found.append(
                Diagnostic(
                    span,
                    "error",
                    "duplicate-id",
                    f"{kind} id '{id_}' is already used by a {other_kind} at {other.path}:{other.line}",
                )
            )
        else:
            first[id_] = (kind, span)

    for section in kb.sections:
        claim_id("section", section.id, section.span)
        for sub in section.subsections:
            claim_id("subsection", sub.id, sub.span)
    for claim in kb.claims:
        claim_id("claim", claim.id, claim.span_of("id"))
    for claim in kb.claims:  # a former id keeps its URL (a redirect page), so it is taken like any id
        for index, alias in enumerate(claim.aliases):
            claim_id(f"former id of claim '{claim.id}'", alias, claim.span_of("aliases", index))

    numbers: dict[int, Span] = {}
    for section in kb.sections:
        if section.number in numbers:
            other = numbers[section.number]
            found.append(
                Diagnostic(
                    section.span,
                    "error",
                    "duplicate-section",
                    f"section {section.number} is also defined in {other.path}",
                )
            )
        numbers.setdefault(section.number, section.span)

    concept_ids: dict[str, Span] = {}
    for concept in kb.concepts:
        if concept.id in concept_ids:
            found.append(
                Diagnostic(concept.span, "error", "duplicate-id", f"concept id '{concept.id}' is defined twice")
            )
        concept_ids.setdefault(concept.id, concept.span)
    return found
