"""Pages that grow past a size are split into parts, so no built page gets heavy.

A page of N sections at 10,000 claims (the annotated paper, the audit) would be megabytes; a
reader opens one section at a time. `split_pages` cuts the Markdown of such a page at its `##`
headings (then `###`, then before top-level admonitions and tables, where one section alone is
too big) and packs the pieces into parts of at most `limit` bytes. Part 1 keeps the page's path
and its introduction; part k is the sibling `<page>--k.md` (ids hold no `--`, so no page can
already be there, and a sibling keeps every relative link of the moved text valid). Every page
names all parts; each link in the site to an anchor that moved is pointed at its new part.
Pages under the limit are returned unchanged.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from argkb.render.islands import END as ISLAND_END
from argkb.render.islands import START as ISLAND_START
from argkb.render.paths import doc_link, url_link

PART_SEPARATOR = "--"
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_TITLE = re.compile(r'^title: "(.*)"$', re.M)
_ATTR_ID = re.compile(r"\{\s*#([A-Za-z0-9_:.-]+)[^}]*\}")
_HTML_ID = re.compile(r'\bid="([^"]+)"')
_HEADING_ATTRS = re.compile(r"\s*\{[^}]*\}\s*$")
_MD_LINK = re.compile(r"\]\((?P<target>[^()\s#]*)#(?P<anchor>[^()\s]+)\)")
_HREF = re.compile(r'href="(?P<target>[^"#]*)#(?P<anchor>[^"]+)"')
_BLOCK_START = ("??? ", "???+ ", "!!! ", "<table", '<div class="argkb-')


@dataclass
class _Piece:
    text: str
    heading: str  # the `## ` line this piece belongs to ('' before the first)
    opens_heading: bool  # the piece starts with that heading (else a part starting here repeats it)


@dataclass
class _Part:
    pieces: list[_Piece] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(len(p.text.encode()) for p in self.pieces)


def part_page(page: str, number: int) -> str:
    """Where part `number` (1-based) of `page` lives: the page itself for part 1."""
    return page if number == 1 else f"{page[: -len('.md')]}{PART_SEPARATOR}{number}.md"


def _lines_at(body: str, starts: tuple[str, ...]) -> list[int]:
    """Offsets of the lines starting with one of `starts`, outside fenced code blocks and islands
    (render/islands.py: HTML kept whole)."""
    offsets, fenced, island, pos = [], False, False, 0
    for line in body.splitlines(keepends=True):
        if line.startswith(("```", "~~~")) and not island:
            fenced = not fenced
        elif line.startswith((ISLAND_START, ISLAND_END)) and not fenced:
            island = line.startswith(ISLAND_START)
        elif not fenced and not island and line.startswith(starts):
            offsets.append(pos)
        pos += len(line)
    return offsets


def _cut(text: str, offsets: list[int]) -> list[str]:
    bounds = [0, *[o for o in offsets if o > 0], len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if text[a:b]]


def _pieces(body: str, limit: int) -> list[_Piece]:
    """The body cut at `## `; a section over `limit` cut further at `### `, then at blocks."""
    out: list[_Piece] = []
    for section in _cut(body, _lines_at(body, ("## ",))):
        heading = section.splitlines()[0] if section.startswith("## ") else ""
        if len(section.encode()) <= limit:
            out.append(_Piece(section, heading, bool(heading)))
            continue
        chunks = [section]
        for starts in (("### ",), _BLOCK_START):
            chunks = [
                c
                for chunk in chunks
                for c in (_cut(chunk, _lines_at(chunk, starts)) if len(chunk.encode()) > limit else [chunk])
            ]
        out.extend(_Piece(chunk, heading, n == 0 and bool(heading)) for n, chunk in enumerate(chunks))
    return out


def _pack(pieces: list[_Piece], limit: int) -> list[_Part]:
    parts = [_Part()]
    for piece in pieces:
        if parts[-1].pieces and parts[-1].size + len(piece.text.encode()) > limit:
            parts.append(_Part())
        parts[-1].pieces.append(piece)
    return parts


def _anchors(text: str) -> set[str]:
    return set(_ATTR_ID.findall(text)) | set(_HTML_ID.findall(text))


def _heading_text(heading: str) -> str:
    return _HEADING_ATTRS.sub("", heading[3:]).strip()


def _parts_list(page: str, here: str, parts: list[_Part], current: int) -> str:
    """Markdown naming every part of `page`, with the sections each holds; `current` in bold."""
    lines = [f"This page is in {len(parts)} parts:", ""]
    for number, part in enumerate(parts, start=1):
        titles = [_heading_text(p.heading) for p in part.pieces if p.opens_heading]
        continued = (
            []
            if part.pieces[0].opens_heading or not part.pieces[0].heading
            else [_heading_text(part.pieces[0].heading) + " (continued)"]
        )
        what = " · ".join(continued + titles) or "introduction"
        name = f"part {number}"
        link = name if number == current else f"[{name}]({doc_link(here, part_page(page, number))})"
        lines.append(f"{number}. {'**' + link + '**' if number == current else link}: {what}")
    return "\n".join(lines) + "\n\n"


def _split_one(page: str, text: str, limit: int) -> tuple[dict[str, str], dict[str, int]]:
    """{path: Markdown} of the parts, and {anchor: part number} of every anchor of the page."""
    match = _FRONT_MATTER.match(text)
    head, body = (text[: match.end()], text[match.end() :]) if match else ("", text)
    title_match = _TITLE.search(head)
    title = title_match[1] if title_match else posixpath.basename(page)
    parts = _pack(_pieces(body, limit), limit)
    if len(parts) == 1:
        return {page: text}, {}
    where = {a: n for n, part in enumerate(parts, start=1) for p in part.pieces for a in _anchors(p.text)}
    out = {}
    for number, part in enumerate(parts, start=1):
        path = part_page(page, number)
        first = part.pieces[0]
        contents = _parts_list(page, path, parts, number)
        if number == 1:  # the page's introduction, then the list of parts, then the rest of part 1
            intro = "" if first.heading else first.text
            rest = "".join(p.text for p in part.pieces[0 if first.heading else 1 :])
            markdown = head + intro + contents + rest
        else:
            lead = (
                f"## {_heading_text(first.heading)} (continued)\n\n"
                if first.heading and not first.opens_heading
                else ""
            )
            # `title` comes out of the page's own front matter: already escaped and JSON-quoted
            numbered = f"{title} ({number}/{len(parts)})"
            markdown = f'---\ntitle: "{numbered}"\n---\n\n# {json.loads(chr(34) + numbered + chr(34))}\n\n'
            markdown += contents + lead + "".join(p.text for p in part.pieces)
        out[path] = markdown.rstrip("\n") + "\n"
    return out, where


def _rewrite(src: str, text: str, moves: dict[str, dict[str, int]], use_directory_urls: bool) -> str:
    """`text` (the page at `src`) with its links to anchors that moved pointed at their parts:
    links to another page, and same-page links ('#anchor') between the parts of one page."""
    by_link = {doc_link(src, page): page for page in moves if page != src}
    by_url = {url_link(src, page, use_directory_urls): page for page in moves if page != src}
    own = next(((p, n) for p, w in moves.items() for n in {1, *w.values()} if part_page(p, n) == src), None)

    def new_part(target: str, anchor: str, pages: dict[str, str]) -> tuple[str, int] | None:
        if not target:
            if own is None or moves[own[0]].get(anchor, own[1]) == own[1]:
                return None
            return own[0], moves[own[0]][anchor]
        page = pages.get(target)
        if page is None or moves[page].get(anchor, 1) == 1:
            return None
        return page, moves[page][anchor]

    def link(match: re.Match[str]) -> str:
        found = new_part(match["target"], match["anchor"], by_link)
        if found is None:
            return match[0]
        return f"]({doc_link(src, part_page(*found))}#{match['anchor']})"

    def href(match: re.Match[str]) -> str:
        found = new_part(match["target"], match["anchor"], by_url)
        if found is None:
            return match[0]
        return f'href="{url_link(src, part_page(*found), use_directory_urls)}#{match["anchor"]}"'

    return _HREF.sub(href, _MD_LINK.sub(link, text))


def split_pages(site: dict[str, str], pages: list[str], limit: int, use_directory_urls: bool = True) -> dict[str, str]:
    """`site` with each of `pages` over `limit` bytes split into parts, and links fixed."""
    out = dict(site)
    moves: dict[str, dict[str, int]] = {}
    for page in pages:
        if page in site and len(site[page].encode()) > limit:
            parts, where = _split_one(page, site[page], limit)
            del out[page]
            out.update(parts)
            if where:
                moves[page] = where
    if not moves:
        return out
    may_link = _may_link_to_moved(moves)
    return dict(
        sorted(
            (src, _rewrite(src, text, moves, use_directory_urls) if may_link(src, text) else text)
            for src, text in out.items()
        )
    )


def _may_link_to_moved(moves: dict[str, dict[str, int]]) -> Callable[[str, str], bool]:
    """Only a part of a split page, or a page naming one before an anchor ('paper.md#', 'paper/#',
    'paper.html#'), can link to an anchor that moved: the others need no rewriting."""
    parts = {part_page(page, n) for page, where in moves.items() for n in {1, *where.values()}}
    stems = "|".join(re.escape(posixpath.basename(page)[: -len(".md")]) for page in moves)
    names_one = re.compile(rf"[/(\"](?:{stems})(?:\.md|/|\.html)#")
    return lambda src, text: src in parts or names_one.search(text) is not None
