"""Every check family: KnowledgeBase -> list[Diagnostic]. `run_checks` runs them all.

Add a family by writing a module with a `check(kb)` function and listing it in FAMILIES.
"""

from __future__ import annotations

from collections.abc import Callable

from argkb.checks import (
    argument,
    bibliography,
    bounds,
    citations,
    concepts,
    fidelity,
    ids,
    markup,
    records,
    reference_list,
    relations,
    urls,
)
from argkb.model import Diagnostic, KnowledgeBase, Span

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
    urls.check,
    bounds.check,
)


def run_checks(kb: KnowledgeBase) -> list[Diagnostic]:
    """Load diagnostics plus every family's findings, sorted by file and position."""
    found = list(kb.load_diagnostics)
    for family in FAMILIES:
        found.extend(family(kb))
    found = _without_follow_on_errors(kb, found)
    unique = dict.fromkeys(found)  # a problem seen by two families is reported once
    return sorted(unique, key=lambda d: (d.span.path, d.span.line, d.span.col, d.code, d.message))


def _without_follow_on_errors(kb: KnowledgeBase, found: list[Diagnostic]) -> list[Diagnostic]:
    """When a section file could not be read, relations naming its claims are not the problem:
    report the file's own error and one line instead of dozens of `unknown-claim` errors."""
    follow_on = [d for d in found if d.code == "unknown-claim"]
    if not kb.unreadable_sections or not follow_on:
        return found
    files = ", ".join(kb.unreadable_sections)
    summary = Diagnostic(
        Span(kb.unreadable_sections[0]),
        "warning",
        "follow-on-suppressed",
        f"{len(follow_on)} unknown-claim error(s) not shown: they may name claims of {files}, "
        "which could not be read; fix that first",
    )
    return [d for d in found if d.code != "unknown-claim"] + [summary]


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)
