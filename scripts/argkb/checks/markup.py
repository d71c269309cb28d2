"""Editors' prose (claim `text`, `note`) is one line of inline Markdown with safe links only.

The renderer escapes everything anyway; refusing hostile or broken markup here tells the
editor at the line, instead of publishing something that renders oddly.
"""

from __future__ import annotations

import re

from argkb.checks.urls import DANGEROUS_SCHEME
from argkb.model import Claim, Diagnostic, KnowledgeBase
from argkb.urlpolicy import url_problem

RAW_HTML = re.compile(r"<\s*[A-Za-z!/?]")
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>")
FENCE = re.compile(r"(^|\n)\s*(```|~~~)")


def _prose_problems(claim: Claim, field: str, text: str) -> list[Diagnostic]:
    span = claim.span_of(field)
    where = f"the {field} of claim '{claim.id}'"
    found = []
    if "\n" in text.strip():
        found.append(Diagnostic(span, "error", "multiline-text", f"{where} spans several lines; write one line"))
    if FENCE.search(text):
        found.append(Diagnostic(span, "error", "code-fence", f"{where} opens a code fence (``` or ~~~)"))
    if RAW_HTML.search(text):
        found.append(
            Diagnostic(span, "error", "raw-html", f"{where} contains raw HTML; use Markdown emphasis and links only")
        )
    problems = [
        p for t in LINK_TARGET.findall(text) + AUTOLINK.findall(text) if t and (p := url_problem(t, mailto=True))
    ]
    if match := DANGEROUS_SCHEME.search(text):
        problems.insert(0, f"holds a '{match.group(1).lower()}:' URL")
    if problems:
        found.append(Diagnostic(span, "error", "unsafe-url", f"{where} links to an unsafe target: {problems[0]}"))
    return found


def check(kb: KnowledgeBase) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for claim in kb.claims:
        found.extend(_prose_problems(claim, "text", claim.text))
        if claim.note:
            found.extend(_prose_problems(claim, "note", claim.note))
    return found
