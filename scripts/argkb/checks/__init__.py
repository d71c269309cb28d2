"""Every check family: KnowledgeBase -> list[Diagnostic]. `run_checks` runs them all.

Add a family by writing a module with a `check(kb)` function and listing it in FAMILIES.
"""

from __future__ import annotations

from collections.abc import Callable

from argkb.checks import (
    argument,
    bibliography,
    citations,
    concepts,
    fidelity,
    ids,
    markup,
    records,
    reference_list,
    relations,
)
from argkb.model import Diagnostic, KnowledgeBase

FAMILIES: tuple[Callable[[KnowledgeBase], list[Diagnostic]], ...] = (
    ids.check,
    relations.check,
    argument.check,
    concepts.check,
    citations.check,
    bibliography.check,
    fidelity.check,
    markup.check,
    reference_list.check,
    records.check,
)


def run_checks(kb: KnowledgeBase) -> list[Diagnostic]:
    """Load diagnostics plus every family's findings, sorted by file and position."""
    found = list(kb.load_diagnostics)
    for family in FAMILIES:
        found.extend(family(kb))
    unique = dict.fromkeys(found)  # a problem seen by two families is reported once
    return sorted(unique, key=lambda d: (d.span.path, d.span.line, d.span.col, d.code, d.message))


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)
