"""The knowledge base as plain data: what `load` produces and `checks` and `render` consume.

No I/O and no MkDocs here. Every object read from a file carries the `Span` it came from,
so any diagnostic about it can name `path:line:col`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class RelationSpec:
    """What one claim-to-claim relation means and how pages, maps and exports show it."""

    name: str
    definition: str
    forward: str  # label on the source's page: "supports"
    reverse: str  # label on the target's page: "supported by"
    symmetric: bool  # True: one edge, the same on both pages, drawn undirected
    map_style: str  # how maps draw it: solid, red, dotted, undirected-grey, dashed, hidden
    aif: str  # the AIF scheme node it becomes ("RA", "CA", "MA"), or "" when AIF has none


RELATION_SPECS: dict[str, RelationSpec] = {
    spec.name: spec
    for spec in (
        RelationSpec("supports", "a reason to accept the target", "supports", "supported by", False, "solid", "RA"),
        RelationSpec(
            "opposes",
            "a reason to reject the target: an objection or counter-evidence the paper states or implies",
            "opposes",
            "opposed by",
            False,
            "red",
            "CA",
        ),
        RelationSpec(
            "qualifies",
            "limits or conditions the target without rejecting it",
            "qualifies",
            "qualified by",
            False,
            "dotted",
            "CA",  # AIF has no "limits without rejecting": it conflicts with the unqualified reading
        ),
        RelationSpec(
            "contrasts",
            "the other side of a comparison the paper draws; neither is a reason against the other",
            "contrasts with",
            "contrasts with",
            True,
            "undirected-grey",
            "",
        ),
        RelationSpec(
            "addresses",
            "what a framing claim (research question, objective, scope) points at; framing is not evidence",
            "addresses",
            "addressed by",
            False,
            "dashed",
            "",
        ),
        RelationSpec("restates", "says the target again (a summary)", "restates", "restated by", False, "hidden", "MA"),
    )
}

RELATIONS: tuple[str, ...] = tuple(RELATION_SPECS)
"""Claim-to-claim relations, in the order pages list them."""

RELATION_LABELS: dict[str, tuple[str, str]] = {name: (s.forward, s.reverse) for name, s in RELATION_SPECS.items()}
"""relation: (forward label, reverse label), as Argdown/discourse-graph users expect."""

FRAMING_KINDS: frozenset[str] = frozenset({"research-question", "objective", "scope"})
"""Kinds that frame the argument: they may only `addresses`, never support or oppose."""

FORWARD_KINDS: frozenset[str] = frozenset({"prediction", "recommendation"})
"""Kinds that follow from the argument: they are supported by it and support no evidence."""

EVIDENCE_KINDS: frozenset[str] = frozenset({"thesis", "premise", "claim", "finding", "conclusion"})
"""Kinds that are the argument: each must reach the thesis through `supports`."""

SCHEMA_VERSION = 2
"""The section-file data model this code writes; version 1 files are still read (deprecated)."""

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Span:
    """Where something is in a source file: 1-based line and column."""

    path: str
    line: int = 1
    col: int = 1


@dataclass(frozen=True)
class Diagnostic:
    """One finding, printed the same way everywhere: `path:line:col: error [code] message`."""

    span: Span
    severity: Severity
    code: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.span.path}:{self.span.line}:{self.span.col}: {self.severity} [{self.code}] {self.message}"
        text = f"{text} ({self.hint})" if self.hint else text
        # messages quote editors' text; a line break in it must not split the diagnostic's line
        return text.translate(_LINE_BREAKS)


_LINE_BREAKS = {ord(c): repr(c)[1:-1] for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


@dataclass(frozen=True)
class Citation:
    key: str
    locator: str = ""
    span: Span = Span("")


class _FieldSpans:
    """`span_of` for records that keep the spans of their fields, like Claim."""

    span: Span
    field_spans: dict[tuple[str | int, ...], Span]

    def span_of(self, *path: str | int) -> Span:
        """The span of a field or list item, falling back to the record itself."""
        while path:
            if path in self.field_spans:
                return self.field_spans[path]
            path = path[:-1]
        return self.span


@dataclass
class Claim(_FieldSpans):
    id: str
    kind: str
    text: str
    quotes: list[str]
    section_id: str
    subsection_id: str
    cites: list[Citation] = field(default_factory=list)
    relations: dict[str, list[str]] = field(default_factory=dict)
    concepts: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    note: str = ""
    # former ids of this claim: each still answers with a redirect page, since ids are URLs
    aliases: list[str] = field(default_factory=list)
    span: Span = Span("")
    # spans of individual fields/items, for precise diagnostics: ("quotes", 0) -> Span
    field_spans: dict[tuple[str | int, ...], Span] = field(default_factory=dict)

    def targets(self, relation: str) -> list[str]:
        return self.relations.get(relation, [])


@dataclass
class Subsection:
    id: str
    title: str
    section_id: str
    claims: list[Claim] = field(default_factory=list)
    span: Span = Span("")


@dataclass
class Section:
    number: int
    id: str
    title: str
    subsections: list[Subsection] = field(default_factory=list)
    path: str = ""
    span: Span = Span("")
    schema: int = SCHEMA_VERSION  # the data-model version the file declares

    @property
    def claims(self) -> list[Claim]:
        return [claim for sub in self.subsections for claim in sub.claims]


@dataclass
class Author:
    name: str
    affiliation: str


@dataclass
class Paper(_FieldSpans):
    title: str
    authors: list[Author]
    journal: str
    journal_abbreviation: str
    e_issn: str
    p_issn: str
    year: int
    received: str
    accepted: str
    keywords: list[str]
    abstract: str
    url: str = ""
    doi: str = ""
    span: Span = Span("")
    field_spans: dict[tuple[str | int, ...], Span] = field(default_factory=dict)


@dataclass
class Concept:
    id: str
    name: str
    definition: str
    span: Span = Span("")


@dataclass
class Reference:
    """One BibTeX entry. `fields` holds the raw BibTeX fields (lower-case names)."""

    key: str
    entry_type: str
    fields: dict[str, str]
    authors: list[str]
    span: Span = Span("")
    # last names of the authors (a corporate author is one "surname"), for matching "(Zhang, 2019)"
    surnames: list[str] = field(default_factory=list)
    field_lines: dict[str, int] = field(default_factory=dict)
    field_cols: dict[str, int] = field(default_factory=dict)

    def span_of(self, field_name: str) -> Span:
        line = self.field_lines.get(field_name)
        return Span(self.span.path, line, self.field_cols.get(field_name, 1)) if line else self.span

    @property
    def year(self) -> str:
        return self.fields.get("year", "")

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    @property
    def doi(self) -> str:
        return self.fields.get("doi", "")


@dataclass
class Paragraph:
    """A body paragraph of the clean source text, with its stable id."""

    id: str
    section_number: int
    heading: str
    text: str
    line: int


@dataclass(frozen=True)
class PrintedReference:
    """One line of the paper's printed reference list (the paper repeats some works)."""

    text: str
    line: int


