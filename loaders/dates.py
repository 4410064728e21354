"""Date phrases to intervals: (start, end, precision, text), relative ones anchored on publication.

A regex layer handles what dateparser gets wrong or cannot express (year ranges, decades,
"16 years ago" against a year-precise publication date, seasons, financial years); dateparser
handles the rest (full dates, month-years). Only DATE spans reach this module, and results are
cached, so the cost stays off the per-token path.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

PRECISIONS = ("day", "month", "year", "decade")
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "several": None,
    "a few": None,
}
_UNIT_MONTHS = {"year": 12, "decade": 120, "month": 1}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}
_PARTS = {"early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12)}
_DECADE_PARTS = {"early": (0, 3), "mid": (3, 6), "middle": (3, 6), "late": (7, 9)}

YEAR = r"(1[89]\d\d|20\d\d)"
_LEAD = r"^(?:(?:in|from|since|by|during|until|till|of|circa|c\.|around|about|before|after|the(?: year)?|early in|late in|at least|as early as|as far back as|as long ago as|no later than)\s+)*"
_RANGE = re.compile(_LEAD + r"(?:between\s+)?" + YEAR + r"\s*(?:and|to|-|–|—|until|till)\s*" + YEAR + r"$", re.I)
_YEAR_KIND = r"(?:financial|fiscal|business|reporting|parliamentary|academic|school)\s+year|session"
_FINANCIAL = re.compile(
    _LEAD
    + r"(?:(?P<before>"
    + _YEAR_KIND
    + r")\s+)?(?P<first>1[89]\d\d|20\d\d)\s*[/-]\s*(?P<next>\d\d)(?:\s+(?P<after>"
    + _YEAR_KIND
    + r"))?$",
    re.I,
)
_DECADE = re.compile(_LEAD + r"(?:(early|mid|middle|late)[\s-]+)?(?:the\s+)?(\d{3}0)'?s$", re.I)
_YEAR_ONLY = re.compile(_LEAD + YEAR + r"$", re.I)
_PART_YEAR = re.compile(
    _LEAD + r"(early|mid|middle|late|spring|summer|autumn|fall|winter)(?:\s+of)?[\s-]+" + YEAR + r"$", re.I
)
_AGO = re.compile(
    r"^(?:about |around |some |nearly |almost |more than |over |at least )?(\d+|a few|several|[a-z]+)\s+(year|decade|month)s?\s+(?:ago|earlier|before|previously)$",
    re.I,
)
_NAMED_RELATIVE = re.compile(r"^(?:the\s+)?(last|this|next|previous|past)\s+(year|month|decade)$", re.I)
_DURATION = re.compile(
    r"^(?:about |around |some |nearly |almost |more than |over |at least |up to |the )?(?:\d+|a few|several|[a-z]+)(?:[\s-]+(?:and a half|or so))?[\s-]+(?:year|decade|month|week|day|hour)s?(?:[\s-]+long)?$",
    re.I,
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    r"^(?:(?:on|last|this|by|from|since|until|the)\s+)?("
    + "|".join(_WEEKDAYS)
    + r")(?:\s+(morning|afternoon|evening|night))?$",
    re.I,
)
_HAS_DATE_WORD = re.compile(
    r"\d|january|february|march|april|may|june|july|august|september|october|november|december|yesterday|today", re.I
)


@dataclass(frozen=True)
class DateValue:
    start: str
    end: str
    precision: str
    text: str

    @property
    def year(self) -> int:
        return int(self.start[:4])


def _year_span(first: int, last: int, precision: str, text: str) -> DateValue:
    return DateValue(date(first, 1, 1).isoformat(), date(last, 12, 31).isoformat(), precision, text)


def _month_span(year: int, first_month: int, last_month: int, text: str) -> DateValue:
    end_year, end_month = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
    last_day = calendar.monthrange(end_year, end_month)[1]
    return DateValue(
        date(year, first_month, 1).isoformat(), date(end_year, end_month, last_day).isoformat(), "month", text
    )


def _anchor(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published) if published else None
    except ValueError:
        return None


def _shift_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 - months
    return date(total // 12, total % 12 + 1, 1)


def _relative(text: str, anchor: date | None, anchor_precision: str) -> DateValue | None:
    """ "16 years ago", "last year": counted back from the publication date, no finer than it is."""
    if anchor is None:
        return None
    match = _AGO.match(text)
    if match:
        raw, unit = match.group(1).lower(), match.group(2).lower()
        count = int(raw) if raw.isdigit() else _NUMBERS.get(raw)
        if not count:
            return None
        months = count * _UNIT_MONTHS[unit]
    else:
        match = _NAMED_RELATIVE.match(text)
        if not match:
            return None
        which, unit = match.group(1).lower(), match.group(2).lower()
        months = {"last": 1, "previous": 1, "past": 1, "this": 0, "next": -1}[which] * _UNIT_MONTHS[unit]
    target = _shift_months(anchor, months)
    if unit == "month" and anchor_precision == "day" or anchor_precision == "month" and unit == "month":
        return _month_span(target.year, target.month, target.month, text)
    if unit == "decade" and not _AGO.match(text):
        start = target.year - target.year % 10
        return _year_span(start, start + 9, "decade", text)
    return _year_span(target.year, target.year, "year", text)


_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def is_month_name(word: str) -> bool:
    """ "October", "october": a month's name (not its abbreviation, which is too often a word: "May", "Mar")."""
    return word.lower() in _MONTH_NAMES


