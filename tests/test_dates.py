"""Date phrases to (start, end, precision): every form the extractor meets."""

from __future__ import annotations

import pytest

from loaders.dates import parse_date


@pytest.mark.parametrize(
    "text, start, end, precision",
    [
        ("2002", "2002-01-01", "2002-12-31", "year"),
        ("in 2001", "2001-01-01", "2001-12-31", "year"),
        ("from 2002", "2002-01-01", "2002-12-31", "year"),
        ("March 2014", "2014-03-01", "2014-03-31", "month"),
        ("in February 2016", "2016-02-01", "2016-02-29", "month"),
        ("26 August 2014", "2014-08-26", "2014-08-26", "day"),
        ("August 26, 2014", "2014-08-26", "2014-08-26", "day"),
        ("26/08/2014", "2014-08-26", "2014-08-26", "day"),
        ("2014-08-26", "2014-08-26", "2014-08-26", "day"),
        ("between 1998 and 2005", "1998-01-01", "2005-12-31", "year"),
        ("From 1997 to 2013", "1997-01-01", "2013-12-31", "year"),
        ("1998-2005", "1998-01-01", "2005-12-31", "year"),
        ("2004/05", "2004-04-01", "2005-03-31", "month"),
        ("the 1990s", "1990-01-01", "1999-12-31", "decade"),
        ("the early 2000s", "2000-01-01", "2003-12-31", "decade"),
        ("the late 1980s", "1987-01-01", "1989-12-31", "decade"),
        ("summer 2014", "2014-06-01", "2014-08-31", "month"),
        ("early 2014", "2014-01-01", "2014-04-30", "month"),
        ("the late evening of December 16, 2008", "2008-12-16", "2008-12-16", "day"),
        ("the early morning of 3 May 2010", "2010-05-03", "2010-05-03", "day"),
    ],
)
def test_absolute_dates(text, start, end, precision):
    value = parse_date(text)
    assert (value.start, value.end, value.precision) == (start, end, precision)
    assert value.text == text


@pytest.mark.parametrize(
    "text, published, precision, start, end, expected_precision",
    [
        ("16 years ago", "2018-01-01", "year", "2002-01-01", "2002-12-31", "year"),
        ("a decade before", "2018-01-01", "year", "2008-01-01", "2008-12-31", "year"),
        ("last year", "2018-05-04", "day", "2017-01-01", "2017-12-31", "year"),
        ("this year", "2018-05-04", "day", "2018-01-01", "2018-12-31", "year"),
        ("three months ago", "2018-05-04", "day", "2018-02-01", "2018-02-28", "month"),
        ("last month", "2018-05-04", "day", "2018-04-01", "2018-04-30", "month"),
    ],
)
def test_relative_dates_resolve_against_publication(text, published, precision, start, end, expected_precision):
    value = parse_date(text, published, precision)
    assert (value.start, value.end, value.precision) == (start, end, expected_precision)


@pytest.mark.parametrize(
    "text", ["12 years", "at least ten years", "a decade", "the time", "two weeks", "recently", ""]
)
def test_durations_and_vague_phrases_are_not_dates(text):
    assert parse_date(text, "2018-01-01", "year") is None


def test_relative_date_without_publication_is_unknown():
    assert parse_date("16 years ago") is None
    assert parse_date("last year") is None


@pytest.mark.parametrize("text", ["today", "yesterday", "on 7 August", "in March", "Monday 3 May"])
def test_a_date_without_a_year_in_an_undated_text_is_unknown_not_this_year(text):
    """The date parser would fill the year (or the day) from the machine's clock: an invented date."""
    assert parse_date(text) is None
    assert parse_date(text, "2019-10-02", "day") is not None
    assert parse_date("on 7 August 2019").start == "2019-08-07"


