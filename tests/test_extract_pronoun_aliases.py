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
