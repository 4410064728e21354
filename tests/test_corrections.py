"""The corrections layer on both backends, over the FICTIONAL Northshire world of tests/test_analysis.py
(synthetic: no real body or person). Rejecting, editing, adding, merging and splitting change what
analyses and exports see, survive a reload of the source, and are undone by a revert."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

from graph import corrections
from graph.analysis.questions import ask_first_knowledge, ask_timeline, ask_trace
from graph.corrected import corrected
from graph.model import Batch, Node
from graph.rdf import export_rdf
from graph.review_queue import review_rows
from graph.stores import open_store
from kflow.cli import main
from tests.test_analysis import COUNCIL, DCA, EASTMERE, POLICE, S1, STUDY, claims, nodes

WHO = "Test Reviewer"
SENT_STUDY = "The study was sent to the Department by the University of Eastmere on 12 March 2002."
MINUTES = "source:council-minutes"
RECEIVED_STUDY = "The Northshire Council received the Eastmere study in May 2002."
ADD_RECEIVED = ("review", "add", "RECEIVED", COUNCIL, STUDY, "--source", MINUTES, "--quote", RECEIVED_STUDY)


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def spec(request, tmp_path) -> str:
    """A store spec for the CLI tests, on each backend (Neo4j: the session's server, wiped)."""
    if request.param == "embedded":
        return f"embedded:{tmp_path / 'kflow-data'}"
    request.getfixturevalue("neo4j_store")
    return request.getfixturevalue("neo4j_uri")


@pytest.fixture
def world(store):
    store.upsert(Batch(nodes(), claims()))
    return store


def _sent_study(store):
    (claim,) = [c for c in store.claims(types=["SENT"]) if c.sentence == SENT_STUDY]
    return claim


def _status(store, claim_id):
    rows = store.query("MATCH ()-[r]->() WHERE r.id = $id RETURN r.status", {"id": claim_id}).rows
    return rows[0][0]


def _trace_claims(store):
    answer = ask_trace(store, EASTMERE, POLICE)
    return {c.id for path in answer.result for hop in path.hops for c in [hop.claim, *hop.corroborating]}


def _loaded(answer) -> set[str]:
    """Every claim id in the graph an answer was computed on."""
    return {key for _, _, key in answer.graph.edges(keys=True)}


def _everything(store):
    view = corrected(store)
    found_nodes = sorted((n.id, n.name, tuple(n.aliases)) for batch in view.iter_nodes() for n in batch)
    found_claims = sorted((c.id, c.type, c.from_id, c.to_id) for batch in view.iter_claims() for c in batch)
    return found_nodes, found_claims


def _rdf(store) -> str:
    out = io.BytesIO()
    export_rdf(store, out, "nt")
    return out.getvalue().decode()


def test_a_rejected_claim_is_kept_but_left_out_until_reverted(world):
    sent = _sent_study(world)
    assert sent.id in _trace_claims(world)
    assert sent.id in _loaded(ask_timeline(world, EASTMERE)) and sent.id in _loaded(ask_first_knowledge(world, DCA))
    assert sent.id in {e.claim.id for e in ask_timeline(world).result}
    rejection = corrections.reject_claim(world, sent.id, by=WHO, reason="the letter went the other way")

    assert _status(world, sent.id) == "rejected"  # still stored, and `kflow query` shows why
    assert sent.id not in _trace_claims(world)
    assert sent.id not in _loaded(ask_timeline(world, EASTMERE)) | _loaded(ask_first_knowledge(world, DCA))
    assert sent.id not in {e.claim.id for e in ask_timeline(world).result}
    assert sent.id.split(":")[1] not in _rdf(world)

    # a reload of its source (removed, then loaded again) does not resurrect it
    world.remove_source(S1)
    world.upsert(Batch(nodes(), claims()))
    assert _status(world, sent.id) == "rejected"
    assert sent.id not in _trace_claims(world)

    corrections.revert(world, rejection.id, by=WHO, reason="checked again")
    assert _status(world, sent.id) is None
    assert sent.id in _trace_claims(world)
    assert sent.id.split(":")[1] in _rdf(world)
    (record,) = corrections.load(world)
    assert (record.who, record.why, record.reverted_by) == (WHO, "the letter went the other way", WHO)


def test_latest_of_accept_and_reject_wins(world):
    sent = _sent_study(world)
    corrections.reject_claim(world, sent.id, by=WHO)
    accepted = corrections.accept_claim(world, sent.id, by=WHO, reason="the letter confirms it")
    assert _status(world, sent.id) == "accepted"
    assert sent.id in _trace_claims(world)
    corrections.revert(world, accepted.id, by=WHO)
    assert _status(world, sent.id) == "rejected"


def test_merge_then_split_gives_back_the_same_nodes_and_claims(world):
    before = _everything(world)
    authority_claims = {c.id for c in world.claims_touching([COUNCIL])}
    assert authority_claims
    corrections.merge_nodes(world, POLICE, COUNCIL, by=WHO, reason="the same force under two names")

    view = corrected(world)
    assert COUNCIL not in {n for n, *_ in _everything(world)[0]}
    assert authority_claims <= {c.id for c in view.claims_touching([POLICE])}
    assert "Northshire Council" in view.get_node(POLICE).aliases
    assert [n.id for n in view.find_nodes("Northshire Council")] == [POLICE]
    assert view.get_node(COUNCIL).id == POLICE

    corrections.split_node(world, COUNCIL, by=WHO, reason="two bodies after all")
    assert _everything(world) == before


def test_a_merge_applies_to_claims_loaded_after_it(world):
    corrections.merge_nodes(world, POLICE, COUNCIL, by=WHO, reason="one force")
    world.remove_source(S1)
    world.upsert(Batch(nodes(), claims()))
    ends = {n for c in corrected(world).claims() for n in (c.from_id, c.to_id)}
    assert COUNCIL not in ends and POLICE in ends


def test_split_moves_the_chosen_claims_to_a_new_node(world):
    moved = next(c for c in world.claims_touching([POLICE]) if c.type != "MENTIONS")
    split = corrections.split_node(
        world, POLICE, by=WHO, reason="a different force", claim_ids=[moved.id], new_name="Southshire Police"
    )
    new = split.targets[1]
    view = corrected(world)
    assert moved.id in {c.id for c in view.claims_touching([new])}
    assert moved.id not in {c.id for c in view.claims_touching([POLICE])}
    corrections.revert(world, split.id, by=WHO)
    view = corrected(world)
    assert view.get_node(new) is None
    assert moved.id in {c.id for c in view.claims_touching([POLICE])}


def test_an_edit_replaces_the_claim_and_a_revert_restores_it(world):
    sent = _sent_study(world)
    edit = corrections.edit_claim(
        world, sent.id, by=WHO, reason="the sentence says 2003", date_start="2003-03-12", date_end="2003-03-12"
    )
    new_id = edit.targets[1]
    assert (_status(world, sent.id), _status(world, new_id)) == ("superseded", "accepted")
    (shown,) = [c for c in corrected(world).claims(types=["SENT"]) if c.sentence == SENT_STUDY]
    assert (shown.id, shown.date_start, shown.extractor) == (new_id, "2003-03-12", "hand")
    corrections.revert(world, edit.id, by=WHO)
    assert (_status(world, sent.id), _status(world, new_id)) == (None, "withdrawn")
    (shown,) = [c for c in corrected(world).claims(types=["SENT"]) if c.sentence == SENT_STUDY]
    assert shown.id == sent.id


def test_a_hand_claim_must_quote_its_source(world):
    text = "Minutes (synthetic). The Northshire Council received the Eastmere study in May 2002."
    world.upsert(Batch([Node("source:council-minutes", "Source", "Council minutes", props={"text": text})], []))
    with pytest.raises(corrections.CorrectionError, match="not in the text"):
        corrections.add_claim(
            world,
            type="RECEIVED",
            from_id="agency:northshire-council",
            to_id=STUDY,
            source_id="source:council-minutes",
            quote="received it in June",
            by=WHO,
            reason="minutes",
        )
    added = corrections.add_claim(
        world,
        type="RECEIVED",
        from_id="agency:northshire-council",
        to_id=STUDY,
        source_id="source:council-minutes",
        quote="The Northshire Council received the Eastmere study in May 2002.",
        by=WHO,
        reason="minutes",
        date_start="2002-05-01",
        date_end="2002-05-31",
        date_precision="month",
    )
    (claim,) = world.claims_by_id(added.targets)
    assert text[claim.char_start : claim.char_end] == claim.sentence
    assert (claim.status, claim.confidence) == ("accepted", 1.0)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: corrections.reject_claim(s, "claim:nope", by=WHO), "no claim"),
        (lambda s: corrections.merge_nodes(s, POLICE, STUDY, by=WHO, reason="x"), "cannot merge a Report"),
        (lambda s: corrections.merge_nodes(s, POLICE, COUNCIL, by=WHO, reason=" "), "say why"),
        (lambda s: corrections.merge_nodes(s, POLICE, POLICE, by=WHO, reason="x"), "itself"),
        (lambda s: corrections.split_node(s, POLICE, by=WHO, reason="x"), "not merged"),
        (lambda s: corrections.revert(s, "correction:nope", by=WHO), "no correction"),
    ],
)
def test_bad_corrections_are_refused_with_a_reason_and_change_nothing(world, call, message):
    before = _everything(world)
    with pytest.raises(corrections.CorrectionError, match=message):
        call(world)
    assert _everything(world) == before and corrections.load(world) == []


