"""A date window as a user types it: YYYY, YYYY-MM or YYYY-MM-DD, each bound read at its precision.

"--since 2002 --until 2004-06" means 1 January 2002 to 30 June 2004: a partial `since` starts at
the first day it names, a partial `until` ends at the last. Anything else is refused with one line
saying what to write, never a traceback.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from graph.analysis.errors import AnalysisError

_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class DateWindowError(AnalysisError):
    """A window bound that is not a date, or a window that ends before it starts."""


def first_day(text: str, what: str = "since") -> date:
    """The first day `text` (YYYY, YYYY-MM or YYYY-MM-DD) names."""
    return _span(text, what)[0]


def last_day(text: str, what: str = "until") -> date:
    """The last day `text` (YYYY, YYYY-MM or YYYY-MM-DD) names."""
    return _span(text, what)[1]


def window(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """(since, until) as ISO days: since from its first day, until to its last.

    Raises
    ------
    DateWindowError
        a bound is not YYYY, YYYY-MM or YYYY-MM-DD, or until is before since.

    Examples
    --------
    >>> window("2002", "2004-02")
    ('2002-01-01', '2004-02-29')
    """
    start = first_day(since, "since") if since else None
    end = last_day(until, "until") if until else None
    if start and end and end < start:
        raise DateWindowError(f"the window ends ({until}) before it starts ({since})")
    return (start.isoformat() if start else None, end.isoformat() if end else None)


def _span(text: str, what: str) -> tuple[date, date]:
    match = _PARTIAL.fullmatch(text.strip())
    try:
        if not match:
            raise ValueError
        year, month, day = (int(g) if g else None for g in match.groups())
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, day), date(year, month, day)
    except ValueError:
        raise DateWindowError(f"{what} {text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD") from None
