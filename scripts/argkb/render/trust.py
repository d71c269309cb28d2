"""How far a cited work can be trusted, as the pages show it beside the work wherever it appears.

The status comes from claims/verification.yaml (argkb.audit reports it, with the evidence, on the
audit page); a work with no record there is "not checked".
"""

from __future__ import annotations

from dataclasses import dataclass

from argkb.audit import NOT_CHECKED
from argkb.model import KnowledgeBase
from argkb.render import bibliography
from argkb.render.templating import anchor

LABELS = {
    "verified": "verified",
    "partly-verified": "partly verified",
    "unverified": "unverified",
    NOT_CHECKED: "not checked",
}
MEANINGS = {
    "verified": "public records confirm this work",
    "partly-verified": "public records confirm this work only in part",
    "unverified": "no public record of this work was found",
    NOT_CHECKED: "this work has not been checked against public records",
}


@dataclass(frozen=True)
class Trust:
    status: str  # verified | partly-verified | unverified | not-checked
    label: str  # what the badge says
    meaning: str  # one phrase saying what the status means
    anchor: str  # where the audit page gives the evidence
    doi_unconfirmed: bool  # the work's DOI was not found either


def trust_index(kb: KnowledgeBase) -> dict[str, Trust]:
    """reference key -> its Trust, for every work in references.bib."""
    recorded = kb.verification_index()
    found = {}
    for ref in kb.references:
        verification = recorded.get(ref.key)
        status = verification.status if verification else NOT_CHECKED
        found[ref.key] = Trust(
            status,
            LABELS.get(status, status),
            MEANINGS.get(status, ""),
            f"verification-{anchor(ref.key)}",  # as the audit page names it
            status == "unverified" and bibliography.link_of(ref).startswith("https://doi.org/"),
        )
    return found