_LAST_MONTH = re.compile(
    rf"^(?:in\s+)?(?:(?:last|this past)\s+({'|'.join(_MONTH_NAMES)})|({'|'.join(_MONTH_NAMES)})\s+last)$", re.I
)


def _last_named_month(text: str, anchor: date | None, anchor_precision: str) -> DateValue | None:
    """ "last June", and Hansard's "in June last": the latest June before the publication month."""
    match = _LAST_MONTH.match(text)
    if match is None or anchor is None or anchor_precision not in ("day", "month"):
        return None
    month = _MONTH_NAMES.index((match.group(1) or match.group(2)).lower()) + 1
    year = anchor.year if month < anchor.month else anchor.year - 1
    return _month_span(year, month, month, text)


def done_by_publication(value: DateValue, published: str | None, published_precision: str | None = None) -> DateValue:
    """A yearless date ("in June", "on 12 June") of an act the text says was done, read against a
    publication it would postdate: the year before. Dateparser counts a bare month in the
    publication's own year, which made "the report was sent in June" in a February text a June
    still to come. A publication dated only to a month or a year may be as late as that month's or
    year's last day: "sent on 7 August" in an August text is this August."""
    anchor = _anchor(published)
    if anchor is None or value.start <= _latest_day(anchor, published_precision) or _HAS_YEAR.search(value.text):
        return value
    start, end = date.fromisoformat(value.start), date.fromisoformat(value.end)
    if value.precision == "day":
        day = min(start.day, calendar.monthrange(start.year - 1, start.month)[1])
        earlier = date(start.year - 1, start.month, day).isoformat()
        return DateValue(earlier, earlier, "day", value.text)
    if value.precision == "month" and start.month == end.month:
        return _month_span(start.year - 1, start.month, start.month, value.text)
    return value


def _latest_day(anchor: date, precision: str | None) -> str:
    """The last day a publication dated `anchor` to `precision` (day, month, year) may have appeared on."""
    if precision == "year":
        return date(anchor.year, 12, 31).isoformat()
    if precision == "month":
        return date(anchor.year, anchor.month, calendar.monthrange(anchor.year, anchor.month)[1]).isoformat()
    return anchor.isoformat()


_HAS_YEAR = re.compile(r"\b\d{4}\b|'\d{2}\b")


