"""Flow analysis on a small FICTIONAL world (synthetic: no real body or person is described).

Northshire: the Department of Civic Affairs commissioned the University of Eastmere (2001),
which sent it a study on harbour pollution (March 2002); the Department wrote to Northshire
Police (June 2004); Northshire Council sent the Department a note in 2006, too late to have
travelled on through the 2004 letter.
"""

from __future__ import annotations

import json
from datetime import date

import networkx as nx
import pytest
from click.testing import CliRunner

from graph.analysis import (
    NO_EVIDENCE,
    AmbiguousName,
    NodeNotFound,
    brokers,
    document_date,
    first_knowledge,
    gaps,
    load_body_graph,
    load_flow_graph,
    resolve_in_store,
    timeline,
    to_networkx,
    trace,
)
from graph.analysis.date_windows import describe
from graph.embedded import EmbeddedStore
from graph.model import Batch, Claim, Node
from graph.store import Subgraph
from kflow.cli import main

DCA = "agency:department-of-civic-affairs"
EASTMERE = "agency:university-of-eastmere"
POLICE = "agency:northshire-police"
AUTHORITY = "agency:northshire-police-authority"
COUNCIL = "agency:northshire-council"
HARBOUR_BOARD = "agency:westholm-harbour-board"
STUDY = "report:eastmere-study"
LETTER = "report:dca-letter"
NOTE = "report:council-note"
DRAFT = "report:eastmere-draft"
TOPIC = "topic:harbour-pollution-in-northshire"
S1, S2 = "source:north-gazette", "source:north-herald"


def nodes() -> list[Node]:
    bodies = [
        (DCA, "Department of Civic Affairs"),
        (EASTMERE, "University of Eastmere"),
        (POLICE, "Northshire Police"),
        (AUTHORITY, "Northshire Police Authority"),
        (COUNCIL, "Northshire Council"),
        (HARBOUR_BOARD, "Westholm Harbour Board"),
    ]
    reports = [
        (STUDY, "Eastmere study"),
        (LETTER, "Department letter to the police"),
        (NOTE, "Council note"),
        (DRAFT, "Eastmere draft"),
    ]
    return [
        *(Node(i, "Agency", n) for i, n in bodies),
        *(Node(i, "Report", n) for i, n in reports),
        Node(TOPIC, "Topic", "harbour pollution in Northshire", aliases=["harbour pollution"]),
        Node(S1, "Source", "Northshire Gazette (synthetic)"),
        Node(S2, "Source", "Northshire Herald (synthetic)"),
    ]


def c(kind, a, b, sentence, start=None, end=None, precision=None, source=S1, at=0) -> Claim:
    return Claim(
        kind,
        a,
        b,
        source,
        sentence,
        at,
        at + len(sentence),
        0.9,
        "test",
        start,
        end or start,
        precision if start else None,
    )


def claims() -> list[Claim]:
    return [
        c(
            "COMMISSIONED",
            DCA,
            EASTMERE,
            "The Department of Civic Affairs commissioned the University of Eastmere in 2001.",
            "2001-01-01",
            "2001-12-31",
            "year",
        ),
        c(
            "AUTHORED",
            EASTMERE,
            STUDY,
            "The University of Eastmere wrote the study.",
            "2002-03-12",
            precision="day",
            at=100,
        ),
        c(
            "SENT",
            EASTMERE,
            STUDY,
            "The study was sent to the Department by the University of Eastmere on 12 March 2002.",
            "2002-03-12",
            precision="day",
            at=200,
        ),
        c(
            "RECEIVED",
            DCA,
            STUDY,
            "The study was sent to the Department by the University of Eastmere on 12 March 2002.",
            "2002-03-12",
            precision="day",
            at=200,
        ),
        c(
            "RECEIVED",
            DCA,
            STUDY,
            "The Department received the Eastmere study in March 2002.",
            "2002-03-01",
            "2002-03-31",
            "month",
            source=S2,
        ),
        c("CONCERNS", STUDY, TOPIC, "The study documented harbour pollution.", "2002-03-12", precision="day", at=300),
        c(
            "SENT",
            DCA,
            LETTER,
            "In June 2004 the Department wrote to Northshire Police about harbour pollution.",
            "2004-06-01",
            "2004-06-30",
            "month",
            at=400,
        ),
        c(
            "RECEIVED",
            POLICE,
            LETTER,
            "Northshire Police received the letter on 15 June 2004.",
            "2004-06-15",
            precision="day",
            at=500,
        ),
        c(
            "SENT",
            COUNCIL,
            NOTE,
            "Northshire Council sent the Department a note in 2006.",
            "2006-01-01",
            "2006-12-31",
            "year",
            at=600,
        ),
        c(
            "RECEIVED",
            DCA,
            NOTE,
            "Northshire Council sent the Department a note in 2006.",
            "2006-01-01",
            "2006-12-31",
            "year",
            at=600,
        ),
        c("SENT", EASTMERE, DRAFT, "The university also shared a draft with the police.", at=700),
        c("RECEIVED", POLICE, DRAFT, "The university also shared a draft with the police.", at=700),
    ]


