"""BibTeX entries -> the Markdown text mkdocs-bibtex puts in its footnotes.

Reference and bibliography pages show each work exactly as the footnotes on claim pages do, so
both go through `reference_texts`: pybtex's PlainStyle and Markdown backend, then the clean-up of
`mkdocs_bibtex.registry.SimpleRegistry.reference_text`. One cached function, keyed by the .bib
text, serves every page of a build.
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
from pybtex.backends.markdown import Backend as MarkdownBackend
from pybtex.database import Entry
from pybtex.database.input.bibtex import Parser
from pybtex.style.formatting.plain import Style as PlainStyle

from argkb.model import Reference
from argkb.render.escape import encode
from argkb.urlpolicy import doi_problem, doi_url, encoded_url, is_web_url

# a Markdown link whose target may hold one level of balanced parentheses, as pybtex writes them
_MD_LINK = re.compile(r"\[(?P<label>[^\[\]]*)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))*)\)")
_EPRINT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./-]*$")
_LINK_FIELDS = {  # the fields pybtex's plain style turns into links, and what a safe value is
    "url": is_web_url,
    "doi": lambda value: not doi_problem(value),
    "eprint": lambda value: bool(_EPRINT.match(value)),
    "pubmed": str.isdigit,
}


@lru_cache(maxsize=8)
def reference_texts(bibtex: str) -> dict[str, str]:
    """Every entry of a .bib text, formatted as mkdocs-bibtex's SimpleRegistry does.

    Returns {} when the text does not parse (the checks report why).
    """
    try:
        data = Parser().parse_string(bibtex)
    except Exception:  # pybtex raises several unrelated types; the checks name the problem
        return {}
    style, backend = PlainStyle(), MarkdownBackend()  # each costs an entry-point lookup: make them once
    return {key: _format(entry, style, backend) for key, entry in data.entries.items()}


def _without_unsafe_links(entry: Entry) -> Entry:
    """The entry minus link fields the URL policy refuses (the checks report them at their line)."""
    unsafe = {
        name
        for name, value in entry.fields.items()
        if (safe := _LINK_FIELDS.get(name.lower())) and not safe(value.strip())
    }
    if not unsafe:
        return entry
    return Entry(entry.type, {k: v for k, v in entry.fields.items() if k not in unsafe}, entry.persons)


def _format(entry: Entry, style: PlainStyle, backend: MarkdownBackend) -> str:
    try:
        text = style.format_entry("", _without_unsafe_links(entry)).text.render(backend)
    except Exception:  # a field the style needs is missing (e.g. a dangling crossref): the checks say which
        return ""
    text = text.replace("\n", " ")
    return text.replace("\\(", "(").replace("\\)", ")").replace("\\.", ".")


def bibtex_of(references: list[Reference]) -> str:
    """Rebuild a .bib text from loaded references (when the original text is not at hand)."""
    chunks = []
    for ref in references:
        fields = [f"  author = {{{' and '.join(ref.authors)}}}"] if ref.authors else []
        fields += [f"  {name} = {{{value}}}" for name, value in sorted(ref.fields.items())]
        chunks.append(f"@{ref.entry_type}{{{ref.key},\n" + ",\n".join(fields) + "\n}\n")
    return "\n".join(chunks)


def formatted_reference(bibtex: str, key: str) -> str:
    """One entry's footnote text, made safe to embed in a page."""
    return safe_reference_markdown(reference_texts(bibtex).get(key, ""))


@lru_cache(maxsize=65536)
def formatted_reference_html(bibtex: str, key: str) -> str:
    """`formatted_reference` as the HTML Markdown makes of it (for the HTML parts of pages,
    render/islands.py): converted once per entry and build, not once per citing page."""
    text = formatted_reference(bibtex, key)
    if not text:
        return ""
    html = markdown.Markdown().convert(text)
    return html[len("<p>") : -len("</p>")] if html.startswith("<p>") and html.endswith("</p>") else html


def safe_reference_markdown(text: str) -> str:
    """pybtex's Markdown already escapes HTML and Markdown specials; also drop link targets that
    are not http(s) and encode `@`, so mkdocs-bibtex cannot read a citation in an entry."""
    out: list[str] = []
    pos = 0
    for match in _MD_LINK.finditer(text):
        out.append(text[pos : match.start()].replace("@", "&#64;"))
        label = match["label"].replace("@", "&#64;")
        url = match["url"]
        if is_web_url(url):
            out.append(f"[{label}]({encoded_url(url)})")
        else:
            out.append(label)
        pos = match.end()
    out.append(text[pos:].replace("@", "&#64;"))
    return "".join(out)


def short_label_text(ref: Reference) -> str:
    """'Libicki (2007)', 'Nye & Keohane (1977)', 'Zhang et al. (2019)'."""
    names = ref.surnames or [name.split(",")[0].strip() for name in ref.authors]
    names = [name for name in names if name]
    if not names:
        who = ref.key
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} & {names[1]}"
    else:
        who = f"{names[0]} et al."
    return f"{who} ({ref.year})" if ref.year else who


def short_label(ref: Reference) -> str:
    """`short_label_text` as inert HTML text."""
    return encode(short_label_text(ref))


def link_of(ref: Reference) -> str:
    """The work's DOI as a URL, else its URL field if http(s); '' if neither."""
    if link := doi_url(ref.doi):
        return link
    url = ref.fields.get("url", "").strip()
    return encoded_url(url) if is_web_url(url) else ""
