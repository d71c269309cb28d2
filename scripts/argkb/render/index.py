"""Everything the pages link to, indexed once before any page is rendered.

Pages resolve links against this index, never by guessing: a relation to a claim that does not
exist is shown as missing (the checks report it), not linked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from argkb.audit import Anachronism, anachronisms
from argkb.model import RELATIONS, Claim, Concept, KnowledgeBase, Paragraph, Reference, Section, Subsection
from argkb.quotes import QuoteIndex
from argkb.render.map_blocks import MapBook
from argkb.render.trust import Trust, trust_index


@dataclass
class SiteIndex:
    kb: KnowledgeBase
    claims: dict[str, Claim] = field(default_factory=dict)
    reading_order: list[Claim] = field(default_factory=list)
    sections: dict[str, Section] = field(default_factory=dict)
    subsections: dict[str, Subsection] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)
    concepts: dict[str, Concept] = field(default_factory=dict)
    paragraphs: dict[str, Paragraph] = field(default_factory=dict)
    incoming: dict[str, dict[str, list[Claim]]] = field(default_factory=dict)
    """target claim id -> relation -> the claims pointing at it, in reading order"""
    cited_by: dict[str, list[Claim]] = field(default_factory=dict)
    """reference key -> the claims citing it, in reading order"""
    concept_claims: dict[str, list[Claim]] = field(default_factory=dict)
    """concept id -> the claims tagged with it, in reading order"""
    quote_paragraph: dict[tuple[str, int], str] = field(default_factory=dict)
    """(claim id, quote number) -> id of the paragraph holding the quote ('' if none)"""
    paragraph_claims: dict[str, list[Claim]] = field(default_factory=dict)
    """paragraph id -> the claims quoting it, in reading order"""
    positions: dict[str, int] = field(default_factory=dict)
    maps: MapBook = field(default_factory=MapBook)
    """The maps the pages ask for, drawn together once every page is written (render_site)."""

    def __post_init__(self) -> None:
        kb = self.kb
        for section in kb.sections:
            self.sections.setdefault(section.id, section)
            for sub in section.subsections:
                self.subsections.setdefault(sub.id, sub)
        for claim in kb.claims:
            if claim.id not in self.claims:
                self.claims[claim.id] = claim
                self.reading_order.append(claim)
        self.positions = {claim.id: n for n, claim in enumerate(self.reading_order)}
        self.references = kb.reference_index()
        for concept in kb.concepts:
            self.concepts.setdefault(concept.id, concept)
        if kb.source is not None:
            self.paragraphs = {p.id: p for p in kb.source.paragraphs}

        quotes = QuoteIndex(kb.source) if kb.source is not None else None
        for claim in self.reading_order:
            for relation in RELATIONS:
                for target in dict.fromkeys(claim.targets(relation)):
                    self.incoming.setdefault(target, {}).setdefault(relation, []).append(claim)
            for key in dict.fromkeys(c.key for c in claim.cites):
                self.cited_by.setdefault(key, []).append(claim)
            for concept_id in dict.fromkeys(claim.concepts):
                self.concept_claims.setdefault(concept_id, []).append(claim)
            for number, quote in enumerate(claim.quotes):
                match = quotes.locate(quote) if quotes is not None else None
                paragraph_id = match.paragraph.id if match is not None else ""
                self.quote_paragraph[(claim.id, number)] = paragraph_id
                quoting = self.paragraph_claims.setdefault(paragraph_id, []) if paragraph_id else None
                if quoting is not None and (not quoting or quoting[-1].id != claim.id):
                    quoting.append(claim)

    @cached_property
    def anachronisms(self) -> dict[str, list[Anachronism]]:
        """claim id -> its citations of works older than the event it is about (argkb.audit)."""
        found: dict[str, list[Anachronism]] = {}
        for finding in anachronisms(self.kb):
            found.setdefault(finding.claim_id, []).append(finding)
        return found

    @cached_property
    def trust(self) -> dict[str, Trust]:
        """reference key -> how far public records confirm the work."""
        return trust_index(self.kb)

    @cached_property
    def paragraph_numbers(self) -> dict[str, tuple[int, int]]:
        """paragraph id -> (section number, its place among the section's paragraphs, from 1)."""
        counts: dict[int, int] = {}
        numbers = {}
        for paragraph in self.paragraphs.values():
            counts[paragraph.section_number] = counts.get(paragraph.section_number, 0) + 1
            numbers[paragraph.id] = (paragraph.section_number, counts[paragraph.section_number])
        return numbers

    def paragraph_label(self, paragraph_id: str) -> str:
        """'§1, paragraph 5': where a quote is, in words a reader knows."""
        if paragraph_id not in self.paragraph_numbers:
            return paragraph_id
        section, number = self.paragraph_numbers[paragraph_id]
        return f"§{section}, paragraph {number}" if section else f"paragraph {number}"

    def position(self, claim: Claim) -> int:
        return self.positions[claim.id]

    def section_of(self, claim: Claim) -> Section | None:
        return self.sections.get(claim.section_id)

    def subsection_of(self, claim: Claim) -> Subsection | None:
        return self.subsections.get(claim.subsection_id)

    def previous_claim(self, claim: Claim) -> Claim | None:
        n = self.position(claim)
        return self.reading_order[n - 1] if n > 0 else None

    def next_claim(self, claim: Claim) -> Claim | None:
        n = self.position(claim)
        return self.reading_order[n + 1] if n + 1 < len(self.reading_order) else None


def build_index(kb: KnowledgeBase) -> SiteIndex:
    return SiteIndex(kb)
