"""Flow analysis gives the same answers on every backend: the FICTIONAL Northshire world of
tests/test_analysis.py (synthetic: no real body or person) stored, then questioned through the store.

Each store-backed answer is checked against the answer computed on the whole world held in memory
(and against the facts themselves), on the embedded store and on Neo4j; the last test runs every
analysis command of the CLI against both backends at once and compares their JSON word for word.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graph.analysis import (
    NO_EVIDENCE,
    AmbiguousName,
    NodeNotFound,
    first_knowledge,
    gaps,
    load_body_graph,
    load_flow_graph,
    load_topic_graph,
    resolve_in_store,
    timeline,
    trace,
)
from graph.analysis.flows import ENDPOINT_LABELS
from graph.analysis.name_lookup import BODY_LABELS
from graph.analysis.subgraph import load_claims_graph, with_topic_layer
from graph.embedded import EmbeddedStore
from graph.model import Batch
from kflow.cli import main
from tests.test_analysis import (
    AUTHORITY,
    COUNCIL,
    DCA,
    EASTMERE,
    LETTER,
    POLICE,
    S1,
    S2,
    STUDY,
    TOPIC,
    claims,
    graph,
    nodes,
)

CLAIMS = {c.sentence + c.type + c.from_id: c for c in claims()}


@pytest.fixture
def world(store):
    store.upsert(Batch(nodes(), claims()))
    return store


def flows(paths):
    """Everything a reader sees of flow paths: nodes, arrival, each hop's claim (quote, offsets, dates) and corroboration."""
    return [
        (p.nodes, p.arrival, p.undated_hops, [(h.claim, h.corroborating, h.source_name, h.target_name) for h in p.hops])
        for p in paths
    ]


def knowledge(k):
    return (
        k.body_name,
        k.date,
        k.year,
        k.claim,
        k.independent_sources,
        sorted(k.supporting, key=lambda c: c.id),
        k.possibly_earlier,
        flows(k.chain),
        k.chain_basis,
        k.undated,
    )


def entries(items):
    return [(e.date, e.claim, e.from_name, e.to_name) for e in items]


def report(r):
    return [
        [(g.body, g.body_name, g.knowledge, g.action, g.last_heard, g.days) for g in part]
        for part in (r.acted, r.silences)
    ]


def trace_in_store(store, source, target, **options):
    a, b = (resolve_in_store(store, name, ENDPOINT_LABELS) for name in (source, target))
    window = {k: options[k] for k in ("since", "until") if options.get(k)}
    return trace(load_flow_graph(store, [a.id, b.id], **window), a.id, b.id, **options)


def test_trace_paths_dates_and_quotes_match_the_whole_world(world):
    paths = trace_in_store(world, "university of eastmere", "Northshire Police")
    assert flows(paths) == flows(trace(graph(), EASTMERE, POLICE))
    [path] = paths
    assert path.nodes == [EASTMERE, STUDY, DCA, LETTER, POLICE] and path.arrival.isoformat() == "2004-06-15"
    assert path.hops[-1].claim.sentence == "Northshire Police received the letter on 15 June 2004."
    assert path.hops[-1].claim.char_start == 500 and path.hops[-1].claim.date_precision == "day"
    receipt = path.hops[1]
    assert receipt.claim.source_id == S1 and [c.source_id for c in receipt.corroborating] == [S2]


@pytest.mark.parametrize(
    "options",
    [
        {"topic": "harbour pollution"},
        {"until": "2003-12-31"},
        {"allow_undated": True},
        {"since": "2002-01-01", "limit": 1},
    ],
)
def test_trace_options_match_the_whole_world(world, options):
    assert flows(trace_in_store(world, EASTMERE, POLICE, **options)) == flows(
        trace(graph(), EASTMERE, POLICE, **options)
    )


def test_a_flow_back_in_time_is_refused_on_the_store_too(world):
    assert trace_in_store(world, "Northshire Council", "Northshire Police") == []
    assert [p.nodes for p in trace_in_store(world, "Northshire Council", DCA)] == [
        [COUNCIL, "report:council-note", DCA]
    ]


def test_first_knowledge_dates_quotes_and_independent_sources_match(world):
    body = resolve_in_store(world, "department of civic affairs", BODY_LABELS)
    known = first_knowledge(load_body_graph(world, body.id), body.id, "harbour pollution")
    assert knowledge(known) == knowledge(first_knowledge(graph(), DCA, "harbour pollution"))
    assert known.date == "12 March 2002" and known.independent_sources == 2
    assert (
        known.claim
        == CLAIMS["The study was sent to the Department by the University of Eastmere on 12 March 2002.RECEIVED" + DCA]
    )
    assert [p.nodes for p in known.chain] == [[DCA, EASTMERE, STUDY, DCA]]


