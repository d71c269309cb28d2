"""Every line of the paper's printed reference list is a work in references.bib.

The audit counts how often each work is printed; a line it cannot place would go uncounted.
"""

from __future__ import annotations

from argkb.model import Diagnostic, KnowledgeBase, Span
from argkb.quotes import reference_for_printed


def check(kb: KnowledgeBase) -> list[Diagnostic]:
    if kb.source is None or not kb.references:
        return []
    return [
        Diagnostic(
            Span(kb.source.path, printed.line, 1),
            "error",
            "unknown-printed-reference",
            f'the printed reference "{printed.text[:70]}" matches no entry in references.bib '
            "(by first author and year)",
        )
        for printed in kb.source.reference_list
        if reference_for_printed(printed, kb.references) is None
    ]