def graph() -> nx.MultiDiGraph:
    return to_networkx(Subgraph({n.id: n for n in nodes()}, {x.id: x for x in claims()}))


@pytest.fixture
def G() -> nx.MultiDiGraph:
    return graph()


@pytest.fixture
def stored(tmp_path):
    path = tmp_path / "kflow-data"
    with EmbeddedStore(path) as store:
        store.upsert(Batch(nodes(), claims()))
    return path


def test_flow_paths_respect_hop_dates(G):
    paths = trace(G, "University of Eastmere", "Northshire Police")
    assert [p.nodes for p in paths] == [[EASTMERE, STUDY, DCA, LETTER, POLICE]]
    assert paths[0].arrival.isoformat() == "2004-06-15"
    assert [h.claim.type for h in paths[0].hops] == ["SENT", "RECEIVED", "SENT", "RECEIVED"]


def test_a_path_that_goes_back_in_time_is_not_a_flow(G):
    # Council -> note (2006) -> Department -> letter (2004) -> Police runs backwards in time.
    assert nx.has_path(nx.MultiDiGraph(G).to_undirected(), COUNCIL, POLICE)
    assert trace(G, COUNCIL, POLICE) == []
    assert [p.nodes for p in trace(G, COUNCIL, DCA)] == [[COUNCIL, NOTE, DCA]]


def test_same_day_hops_may_follow_each_other_and_ties_become_corroboration(G):
    [path] = trace(G, EASTMERE, DCA, topic=None, limit=5)[:1]
    assert path.nodes == [EASTMERE, STUDY, DCA]
    receipt = path.hops[1]
    assert receipt.claim.date_start == "2002-03-12" and receipt.claim.source_id == S1
    assert [x.source_id for x in receipt.corroborating] == [S2]
    commissioned = [p.nodes for p in trace(G, DCA, EASTMERE)]
    assert commissioned == [[DCA, EASTMERE]]


def test_undated_hops_only_when_asked_and_marked(G):
    dated = trace(G, EASTMERE, POLICE)
    assert all(p.undated_hops == 0 for p in dated)
    with_undated = trace(G, EASTMERE, POLICE, allow_undated=True)
    assert [p.nodes for p in with_undated] == [[EASTMERE, DRAFT, POLICE], [EASTMERE, STUDY, DCA, LETTER, POLICE]]
    assert with_undated[0].undated_hops == 2 and all(h.undated for h in with_undated[0].hops)
    assert with_undated[0].arrival is None


def test_window_and_topic_filter_flows(G):
    assert trace(G, EASTMERE, POLICE, until="2003-12-31") == []
    assert len(trace(G, EASTMERE, POLICE, topic="harbour pollution")) == 1
    assert trace(G, COUNCIL, DCA, topic="harbour pollution") == []  # the note is not about it


def test_names_resolve_forgivingly_and_ambiguity_lists_candidates(G):
    assert trace(G, "the university of eastmere", "department of civic affairs")[0].nodes[0] == EASTMERE
    with pytest.raises(AmbiguousName) as error:
        trace(G, "Northshire", DCA)
    assert {cid for cid, _, _ in error.value.candidates} == {POLICE, AUTHORITY, COUNCIL}
    assert trace(G, "Northshire Police", DCA) == []  # exact name wins over "Northshire Police Authority"
    with pytest.raises(NodeNotFound):
        first_knowledge(G, "Ministry of Nowhere")