def test_no_evidence_is_said_the_same_way(world):
    board = resolve_in_store(world, "westholm harbour board", BODY_LABELS)
    known = first_knowledge(load_body_graph(world, board.id), board.id, "harbour pollution")
    assert not known.found and known.date == NO_EVIDENCE and known.independent_sources == 0


def test_timeline_of_a_body_matches(world):
    G = with_topic_layer(load_claims_graph(world, world.claims(body=DCA)), world)
    got = entries(timeline(G, body=DCA))
    assert got == entries(timeline(graph(), body=DCA))
    assert [d for d, *_ in got][:1] == ["2001"] and got[-1][0] == "2006"


def test_timeline_and_gaps_of_a_topic_match(world):
    [topic] = world.find_nodes("harbour pollution", label="Topic")
    assert topic.id == TOPIC
    G = load_topic_graph(world, [topic.id])
    assert entries(timeline(G, topic="harbour pollution", since="2004-01-01")) == entries(
        timeline(graph(), topic="harbour pollution", since="2004-01-01")
    )
    found = gaps(G, "harbour pollution")
    assert report(found) == report(gaps(graph(), "harbour pollution"))
    assert [g.body for g in found.acted] == [DCA, EASTMERE] and [g.body for g in found.silences] == [POLICE]


def test_ambiguous_and_unknown_names_fail_the_same_way(world):
    bodies = [
        (COUNCIL, "Agency", "Northshire Council"),
        (POLICE, "Agency", "Northshire Police"),
        (AUTHORITY, "Agency", "Northshire Police Authority"),
    ]
    with pytest.raises(AmbiguousName) as error:
        resolve_in_store(world, "northshire", BODY_LABELS)
    assert error.value.candidates == bodies
    with pytest.raises(AmbiguousName) as error:
        resolve_in_store(world, "northshire")
    assert error.value.candidates == [
        *bodies,
        (S1, "Source", "Northshire Gazette (synthetic)"),
        (S2, "Source", "Northshire Herald (synthetic)"),
        (TOPIC, "Topic", "harbour pollution in Northshire"),
    ]
    assert resolve_in_store(world, "Northshire Police", ["Agency"]).id == POLICE  # the exact name beats the longer one
    with pytest.raises(NodeNotFound):
        resolve_in_store(world, "Ministry of Nowhere", BODY_LABELS)


QUESTIONS = [
    ["trace", "university of eastmere", "Northshire Police", "--json"],
    ["trace", "university of eastmere", "Northshire Police", "--allow-undated", "--json"],
    ["trace", "northshire council", "northshire police", "--json"],
    ["first-knowledge", "department of civic affairs", "--topic", "harbour pollution", "--json"],
    ["first-knowledge", "Northshire Police", "--json"],
    ["first-knowledge", "Westholm Harbour Board", "--json"],
    ["timeline", "--body", "Department of Civic Affairs", "--json"],
    ["timeline", "--topic", "harbour pollution", "--json"],
    ["timeline", "--json"],
    ["gaps", "--topic", "harbour pollution", "--json"],
    ["gaps", "--json"],
    ["brokers", "--top", "3", "--json"],
    ["first-knowledge", "northshire"],
]


@pytest.mark.neo4j
def test_every_cli_answer_is_the_same_on_both_backends(tmp_path, neo4j_store, neo4j_uri):
    path = tmp_path / "kflow-data"
    with EmbeddedStore(path) as embedded:
        embedded.upsert(Batch(nodes(), claims()))
    neo4j_store.upsert(Batch(nodes(), claims()))
    runner = CliRunner()
    for question in QUESTIONS:
        on_embedded = runner.invoke(main, [*question, "--store", f"embedded:{path}"])
        on_neo4j = runner.invoke(main, [*question, "--store", neo4j_uri])
        assert on_embedded.exit_code == on_neo4j.exit_code, (question, on_embedded.output, on_neo4j.output)
        assert on_neo4j.output == on_embedded.output, question
    data = json.loads(runner.invoke(main, [*QUESTIONS[0], "--store", neo4j_uri]).output)
    assert data["paths"][0]["hops"][-1]["claim"]["quote"] == "Northshire Police received the letter on 15 June 2004."
    ambiguous = runner.invoke(main, [*QUESTIONS[-1], "--store", neo4j_uri])
    assert ambiguous.exit_code == 1 and "Northshire Police Authority" in ambiguous.output
