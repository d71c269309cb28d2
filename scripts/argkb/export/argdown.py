"""The argument as Argdown (argument.argdown), for the Argdown CLI, editor and its maps.

Each claim is a statement `[claim-id]: text`, with a link back to its page and its concepts as
tags; sections and subsections are headings (Argdown groups). Relations Argdown can draw:

- supports  -> `+>` (outgoing support)
- opposes   -> `->` (outgoing attack)
- qualifies -> `_>` (outgoing undercut: it bears on the target without rejecting it)

`contrasts`, `addresses` and `restates` have no Argdown relation that means the same (`><` is a
logical contradiction; `+>` would make a summary or a research question a reason), so they are
kept as the statement's data (`{contrasts: [...]}`), which Argdown carries but does not draw.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

from argkb.model import RELATION_SPECS, RELATIONS, KnowledgeBase

ARROWS: dict[str, str] = {"supports": "+>", "opposes": "->", "qualifies": "_>"}
"""Relation -> Argdown outgoing relation symbol; the other relations become statement data."""

# characters Argdown reads as syntax inside a statement's text (tags, mentions, emphasis, links)
_SPECIAL = re.compile(r"([\\\[\]<>#@*_{}()+\-=:])")


def _text(text: str) -> str:
    from argkb.render.escape import plain_text  # here, not at the top: argkb.render imports argkb.export

    return _SPECIAL.sub(r"\\\1", " ".join(plain_text(text).split()))


def _tag(name: str) -> str:
    return "#(" + re.sub(r"[()\\#\[\]]", " ", name).strip() + ")"


def _heading(level: int, title: str) -> str:
    return "#" * level + " " + " ".join(re.sub(r"[\[\]<>#@*_{}]", " ", title).split())


def argdown(kb: KnowledgeBase, site_url: str = "") -> str:
    """The whole knowledge base as one Argdown document (deterministic)."""
    claims = kb.claim_index()
    concepts = {c.id: c.name for c in kb.concepts}
    paper = kb.paper
    title = paper.title if paper else "argkb"
    lines = [
        "===",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        "map:",
        "    statementLabelMode: text",
        "===",
        "",
    ]
    base = site_url.rstrip("/") + "/" if site_url.startswith(("http://", "https://")) else ""
    for section in kb.sections:
        lines += [_heading(1, f"{section.number}. {section.title}"), ""]
        for sub in section.subsections:
            lines += [_heading(2, sub.title), ""]
            for claim in sub.claims:
                if claims.get(claim.id) is not claim:
                    continue  # a duplicate id: reported by the checks
                page = f"claims/{claim.id}/"  # ids are [a-z0-9-] (checked), so this is a safe path
                link = f" [claim page]({urljoin(base, page) if base else page})"
                tags = " ".join(_tag(concepts.get(c, c)) for c in dict.fromkeys(claim.concepts))
                data = {
                    relation: [t for t in dict.fromkeys(claim.targets(relation)) if t in claims]
                    for relation in RELATIONS
                    if relation not in ARROWS and claim.targets(relation)
                }
                data = {"kind": claim.kind, **{k: v for k, v in data.items() if v}}
                statement = f"[{claim.id}]: {_text(claim.text)}{link}"
                lines.append(statement + (f" {tags}" if tags else "") + " " + json.dumps(data))
                for relation, arrow in ARROWS.items():
                    for target in dict.fromkeys(claim.targets(relation)):
                        if target in claims and target != claim.id:
                            lines.append(f"    {arrow} [{target}]")
                lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def describe() -> str:
    drawn = ", ".join(f"{RELATION_SPECS[r].forward} as {a}" for r, a in ARROWS.items())
    return f"the argument in Argdown ({drawn}; sections as groups, concepts as tags)"
