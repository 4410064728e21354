"""An unnamed report is also known by the pronoun phrase the text calls it (pronoun_aliases.py).

All text is SYNTHETIC about FICTIONAL bodies and people."""

from __future__ import annotations

import pytest

from loaders.extract import default_extractor
from tests.extract_helpers import run


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


def _report(extraction, name: str):
    return next(n for n in extraction.nodes if n.label == "Report" and n.name == name)


def test_an_unnamed_investigation_is_also_its_report_and_this_investigation(extractor):
    text = (
        "The Northshire Audit Office initiated this investigation in 2019. "
        "The Northshire Audit Office has completed its investigation and provided its report to the "
        "Department of Civic Affairs for appropriate action.\n"
    )
    node = _report(run(extractor, text), "investigation")
    assert {"this investigation", "its investigation", "its report"} <= set(node.aliases)


def test_a_named_report_gets_no_pronoun_alias(extractor):
    text = "The Eastmere Ombudsman published the Varrow Review in 2019. Its authors sent their Varrow Review to Northshire Police.\n"
    names = {n.name: n for n in run(extractor, text).nodes if n.label == "Report"}
    assert "Varrow Review" in names
    assert not [a for a in names["Varrow Review"].aliases if a.lower().startswith(("their", "its"))]


def test_a_pronoun_owned_report_is_also_named_with_what_it_is_about(extractor):
    text = (
        "One of the first reports that I issued was our report on pilotage fees at Eastmere Harbour (EH), "
        "which was initiated as a result of a complaint by the Department of Civic Affairs.\n"
    )
    aliases = {a for n in run(extractor, text).nodes if n.label == "Report" for a in n.aliases}
    assert "our report on pilotage fees at Eastmere Harbour (EH)" in aliases
    assert not [a for a in aliases if "initiated" in a]  # the ", which ..." clause is no part of the name


def test_a_body_reporting_to_a_body_names_the_report_by_its_date(extractor):
    text = "In March 2018, the Department of Civic Affairs reported to the Northshire Audit Office that all the recommendations had been implemented.\n"
    node = next(n for n in run(extractor, text).nodes if n.label == "Report")
    assert "Department of Civic Affairs report to Northshire Audit Office of March 2018" in node.aliases
    undated = (
        "The Department of Civic Affairs reported to the Northshire Audit Office that the repairs were finished.\n"
    )
    node = next(n for n in run(extractor, undated).nodes if n.label == "Report")
    assert node.aliases == ["Department of Civic Affairs report to Northshire Audit Office"]
