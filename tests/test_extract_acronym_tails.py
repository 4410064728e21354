"""A document named with a defined acronym at its end is also called without it (acronym_tails.py).
SYNTHETIC names only."""

from graph.model import Node
from loaders.extract.acronym_tails import add_aliases, without_acronym_tail


def test_a_closing_acronym_is_dropped():
    assert without_acronym_tail("audit of the harbour pension fund (HPF)") == "audit of the harbour pension fund"


def test_a_bracket_that_is_no_acronym_stays():
    assert without_acronym_tail("inspection of the British National (Overseas) route") is None
    assert without_acronym_tail("review of the 2013 investigation (part two)") is None


def test_reports_get_the_shorter_name_as_an_alias_and_bodies_do_not():
    report = Node("report:x", "Report", "audit of the harbour pension fund (HPF)", [], {})
    body = Node("agency:x", "Agency", "Office of Harbour Counsel (OHC)", [], {})
    add_aliases([report, body])
    assert report.aliases == ["audit of the harbour pension fund"]
    assert report.name == "audit of the harbour pension fund (HPF)"
    assert body.aliases == []
