"""Reports a letter's writer sent before, enclosed notices, and bills' sponsors (SYNTHETIC text, FICTIONAL bodies)."""

from __future__ import annotations

import pytest

from loaders.extract import default_extractor
from loaders.extract.numbered_flows import is_bill
from tests.extract_helpers import claim, edges, node, run

LETTER = (
    "Harbour Safety Commission\n\nJuly 6, 2015\n\nMs. Ann Lee\nDirector\nNorthshire Water Company\n\n"
    "Dear Ms. Lee:\n\nThis letter refers to the harbour inspections conducted at your plant. "
)


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


def test_a_numbered_report_sent_to_you_was_sent_by_the_writer(extractor):
    text = LETTER + (
        "With respect to the violation described in Inspection Report 15-02, sent to you on May 15, 2015, "
        "the HSC decided that no conference was needed."
    )
    found = run(extractor, text)
    sent = claim(found, "SENT", "Harbour Safety Commission", "Inspection Report 15-02")
    assert sent.date_start == "2015-05-15"
    assert ("Ann Lee", "Inspection Report 15-02") in edges(found, "RECEIVED")


def test_a_report_sent_to_someone_else_names_no_sender(extractor):
    text = LETTER + "Inspection Report 15-02, sent to the Harbour Board on May 15, 2015, describes the violation."
    found = run(extractor, text)
    assert ("Harbour Safety Commission", "Inspection Report 15-02") not in edges(found, "SENT")
    assert ("Ann Lee", "Inspection Report 15-02") not in edges(found, "RECEIVED")


def test_reports_sent_by_letters_to_your_staff(extractor):
    text = LETTER + "The inspection reports were sent to your staff by letters dated January 27 and June 12, 2015."
    found = run(extractor, text)
    assert ("Harbour Safety Commission", "inspection reports") in edges(found, "SENT")
    assert ("Ann Lee", "inspection reports") in edges(found, "RECEIVED")


def test_our_letters_transmitting_reports_name_the_sender_only(extractor):
    text = LETTER + (
        "Violations were identified as described in our letters dated February 10 and May 15, 2015, "
        "transmitting the inspection reports."
    )
    found = run(extractor, text)
    assert ("Harbour Safety Commission", "inspection reports") in edges(found, "SENT")
    assert ("Ann Lee", "inspection reports") not in edges(found, "RECEIVED")  # no recipient in the clause


def test_the_enclosed_notice_was_written_by_the_writer_but_not_an_enclosed_report(extractor):
    notice = run(extractor, LETTER + "Six violations are described in the enclosed Notice of Violation (Notice).")
    assert ("Harbour Safety Commission", "Notice of Violation") in edges(notice, "AUTHORED")
    report = run(extractor, LETTER + "Please find enclosed the final audit report as submitted to us by Kestrel Audit.")
    assert not [
        to for sender, to in edges(report, "AUTHORED") if sender == "Harbour Safety Commission" and "audit" in to
    ]


def test_bill_sponsors_and_a_committee_that_considered_a_bill(extractor):
    found = run(extractor, "I thank Senator Ann Lee for her introduction of S. 680 in this session.")
    assert ("Ann Lee", "S. 680") in edges(found, "AUTHORED")
    assert is_bill(node(found, "Report", "S. 680"))
    found = run(extractor, "S. 1723, introduced by Senator Tom Briggs, would amend the Civic Act.")
    assert ("Tom Briggs", "S. 1723") in edges(found, "AUTHORED")
    found = run(extractor, "The Committee on Civic Affairs considered S. 870, a bill to amend the Civic Act.")
    assert ("Committee on Civic Affairs", "S. 870") in edges(found, "KNEW_ABOUT")
    assert not edges(run(extractor, "The Committee on Civic Affairs did not consider S. 870."), "KNEW_ABOUT")
    assert not edges(run(extractor, "The Committee on Civic Affairs considered the Harbour Review."), "KNEW_ABOUT")
