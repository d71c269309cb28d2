"""Dates as editors write them: a year, a month or a day (`2017`, `2017-07`, `2017-07-20`).

A date of lower precision stands for the whole period it names, so "published before the event"
is decided on periods: a work of 2018 is before 20 Sept 2018 only if its exact date says so.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_SHAPE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A year, month or day; `first` and `last` are the days the period starts and ends."""

    first: dt.date
    last: dt.date
    text: str

    def before(self, other: PartialDate) -> bool:
        """Wholly before `other`: the last day of this period precedes the first of the other."""
        return self.last < other.first

    @property
    def year(self) -> int:
        return self.first.year


def parse_date(text: str) -> PartialDate | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real calendar date; None otherwise."""
    match = _SHAPE.match(text.strip())
    if not match:
        return None
    year, month, day = (int(part) if part else 0 for part in match.groups())
    try:
        if not month:
            return PartialDate(dt.date(year, 1, 1), dt.date(year, 12, 31), text)
        if not day:
            return PartialDate(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), text)
        return PartialDate(dt.date(year, month, day), dt.date(year, month, day), text)
    except ValueError:
        return None


def calendar_problem(text: str) -> str:
    """Why a date of the right shape (the schemas check the shape) is no day of the calendar, or ""."""
    if _SHAPE.match(text.strip()) and parse_date(text) is None:
        return f"'{text}' is not a day of the calendar"
    return ""


def format_date(date: PartialDate) -> str:
    """'2015', 'July 2017', '25 September 2015'."""
    if date.first == date.last:
        return f"{date.first.day} {calendar.month_name[date.first.month]} {date.first.year}"
    if date.first.month == date.last.month:
        return f"{calendar.month_name[date.first.month]} {date.first.year}"
    return str(date.first.year)
