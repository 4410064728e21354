"""Junk never becomes a node: streets, headings, table cells, lone role words, fragments ending in a
verb. SYNTHETIC text about FICTIONAL bodies and people."""

from __future__ import annotations

import pytest

from loaders.extract.rules import RuleExtractor
from tests.extract_helpers import run

TEXT = """Review into Eastholm academy trust sent to department a year before closure

12 Mill Lane, Brackwater, Northshire
Fenhallow House, Quarry Road, Brackwater BW4 7TL

### Background

| Name | Role |
|---|---|
| Joan Haldane | Director of Finance |

A review of the Eastholm Academy Trust was sent to the Department for Harbour Affairs in 2020.
Dame Celia Varrow chaired it. The letter, which the Examiner has obtained, was copied to my Department.
Dame Celia wrote to Nell Farrant of the Eastholm Water Authority; the Authority replied in May."""


@pytest.fixture(scope="module")
def extraction():
    return run(RuleExtractor(), TEXT)


def test_junk_names_are_not_nodes(extraction):
    names = {(n.label, n.name) for n in extraction.nodes}
    junk = {"Mill Lane", "Quarry Road", "Fenhallow House", "Background", "Name", "Examiner", "Department",
            "Authority", "Eastholm academy trust sent to", "Dame Celia", "Finance"}  # fmt: skip
    assert not {name for _, name in names} & junk, sorted(names)
    assert ("Agency", "Eastholm Academy Trust") in names and ("Person", "Celia Varrow") in names


def test_roles_carry_no_table_separators(extraction):
    roles = [c.role for c in extraction.claims if c.role] + [n.props.get("role", "") for n in extraction.nodes]
    assert not [r for r in roles if "|" in r]


def test_document_parts_are_not_people():
    """The tagger reads "Appendix C" / "Annex D." as names; a document's part or kind never names a person."""
    text = (
        "The figures are set out in Appendix C and Annex D.\n\nAppendix C\n\n"
        "Dame Celia Varrow wrote to the Department for Harbour Affairs in 2020."
    )
    people = {n.name for n in run(RuleExtractor(), text).nodes if n.label == "Person"}
    assert people == {"Celia Varrow"}
