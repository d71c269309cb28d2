"""The citation audit: KnowledgeBase -> AuditReport. Pure: no I/O, every number from the data.

What it reports (it never fails a build; data errors are the checks' business):
- coverage: the share of claims citing at least one work, per section, and the uncited claims;
- anachronisms: a claim about a dated event citing a work published before the event;
- editorial notes, and among them attributions: notes on claims about dated events;
- the printed reference list against the in-text citations, work by work;
- a section x work matrix of in-text citations;
- the verification status of every work, with its evidence.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import cached_property

from argkb.dates import PartialDate, format_date, parse_date
from argkb.model import Claim, Event, KnowledgeBase, Reference
from argkb.quotes import QuoteIndex, reference_for, reference_for_printed
from argkb.shape import ArgumentShape, argument_shape

NOT_CHECKED = "not-checked"
"""The status of a work that claims/verification.yaml does not mention."""


@dataclass(frozen=True)
class SectionCoverage:
    number: int
    section_id: str
    title: str
    claims: int
    cited: int

    @property
    def share(self) -> float:
        return self.cited / self.claims if self.claims else 0.0


@dataclass(frozen=True)
class UncitedClaim:
    claim_id: str
    section_id: str
    kind: str
    text: str


@dataclass(frozen=True)
class EventSummary:
    """An event as the audit shows it next to a claim: when, and by whom."""

    event_id: str
    title: str
    date: str
    date_text: str  # '25 September 2015'
    by: tuple[str, ...]


@dataclass(frozen=True)
class Anachronism:
    claim_id: str
    section_id: str
    event: EventSummary
    work_key: str
    work_label: str
    work_date: str
    work_dated_by: str  # "references.bib" (the year) or "event <id>" (the exact date of the work's own event)


@dataclass(frozen=True)
class EditorialNote:
    claim_id: str
    section_id: str
    note: str
    events: tuple[EventSummary, ...]  # non-empty: an attribution the editor recorded


@dataclass(frozen=True)
class WorkUsage:
    key: str
    label: str
    printed: int  # lines of the printed reference list
    cited_in_text: int  # author-year citations in the body
    cited_by_claims: int


@dataclass(frozen=True)
class CitationMatrix:
    """In-text citations of each work in each section of the paper."""

    sections: tuple[tuple[int, str, str], ...]  # (number, id, title)
    works: tuple[tuple[str, str], ...]  # (key, label)
    counts: tuple[tuple[int, ...], ...]  # counts[section][work]

    # cached: the heat-map asks for the maximum once per cell
    @cached_property
    def section_totals(self) -> tuple[int, ...]:
        return tuple(sum(row) for row in self.counts)

    @cached_property
    def work_totals(self) -> tuple[int, ...]:
        return tuple(sum(row[i] for row in self.counts) for i in range(len(self.works)))

    @cached_property
    def maximum(self) -> int:
        return max((n for row in self.counts for n in row), default=0)


@dataclass(frozen=True)
class WorkVerification:
    key: str
    label: str
    status: str
    evidence: str
    corrections: tuple[tuple[str, str], ...] = ()
    sources: tuple[tuple[str, str, str], ...] = ()  # (title, publisher, url)


@dataclass
class AuditReport:
    paper_title: str
    coverage: list[SectionCoverage]
    uncited: list[UncitedClaim]
    anachronisms: list[Anachronism]
    notes: list[EditorialNote]
    works: list[WorkUsage]
    unmatched_printed: list[str]
    matrix: CitationMatrix
    verifications: list[WorkVerification]
    events: list[EventSummary] = field(default_factory=list)
    shape: ArgumentShape | None = None

    @property
    def claims(self) -> int:
        return sum(s.claims for s in self.coverage)

    @property
    def cited(self) -> int:
        return sum(s.cited for s in self.coverage)

    @property
    def share(self) -> float:
        return self.cited / self.claims if self.claims else 0.0

    @property
    def attributions(self) -> list[EditorialNote]:
        """Editorial notes on claims about dated events: where the paper's attribution was questioned."""
        return [note for note in self.notes if note.events]

    def to_dict(self) -> dict:
        """JSON-ready data for tools and for the site's audit page (versioned)."""
        data = asdict(self)
        data["coverage"] = [dict(asdict(s), share=round(s.share, 4)) for s in self.coverage]
        data["totals"] = {"claims": self.claims, "cited": self.cited, "share": round(self.share, 4)}
        data["attributions"] = [note.claim_id for note in self.attributions]
        data["matrix"]["section_totals"] = list(self.matrix.section_totals)
        data["matrix"]["work_totals"] = list(self.matrix.work_totals)
        data["matrix"]["maximum"] = self.matrix.maximum
        return {"version": 1, **data}