def test_review_rows_name_the_ends_the_source_and_the_status(world):
    sent = _sent_study(world)
    corrections.reject_claim(world, sent.id, by=WHO)
    rows = review_rows(world, limit=None)
    assert [r["confidence"] for r in rows] == sorted(r["confidence"] for r in rows)
    (row,) = [r for r in rows if r["id"] == sent.id]
    assert (row["from_name"], row["to_name"], row["status"]) == ("University of Eastmere", "Eastmere study", "rejected")
    assert row["source_title"] == "Northshire Gazette (synthetic)"
    assert [r["id"] for r in review_rows(world, status="rejected")] == [sent.id]


def _kflow(spec: str, *args: str):
    """`kflow ARGS --store SPEC`, run in-process."""
    return CliRunner().invoke(main, [*args, "--store", spec])


@pytest.fixture
def cli_world(spec) -> tuple[str, str]:
    """The store at `spec` holding the world and a synthetic council minutes Source; gives (spec, the SENT claim id)."""
    minutes = Node(MINUTES, "Source", "Council minutes", props={"text": f"Minutes (synthetic). {RECEIVED_STUDY}"})
    store = open_store(spec)
    try:
        store.upsert(Batch([*nodes(), minutes], claims()))
        return spec, _sent_study(store).id
    finally:
        store.close()


