"""A UK parliamentary paper's title page (uk_papers.py) and the UK report flows whose recipient is a
gazetteer body (Parliament), so they cannot be construction-suite templates. SYNTHETIC texts: fictional
inspectorates, people and documents; Parliament is named only as where a fictional paper was laid."""

from __future__ import annotations

import pytest

from loaders.extract.rules import RuleExtractor
from tests.extract_helpers import claim, edges, run

PARLIAMENT = "Parliament of the United Kingdom"


@pytest.fixture(scope="session")
def extractor():
    return RuleExtractor()


def _own(x) -> str:
    return next(n.name for n in x.nodes if n.label == "Report" and n.name.startswith("synthetic"))


def test_laid_before_parliament_by_an_office_on_a_title_page(extractor):
    text = (
        "ANNUAL REPORT OF THE NORTHSHIRE INSPECTORATE 2019\n\n"
        "Laid before Parliament by the Secretary of State for Harbour Affairs Pursuant to Section 4 of the Harbour Act\n\n"
        "Ordered by the House of Commons to be printed 13 March 2020\n\n"
        "1. The year was busy."
    )
    x = run(extractor, text)
    own = _own(x)
    assert claim(x, "RECEIVED", PARLIAMENT, own).date_start == "2020-06-01"  # the document's date
    assert ("Secretary of State for Harbour Affairs", own) in edges(x, "SENT")
    printed = [c for c in x.claims if c.type == "PUBLISHED" and "printed" in c.sentence]
    assert printed and printed[0].date_start == "2020-03-13"


def test_presented_by_command_is_dated_by_its_month(extractor):
    text = (
        "The Harbour Dredging Inquiry Final Report Presented to Parliament by the Secretary of State for "
        "Harbour Affairs by Command of Her Majesty July 2001 CM 9999\n\nForeword\n\nThe inquiry sat for two years."
    )
    x = run(extractor, text)
    own = _own(x)
    assert claim(x, "RECEIVED", PARLIAMENT, own).date_start == "2001-07-01"
    assert claim(x, "SENT", "Secretary of State for Harbour Affairs", own).date_start == "2001-07-01"
    assert any(c.type == "PUBLISHED" and c.to_id == next(n.id for n in x.nodes if n.name == own) for c in x.claims)
    assert not [c for c in x.claims if c.type == "SENT" and c.to_id != next(n.id for n in x.nodes if n.name == own)]


def test_prose_laying_is_left_to_the_verb(extractor):
    x = run(extractor, "The Harbour Review was laid before Parliament by Tom Briggs on 3 May 2012.")
    assert not [c for c in x.claims if c.extractor == "rules.uk_paper"]
    assert claim(x, "RECEIVED", PARLIAMENT, "Harbour Review").date_start == "2012-05-03"


def test_report_laid_in_parliament_and_sent_in_a_joined_clause(extractor):
    text = (
        "The 2019 annual report from the Northshire Inspectorate was laid in Parliament today. The Harbour "
        "Report covers the period from 1 April 2018 to 31 March 2019 and was sent to Tom Briggs on 8 July 2019."
    )
    x = run(extractor, text)
    assert any(a == PARLIAMENT for a, _ in edges(x, "RECEIVED"))
    assert claim(x, "RECEIVED", "Tom Briggs", "Harbour Report").date_start == "2019-07-08"
