"""Ids are URLs and anchors: unique across the whole knowledge base."""

from __future__ import annotations

from argkb.checks.registry import IdRegistry
from argkb.model import Diagnostic, KnowledgeBase, Span


def check(kb: KnowledgeBase) -> list[Diagnostic]:
    pages = IdRegistry()  # sections, subsections and claims share URLs and anchors
    for section in kb.sections:
        pages.add("section", section.id, section.span)
        for sub in section.subsections:
            pages.add("subsection", sub.id, sub.span)
    for claim in kb.claims:
        pages.add("claim", claim.id, claim.span_of("id"))
    for claim in kb.claims:  # a former id keeps its URL (a redirect page), so it is taken like any id
        for index, alias in enumerate(claim.aliases):
            pages.add(f"former id of claim '{claim.id}'", alias, claim.span_of("aliases", index))
    concepts = IdRegistry()
    for concept in kb.concepts:
        concepts.add("concept", concept.id, concept.span)
    references = IdRegistry(code="duplicate-bibtex-key", noun="key")  # duplicates: checks/bibliography.py
    seen_keys: set[str] = set()
    for ref in kb.references:
        if ref.key.lower() not in seen_keys:
            seen_keys.add(ref.key.lower())
            references.add("reference", ref.key, ref.span)
    found = pages.found + concepts.found + [d for d in references.found if d.code == "reserved-id"]

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
    return found