def test_cli_review_merge_split_and_revert(cli_world):
    spec, sent_id = cli_world
    listed = _kflow(spec, "review", "list", "--json", "--limit", "100")
    assert listed.exit_code == 0, listed.output
    listed_ids = [json.loads(line)["id"] for line in listed.stdout.splitlines()]
    assert sent_id in listed_ids
    page = _kflow(spec, "review", "list", "--json", "--limit", "2", "--offset", "1")
    assert [json.loads(line)["id"] for line in page.stdout.splitlines()] == listed_ids[1:3]

    rejected = _kflow(spec, "review", "reject", sent_id, "--reason", "wrong", "--by", WHO, "--json")
    assert rejected.exit_code == 0, rejected.output
    shown = _kflow(spec, "query", f"MATCH ()-[r:SENT]->() WHERE r.id = '{sent_id}' RETURN r.status")
    assert "rejected" in shown.stdout
    assert sent_id not in _kflow(spec, "trace", EASTMERE, POLICE, "--json").stdout

    merged = _kflow(spec, "merge", POLICE, COUNCIL, "--reason", "one force", "--by", WHO)
    assert merged.exit_code == 0 and "merged" in merged.stdout
    split = _kflow(spec, "split", COUNCIL, "--reason", "two forces", "--by", WHO)
    assert split.exit_code == 0 and "split" in split.stdout

    reverted = _kflow(spec, "review", "revert", json.loads(rejected.stdout)["id"], "--by", WHO)
    assert reverted.exit_code == 0, reverted.output
    records = [json.loads(line) for line in _kflow(spec, "review", "history", "--json").stdout.splitlines()]
    assert [(r["kind"], r["reverted_by"]) for r in records] == [("reject", WHO), ("merge", WHO)]


