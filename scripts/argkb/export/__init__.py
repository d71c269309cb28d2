"""Open exports of the knowledge base: model -> JSON documents (pure; the caller writes the files).

- claims.json: every claim with its quotes, citations, relations and concepts
  (shape: schemas/claims-export.schema.json)
- references.json: references.bib as CSL-JSON
- argument.aif.json: the argument graph in AIF JSON (OVA, AIFdb)
- argument.argdown: the argument in Argdown (the Argdown CLI and editor)

`metadata` holds the page metadata (meta tags, JSON-LD) the theme embeds.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from argkb.export.aif import aif_graph
from argkb.export.argdown import argdown
from argkb.export.claims_json import claims_export
from argkb.export.csl import csl_items
from argkb.model import KnowledgeBase

EXPORTS: dict[str, Callable[[KnowledgeBase], Any]] = {
    "claims.json": claims_export,
    "references.json": csl_items,
    "argument.aif.json": aif_graph,
    "argument.argdown": argdown,
}

DESCRIPTIONS: dict[str, str] = {
    "claims.json": "every claim with its quotes, citations, relations, concepts and events, "
    "and the sections, concepts and events themselves (JSON)",
    "references.json": "the works the paper cites, as CSL-JSON for Zotero, Pandoc and other citeproc tools",
    "argument.aif.json": "the argument graph in the Argument Interchange Format, for OVA and AIFdb",
    "argument.argdown": "the argument in Argdown (statements linked to their pages, sections as groups, "
    "concepts as tags), for the Argdown CLI and editor",
}
"""One line per export saying what it holds, for the pages that link to it."""


def export_files(kb: KnowledgeBase) -> dict[str, str]:
    """File name -> content; the same knowledge base gives the same bytes."""
    files = {}
    for name, build in EXPORTS.items():
        data = build(kb)
        files[name] = data if isinstance(data, str) else json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return files
