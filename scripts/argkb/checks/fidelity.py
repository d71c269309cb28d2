"""The knowledge base stays faithful to the paper.

- every quote is verbatim in the clean text (claims/source/paper.md), within one paragraph;
- every in-text citation of the paper lies in a quote of a claim that cites the matching entry,
  and a claim cites only works its quotes show (unless its note explains why);
- every body paragraph is quoted by some claim.
"""

from __future__ import annotations

from argkb.model import Claim, Diagnostic, KnowledgeBase, Span
from argkb.quotes import QuoteIndex, QuoteMatch, reference_for


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())  # a diagnostic is one line, whatever the quote holds
    return text if len(text) <= limit else text[: limit - 1] + "…"


def located_quotes(kb: KnowledgeBase, index: QuoteIndex) -> dict[tuple[str, int], QuoteMatch | None]:
    """(claim id, quote number) -> where the quote is in the paper, or None."""
    return {(claim.id, n): index.locate(quote) for claim in kb.claims for n, quote in enumerate(claim.quotes)}


def _check_quotes(
    claim: Claim, matches: dict[tuple[str, int], QuoteMatch | None], index: QuoteIndex
) -> list[Diagnostic]:
    found = []
    for n, quote in enumerate(claim.quotes):
        if matches[(claim.id, n)] is not None:
            continue
        closest = index.closest(quote)
        hint = f'closest passage, ¶ {closest[0].id}: "{_short(closest[1])}"' if closest else ""
        found.append(
            Diagnostic(
                claim.span_of("quotes", n),
                "error",
                "quote-not-found",
                f"quote {n + 1} of claim '{claim.id}' is not verbatim in the paper: \"{_short(quote, 60)}\"",
                hint,
            )
        )
    return found


def check(kb: KnowledgeBase) -> list[Diagnostic]:
    if kb.source is None:
        return []
    index = QuoteIndex(kb.source)
    matches = located_quotes(kb, index)
    found: list[Diagnostic] = []
    for claim in kb.claims:
        found.extend(_check_quotes(claim, matches, index))

    # which printed citations each claim's quotes contain
    claims = kb.claim_index()
    shown_by_claim: dict[str, set[str]] = {claim.id: set() for claim in kb.claims}
    attached: set[tuple[str, int, str]] = set()  # (paragraph, offset, ref key) covered by a citing claim
    citations_by_paragraph: dict[str, list] = {}
    for citation in index.citations:
        citations_by_paragraph.setdefault(citation.paragraph.id, []).append(citation)

    for claim in kb.claims:
        cited_keys = {c.key for c in claim.cites}
        for n, _quote in enumerate(claim.quotes):
            match = matches[(claim.id, n)]
            if match is None:
                continue
            for citation in citations_by_paragraph.get(match.paragraph.id, []):
                if not (match.start <= citation.start and citation.end <= match.end + 1):
                    continue
                ref = reference_for(citation, kb.references)
                if ref is None:
                    continue  # reported once, at the paper's line, below
                shown_by_claim[claim.id].add(ref.key)
                if ref.key in cited_keys:
                    attached.add((citation.paragraph.id, citation.start, ref.key))
                else:
                    found.append(
                        Diagnostic(
                            claim.span_of("quotes", n),
                            "error",
                            "missing-citation",
                            f"quote {n + 1} of claim '{claim.id}' shows ({citation.text}) "
                            f"but the claim does not cite '{ref.key}'",
                        )
                    )
    verifiable = {claim_id for (claim_id, _n), match in matches.items() if match is not None}
    for claim_id, shown in shown_by_claim.items():
        claim = claims[claim_id]
        if claim.note or claim_id not in verifiable:
            continue
        for n, citation in enumerate(claim.cites):
            if citation.key not in shown:
                found.append(
                    Diagnostic(
                        claim.span_of("cites", n),
                        "error",
                        "citation-not-in-quote",
                        f"claim '{claim_id}' cites '{citation.key}' but none of its quotes shows that citation "
                        "(quote the sentence with it, or explain in a note)",
                    )
                )

    path = kb.source.path
    for citation in index.citations:
        ref = reference_for(citation, kb.references)
        span = Span(path, citation.paragraph.line, 1)
        if ref is None:
            found.append(
                Diagnostic(
                    span,
                    "error",
                    "unknown-in-text-citation",
                    f"¶ {citation.paragraph.id} cites ({citation.text}), which matches no entry in references.bib",
                )
            )
        elif (citation.paragraph.id, citation.start, ref.key) not in attached and kb.complete:
            found.append(
                Diagnostic(
                    span,
                    "error",
                    "unattached-citation",
                    f"¶ {citation.paragraph.id} cites ({citation.text}) but no claim quotes it and cites '{ref.key}'",
                )
            )

    quoted = {m.paragraph.id for m in matches.values() if m is not None}
    for paragraph in kb.source.paragraphs:
        if paragraph.id not in quoted and kb.claims and kb.complete:
            found.append(
                Diagnostic(
                    Span(path, paragraph.line, 1),
                    "error",
                    "uncovered-paragraph",
                    f'¶ {paragraph.id} ({paragraph.heading}) is quoted by no claim: "{_short(paragraph.text, 60)}"',
                )
            )
    return found


def coverage(kb: KnowledgeBase) -> list[tuple[str, str, list[str]]]:
    """(paragraph id, heading, ids of the claims quoting it) for every body paragraph."""
    if kb.source is None:
        return []
    index = QuoteIndex(kb.source)
    quoting: dict[str, list[str]] = {p.id: [] for p in kb.source.paragraphs}
    for (claim_id, _n), match in located_quotes(kb, index).items():
        if match is not None and claim_id not in quoting[match.paragraph.id]:
            quoting[match.paragraph.id].append(claim_id)
    return [(p.id, p.heading, quoting[p.id]) for p in kb.source.paragraphs]