def test_claims_csv_names_the_ends_the_source_and_the_status_and_leaves_out_rejections(world):
    import csv

    from dashboards.exports import claims_csv, nodes_csv, store_claims, store_nodes

    sent = _sent_study(world)
    other = next(c for c in world.claims(types=["AUTHORED"]))
    corrections.reject_claim(world, sent.id, by=WHO)
    corrections.accept_claim(world, other.id, by=WHO)
    corrections.merge_nodes(world, POLICE, COUNCIL, by=WHO, reason="one body")
    rows = list(csv.DictReader(io.StringIO(claims_csv(store_claims(world), store_nodes(world)).decode())))
    by_id = {r["id"]: r for r in rows}
    assert sent.id not in by_id
    assert (by_id[other.id]["status"], by_id[other.id]["from_name"], by_id[other.id]["to_name"]) == (
        "accepted",
        "University of Eastmere",
        "Eastmere study",
    )
    assert by_id[other.id]["source_title"] == "Northshire Gazette (synthetic)"
    assert {r["status"] for r in rows} == {"accepted", "extracted"}
    assert COUNCIL not in {r["from_id"] for r in rows} | {r["to_id"] for r in rows}
    assert COUNCIL not in nodes_csv(store_nodes(world)).decode()


def test_candidate_duplicates_suggest_similar_names_of_the_same_type_until_merged(world):
    from graph.duplicates import candidate_duplicates
    from tests.test_analysis import AUTHORITY

    police = world.get_node(POLICE)
    suggested = [n.id for n, _ in candidate_duplicates(world, police)]
    assert suggested[0] == AUTHORITY and DCA not in suggested
    corrections.merge_nodes(world, POLICE, AUTHORITY, by=WHO, reason="one force", rule="similar names")
    assert AUTHORITY not in [n.id for n, _ in candidate_duplicates(world, corrected(world).get_node(POLICE))]
    (merge,) = corrections.load(world)
    assert merge.payload == {"rule": "similar names"}


def test_cli_edit_and_add(cli_world):
    spec, sent_id = cli_world
    edited = _kflow(spec, "review", "edit", sent_id, "--type", "RECEIVED", "--reason", "misread", "--by", WHO, "--json")
    assert edited.exit_code == 0, edited.output
    new_id = json.loads(edited.stdout)["targets"][1]
    added = _kflow(spec, *ADD_RECEIVED, "--reason", "minutes", "--by", WHO)
    assert added.exit_code == 0, added.output
    store = open_store(spec, read_only=True)
    try:
        shown = {c.id: c for c in corrected(store).claims(types=["RECEIVED", "SENT"])}
    finally:
        store.close()
    assert sent_id not in shown and shown[new_id].type == "RECEIVED"
    assert any(c.extractor == "hand" and c.from_id == COUNCIL for c in shown.values())


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("merge", POLICE, DCA, "--by", WHO), 1, "say why (--reason TEXT)"),
        (("review", "edit", "{sent}", "--to", DCA, "--reason", "x", "--by", WHO), 1, "cannot be the to end of SENT"),
        ((*ADD_RECEIVED, "--reason", "minutes"), 1, "say who makes this correction"),
        (("review", "reject", "claim:nope", "--by", WHO), 1, "no claim 'claim:nope'"),
    ],
    ids=["merge-without-reason", "edit-to-a-wrong-end", "add-without-who", "reject-unknown-claim"],
)
def test_cli_refuses_a_bad_correction_saying_why_and_records_nothing(cli_world, monkeypatch, args, status, message):
    monkeypatch.delenv("USER", raising=False)
    spec, sent_id = cli_world
    refused = _kflow(spec, *(arg.format(sent=sent_id) for arg in args))
    assert refused.exit_code == status and message in refused.output
    assert _kflow(spec, "review", "history", "--json").stdout == ""


def test_sync_carries_the_corrections_so_the_copy_answers_as_corrected_and_can_revert(world, tmp_path):
    from graph.embedded import EmbeddedStore
    from graph.sync import copy_graph

    sent = _sent_study(world)
    rejection = corrections.reject_claim(world, sent.id, by=WHO, reason="misread")
    corrections.merge_nodes(world, POLICE, COUNCIL, by=WHO, reason="one body")
    with EmbeddedStore(tmp_path / "copy") as copy:
        result = copy_graph(world, copy)
        assert result.corrections == 2
        assert _status(copy, sent.id) == "rejected"
        seen = corrected(copy)
        assert sent.id not in {c.id for c in seen.claims(types=["SENT"])}
        assert COUNCIL not in {n.id for batch in seen.iter_nodes() for n in batch}
        corrections.revert(copy, rejection.id, by=WHO, reason="read again")
        assert sent.id in {c.id for c in corrected(copy).claims(types=["SENT"])}
