"""The CLI and the app answer the same question alike, on every backend: both ask
`graph.analysis.questions`. The FICTIONAL Northshire world of tests/test_analysis.py is stored; each
question goes to the CLI (`--json`, names as a user types them) and to the app's function (ids, as
its pickers give them) on the same store, and the answers are compared.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dashboards import analysis as app
from graph.analysis import NodeNotFound
from graph.analysis.questions import ask_gaps, ask_timeline, ask_trace, topic_ids
from graph.embedded import EmbeddedStore
from graph.model import Batch, Node
from kflow.cli import main
from tests.test_analysis import DCA, EASTMERE, POLICE, TOPIC, claims, nodes


@pytest.fixture
def world(store, request):
    """The stored world and the spec the CLI opens it by."""
    store.upsert(Batch(nodes(), claims()))
    spec = f"embedded:{store.path}" if isinstance(store, EmbeddedStore) else request.getfixturevalue("neo4j_uri")
    return store, spec


def cli(spec: str, *args: str):
    result = CliRunner().invoke(main, [*args, "--json", "--store", spec])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def plain(value):
    """As JSON gives it back (dates as strings, tuples as lists)."""
    return json.loads(json.dumps(value, default=str))


@pytest.mark.parametrize(
    "options, flags",
    [
        ({}, []),
        ({"topic": TOPIC}, ["--topic", "harbour pollution"]),
        ({"until": "2004-12-31", "allow_undated": True}, ["--until", "2004-12-31", "--allow-undated"]),
        ({"since": "2002-01-01", "limit": 1}, ["--since", "2002-01-01", "--limit", "1"]),
    ],
)
def test_trace_answers_the_same_in_the_cli_and_the_app(world, options, flags):
    store, spec = world
    on_app = app.flow_paths(store, EASTMERE, POLICE, **options)
    named = ask_trace(store, EASTMERE, POLICE, **options)  # the same paths, with the graph naming their ends
    on_cli = cli(spec, "trace", "university of eastmere", "Northshire Police", *flags)["paths"]
    assert on_app and plain([p.to_dict(named.graph) for p in on_app]) == on_cli


@pytest.mark.parametrize(
    "options, flags",
    [
        ({"body": DCA}, ["--body", "Department of Civic Affairs"]),
        ({"topic": TOPIC}, ["--topic", "harbour pollution"]),
        ({}, []),
        ({"since": "2004-01-01"}, ["--since", "2004-01-01"]),
    ],
)
def test_timeline_answers_the_same_in_the_cli_and_the_app(world, options, flags):
    store, spec = world
    on_app = [c.id for c in app.chronology_claims(store, **options)]
    assert on_app and on_app == [entry["claim_id"] for entry in cli(spec, "timeline", *flags)]


def test_gaps_and_brokers_answer_the_same_in_the_cli_and_the_app(world):
    store, spec = world
    report = app.topic_gaps(store, TOPIC)
    on_cli = cli(spec, "gaps", "--topic", "harbour pollution")
    for part in ("acted", "silences"):
        mine = [(g.body, g.knowledge.id, g.action and g.action.id, g.days) for g in getattr(report, part)]
        theirs = [
            (g["body"], g["knowledge"]["claim_id"], g["action"] and g["action"]["claim_id"], g["days"])
            for g in on_cli[part]
        ]
        assert mine == theirs and mine
    ranked = app.brokers(store.claims())
    assert ranked and plain(ranked) == [[b["body"], b["betweenness"]] for b in cli(spec, "brokers")]


def test_a_topic_id_designates_that_topic_and_a_name_every_topic_containing_it(world):
    store, _ = world
    wider = Node("topic:harbour-pollution-in-westholm", "Topic", "harbour pollution in Westholm")
    store.upsert(Batch([wider], []))
    assert topic_ids(store, TOPIC) == [TOPIC]
    assert sorted(topic_ids(store, "pollution")) == sorted([TOPIC, wider.id])
    with pytest.raises(NodeNotFound):
        topic_ids(store, "river pollution")


def test_a_whole_timeline_names_every_end_and_gaps_without_a_topic_cover_every_body(world):
    store, _ = world
    everything = ask_timeline(store)
    assert all(e.from_name != e.claim.from_id and e.to_name != e.claim.to_id for e in everything.result)
    assert {g.body for g in ask_gaps(store).result.gaps} >= {DCA, EASTMERE}
