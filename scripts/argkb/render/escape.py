"""Untrusted text -> inert HTML that Markdown, mkdocs-bibtex and Mermaid leave alone.

Every string from claims/*.yaml, paper.md or references.bib is untrusted. The pages are Markdown,
read first by mkdocs-bibtex (which turns any `[...@key...]` into a citation) and then by
Python-Markdown, so escaping `<` and `&` is not enough: we encode every character either of them
could read as syntax as a numeric entity. Browsers decode the entities back to the same text.

Claim texts and notes may use a little inline Markdown: `*em*`, `_em_`, `**strong**` and links
whose target is http(s) or relative. Everything else stays literal text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from argkb.urlpolicy import is_safe_url

# Characters with a meaning to Python-Markdown (inline or block), its extensions
# (attr_list, footnotes, tables, admonitions), mkdocs-bibtex or HTML. Letters, digits,
# whitespace and the remaining punctuation (, ; ? / %) pass through unchanged.
MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()<>#+-.!|~^=:@$&\"'")

_LINK = re.compile(r"\[(?P<label>[^\[\]\n]+)\]\((?P<target>[^()\s]+)\)")
_STRONG = re.compile(r"\*\*(?=\S)(?P<body>.+?)(?<=\S)\*\*")
_EM = re.compile(
    r"(?<![\w*])\*(?=[^\s*])(?P<body>[^*]+?)(?<=\S)\*(?![\w*])"
    r"|(?<!\w)_(?=\S)(?P<ubody>[^_]+?)(?<=\S)_(?!\w)"
)
_ID_WORD = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")  # a claim id, as a word


# one pass in C over the text (encode runs for every value of every page)
_ENCODED = {ord(ch): " " for ch in "\r\t\n"} | {ord(ch): f"&#{ord(ch)};" for ch in MARKDOWN_SPECIAL}


def encode(text: str) -> str:
    """Plain text -> HTML text with every Markdown-special character as `&#NN;`.

    Line breaks and tabs become spaces: a value is always rendered on one line.
    """
    return text.translate(_ENCODED)


def is_safe_target(target: str) -> bool:
    """A link target the URL policy allows: http(s), mailto, or relative inside the site."""
    return is_safe_url(target, mailto=True)


def _em_only(text: str) -> str:
    out: list[str] = []
    pos = 0
    for match in _EM.finditer(text):
        out.append(encode(text[pos : match.start()]))
        out.append(f"<em>{encode(match['body'] or match['ubody'])}</em>")
        pos = match.end()
    out.append(encode(text[pos:]))
    return "".join(out)


def emphasis_html(text: str) -> str:
    """Plain text with `**strong**`, `*em*` and `_em_` -> inert HTML (no links)."""
    out: list[str] = []
    pos = 0
    for match in _STRONG.finditer(text):
        out.append(_em_only(text[pos : match.start()]))
        out.append(f"<strong>{_em_only(match['body'])}</strong>")
        pos = match.end()
    out.append(_em_only(text[pos:]))
    return "".join(out)


def _with_ids(text: str, ids: Mapping[str, tuple[str, str]]) -> str:
    """emphasis_html, with each word that is a key of `ids` made a link: id -> (href, label)."""
    if not ids:
        return emphasis_html(text)
    out: list[str] = []
    pos = 0
    for match in _ID_WORD.finditer(text):
        if match.group(0) not in ids:
            continue
        href, label = ids[match.group(0)]
        out.append(emphasis_html(text[pos : match.start()]))
        out.append(f'<a href="{encode(href)}" title="{encode(match.group(0))}">{encode(label)}</a>')
        pos = match.end()
    out.append(emphasis_html(text[pos:]))
    return "".join(out)


def inline_html(text: str, ids: Mapping[str, tuple[str, str]] | None = None) -> str:
    """Untrusted one-line Markdown (emphasis, safe links) -> inert HTML for a Markdown page.

    A link with any other target (javascript:, data:, //host) is kept as literal text. Words that
    are keys of `ids` (claim ids in an editor's note) become links: id -> (href, label); the caller
    gives only ids that exist, with hrefs it built.
    """
    ids = ids or {}
    out: list[str] = []
    pos = 0
    for match in _LINK.finditer(text):
        out.append(_with_ids(text[pos : match.start()], ids))
        target = match["target"]
        if is_safe_target(target):
            out.append(f'<a href="{encode(target)}">{emphasis_html(match["label"])}</a>')
        else:
            out.append(encode(match.group(0)))
        pos = match.end()
    out.append(_with_ids(text[pos:], ids))
    return "".join(out)


def plain_text(text: str) -> str:
    """One-line Markdown -> the words a reader sees (links become their label, emphasis markers go)."""
    if "[" not in text and "*" not in text and "_" not in text:  # most texts: no link, no emphasis
        return " ".join(text.split())
    text = _LINK.sub(lambda m: m["label"], text)
    text = _STRONG.sub(lambda m: m["body"], text)
    text = _EM.sub(lambda m: m["body"] or m["ubody"], text)
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary so the result, with its ellipsis, is at most `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.-") + "…"


def css_token(text: str) -> str:
    """A value usable in a class name: lowercase letters, digits and hyphens only."""
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-") or "x"