def _weekday(text: str, anchor: date | None, anchor_precision: str) -> DateValue | None:
    """ "on Friday", "last Thursday": in news and letters, the latest such day on or before the
    publication date (only when that date is known to the day)."""
    match = _WEEKDAY.match(text)
    if match is None or anchor is None or anchor_precision != "day":
        return None
    back = (anchor.weekday() - _WEEKDAYS.index(match.group(1).lower())) % 7
    if back == 0 and text.lower().startswith("last"):
        back = 7
    day = date.fromordinal(anchor.toordinal() - back)
    return DateValue(day.isoformat(), day.isoformat(), "day", text)


_DEICTIC_DAY = re.compile(
    r"^(?:earlier |later )?(today|yesterday|tomorrow|tonight|this (?:morning|afternoon|evening))$", re.I
)
_DAY_SHIFT = {"yesterday": -1, "tomorrow": 1}


def _deictic_day(text: str, anchor: date | None, anchor_precision: str) -> DateValue | None:
    """ "today", "yesterday": the publication day counted from, when that is known to the day; in a text
    dated only to a month or a year, that month or year (a day's shift seldom leaves it), never an
    invented day."""
    match = _DEICTIC_DAY.match(text)
    if match is None or anchor is None:
        return None
    shift = _DAY_SHIFT.get(match.group(1).lower(), 0)
    if anchor_precision == "day":
        day = date.fromordinal(anchor.toordinal() + shift).isoformat()
        return DateValue(day, day, "day", text)
    if anchor_precision == "month":
        return _month_span(anchor.year, anchor.month, anchor.month, text)
    return _year_span(anchor.year, anchor.year, "year", text)


def _regex(text: str) -> DateValue | None:
    if m := _RANGE.match(text):
        first, last = int(m.group(1)), int(m.group(2))
        return _year_span(min(first, last), max(first, last), "year", text)
    if m := _FINANCIAL.match(text):  # "2023-24", "the 2023-24 business year", "Session 1993-94"
        first = int(m.group("first"))
        kind = (m.group("before") or m.group("after") or "financial").split()[0].lower()
        if int(m.group("next")) == (first + 1) % 100:
            if kind in ("financial", "fiscal", "business", "reporting"):  # a UK year: April to March
                return DateValue(date(first, 4, 1).isoformat(), date(first + 1, 3, 31).isoformat(), "month", text)
            return _year_span(first, first + 1, "year", text)  # a session or school year straddles two years
        last = first - first % 100 + int(m.group("next"))
        if first < last <= first + 10:  # "2019-21", "1998-2001" written short: the years from one to the other
            return _year_span(first, last, "year", text)
    if m := _DECADE.match(text):
        start = int(m.group(2))
        low, high = _DECADE_PARTS.get((m.group(1) or "").lower(), (0, 9))
        return _year_span(start + low, start + high, "decade", text)
    if m := _YEAR_ONLY.match(text):
        year = int(m.group(1))
        return _year_span(year, year, "year", text)
    if m := _PART_YEAR.match(text):
        part, year = m.group(1).lower(), int(m.group(2))
        low, high = _SEASONS.get(part) or _PARTS[part]
        return _month_span(year, low, high, text)
    return None


_FULL_YEAR = re.compile(r"\b\d{4}\b")


def _dateparser(text: str, anchor: date | None) -> DateValue | None:
    if not _HAS_DATE_WORD.search(text):
        return None
    if anchor is None and not _FULL_YEAR.search(text):
        return None  # "today", "7 August", "in March" in an undated text: dateparser would take the machine's clock
    settings = {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False}
    if anchor:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    cleaned = re.sub(
        r"^(?:(?:on|in|from|since|by|during|until|of|the|at least|as early as|as far back as|as long ago as|no later than)\s+)+",
        "",
        text,
        flags=re.I,
    )
    cleaned = _MONTH_PART.sub("", cleaned)  # "early January 2017": within the month, read as the month
    cleaned = _TIME_OF_DAY.sub("", cleaned)  # "the late evening of December 16, 2008": that day
    data = _parser(tuple(sorted(settings.items(), key=str))).get_date_data(cleaned)
    if data is None or data.date_obj is None:
        return None
    when = data.date_obj.date()
    if data.period == "month":
        return _month_span(when.year, when.month, when.month, text)
    if data.period == "year":
        return _year_span(when.year, when.year, "year", text)
    if data.period == "day":
        return DateValue(when.isoformat(), when.isoformat(), "day", text)
    return None


