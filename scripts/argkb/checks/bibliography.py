"""references.bib holds each work once, with the fields its type needs, under usable keys."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from argkb.load.bib import load_bibtex
from argkb.model import Diagnostic, KnowledgeBase, Reference

BIB_PATH = "references.bib"

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]+$")

# BibTeX's own requirements; `author` may be replaced by `editor` where BibTeX allows it
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "journal", "year"),
    "book": ("author", "title", "publisher", "year"),
    "inbook": ("author", "title", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "techreport": ("author", "title", "institution", "year"),
    "phdthesis": ("author", "title", "school", "year"),
    "mastersthesis": ("author", "title", "school", "year"),
    "misc": ("title", "year"),
    "online": ("title", "year", "url"),
    "report": ("author", "title", "institution", "year"),
}


def normalise_title(title: str) -> str:
    """Lowercase letters and digits only: 'The Tragedy of {Great} Power...' == 'the tragedy of great power'."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def normalise_doi(doi: str) -> str:
    doi = doi.strip().lower()
    return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", doi)


def work_identity(ref: Reference) -> tuple[str, str, str]:
    surname = normalise_title(ref.surnames[0]) if ref.surnames else ""
    return surname, ref.year.strip(), normalise_title(ref.title)


def _has(ref: Reference, field: str) -> bool:
    if field == "author":
        return bool(ref.authors)
    return bool(ref.fields.get(field, "").strip())


def check(kb: KnowledgeBase) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    by_key: dict[str, Reference] = {}
    by_doi: dict[str, Reference] = {}
    by_identity: dict[tuple[str, str, str], Reference] = {}
    lowercase_keys = {ref.key.lower() for ref in kb.references}
    for ref in kb.references:
        if not KEY_PATTERN.match(ref.key):
            found.append(
                Diagnostic(
                    ref.span,
                    "error",
                    "bad-cite-key",
                    f"key '{ref.key}' may only hold letters, digits, '_' and '-' (mkdocs-bibtex breaks on ':')",
                )
            )
        first = by_key.get(ref.key.lower())
        if first is not None:
            found.append(
                Diagnostic(
                    ref.span,
                    "error",
                    "duplicate-bibtex-key",
                    f"key '{ref.key}' is already used by the entry at line {first.span.line}",
                )
            )
            continue
        by_key[ref.key.lower()] = ref

        for field in REQUIRED_FIELDS.get(ref.entry_type, ("title",)):
            if not _has(ref, field):
                found.append(
                    Diagnostic(
                        ref.span,
                        "error",
                        "missing-bibtex-field",
                        f"@{ref.entry_type} '{ref.key}' has no '{field}' field",
                    )
                )
        # the DOI's syntax is checked with the other link fields, in checks/urls.py
        if (parent := ref.fields.get("crossref", "").strip()) and parent.lower() not in lowercase_keys:
            found.append(
                Diagnostic(
                    ref.span_of("crossref"),
                    "error",
                    "dangling-crossref",
                    f"'{ref.key}' has crossref '{parent}', which is not an entry of references.bib",
                )
            )

        twin = None
        if ref.doi and (doi := normalise_doi(ref.doi)) in by_doi:
            twin, why = by_doi[doi], "the same DOI"
        identity = work_identity(ref)
        if twin is None and all(identity) and identity in by_identity:
            twin, why = by_identity[identity], "the same first author, year and title"
        if twin is not None:
            found.append(
                Diagnostic(
                    ref.span,
                    "error",
                    "duplicate-work",
                    f"entries '{twin.key}' (line {twin.span.line}) and '{ref.key}' are the same work ({why})",
                )
            )
        if ref.doi:
            by_doi.setdefault(normalise_doi(ref.doi), ref)
        if all(identity):
            by_identity.setdefault(identity, ref)
    return found


# what mkdocs-bibtex (and pybtex under it) cannot survive: it would stop the build with a traceback
FATAL_TO_MKDOCS_BIBTEX = frozenset({"bibtex-syntax", "duplicate-bibtex-key", "dangling-crossref", "encoding"})


def fatal_problems(root: Path) -> list[Diagnostic]:
    """The problems of references.bib that must stop a build before mkdocs-bibtex reads the file."""
    try:
        text = (root / BIB_PATH).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # missing or undecodable: load_kb reports it, and mkdocs-bibtex fails cleanly
    references, problems = load_bibtex(BIB_PATH, text)
    kb = KnowledgeBase(str(root), None, [], [], references, None)
    return [d for d in problems + check(kb) if d.code in FATAL_TO_MKDOCS_BIBTEX]
