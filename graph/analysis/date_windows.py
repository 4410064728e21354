"""Claim dates as intervals: the time-respecting rule, and dates written the way a reader says them."""

from __future__ import annotations

from datetime import date

from graph.model import Claim

Interval = tuple[date, date]


def interval(claim: Claim) -> Interval | None:
    """The claim's [date_start, date_end] (one bound alone stands for both), or None when undated."""
    start, end = claim.date_start or claim.date_end, claim.date_end or claim.date_start
    if not start:
        return None
    return date.fromisoformat(start), date.fromisoformat(end)


def overlaps(span: Interval | None, since: str | None, until: str | None) -> bool:
    """Whether a claim interval may fall inside [since, until]; undated claims only pass an open window."""
    if span is None:
        return not (since or until)
    if since and span[1] < date.fromisoformat(since):
        return False
    return not (until and span[0] > date.fromisoformat(until))


def after(earliest: date | None, span: Interval) -> date | None:
    """Earliest date inside `span` that is not before `earliest`, or None if the hop cannot come later.

    This is the time-respecting rule: along a path we keep the earliest date the information
    can have reached the current node; a dated hop may follow when its interval ends on or after
    that date, and the information then reaches its end at max(earliest, start). A path is a flow
    iff one date can be picked inside each hop's interval with the picked dates never decreasing;
    choosing the earliest feasible date at each step decides that exactly.
    """
    start, end = span
    at = start if earliest is None or start > earliest else earliest
    return at if at <= end else None


def before(latest: date | None, span: Interval) -> date | None:
    """Mirror of `after` for walking a flow backwards: the latest date in `span` not after `latest`."""
    start, end = span
    at = end if latest is None or end < latest else latest
    return at if at >= start else None


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def describe(start: str | None, end: str | None, precision: str | None) -> str:
    """A date as an investigator would write it: "12 March 2014", "March 2014", "2002", "the 2000s",
    "between 1998 and 2005"; "undated" when the claim has no date."""
    if not (start or end):
        return "undated"
    first, last = date.fromisoformat(start or end), date.fromisoformat(end or start)
    if precision == "decade":
        decade = first.year - first.year % 10
        return (
            f"the {decade}s"
            if last.year < decade + 10
            else f"between the {decade}s and the {last.year - last.year % 10}s"
        )
    if precision == "month":
        text = f"{MONTHS[first.month - 1]} {first.year}"
        return (
            text
            if (first.year, first.month) == (last.year, last.month)
            else f"between {text} and {MONTHS[last.month - 1]} {last.year}"
        )
    if precision == "day":
        text = f"{first.day} {MONTHS[first.month - 1]} {first.year}"
        return text if first == last else f"between {text} and {last.day} {MONTHS[last.month - 1]} {last.year}"
    return str(first.year) if first.year == last.year else f"between {first.year} and {last.year}"


def claim_date(claim: Claim) -> str:
    return describe(claim.date_start, claim.date_end, claim.date_precision)


def at_precision(day: str | None, precision: str | None) -> str:
    """An ISO day cut to what its precision supports, still sortable as text: "2002" (year),
    "2002-03" (month), "2002-03-14" (day), "2000s" (decade); "" when there is no date. A table or
    CSV cell written this way never turns "in 2002" into 1 January 2002."""
    if not day:
        return ""
    if precision == "decade":
        return f"{int(day[:4]) - int(day[:4]) % 10}s"
    if precision == "month":
        return day[:7]
    if precision == "day":
        return day[:10]
    return day[:4]