_TIME_OF_DAY = re.compile(r"^(?:(?:early|late)\s+)?(?:morning|afternoon|evening|night)\s+of\s+(?=.*\d)", re.I)
_MONTH_PART = re.compile(r"^(?:early|mid|middle|late)[\s-]+(?=[a-z]{3,9}\.?\s+\d)", re.I)


@lru_cache(maxsize=8)
def _parser(settings: tuple) -> dateparser.date.DateDataParser:
    return dateparser.date.DateDataParser(languages=["en"], settings=dict(settings))


@lru_cache(maxsize=20_000)
def parse_date(text: str, published: str | None = None, published_precision: str | None = None) -> DateValue | None:
    """An interval for a date phrase, or None when it names no point in time ("12 years", "the time").

    >>> parse_date("between 1998 and 2005")
    DateValue(start='1998-01-01', end='2005-12-31', precision='year', text='between 1998 and 2005')
    >>> parse_date("16 years ago", "2018-01-01", "year").start
    '2002-01-01'
    """
    cleaned = " ".join(text.replace("\u2019", "'").strip(" ,.;:()").split())
    if not cleaned:
        return None
    anchor = _anchor(published)
    found = (
        _regex(cleaned)
        or _relative(cleaned, anchor, published_precision or "day")
        or _deictic_day(cleaned, anchor, published_precision or "day")
        or _weekday(cleaned, anchor, published_precision or "day")
        or _last_named_month(cleaned, anchor, published_precision or "day")
    )
    if found is None and not (
        _WEEKDAY.match(cleaned) or _AGO.match(cleaned) or _NAMED_RELATIVE.match(cleaned) or _DURATION.match(cleaned)
    ):
        found = _dateparser(cleaned, anchor)
    return DateValue(found.start, found.end, found.precision, text) if found else None


_ANAPHORIC = re.compile(
    r"^(?:(?:later|earlier) (?:in )?)?(?:that|the same) (year|month)$|^(?:the )?(following|next|previous) (year|month)$|^(?:a|one) (year|month) (later|earlier)$",
    re.I,
)


def anaphoric_date(text: str, previous: DateValue | None) -> DateValue | None:
    """ "later that year", "the same month", "the following year", "a year later": a date counted from the
    last date the text gave (`previous`), no finer than that date is."""
    match = _ANAPHORIC.match(" ".join(text.strip(" ,.;:").split()))
    if match is None or previous is None:
        return None
    unit = (match.group(1) or match.group(3) or match.group(4)).lower()
    which = (match.group(2) or match.group(5) or "").lower()
    shift = 1 if which in ("following", "next", "later") else -1 if which in ("previous", "earlier") else 0
    start = date.fromisoformat(previous.start)
    if unit == "month" and previous.precision in ("day", "month"):
        target = _shift_months(start, -shift)
        return _month_span(target.year, target.month, target.month, text)
    year = start.year + (shift if unit == "year" else 0)
    return _year_span(year, year, "year", text)


def period_end(start: str | None, precision: str | None) -> str | None:
    """The last day of the period a date of this precision names (2009-01-01/year -> 2009-12-31),
    so a claim read from structure carries the same [start, end] interval an extracted one does."""
    if not start:
        return None
    day = date.fromisoformat(start)
    if precision == "month":
        return (_shift_months(day, -1) - timedelta(days=1)).isoformat()  # first of next month, less a day
    if precision in ("year", "decade"):
        return date(day.year + (9 if precision == "decade" else 0), 12, 31).isoformat()
    return start