@dataclass
class SourceText:
    path: str
    paragraphs: list[Paragraph]
    markdown: str
    reference_list: list[PrintedReference] = field(default_factory=list)


@dataclass(frozen=True)
class PublicRecord:
    """A public document that shows a fact: an official text, a press release, a catalogue entry."""

    title: str
    publisher: str = ""
    url: str = ""


@dataclass
class Event(_FieldSpans):
    """A dated event the paper discusses (a law, an agreement, a plan), from claims/events.yaml."""

    id: str
    title: str
    kind: str
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD: when it was adopted, signed, issued or announced
    by: list[str]  # who adopted, issued or agreed it
    summary: str
    sources: list[PublicRecord] = field(default_factory=list)
    in_force: str = ""  # when it took effect, if that differs from `date`
    document: str = ""  # the references.bib key of the event's own text, if the paper cites it
    span: Span = Span("")
    field_spans: dict[tuple[str | int, ...], Span] = field(default_factory=dict)


VERIFICATION_STATUSES: tuple[str, ...] = ("verified", "partly-verified", "unverified")
"""How far a reference was confirmed in public records, best first."""


@dataclass
class Verification(_FieldSpans):
    """What public records say about one entry of references.bib, from claims/verification.yaml."""

    key: str
    status: str
    evidence: str
    checked: str = ""  # the date the records were consulted
    sources: list[PublicRecord] = field(default_factory=list)
    # corrections of the printed reference: field name -> value found in the records
    corrections: dict[str, str] = field(default_factory=dict)
    span: Span = Span("")
    field_spans: dict[tuple[str | int, ...], Span] = field(default_factory=dict)


@dataclass
class KnowledgeBase:
    root: str
    paper: Paper | None
    sections: list[Section]
    concepts: list[Concept]
    references: list[Reference]
    source: SourceText | None
    # diagnostics found while loading (syntax, schema): checks add theirs after
    load_diagnostics: list[Diagnostic] = field(default_factory=list)
    # False when a file could not be read at all: "is every X used?" checks would only echo that
    complete: bool = True
    events: list[Event] = field(default_factory=list)
    verifications: list[Verification] = field(default_factory=list)
    # section files that could not be used at all: their claims are missing, not wrong
    unreadable_sections: list[str] = field(default_factory=list)

    @property
    def claims(self) -> list[Claim]:
        return [claim for section in self.sections for claim in section.claims]

    def claim_index(self) -> dict[str, Claim]:
        """First claim of each id (duplicates are reported by the id checks); likewise below."""
        return _first_by_key(self.claims, lambda claim: claim.id)

    def reference_index(self) -> dict[str, Reference]:
        return _first_by_key(self.references, lambda ref: ref.key)

    def event_index(self) -> dict[str, Event]:
        return _first_by_key(self.events, lambda event: event.id)

    def verification_index(self) -> dict[str, Verification]:
        return _first_by_key(self.verifications, lambda verification: verification.key)

    @property
    def thesis(self) -> Claim | None:
        return next((c for c in self.claims if c.kind == "thesis"), None)


def _first_by_key(items: Iterable[T], key: Callable[[T], str]) -> dict[str, T]:
    index: dict[str, T] = {}
    for item in items:
        index.setdefault(key(item), item)
    return index
