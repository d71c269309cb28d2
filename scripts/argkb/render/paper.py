"""claims/source/paper.md -> the blocks of the annotated paper page.

The source text is untrusted like the YAML: it is not passed through as Markdown but read as the
few block kinds its format allows (headings, marked body paragraphs, other paragraphs, list
items, one provenance comment), each rendered later as escaped text with bold/italic kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from argkb.model import Claim, PrintedReference, Reference
from argkb.quotes import citation_spans, reference_for_author_year, reference_for_printed
from argkb.render.index import SiteIndex

_MARKER = re.compile(r"^<!--\s*¶\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*-->\s*$")
_COMMENT = re.compile(r"^<!--(.*?)-->\s*$", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_SECTION = re.compile(r"^(\d+)\.\s+(.+)$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+(.*)$")


@dataclass
class Block:
    kind: str  # provenance | title | heading | paragraph | text | list
    text: str = ""
    level: int = 0
    anchor: str = ""
    paragraph_id: str = ""
    items: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    # the text cut where it cites a work: (text, reference key, or '' for plain text)
    segments: list[tuple[str, str]] = field(default_factory=list)
    item_keys: list[str] = field(default_factory=list)  # in the reference list: the work each item prints


def cited_segments(text: str, references: list[Reference]) -> list[tuple[str, str]]:
    """The text in pieces, each in-text citation "Libicki, 2007" a piece with its work's key."""
    segments: list[tuple[str, str]] = []
    pos = 0
    for start, end, author, year in citation_spans(text):
        ref = reference_for_author_year(author, year, references)
        if ref is None:
            continue
        segments += [(text[pos:start], ""), (text[start:end], ref.key)]
        pos = end
    segments.append((text[pos:], ""))
    return [(piece, key) for piece, key in segments if piece]


def _chunks(markdown: str) -> list[list[str]]:
    """Blank-line separated chunks; a marker line or a heading is a chunk of its own."""
    chunks: list[list[str]] = []
    current: list[str] = []
    for line in markdown.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            if current:
                chunks.append(current)
            current = []
        elif _MARKER.match(line) or _HEADING.match(line):
            if current:
                chunks.append(current)
            chunks.append([line])
            current = []
        else:
            current.append(line)
    if current:
        chunks.append(current)
    return chunks


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def paper_blocks(markdown: str, index: SiteIndex) -> list[Block]:
    blocks: list[Block] = []
    # subsection titles of each section, in order: a heading takes the id of the first unused match
    unused = {s.number: [(sub.title.strip().lower(), sub.id) for sub in s.subsections] for s in index.kb.sections}
    section_number = 0
    pending_id = ""
    in_reference_list = False
    refs = index.kb.references
    for chunk in _chunks(markdown):
        first = chunk[0]
        text = " ".join(line.strip() for line in chunk)
        if (marker := _MARKER.match(first)) and len(chunk) == 1:
            pending_id = marker.group(1)
            continue
        if (comment := _COMMENT.match(text)) is not None:
            if not blocks:
                blocks.append(Block("provenance", " ".join(comment.group(1).split())))
            continue
        if (heading := _HEADING.match(first)) and len(chunk) == 1:
            level, title = len(heading.group(1)), heading.group(2)
            if level == 1:
                blocks.append(Block("title", title, 1))
                continue
            anchor = ""
            if level == 2:
                in_reference_list = title.strip().lower() == "references"
                section = _SECTION.match(title)
                section_number = int(section.group(1)) if section else 0
                anchor = f"section-{section_number}" if section else _slug(title)
            else:
                candidates = unused.get(section_number, [])
                for n, (sub_title, sub_id) in enumerate(candidates):
                    if sub_title == title.strip().lower():
                        anchor = sub_id
                        del candidates[n]
                        break
            blocks.append(Block("heading", title, min(level, 4), anchor))
            continue
        if pending_id:
            claims = index.paragraph_claims.get(pending_id, [])
            blocks.append(
                Block("paragraph", text, paragraph_id=pending_id, claims=claims, segments=cited_segments(text, refs))
            )
            pending_id = ""
            continue
        items = [_ITEM.match(line) for line in chunk]
        if all(items):
            texts = [m.group(1).strip() for m in items if m]
            printed = [
                reference_for_printed(PrintedReference(t, 0), refs) if in_reference_list else None for t in texts
            ]
            blocks.append(Block("list", items=texts, item_keys=[ref.key if ref else "" for ref in printed]))
        else:
            blocks.append(Block("text", text, segments=cited_segments(text, refs)))
    return blocks
