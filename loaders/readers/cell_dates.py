"""Dates written in a data cell (a register's date column) -> ISO start date and precision.

ISO forms are read exactly (YYYY, YYYY-MM, YYYY-MM-DD, with or without a time); anything else goes to
dateparser restricted to absolute dates, so "yesterday" or a bare number never becomes a date.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")
PRECISIONS = {"day": "day", "week": "day", "month": "month", "year": "year"}


def parse_date(value: str, date_order: str = "DMY") -> tuple[str, str] | None:
    """(ISO date, precision) for a written date, or None when it is not one date."""
    text = value.strip()
    match = ISO.match(text)
    if match:
        return _iso(*match.groups())
    if not re.search(r"\d{4}|\d{1,2}\D+\d{1,2}\D+\d{2}", text):
        return None  # no year: not a date that can be placed in time
    data = _parser(date_order).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date().isoformat(), PRECISIONS.get(data.period or "day", "day")


def _iso(year: str, month: str | None, day: str | None) -> tuple[str, str] | None:
    try:
        parsed = date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return parsed.isoformat(), "day" if day else "month" if month else "year"


@lru_cache(maxsize=4)
def _parser(date_order: str):
    from dateparser.date import DateDataParser  # imported late: it is slow to load and only registers need it

    return DateDataParser(
        languages=["en"],
        settings={
            "DATE_ORDER": date_order,
            "PREFER_DAY_OF_MONTH": "first",
            "PARSERS": ["custom-formats", "absolute-time"],
            "REQUIRE_PARTS": ["year"],
        },
    )