@pytest.mark.parametrize(
    "text, published, start",
    [
        ("June last", "1856-02-20", "1855-06-01"),  # Hansard: the latest June before a February sitting
        ("in June last", "1856-07-02", "1856-06-01"),
        ("last February", "1856-02-20", "1855-02-01"),  # the same month a year back, not this one
        ("this past March", "2019-05-01", "2019-03-01"),
    ],
)
def test_last_named_month_is_the_latest_such_month_before_publication(text, published, start):
    value = parse_date(text, published, "day")
    assert (value.start, value.precision) == (start, "month")


def test_last_named_month_needs_a_publication_date_to_the_month():
    assert parse_date("June last") is None
    assert parse_date("June last", "1856", "year") is None


def test_a_yearless_date_after_publication_is_the_year_before_for_a_done_act():
    from loaders.dates import done_by_publication

    june = parse_date("in June", "1856-02-20", "day")
    assert june.start == "1856-06-01"  # dateparser's reading: this year's June
    assert done_by_publication(june, "1856-02-20").start == "1855-06-01"
    assert done_by_publication(parse_date("29 February", "2021-01-10", "day"), "2021-01-10").start == "2020-02-29"
    assert done_by_publication(parse_date("June 1856", "1856-02-20", "day"), "1856-02-20").start == "1856-06-01"
    assert done_by_publication(parse_date("in January", "1856-02-20", "day"), "1856-02-20").start == "1856-01-01"


@pytest.mark.parametrize(
    "text, published, precision, start, end, expected_precision",
    [
        ("today", "2018-05-04", "day", "2018-05-04", "2018-05-04", "day"),
        ("yesterday", "2018-05-04", "day", "2018-05-03", "2018-05-03", "day"),
        ("today", "2018-05-01", "month", "2018-05-01", "2018-05-31", "month"),
        ("earlier today", "2018-05-01", "month", "2018-05-01", "2018-05-31", "month"),
        ("yesterday", "2018-01-01", "year", "2018-01-01", "2018-12-31", "year"),
    ],
)
def test_today_is_the_publication_date_to_its_own_precision(text, published, precision, start, end, expected_precision):
    """A text dated only to a month or a year says "today" of that month or year, not of its first day."""
    value = parse_date(text, published, precision)
    assert (value.start, value.end, value.precision) == (start, end, expected_precision)


def test_a_yearless_date_in_a_text_dated_to_the_month_or_year_is_within_it():
    """ "sent on 7 August" in a text dated August 2024 (or just 2024) is this August, not the last."""
    from loaders.dates import done_by_publication

    august = parse_date("on 7 August", "2024-08-01", "month")
    assert done_by_publication(august, "2024-08-01", "month").start == "2024-08-07"
    assert done_by_publication(parse_date("in June", "2024-01-01", "year"), "2024-01-01", "year").start == "2024-06-01"
    october = parse_date("in October", "2024-08-01", "month")
    assert done_by_publication(october, "2024-08-01", "month").start == "2023-10-01"


@pytest.mark.parametrize(
    "text, start, end, precision",
    [
        ("the 2023-24 business year", "2023-04-01", "2024-03-31", "month"),
        ("the financial year 2023-24", "2023-04-01", "2024-03-31", "month"),
        ("during the 2023/24 reporting year", "2023-04-01", "2024-03-31", "month"),
        ("In Session 1993-94", "1993-01-01", "1994-12-31", "year"),
        ("the 1998-99 session", "1998-01-01", "1999-12-31", "year"),
        ("2019-21", "2019-01-01", "2021-12-31", "year"),
        ("2019-12", "2019-12-01", "2019-12-31", "month"),
    ],
)
def test_named_years_that_straddle_two_calendar_years(text, start, end, precision):
    """A UK financial or business year runs April to March; a parliamentary session or school year is only
    known to span its two years; "2019-21" is a short range, not 21 March 2019."""
    value = parse_date(text, "2025-03-01", "day")
    assert (value.start, value.end, value.precision) == (start, end, precision)
