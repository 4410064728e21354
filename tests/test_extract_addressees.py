"""Who a testimony or letter is addressed to, from its layout (testimony_audiences.py, joint_salutations.py):
what each RECEIVED claim cites, and what draws nothing.

All text is SYNTHETIC about FICTIONAL bodies and people."""

from __future__ import annotations

import pytest

from loaders.extract import default_extractor
from tests.extract_helpers import run

CAPITALS_AUDIENCE = (
    "DEPARTMENT OF CIVIC AFFAIRS\n\n       STATEMENT FOR THE RECORD\n    OF THE HONORABLE RUTH A. CALLOWAY\n"
    "           INSPECTOR GENERAL\n\n\n                  Before the\n\n\n    COMMITTEE ON HARBOUR WORKS AND\n"
    "           INLAND FERRIES\n\n                 SENATE OF EASTMERE\n\n\n"
    "Thank you, Chairman Briggs, for inviting me to submit a statement for the record.\n"
)
COVER_LINE = (
    "Harbour Audit Office Testimony Before the Subcommittee on Ferries and Small Ports, Committee on Inland "
    "Waterways For Release on Delivery Expected at 10:00 a.m. Thursday, July 15, 2010 Statement of Helen J. Marsh, "
    "Director, Harbour Audit Office Madam Chairwoman and Members of the Subcommittee: I am pleased to be here.\n"
)
JOINT = (
    "Rt Hon Helen Marsh MP Minister for Inland Waterways\n\nRt Hon Tom Briggs MP Secretary of State for Harbours\n\n"
    "5th February 2021\n\nDear Helen and Tom,\n\nThe committee took evidence from your officials yesterday.\n\n"
    "Owen Pritchard MP Chair, Harbour Works Committee\n"
)


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


def _received(extraction) -> dict[str, str]:
    names = {n.id: n.name for n in extraction.nodes}
    return {names[c.from_id]: c.sentence for c in extraction.claims if c.type == "RECEIVED"}


def test_an_audience_in_capitals_is_the_committee_cited_from_before_the(extractor):
    received = _received(run(extractor, CAPITALS_AUDIENCE))
    assert set(received) == {"Committee on Harbour Works and Inland Ferries"}
    cited = " ".join(received["Committee on Harbour Works and Inland Ferries"].split())
    assert cited == "Before the COMMITTEE ON HARBOUR WORKS AND INLAND FERRIES"


def test_a_cover_line_names_the_subcommittee_not_its_committee(extractor):
    received = _received(run(extractor, COVER_LINE))
    assert set(received) == {"Subcommittee on Ferries and Small Ports"}
    assert (
        "Testimony Before the Subcommittee on Ferries and Small Ports"
        in received["Subcommittee on Ferries and Small Ports"]
    )


def test_before_in_the_statement_prose_names_no_audience(extractor):
    text = "Statement of Helen J. Marsh, Director\n\nMy testimony before the Committee on Harbour Works last year was long.\n"
    assert _received(run(extractor, text)) == {}


def test_each_greeted_name_written_in_full_above_received_the_letter(extractor):
    received = _received(run(extractor, JOINT))
    assert set(received) == {"Helen Marsh", "Tom Briggs"}
    assert all(sentence == "Dear Helen and Tom" for sentence in received.values())


def test_a_greeted_name_never_written_in_full_draws_nothing(extractor):
    text = JOINT.replace("Dear Helen and Tom", "Dear Priya and Tom")
    assert set(_received(run(extractor, text))) == {"Tom Briggs"}
