"""Sizes are bounded, so a hostile or runaway input costs seconds, not minutes and megabytes.

The JSON Schemas bound each YAML string and list; these are the bounds they cannot express
(claims per file) and those of references.bib. Maps have their own bound (render/maps.py).
"""

from __future__ import annotations

from argkb.model import Diagnostic, KnowledgeBase

MAX_CLAIMS_PER_FILE = 500
"""The paper's longest section has well under a hundred claims."""
MAX_AUTHORS_PER_ENTRY = 100
"""Large consortium papers aside, no cited work has more; 20,000 made a build take a minute."""
MAX_BIBTEX_FIELD_CHARS = 5000
"""An abstract fits; a field larger than that is not bibliographic data."""

CODES = frozenset({"too-many-claims", "too-many-authors", "too-long"})


def check(kb: KnowledgeBase) -> list[Diagnostic]:
    found = []
    for section in kb.sections:
        if (count := len(section.claims)) > MAX_CLAIMS_PER_FILE:
            found.append(
                Diagnostic(
                    section.span,
                    "error",
                    "too-many-claims",
                    f"{section.path} holds {count:,} claims; the limit is {MAX_CLAIMS_PER_FILE} (split the section)",
                )
            )
    for ref in kb.references:
        if (count := len(ref.authors)) > MAX_AUTHORS_PER_ENTRY:
            found.append(
                Diagnostic(
                    ref.span_of("author") if "author" in ref.field_lines else ref.span_of("editor"),
                    "error",
                    "too-many-authors",
                    f"'{ref.key}' lists {count:,} people; the limit is {MAX_AUTHORS_PER_ENTRY} (write 'and others')",
                )
            )
        for name, value in sorted(ref.fields.items()):
            if len(value) > MAX_BIBTEX_FIELD_CHARS:
                found.append(
                    Diagnostic(
                        ref.span_of(name),
                        "error",
                        "too-long",
                        f"'{ref.key}' field '{name}' is {len(value):,} characters;"
                        f" the limit is {MAX_BIBTEX_FIELD_CHARS:,}",
                    )
                )
    return found
