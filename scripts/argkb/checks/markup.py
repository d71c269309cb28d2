"""Editors' prose (claim `text`, `note`) is one line of inline Markdown with safe links only.

The renderer escapes everything anyway; refusing hostile or broken markup here tells the
editor at the line, instead of publishing something that renders oddly.
"""

from __future__ import annotations

import re

from argkb.model import Claim, Diagnostic, KnowledgeBase

RAW_HTML = re.compile(r"<\s*[A-Za-z!/?]")
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>")
DANGEROUS_SCHEME = re.compile(r"\b(javascript|vbscript|data|file)\s*:", re.IGNORECASE)
SAFE_TARGET = re.compile(r"^(https?://|\.{0,2}/|#|[A-Za-z0-9_.-]+(/|$|#))")
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
    targets = LINK_TARGET.findall(text) + AUTOLINK.findall(text)
    if DANGEROUS_SCHEME.search(text) or any(t and not SAFE_TARGET.match(t) for t in targets):
        found.append(
            Diagnostic(
                span, "error", "unsafe-link", f"{where} links to something other than an http(s) or relative URL"
            )
        )
    return found


def check(kb: KnowledgeBase) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for claim in kb.claims:
        found.extend(_prose_problems(claim, "text", claim.text))
        if claim.note:
            found.extend(_prose_problems(claim, "note", claim.note))
    return found
