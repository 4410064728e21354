"""Time between two claims, said no more precisely than their dates allow.

"Knew in the 2000s, acted in 2003" is not "3 years, 1096 days": both fall in one decade, so the
evidence says only that. The count is made in the coarser of the two precisions (day, month,
year, decade) between the calendar units the two claims start in.
"""

from __future__ import annotations

from datetime import date

from graph.analysis.date_windows import interval
from graph.model import Claim

ORDER = ("day", "month", "year", "decade")


def coarser(*precisions: str | None) -> str:
    """The coarsest of the precisions (an unknown precision counts as a year)."""
    return max((p if p in ORDER else "year" for p in precisions), key=ORDER.index)


def _unit_index(day: date, unit: str) -> int:
    if unit == "day":
        return day.toordinal()
    if unit == "month":
        return day.year * 12 + day.month - 1
    if unit == "year":
        return day.year
    return day.year // 10


def elapsed(first: Claim, later: Claim) -> tuple[int, str, str]:
    """(count, unit, text) from `first` to `later`, e.g. (2, "year", "2 years later"),
    (0, "decade", "within the same decade"), (812, "day", "812 days later")."""
    unit = coarser(first.date_precision, later.date_precision)
    count = _unit_index(interval(later)[0], unit) - _unit_index(interval(first)[0], unit)
    if count == 0:
        return 0, unit, "the same day" if unit == "day" else f"within the same {unit}"
    return count, unit, f"{count} {unit}{'' if count == 1 else 's'} later"
