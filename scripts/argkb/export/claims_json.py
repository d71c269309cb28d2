"""The knowledge base as one JSON document (claims.json), described by schemas/claims-export.schema.json.

Versioned: a consumer checks `version` before reading. Quotes are plain text (Markdown bold
removed, whitespace collapsed) with the id of the paper paragraph they come from.
"""

from __future__ import annotations

from typing import Any

from argkb.model import RELATIONS, Claim, KnowledgeBase
from argkb.quotes import QuoteIndex, normalise

EXPORT_VERSION = 2


def _claim(claim: Claim, index: QuoteIndex | None) -> dict[str, Any]:
    quotes = []
    for quote in claim.quotes:
        match = index.locate(quote) if index else None
        quotes.append({"text": normalise(quote), "paragraph": match.paragraph.id if match else None})
    return {
        "id": claim.id,
        "kind": claim.kind,
        "text": claim.text,
        "section": claim.section_id,
        "subsection": claim.subsection_id,
        "quotes": quotes,
        "citations": [{"key": c.key, "locator": c.locator or None} for c in claim.cites],
        "relations": {name: list(claim.targets(name)) for name in RELATIONS},
        "concepts": list(claim.concepts),
        "events": list(claim.events),
        "note": claim.note or None,
        "aliases": list(claim.aliases),
    }


def claims_export(kb: KnowledgeBase) -> dict[str, Any]:
    index = QuoteIndex(kb.source) if kb.source else None
    paper = kb.paper
    return {
        "version": EXPORT_VERSION,
        "paper": {
            "title": paper.title if paper else "",
            "authors": [{"name": a.name, "affiliation": a.affiliation} for a in paper.authors] if paper else [],
            "journal": paper.journal if paper else "",
            "year": paper.year if paper else None,
            "doi": (paper.doi or None) if paper else None,
            "url": (paper.url or None) if paper else None,
        },
        "sections": [
            {
                "number": section.number,
                "id": section.id,
                "title": section.title,
                "subsections": [
                    {"id": sub.id, "title": sub.title, "claims": [c.id for c in sub.claims]}
                    for sub in section.subsections
                ],
            }
            for section in kb.sections
        ],
        "claims": [_claim(claim, index) for claim in kb.claims],
        "concepts": [{"id": c.id, "name": c.name, "definition": c.definition} for c in kb.concepts],
        "events": [
            {
                "id": e.id,
                "title": e.title,
                "kind": e.kind,
                "date": e.date,
                "in_force": e.in_force or None,
                "by": list(e.by),
                "summary": e.summary,
                "document": e.document or None,
                "sources": [
                    {"title": s.title, "publisher": s.publisher or None, "url": s.url or None} for s in e.sources
                ],
            }
            for e in kb.events
        ],
    }
