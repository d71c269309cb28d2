"""claims/source/paper.md -> its body paragraphs, each with the stable id marked before it.

The clean text marks each body paragraph with a line `<!-- ¶ p3-4 -->`; headings are
`## N. Title` (sections) and `### Title` (subsections). The `## References` section is a list,
one printed reference per `- ` line. Everything else is kept as Markdown.
"""

from __future__ import annotations

import re

from argkb.model import Diagnostic, Paragraph, PrintedReference, SourceText, Span

PARAGRAPH_MARKER = re.compile(r"^<!--\s*¶\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*-->\s*$")
SECTION_HEADING = re.compile(r"^##\s+(\d+)\.\s+(.+?)\s*$")
SUBSECTION_HEADING = re.compile(r"^###\s+(.+?)\s*$")
REFERENCES_HEADING = "References"
LIST_ITEM = re.compile(r"^[-*]\s+(.+?)\s*$")


def load_source(path: str, text: str) -> tuple[SourceText, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    paragraphs: list[Paragraph] = []
    reference_list: list[PrintedReference] = []
    seen: dict[str, int] = {}
    lines = text.split("\n")
    section_number = 0
    heading = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        if match := SECTION_HEADING.match(line):
            section_number, heading = int(match.group(1)), match.group(2)
        elif line.startswith("## "):
            section_number, heading = 0, line[3:].strip()
        elif heading == REFERENCES_HEADING and (item := LIST_ITEM.match(line)):
            reference_list.append(PrintedReference(item.group(1), index + 1))
        elif match := SUBSECTION_HEADING.match(line):
            heading = match.group(1)
        elif match := PARAGRAPH_MARKER.match(line):
            paragraph_id, marker_line = match.group(1), index + 1
            body: list[str] = []
            index += 1
            while index < len(lines) and lines[index].strip():
                body.append(lines[index].strip())
                index += 1
            if paragraph_id in seen:
                diagnostics.append(
                    Diagnostic(
                        Span(path, marker_line, 1),
                        "error",
                        "duplicate-paragraph-id",
                        f"paragraph id '{paragraph_id}' is used twice (first at line {seen[paragraph_id]})",
                    )
                )
            elif not body:
                diagnostics.append(
                    Diagnostic(
                        Span(path, marker_line, 1),
                        "error",
                        "empty-paragraph",
                        f"paragraph '{paragraph_id}' has no text",
                    )
                )
            else:
                seen[paragraph_id] = marker_line
                paragraphs.append(Paragraph(paragraph_id, section_number, heading, " ".join(body), marker_line + 1))
            continue
        index += 1
    return SourceText(path, paragraphs, text, reference_list), diagnostics
