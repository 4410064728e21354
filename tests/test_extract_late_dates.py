"""Dates a claim gets after scoring (late_dates.py): a year-dated text's year, a verb that issued a document.

Synthetic sentences, fictional bodies."""

from __future__ import annotations

from pathlib import Path

from loaders.document import Document
from loaders.extract import default_extractor


def _claims(text: str, published: str, precision: str, polarity: str = "asserted") -> list[tuple]:
    extraction = default_extractor().extract(
        Document(Path("late.txt"), text, f"late-{hash(text)}", "text/plain", "late", published, precision)
    )
    names = {n.id: n.name for n in extraction.nodes}
    return [
        (c.type, names.get(c.from_id), c.date_start, c.date_end) for c in extraction.claims if c.polarity == polarity
    ]


def test_a_text_dated_to_its_year_dates_its_undated_acts_to_that_year():
    claims = _claims(
        "Northshire Police sent the audit report to the Department of Civic Affairs.", "2015-01-01", "year"
    )
    sent = [c for c in claims if c[0] == "SENT"]
    assert sent and all(c[2:] == ("2015-01-01", "2015-12-31") for c in sent)


def test_a_date_in_the_clause_still_wins_over_the_year_of_the_text():
    claims = _claims(
        "Northshire Police sent the audit report to the Department of Civic Affairs in 2011.", "2015-01-01", "year"
    )
    sent = [c for c in claims if c[0] == "SENT"]
    assert sent and all(c[2:] == ("2011-01-01", "2011-12-31") for c in sent)


def test_a_denial_takes_no_date():
    claims = _claims(
        "Northshire Police never sent the audit report to the Department of Civic Affairs.",
        "2015-01-01",
        "year",
        "negated",
    )
    assert not [c for c in claims if c[2]]


def test_its_report_is_dated_by_the_verb_that_published_it():
    claims = _claims(
        "In December 2011, the Panel on Water and Drainage Standards published its report on the future of drainage.",
        "2015-06-12",
        "day",
    )
    authored = [c for c in claims if c[0] == "AUTHORED"]
    assert authored and all(c[2:] == ("2011-12-01", "2011-12-31") for c in authored)