def work_label(ref: Reference) -> str:
    """'Libicki 2007', 'U.S. Department of Defense 2018': first author ('& B', 'et al.') and year."""
    names = ref.surnames
    if not names:
        return ref.key
    if len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} & {names[1]}"
    else:
        who = f"{names[0]} et al."
    return f"{who} {ref.year.strip()}".strip()


def _event_summary(event: Event) -> EventSummary:
    date = parse_date(event.date)
    return EventSummary(event.id, event.title, event.date, format_date(date) if date else event.date, tuple(event.by))


def work_dates(kb: KnowledgeBase) -> dict[str, tuple[PartialDate, str]]:
    """When each work appeared: the exact date of the event that is the work itself, else its year."""
    dates: dict[str, tuple[PartialDate, str]] = {}
    for event in kb.events:
        if event.document and (date := parse_date(event.date)):
            dates.setdefault(event.document, (date, f"event {event.id}"))
    for ref in kb.references:
        if ref.key not in dates and (year := parse_date(ref.year.strip())):
            dates[ref.key] = (year, "references.bib")
    return dates


def _coverage(kb: KnowledgeBase) -> tuple[list[SectionCoverage], list[UncitedClaim]]:
    coverage, uncited = [], []
    for section in kb.sections:
        claims = section.claims
        coverage.append(
            SectionCoverage(section.number, section.id, section.title, len(claims), sum(bool(c.cites) for c in claims))
        )
        uncited += [UncitedClaim(c.id, section.id, c.kind, c.text) for c in claims if not c.cites]
    return coverage, uncited


def anachronisms(kb: KnowledgeBase) -> list[Anachronism]:
    """Claims about a dated event citing a work published before it (also shown on claim pages)."""
    events = kb.event_index()
    dated = work_dates(kb)
    labels = {ref.key: work_label(ref) for ref in kb.references}
    found = []
    for claim in kb.claims:
        for event_id in claim.events:
            event = events.get(event_id)
            happened = parse_date(event.date) if event else None
            if event is None or happened is None:
                continue
            for key in dict.fromkeys(c.key for c in claim.cites):
                if key in dated and dated[key][0].before(happened):
                    published, dated_by = dated[key]
                    found.append(
                        Anachronism(
                            claim.id,
                            claim.section_id,
                            _event_summary(event),
                            key,
                            labels.get(key, key),
                            published.text,
                            dated_by,
                        )
                    )
    return found


def _notes(kb: KnowledgeBase) -> list[EditorialNote]:
    events = kb.event_index()

    def about(claim: Claim) -> tuple[EventSummary, ...]:
        return tuple(_event_summary(events[e]) for e in claim.events if e in events)

    return [EditorialNote(c.id, c.section_id, c.note, about(c)) for c in kb.claims if c.note]


def _usage_and_matrix(kb: KnowledgeBase) -> tuple[list[WorkUsage], list[str], CitationMatrix]:
    refs = kb.references
    printed = dict.fromkeys((ref.key for ref in refs), 0)
    in_text = dict.fromkeys((ref.key for ref in refs), 0)
    unmatched: list[str] = []
    rows: dict[int, dict[str, int]] = {s.number: dict.fromkeys(printed, 0) for s in kb.sections}
    if kb.source is not None:
        for line in kb.source.reference_list:
            ref = reference_for_printed(line, refs)
            if ref is None:
                unmatched.append(line.text)
            else:
                printed[ref.key] += 1
        for citation in QuoteIndex(kb.source).citations:
            if (ref := reference_for(citation, refs)) is not None:
                in_text[ref.key] += 1
                rows.setdefault(citation.paragraph.section_number, dict.fromkeys(printed, 0))[ref.key] += 1
    by_claims = dict.fromkeys(printed, 0)
    for claim in kb.claims:
        for key in {c.key for c in claim.cites}:
            if key in by_claims:
                by_claims[key] += 1

    usage = [
        WorkUsage(ref.key, work_label(ref), printed[ref.key], in_text[ref.key], by_claims[ref.key]) for ref in refs
    ]
    titles = {s.number: (s.id, s.title) for s in kb.sections}
    numbers = sorted(rows)
    matrix = CitationMatrix(
        sections=tuple((n, *titles.get(n, ("", f"Section {n}" if n else "Front matter"))) for n in numbers),
        works=tuple((ref.key, work_label(ref)) for ref in refs),
        counts=tuple(tuple(rows[n][ref.key] for ref in refs) for n in numbers),
    )
    return usage, unmatched, matrix