def test_first_knowledge_counts_independent_sources(G):
    answer = first_knowledge(G, "Department of Civic Affairs", topic="harbour pollution")
    assert answer.found and answer.date == "12 March 2002" and answer.year == 2002
    assert answer.claim.type == "RECEIVED" and answer.claim.to_id == STUDY
    assert answer.independent_sources == 2
    [chain] = answer.chain  # the Department had commissioned the university that sent it the study
    assert chain.nodes == [DCA, EASTMERE, STUDY, DCA]
    assert [h.claim.type for h in chain.hops] == ["COMMISSIONED", "SENT", "RECEIVED"]
    assert chain.hops[0].claim.date_start == "2001-01-01"


def test_first_knowledge_without_evidence_says_so(G):
    answer = first_knowledge(G, "Westholm Harbour Board", topic="harbour pollution")
    assert not answer.found and answer.date == NO_EVIDENCE and answer.independent_sources == 0
    assert not first_knowledge(G, "Northshire Council", topic="harbour pollution").found


def test_first_knowledge_prefers_the_earliest_certain_date_over_a_vague_range(G):
    vague = c(
        "RECEIVED",
        DCA,
        LETTER,
        "Between 1998 and 2005 the Department received papers on harbour pollution.",
        "1998-01-01",
        "2005-12-31",
        "year",
        source=S2,
        at=900,
    )
    G.add_edge(DCA, LETTER, key=vague.id, claim=vague, type=vague.type)
    answer = first_knowledge(G, DCA, topic="harbour pollution")
    assert answer.date == "12 March 2002"
    assert answer.possibly_earlier == [] and vague in answer.supporting  # overlaps 2002


def test_bare_knowledge_is_linked_to_documents_received_at_the_same_time(G):
    knew = c(
        "KNEW_ABOUT",
        POLICE,
        TOPIC,
        "Northshire Police knew about harbour pollution in 2004.",
        "2004-01-01",
        "2004-12-31",
        "year",
        at=1000,
    )
    G.add_edge(POLICE, TOPIC, key=knew.id, claim=knew, type=knew.type)
    answer = first_knowledge(G, POLICE, topic="harbour pollution in Northshire")
    assert answer.claim.type == "RECEIVED" or answer.claim == knew
    assert answer.year == 2004
    assert any(p.nodes[-1] == POLICE and LETTER in p.nodes for p in answer.chain)


def test_timeline_orders_dated_claims_with_precision(G):
    entries = timeline(G, body="Department of Civic Affairs")
    dates = [e.date for e in entries]
    assert dates[0] == "2001" and "12 March 2002" in dates and "March 2002" in dates and dates[-1] == "2006"
    assert all(e.claim.date_start for e in entries)
    assert [e.claim.type for e in timeline(G, topic="harbour pollution", since="2004-01-01")] == ["SENT", "RECEIVED"]


def test_dates_read_as_a_person_writes_them():
    assert describe("2002-01-01", "2002-12-31", "year") == "2002"
    assert describe("2014-03-01", "2014-03-31", "month") == "March 2014"
    assert describe("2014-03-12", "2014-03-12", "day") == "12 March 2014"
    assert describe("2000-01-01", "2009-12-31", "decade") == "the 2000s"
    assert describe("1998-01-01", "2005-12-31", "year") == "between 1998 and 2005"
    assert describe(None, None, None) == "undated"


def test_gaps_measure_time_to_act_and_list_silences(G):
    report = gaps(G, "harbour pollution")
    assert [g.body for g in report.acted] == [DCA, EASTMERE]
    assert report.acted[1].days == 0  # the university's first evidence of knowing is writing the study
    acted = report.acted[0]
    assert acted.body == DCA and acted.years == 2 and acted.action.type == "SENT" and acted.action.to_id == LETTER
    assert acted.days == (date(2004, 6, 1) - date(2002, 3, 12)).days
    assert [g.body for g in report.silences] == [POLICE]
    assert report.silences[0].knowledge.date_start == "2004-06-15"


def test_brokers_rank_the_body_in_the_middle(G):
    ranked = brokers(G, top=3)
    assert ranked[0][0] == DCA and ranked[0][2] > 0
    assert EASTMERE not in [n for n, _, _ in ranked]


