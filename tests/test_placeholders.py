"""Unnamed parties (graph/placeholders.py) on SYNTHETIC sentences about FICTIONAL bodies: an agentless
passive gets a placeholder tied to its one report, which analyses never route a flow through."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import brokers, gaps, trace
from graph.model import Claim, Node
from graph.placeholders import PLACEHOLDER_KIND, is_placeholder, placeholder_for
from loaders.extract.rules import RuleExtractor
from tests.extract_helpers import run


@pytest.fixture(scope="module")
def extractor():
    return RuleExtractor()


def _by_type(extraction, edge_type):
    nodes = {n.id: n for n in extraction.nodes}
    return [(nodes[c.from_id], nodes[c.to_id], c) for c in extraction.claims if c.type == edge_type]


def test_agentless_passive_gets_a_placeholder_per_report(extractor):
    x = run(extractor, "The Calder Review was commissioned in 2006. The Harbour Report was commissioned in 2008.")
    found = _by_type(x, "COMMISSIONED")
    assert {report.name for _, report, _ in found} == {"Calder Review", "Harbour Report"}
    commissioners = {report.name: actor for actor, report, _ in found}
    assert all(a.props["kind"] == PLACEHOLDER_KIND and is_placeholder(a.id, a.props) for a in commissioners.values())
    assert commissioners["Calder Review"].id != commissioners["Harbour Report"].id  # never one node for two reports
    assert commissioners["Calder Review"].name == "unnamed commissioner of Calder Review"
    claim = next(c for _, report, c in found if report.name == "Calder Review")
    assert claim.date_start == "2006-01-01" and claim.extractor.startswith("rules.commission.passive.unnamed")


def test_named_agent_and_negation_give_no_placeholder(extractor):
    named = run(extractor, "The Calder Review was commissioned by Northshire Police in 2006.")
    assert [a.name for a, _, _ in _by_type(named, "COMMISSIONED")] == ["Northshire Police"]
    negated = run(extractor, "The Calder Review was not commissioned in 2006.")
    assert _by_type(negated, "COMMISSIONED") == []
    body = run(extractor, "Northshire Police was appointed in 2006.")  # only a document gets an unnamed commissioner
    assert not any(is_placeholder(n.id, n.props) for n in body.nodes)


def test_an_office_with_no_body_is_scoped_to_its_document(extractor):
    first = run(extractor, "The report was sent to the minister in 2008.")
    second = run(extractor, "The memo was sent to the minister in 2009.")
    (minister1, _, _), (minister2, _, _) = _by_type(first, "RECEIVED")[0], _by_type(second, "RECEIVED")[0]
    assert minister1.name == minister2.name == "Minister" and minister1.label == "Person"
    assert minister1.id != minister2.id


def _claim(edge: str, a: str, b: str, year: int) -> Claim:
    return Claim(
        edge, a, b, "source:s", f"{a} {edge} {b}.", 0, 10, 0.9, "test", f"{year}-01-01", f"{year}-12-31", "year"
    )


def _world(middle: Node) -> nx.MultiDiGraph:
    """A -> R1 -> middle -> R2 -> B: whether the flow passes depends only on what `middle` is."""
    G = nx.MultiDiGraph()
    a = Node("agency:northshire-police", "Agency", "Northshire Police")
    b = Node("agency:westmere-trust", "Agency", "Westmere Trust")
    r1 = Node("report:calder-review", "Report", "Calder Review")
    r2 = Node("report:harbour-report", "Report", "Harbour Report")
    for n in (a, b, r1, r2, middle):
        G.add_node(n.id, label=n.label, name=n.name, aliases=[], props=dict(n.props))
    for c in (
        _claim("SENT", a.id, r1.id, 2001),
        _claim("RECEIVED", middle.id, r1.id, 2002),
        _claim("SENT", middle.id, r2.id, 2003),
        _claim("RECEIVED", b.id, r2.id, 2004),
    ):
        G.add_edge(c.from_id, c.to_id, key=c.id, claim=c, type=c.type)
    return G


def test_flows_never_run_through_a_placeholder():
    real = Node("agency:department-of-civic-affairs", "Agency", "Department of Civic Affairs")
    assert trace(_world(real), "agency:northshire-police", "agency:westmere-trust")  # the control: a body passes it on
    unnamed = placeholder_for("COMMISSIONED", Node("report:calder-review", "Report", "Calder Review"))
    G = _world(unnamed)
    assert trace(G, "agency:northshire-police", "agency:westmere-trust") == []
    assert unnamed.id not in [n for n, _, _ in brokers(G)]


def test_a_placeholder_is_no_body_in_gaps():
    unnamed = placeholder_for("PUBLISHED", Node("report:calder-review", "Report", "Calder Review"))
    G = _world(unnamed)
    assert unnamed.id not in {g.body for g in gaps(G, "Calder Review").gaps}