def _verifications(kb: KnowledgeBase) -> list[WorkVerification]:
    recorded = kb.verification_index()
    result = []
    for ref in kb.references:
        v = recorded.get(ref.key)
        if v is None:
            result.append(WorkVerification(ref.key, work_label(ref), NOT_CHECKED, ""))
            continue
        result.append(
            WorkVerification(
                ref.key,
                work_label(ref),
                v.status,
                v.evidence,
                tuple(sorted(v.corrections.items())),
                tuple((s.title, s.publisher, s.url) for s in v.sources),
            )
        )
    return result


def audit(kb: KnowledgeBase) -> AuditReport:
    coverage, uncited = _coverage(kb)
    works, unmatched, matrix = _usage_and_matrix(kb)
    return AuditReport(
        paper_title=kb.paper.title if kb.paper else "",
        coverage=coverage,
        uncited=uncited,
        anachronisms=anachronisms(kb),
        notes=_notes(kb),
        works=works,
        unmatched_printed=unmatched,
        matrix=matrix,
        verifications=_verifications(kb),
        events=sorted((_event_summary(e) for e in kb.event_index().values()), key=lambda e: (e.date, e.event_id)),
        shape=argument_shape(kb),
    )


def as_json(report: AuditReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


def _percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def as_text(report: AuditReport) -> str:
    """The report for people at a terminal: one block per question, widest facts first."""
    out = [f"Citation audit: {report.paper_title}", ""]
    out.append(f"Coverage: {report.cited} of {report.claims} claims ({_percent(report.share)}) cite a work")
    for s in report.coverage:
        out.append(f"  §{s.number} {s.title[:48]:<48} {s.cited:>3}/{s.claims:<3} {_percent(s.share):>6}")
    out += ["", f"Uncited claims ({len(report.uncited)}):"]
    out += [f"  {u.section_id}: {u.claim_id} ({u.kind})" for u in report.uncited]

    out += [
        "",
        f"Anachronisms ({len(report.anachronisms)}): a claim about an event cites a work published before it",
    ]
    for a in report.anachronisms:
        out.append(
            f"  {a.claim_id}: cites {a.work_label} ({a.work_date}, from {a.work_dated_by}) "
            f"for {a.event.title} ({a.event.date_text})"
        )

    out += [
        "",
        f"Editorial notes ({len(report.notes)}; {len(report.attributions)} on claims about dated events):",
    ]
    for note in report.notes:
        about = "; ".join(f"{e.title}, {e.date_text}, by {', '.join(e.by)}" for e in note.events)
        out.append(f"  {note.claim_id}" + (f" [about: {about}]" if about else ""))
        out.append(f"      {note.note}")

    out += ["", "Printed reference list against in-text citations:"]
    out.append(f"  {'work':<34} {'printed':>7} {'in text':>7} {'claims':>6}")
    for w in report.works:
        out.append(f"  {w.label[:34]:<34} {w.printed:>7} {w.cited_in_text:>7} {w.cited_by_claims:>6}")
    out += [f"  not matched to any entry: {text}" for text in report.unmatched_printed]

    m = report.matrix
    out += ["", "In-text citations by section (rows) and work (columns):"]
    heads = [label.split(" ")[0][:10] for _key, label in m.works]
    out.append("  " + f"{'':<6}" + "".join(f"{h:>11}" for h in heads) + f"{'total':>8}")
    for (number, _id, _title), row, total in zip(m.sections, m.counts, m.section_totals, strict=True):
        out.append("  " + f"§{number:<5}" + "".join(f"{n:>11}" for n in row) + f"{total:>8}")
    out.append("  " + f"{'total':<6}" + "".join(f"{n:>11}" for n in m.work_totals) + f"{sum(m.work_totals):>8}")

    out += ["", "Verification of the references:"]
    for v in report.verifications:
        out.append(f"  {v.label}: {v.status}")
        if v.evidence:
            out.append(f"      {v.evidence}")
        out += [f"      corrected {name}: {value}" for name, value in v.corrections]
    if report.shape is not None:
        out += ["", *shape_lines(report.shape)]
    return "\n".join(out)


def shape_lines(shape: ArgumentShape) -> list[str]:
    out = ["The argument's shape:"]
    out.append("  relations: " + ", ".join(f"{n} {r}" for r, n in shape.relations.items()))
    out.append("  claims: " + ", ".join(f"{n} {k}" for k, n in shape.kinds.items()))
    out.append(f"  thesis fan-in: {shape.thesis_fan_in} claims support '{shape.thesis_id}' directly")
    out.append(
        "  support depth (steps to the thesis): "
        + ", ".join(f"{d}: {n}" for d, n in shape.depth.items())
        + (f"; deepest: {', '.join(shape.deepest)}" if shape.deepest else "")
    )
    found = {code: n for code, n in shape.lint.items() if n}
    out.append(
        "  argument lint: " + (", ".join(f"{n} {code}" for code, n in found.items()) if found else "no findings")
    )
    return out


FORMATS = {"text": as_text, "json": as_json}