def test_document_date_from_claims(G):
    assert document_date(G, "Eastmere study")[2] == "12 March 2002"
    assert document_date(G, "Eastmere draft") is None


def test_store_to_networkx_answers_the_same(stored):
    with EmbeddedStore(stored, read_only=True) as store:
        source = resolve_in_store(store, "university of eastmere")
        target = resolve_in_store(store, "northshire police", ["Agency"])
        with pytest.raises(AmbiguousName):
            resolve_in_store(store, "northshire")
        G = load_flow_graph(store, [source.id, target.id])
        [path] = trace(G, source.id, target.id, topic="harbour pollution")
        assert path.nodes == [EASTMERE, STUDY, DCA, LETTER, POLICE]
        edge = (
            G.edges[STUDY, DCA, path.hops[1].claim.id]
            if G.has_edge(STUDY, DCA)
            else G.edges[DCA, STUDY, path.hops[1].claim.id]
        )
        assert edge["claim"].sentence.startswith("The study was sent")
        answer = first_knowledge(load_body_graph(store, DCA), DCA, "harbour pollution")
        assert answer.year == 2002 and answer.independent_sources == 2
        assert [p.nodes for p in answer.chain] == [[DCA, EASTMERE, STUDY, DCA]]


def run(stored, *args):
    return CliRunner().invoke(main, [*args, "--store", f"embedded:{stored}"])


def test_cli_trace_table_and_json(stored):
    result = run(stored, "trace", "university of eastmere", "Northshire Police")
    assert result.exit_code == 0, result.output
    assert "Flow 1: University of Eastmere -> Eastmere study -> Department of Civic Affairs" in result.output
    assert "15 June 2004" in result.output and "Northshire Police received the letter on 15 June 2004." in result.output
    data = json.loads(run(stored, "trace", "university of eastmere", "Northshire Police", "--json").output)
    assert data["paths"][0]["hops"][-1]["claim"]["quote"] == "Northshire Police received the letter on 15 June 2004."


def test_cli_ambiguous_name_lists_candidates_and_fails(stored):
    result = run(stored, "first-knowledge", "northshire")
    assert result.exit_code == 1
    assert "Northshire Police Authority" in result.output and "Northshire Council" in result.output


def test_cli_first_knowledge_and_no_evidence(stored):
    result = run(stored, "first-knowledge", "department of civic affairs", "--topic", "harbour pollution")
    assert result.exit_code == 0, result.output
    assert (
        "first knew about harbour pollution: 12 March 2002" in result.output
        and "independent sources: 2" in result.output
    )
    none = run(stored, "first-knowledge", "Westholm Harbour Board", "--topic", "harbour pollution")
    assert none.exit_code == 0 and "no evidence found" in none.output
    data = json.loads(run(stored, "first-knowledge", "Westholm Harbour Board", "--json").output)
    assert data["found"] is False and data["answer"] == NO_EVIDENCE


def test_cli_timeline_gaps_brokers(stored):
    timeline_out = run(stored, "timeline", "--body", "Northshire Police")
    assert timeline_out.exit_code == 0 and "15 June 2004" in timeline_out.output
    gaps_out = run(stored, "gaps", "--topic", "harbour pollution", "--json")
    data = json.loads(gaps_out.output)
    assert [g["body"] for g in data["silences"]] == [POLICE] and data["acted"][0]["years"] == 2
    brokers_out = run(stored, "brokers", "--top", "2")
    assert brokers_out.exit_code == 0 and "Department of Civic Affairs" in brokers_out.output.splitlines()[0]


def test_a_canonical_name_beats_the_same_words_as_an_alias(tmp_path):
    county = Node(
        "agency:northshire-county-council", "Agency", "Northshire County Council", aliases=["Northshire Council"]
    )
    with EmbeddedStore(tmp_path / "kflow-data") as store:
        store.upsert(Batch([*nodes(), county], []))
        assert resolve_in_store(store, "northshire council").id == COUNCIL
        assert resolve_in_store(store, "northshire county").id == county.id
    G = graph()
    G.add_node(county.id, label="Agency", name=county.name, aliases=county.aliases)
    from graph.analysis import resolve_in_graph

    assert resolve_in_graph(G, "Northshire Council") == COUNCIL
