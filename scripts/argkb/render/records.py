"""Events and public records as pages show them: dates in words, only safe links.

Claim pages and the audit page both list events; this is the one place that decides how.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from argkb.dates import format_date, parse_date
from argkb.model import Event, PublicRecord
from argkb.urlpolicy import encoded_url, is_web_url


@dataclass(frozen=True)
class Record:
    title: str
    publisher: str
    url: Markup | None  # None: no URL, or one that is not a plain http(s) link


@dataclass(frozen=True)
class EventView:
    event: Event
    date_text: str  # '25 September 2015'
    in_force_text: str  # '' when it took effect on `date`
    sources: list[Record]


def date_text(date: str) -> str:
    """'2015-09-25' -> '25 September 2015'; a date that does not parse is shown as written."""
    parsed = parse_date(date)
    return format_date(parsed) if parsed else date


def safe_url(url: str) -> Markup | None:
    """An http(s) URL as a Markdown link target (parentheses and `@` percent-encoded), else None."""
    url = url.strip()
    return Markup(encoded_url(url)) if is_web_url(url) else None


def record(source: PublicRecord) -> Record:
    return Record(source.title, source.publisher, safe_url(source.url))


def event_view(event: Event) -> EventView:
    return EventView(
        event,
        date_text(event.date),
        date_text(event.in_force) if event.in_force else "",
        [record(source) for source in event.sources],
    )
