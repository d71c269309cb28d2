"""Events and reference verifications: ids and keys known, dates real.

claims/events.yaml and claims/verification.yaml are optional; claims name events by id.
"""

from __future__ import annotations

import difflib

from argkb.checks.registry import IdRegistry
from argkb.dates import calendar_problem, parse_date
from argkb.load import EVENTS_PATH
from argkb.model import Diagnostic, Event, KnowledgeBase, Span


def _guess(word: str, options: set[str]) -> str:
    matches = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else ""


def _bad_date(span: Span, text: str, what: str) -> Diagnostic | None:
    problem = calendar_problem(text)
    return Diagnostic(span, "error", "bad-date", f"{what}: {problem}") if problem else None


def _check_event(event: Event, keys: set[str]) -> list[Diagnostic]:
    found = [
        d
        for d in (
            _bad_date(event.span_of("date"), event.date, f"event '{event.id}' date"),
            _bad_date(event.span_of("in_force"), event.in_force, f"event '{event.id}' in_force"),
        )
        if d is not None
    ]
    start, effective = parse_date(event.date), parse_date(event.in_force)
    if start and effective and effective.before(start):
        found.append(
            Diagnostic(
                event.span_of("in_force"),
                "error",
                "bad-date",
                f"event '{event.id}' comes into force ({event.in_force}) before its date ({event.date})",
            )
        )
    if event.document and keys and event.document not in keys:
        found.append(
            Diagnostic(
                event.span_of("document"),
                "error",
                "unknown-reference",
                f"event '{event.id}' names document '{event.document}', not in references.bib",
                _guess(event.document, keys),
            )
        )
    return found


def check(kb: KnowledgeBase) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    keys = {ref.key for ref in kb.references}

    events = IdRegistry()  # event ids are anchors on the audit page
    for event in kb.events:
        if events.add("event", event.id, event.span_of("id")):
            found.extend(_check_event(event, keys))
    found.extend(events.found)
    seen = kb.event_index()

    # an events file that could not be read would make every event named by a claim "unknown"
    events_unreadable = not kb.events and any(d.span.path == EVENTS_PATH for d in kb.load_diagnostics)
    for claim in kb.claims if not events_unreadable else []:
        for index, event_id in enumerate(claim.events):
            if event_id not in seen:
                found.append(
                    Diagnostic(
                        claim.span_of("events", index),
                        "error",
                        "unknown-event",
                        f"claim '{claim.id}' names event '{event_id}', not in {EVENTS_PATH}",
                        _guess(event_id, set(seen)),
                    )
                )

    verified = IdRegistry(code="duplicate-verification", noun="key", reserved=frozenset())  # keys: checks/ids.py
    for verification in kb.verifications:
        where = verification.span_of("key")
        if not verified.add("verification", verification.key, where):
            continue
        if keys and verification.key not in keys:
            found.append(
                Diagnostic(
                    where,
                    "error",
                    "unknown-reference",
                    f"verification of '{verification.key}', which is not in references.bib",
                    _guess(verification.key, keys),
                )
            )
        if problem := _bad_date(verification.span_of("checked"), verification.checked, f"'{verification.key}' checked"):
            found.append(problem)
    return found + verified.found
