"""Citations and references agree: every cited key exists, every entry is cited."""

from __future__ import annotations

import difflib

from argkb.model import Diagnostic, KnowledgeBase


def check(kb: KnowledgeBase) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    keys = {ref.key for ref in kb.references}
    cited: set[str] = set()
    for claim in kb.claims:
        for index, citation in enumerate(claim.cites):
            cited.add(citation.key)
            if citation.key in keys or not kb.references and kb.load_diagnostics:
                continue
            guess = difflib.get_close_matches(citation.key, sorted(keys), n=1, cutoff=0.5)
            found.append(
                Diagnostic(
                    claim.span_of("cites", index),
                    "error",
                    "unknown-citation",
                    f"claim '{claim.id}' cites '{citation.key}', not in references.bib",
                    f"did you mean '{guess[0]}'?" if guess else "",
                )
            )
    if kb.claims and kb.complete:
        for ref in kb.references:
            if ref.key not in cited:
                found.append(
                    Diagnostic(ref.span, "error", "unused-reference", f"entry '{ref.key}' is cited by no claim")
                )
    return found
