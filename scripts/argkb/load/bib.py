"""references.bib -> Reference objects, each with the line its entry starts on.

pybtex parses the entries but forgets where they were and silently keeps one of two entries
with the same key (or raises without a line). We locate entry headers ourselves first, so every
diagnostic about an entry can point at its `@type{key,` line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pybtex.database import BibliographyData, BibliographyDataError
from pybtex.database.input.bibtex import Parser
from pybtex.scanner import PybtexError, PybtexSyntaxError

from argkb.model import Diagnostic, Reference, Span

_ENTRY_HEADER = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(][ \t]*([^,\s}]*)", re.MULTILINE)
_NON_ENTRIES = {"comment", "preamble", "string"}
_FIELD_START = re.compile(r"^[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*=", re.MULTILINE)


@dataclass(frozen=True)
class EntryHeader:
    entry_type: str
    key: str
    line: int
    col: int


def entry_headers(text: str) -> list[EntryHeader]:
    """Every `@type{key` in the file, in order, duplicates included."""
    headers = []
    for match in _ENTRY_HEADER.finditer(text):
        if match.group(1).lower() in _NON_ENTRIES:
            continue
        line = text.count("\n", 0, match.start()) + 1
        col = match.start(2) - (text.rfind("\n", 0, match.start()) + 1) + 1
        headers.append(EntryHeader(match.group(1).lower(), match.group(2), line, col))
    return headers


def _dedupe_for_parser(text: str, headers: list[EntryHeader]) -> tuple[str, list[str]]:
    """Rename repeated keys so pybtex parses every entry (duplicates are reported by the checks).

    Returns the text to parse and, for each header, the key pybtex will know it by.
    """
    seen: dict[str, int] = {}
    lines = text.split("\n")
    parser_keys = []
    for header in headers:
        count = seen.get(header.key.lower(), 0)
        seen[header.key.lower()] = count + 1
        parser_key = header.key
        if count:
            parser_key = f"{header.key}--dup{count}"
            row = lines[header.line - 1]
            start = header.col - 1
            lines[header.line - 1] = row[:start] + parser_key + row[start + len(header.key) :]
        parser_keys.append(parser_key)
    return "\n".join(lines), parser_keys


def _unbrace(text: str) -> str:
    return text.replace("{", "").replace("}", "")


def load_bibtex(path: str, text: str) -> tuple[list[Reference], list[Diagnostic]]:
    headers = entry_headers(text)
    parse_text, parser_keys = _dedupe_for_parser(text, headers)
    try:
        data: BibliographyData = Parser().parse_string(parse_text)
    except PybtexSyntaxError as err:
        message = str(err).split(": ", 1)[-1]
        return [], [
            Diagnostic(Span(path, err.lineno or 1, 1), "error", "bibtex-syntax", f"BibTeX syntax error: {message}")
        ]
    except (BibliographyDataError, PybtexError) as err:
        return [], [Diagnostic(Span(path, 1, 1), "error", "bibtex-syntax", f"BibTeX error: {err}")]

    lines = text.split("\n")
    references = []
    for position, (header, parser_key) in enumerate(zip(headers, parser_keys, strict=True)):
        entry = data.entries.get(parser_key)
        if entry is None:  # a header our scan saw but pybtex did not keep
            continue
        fields = {name.lower(): str(value) for name, value in entry.fields.items()}
        people = entry.persons.get("author", []) or entry.persons.get("editor", [])
        authors = [_unbrace(str(person)) for person in people]
        surnames = [_unbrace(" ".join(person.last_names)) for person in people]
        span = Span(path, header.line, header.col)
        end = headers[position + 1].line - 1 if position + 1 < len(headers) else len(lines)
        field_lines, field_cols = {}, {}
        for offset, row in enumerate(lines[header.line - 1 : end]):
            if (match := _FIELD_START.match(row)) and match.group(1).lower() not in field_lines:
                field_lines[match.group(1).lower()] = header.line + offset
                field_cols[match.group(1).lower()] = match.start(1) + 1
        references.append(
            Reference(header.key, entry.type.lower(), fields, authors, span, surnames, field_lines, field_cols)
        )
    return references, []
