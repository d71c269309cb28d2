"""The audit page: argkb.audit's report, with every claim, work, section and event linked.

The numbers are the report's; this module only looks up what each row links to and how dark
each cell of the section x work heat-map is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from argkb.audit import AuditReport, CitationMatrix, EditorialNote, audit
from argkb.model import VERIFICATION_STATUSES, Claim, Event, PublicRecord, Reference, Section
from argkb.render import paths
from argkb.render.index import SiteIndex
from argkb.render.options import RenderOptions
from argkb.render.pages import Here, open_data
from argkb.render.records import EventView, date_text, event_view, record
from argkb.render.templating import front_matter, render

HEAT_LEVELS = 5
"""Cells are drawn in levels 0 (no citation) to HEAT_LEVELS (the most cited cell): argkb.css
styles .argkb-heat-0 to .argkb-heat-5."""


def heat_level(count: int, maximum: int) -> int:
    """0 for no citation; otherwise 1..HEAT_LEVELS in proportion to count / maximum, rounded up
    (so a single citation is never drawn as none)."""
    if count <= 0 or maximum <= 0:
        return 0
    return min(HEAT_LEVELS, math.ceil(count * HEAT_LEVELS / maximum))


def percent(share: float) -> str:
    return f"{share * 100:.1f}%"


@dataclass(frozen=True)
class Cell:
    count: int
    level: int


@dataclass(frozen=True)
class MatrixRow:
    number: int
    section: Section | None  # None for text outside the numbered sections
    title: str
    cells: list[Cell]
    total: int


@dataclass(frozen=True)
class NoteView:
    claim: Claim | None
    claim_id: str
    note: str
    events: list[EventView]


def _note(index: SiteIndex, note: EditorialNote) -> NoteView:
    events = index.kb.event_index()
    shown = [event_view(events[e.event_id]) for e in note.events if e.event_id in events]
    return NoteView(index.claims.get(note.claim_id), note.claim_id, note.note, shown)


def _matrix_rows(index: SiteIndex, report: AuditReport) -> list[MatrixRow]:
    matrix = report.matrix
    return [
        MatrixRow(
            number,
            index.sections.get(section_id) if section_id else None,
            title,
            [Cell(n, heat_level(n, matrix.maximum)) for n in counts],
            total,
        )
        for (number, section_id, title), counts, total in zip(
            matrix.sections, matrix.counts, matrix.section_totals, strict=True
        )
    ]


MATRIX_WORKS = 12
"""Heat-map columns: past this many works, the most cited ones and one column for all others."""
MATRIX_ROWS = 30
"""Heat-map rows per table: a long map is several tables, so a split page can cut between them."""


def shown_matrix(matrix: CitationMatrix) -> CitationMatrix:
    """The matrix with at most MATRIX_WORKS columns: the most cited works (in their order) and,
    if there are more, a last column summing the others (its key is '', it links nowhere)."""
    if len(matrix.works) <= MATRIX_WORKS:
        return matrix
    totals = matrix.work_totals
    top = sorted(sorted(range(len(matrix.works)), key=lambda i: -totals[i])[: MATRIX_WORKS - 1])
    rest = [i for i in range(len(matrix.works)) if i not in set(top)]
    works = (*(matrix.works[i] for i in top), ("", f"{len(rest)} other works"))
    counts = tuple((*(row[i] for i in top), sum(row[i] for i in rest)) for row in matrix.counts)
    return CitationMatrix(matrix.sections, works, counts)


def heat_legend(maximum: int) -> list[tuple[int, str]]:
    """(level, the counts drawn in it: '0', '1', '2-3'), for the levels some count from 0 to
    `maximum` falls in."""
    spans: dict[int, list[int]] = {}
    for count in range(maximum + 1):
        spans.setdefault(heat_level(count, maximum), []).append(count)
    return [
        (level, f"{counts[0]}" if len(counts) == 1 else f"{counts[0]}–{counts[-1]}")
        for level, counts in sorted(spans.items())
    ]


def _chunks(rows: list[MatrixRow], size: int) -> list[list[MatrixRow]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)] or [[]]


def _dated_by(dated_by: str, events: dict[str, Event]) -> EventView | None:
    """The event that dates a work ('event <id>' in the report), if the work is dated by one."""
    event = events.get(dated_by.removeprefix("event ")) if dated_by.startswith("event ") else None
    return event_view(event) if event else None


def _status_counts(report: AuditReport) -> list[tuple[str, int]]:
    statuses = list(VERIFICATION_STATUSES) + sorted(
        {v.status for v in report.verifications} - set(VERIFICATION_STATUSES)
    )
    counts = [(s, sum(v.status == s for v in report.verifications)) for s in statuses]
    return [(status, n) for status, n in counts if n]


def audit_page(index: SiteIndex, options: RenderOptions) -> str:
    report = audit(index.kb)
    report = replace(report, matrix=shown_matrix(report.matrix))
    refs: dict[str, Reference] = index.references
    events = index.kb.event_index()
    naming: dict[str, list[Claim]] = {}
    for claim in index.reading_order:
        for event_id in dict.fromkeys(claim.events):
            naming.setdefault(event_id, []).append(claim)
    uncited = [
        {
            "section": section,
            "claims": [index.claims[u.claim_id] for u in report.uncited if u.section_id == section.id],
        }
        for section in index.sections.values()
    ]
    verifications = [
        {"v": v, "ref": refs.get(v.key), "sources": [record(PublicRecord(*source)) for source in v.sources]}
        for v in report.verifications
    ]
    return render(
        "audit.md.j2",
        meta=front_matter("Citation audit"),
        here=Here(paths.AUDIT, options.use_directory_urls),
        report=report,
        percent=percent,
        coverage=[(index.sections.get(row.section_id), row) for row in report.coverage],
        uncited=[group for group in uncited if group["claims"]],
        anachronisms=[
            {
                "finding": a,
                "claim": index.claims.get(a.claim_id),
                "ref": refs.get(a.work_key),
                "work_date_text": date_text(a.work_date),
                "dated_by": _dated_by(a.work_dated_by, events),
            }
            for a in report.anachronisms
        ],
        attributions=[_note(index, n) for n in report.attributions],
        other_notes=[_note(index, n) for n in report.notes if not n.events],
        works=[(w, refs.get(w.key)) for w in report.works],
        matrix_tables=_chunks(_matrix_rows(index, report), MATRIX_ROWS),
        matrix_works=[(key, label, refs.get(key)) for key, label in report.matrix.works],
        legend=heat_legend(report.matrix.maximum) if report.matrix.maximum else [],
        totals={
            "printed": sum(w.printed for w in report.works),
            "in_text": sum(w.cited_in_text for w in report.works),
            "in_matrix": sum(report.matrix.work_totals),
        },
        verifications=verifications,
        status_counts=_status_counts(report),
        events=[{"view": event_view(events[e.event_id]), "claims": naming.get(e.event_id, [])} for e in report.events],
        exports=open_data(),
        thesis=index.kb.thesis,
    )
