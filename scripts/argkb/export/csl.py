"""references.bib -> CSL-JSON, the bibliography format of citeproc, Zotero and Pandoc.

Each item carries the reference as printed in the paper; BibTeX markup (braces, `\\&`, `--`)
is decoded to plain text. Verification results stay in the audit, not in the items.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pybtex.backends.plaintext import Backend as TextBackend
from pybtex.richtext import Text

from argkb.model import KnowledgeBase, Reference

CSL_TYPES: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "techreport": "report",
    "report": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "online": "webpage",
    "misc": "document",
}

# BibTeX field -> CSL variable, for fields copied as text
_TEXT_FIELDS: dict[str, str] = {
    "title": "title",
    "journal": "container-title",
    "booktitle": "container-title",
    "publisher": "publisher",
    "institution": "publisher",
    "school": "publisher",
    "address": "publisher-place",
    "volume": "volume",
    "number": "issue",
    "edition": "edition",
    "doi": "DOI",
    "url": "URL",
    "isbn": "ISBN",
    "issn": "ISSN",
}


_TEXT = TextBackend()  # render_as("text") looks the backend up among every package's entry points, per call


@lru_cache(maxsize=4096)
def plain(latex: str) -> str:
    """BibTeX field text -> plain Unicode text: '{W.W. Norton \\& Company}' -> 'W.W. Norton & Company'."""
    return " ".join(Text.from_latex(latex).render(_TEXT).split())


def csl_name(author: str, surname: str) -> dict[str, str]:
    """'Libicki, M. C.' -> family/given; a corporate author ('U.S. Department of Defense') -> literal."""
    if surname and author.startswith(surname + ","):
        return {"family": surname, "given": author[len(surname) + 1 :].strip()}
    return {"literal": author}


def csl_item(ref: Reference) -> dict[str, Any]:
    item: dict[str, Any] = {"id": ref.key, "type": CSL_TYPES.get(ref.entry_type, "document")}
    if ref.authors:
        surnames = ref.surnames + [""] * (len(ref.authors) - len(ref.surnames))
        item["author"] = [csl_name(a, s) for a, s in zip(ref.authors, surnames, strict=True)]
    year = ref.year.strip()
    if year.isdigit():
        item["issued"] = {"date-parts": [[int(year)]]}
    for bib_field, csl_field in _TEXT_FIELDS.items():
        if (value := ref.fields.get(bib_field, "").strip()) and csl_field not in item:
            item[csl_field] = plain(value)
    if pages := ref.fields.get("pages", "").strip():
        item["page"] = pages.replace("--", "-")
    if note := ref.fields.get("howpublished", "").strip():
        item["note"] = plain(note)
    return item


def csl_items(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Every entry of references.bib, in file order."""
    return [csl_item(ref) for ref in kb.references]
