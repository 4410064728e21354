"""Cross-document resolution: rules on FICTIONAL nodes, and the gold corpus (synthetic, dev,
heldout and the seed; never tests/gold/real/test) loaded whole: expected merges happen, no two
different gold entities are merged, and the duplicate rate falls."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import corrections
from graph.corrected import corrected
from graph.embedded import EmbeddedStore
from graph.model import Claim, Node, node_id
from kflow.cli import main
from loaders.cross_resolve import find_duplicates
from loaders.extract import default_extractor
from loaders.gold import find_gold_files, load_gold
from loaders.gold_identity import duplicate_rate, gold_identity, wrong_merges
from loaders.pipeline import load_file

GOLD = Path(__file__).resolve().parent / "gold"
CORPUS = [GOLD / "000_2642609051fa25c3.yaml", GOLD / "synthetic", GOLD / "dev", GOLD / "heldout"]
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# One letter of 2 July 2014, named three ways by three gold files (register, letter_06, inquiry_07/mbox_10).
SAME_LETTER = (
    "Letter on exploitation of children in Eastmere and Westbrook",
    "Letter from Maria Okafor to Helen Ashby, 2 July 2014",
    "letter from Maria Okafor",
)
SAME = [("Report", SAME_LETTER[0], SAME_LETTER[1]), ("Report", SAME_LETTER[2], SAME_LETTER[1])]
# (type, names that must end up as one node, when extraction made separate nodes of them)
EXPECTED_MERGES = [
    ("Agency", {"DCA", "Department of Civic Affairs"}),
    ("Person", {"Ms Okafor", "Maria Okafor"}),
    ("Person", {"Dame Celia", "Celia Varrow"}),
    ("Person", {"The Rt Hon Helen Ashby", "Rt Hon Helen Ashby", "Helen Ashby"}),
    ("Report", {"Hidden in Plain Sight"}),
    ("Report", set(SAME_LETTER)),
    ("Report", {"Briefing for the Secretary of State: Eastmere"}),
    ("Report", {"Harding Report recommendations"}),
    ("Report", {"letter from Amira Khan"}),
    ("Report", {"letter from Northshire Youth Service"}),
    ("Topic", {"child exploitation", "exploitation of children", "exploitation of children in Eastmere"}),
]
FAKE_SOURCE = "source:0123456789abcdef"


def _claim(kind: str, start: str, end: str, source: str = FAKE_SOURCE, day: str | None = None) -> Claim:
    return Claim(
        kind, start, end, source, "Synthetic sentence.", 0, 19, 0.9, "test",
        date_start=day, date_end=day, date_precision="day" if day else None,
    )  # fmt: skip


def _node(label: str, name: str, aliases: tuple[str, ...] = (), **props) -> Node:
    return Node(node_id(label, name), label, name, list(aliases), props)


def _pairs(candidates) -> set[tuple[str, str]]:
    return {(c.keep_id, c.merge_id) for c in candidates}


def test_acronym_known_elsewhere_joins_and_generic_names_do_not():
    nodes = [
        _node("Agency", "Department of Harbour Affairs", ("DHA",)),
        _node("Agency", "DHA"),
        _node("Agency", "Authority"),
        _node("Agency", "Eastholm Water Authority", ("Authority",)),
    ]
    found = find_duplicates(nodes, [])
    assert _pairs(found) == {("agency:department-of-harbour-affairs", "agency:dha")}
    assert found[0].rule == "alias" and "DHA" in found[0].evidence and 0 < found[0].score <= 1


def test_titles_are_set_aside_but_a_shared_surname_needs_one_holder():
    nodes = [
        _node("Person", "Ada Penrith"),
        _node("Person", "The Rt Hon Ada Penrith MP"),
        _node("Person", "Dr Quill"),
        _node("Person", "Tobias Quill", ("Dr Quill",)),
        _node("Person", "Martha Quill"),
    ]
    pairs = _pairs(find_duplicates(nodes, []))
    assert ("person:ada-penrith", "person:rt-hon-ada-penrith-mp") in pairs
    assert not any("person:dr-quill" in pair for pair in pairs)  # two Quills: ambiguous


def test_same_sender_same_day_letters_are_one_and_replies_are_not():
    okafor = _node("Person", "Nell Farrant")
    first = _node("Report", "Letter on river pollution in Eastholm", kind="letter")
    second = _node("Report", "letter from Nell Farrant", kind="letter")
    other_day = _node("Report", "Letter on moorland fires", kind="letter")
    original = _node("Report", "Eastholm flood warnings")
    reply = _node("Report", "Re: Eastholm flood warnings")
    claims = [
        _claim("SENT", okafor.id, first.id, day="2019-03-02"),
        _claim("AUTHORED", okafor.id, second.id, day="2019-03-02"),
        _claim("SENT", okafor.id, other_day.id, day="2019-03-05"),
    ]
    pairs = _pairs(find_duplicates([okafor, first, second, other_day, original, reply], claims))
    assert len(pairs) == 1 and {*next(iter(pairs))} == {first.id, second.id}


def test_topics_join_by_head_words_and_a_qualified_form_cited_together():
    general = _node("Topic", "pollution of rivers")
    same = _node("Topic", "river pollution")
    qualified = _node("Topic", "pollution of rivers in Eastholm")
    alone = _node("Topic", "flooding")
    claims = [_claim("MENTIONS", FAKE_SOURCE, n.id) for n in (general, same, qualified, alone)]
    pairs = _pairs(find_duplicates([general, same, qualified, alone], claims))
    assert {m for _, m in pairs} == {general.id, same.id} or {m for _, m in pairs} == {general.id, qualified.id}
    assert all(alone.id not in pair for pair in pairs)


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    """The 28 documents of tests/gold (seed, synthetic, dev, heldout) in one embedded store."""
    path = tmp_path_factory.mktemp("gold-corpus") / "kflow-data"
    store = EmbeddedStore(path)
    extractor = default_extractor()
    golds = [load_gold(p) for p in find_gold_files(CORPUS)]
    for gold in golds:
        result = load_file(gold.document_path([SEEDS]), store, extractor, published=gold.published)
        assert result.status == "loaded", result.reason
    yield store, golds, path
    with contextlib.suppress(RuntimeError):
        store.close()  # the last test closes it before the CLI writes


def test_gold_corpus_expected_merges_happen_and_no_gold_entities_are_joined(corpus_store):
    store, golds, _ = corpus_store
    nodes = [n for batch in store.iter_nodes() for n in batch]
    claims = [c for batch in store.iter_claims() for c in batch]
    candidates = find_duplicates(nodes, claims)
    group = {n.id: n.id for n in nodes}
    for c in candidates:
        group[c.merge_id] = c.keep_id  # grouped: every merge points at its group's kept node
    for label, names in EXPECTED_MERGES:
        ids = {n.id for n in nodes if n.label == label and n.name in names}
        assert ids, f"no {label} named {names}"
        assert len({group[i] for i in ids}) == 1, f"{label} {names} stay {len({group[i] for i in ids})} nodes"
    identity = gold_identity(golds, SAME)
    clusters = identity.node_clusters(nodes, claims, store.sources())
    wrong = wrong_merges(clusters, candidates)
    assert not wrong, [(c.keep_id, c.merge_id, c.rule) for c in wrong]
    before, after = duplicate_rate(clusters), duplicate_rate(clusters, candidates)
    assert before.entities == after.entities
    assert after.rate < before.rate and after.split_entities < before.split_entities
    print(f"duplicate rate before {before.rate:.3f} ({before}), after {after.rate:.3f} ({after})")


def test_kflow_resolve_lists_candidates_as_text_and_json(corpus_store):
    _, _, path = corpus_store
    runner = CliRunner()
    listed = runner.invoke(main, ["resolve", "--store", f"embedded:{path}", "--json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert {"keep_id": "agency:department-of-civic-affairs", "merge_id": "agency:dca"}.items() <= next(
        r for r in rows if r["merge_id"] == "agency:dca"
    ).items()
    assert all(set(r) == {"keep_id", "merge_id", "rule", "evidence", "score"} for r in rows)
    text = runner.invoke(main, ["resolve", "--store", f"embedded:{path}"])
    assert text.exit_code == 0 and f"{len(rows)} merge candidates" in text.output
    missing = runner.invoke(main, ["resolve", "--store", f"embedded:{path}-missing"])
    assert missing.exit_code != 0 and "no kflow store" in missing.output


def test_kflow_resolve_apply_merges_in_the_store_once_and_a_revert_restores(corpus_store):
    """Runs last on the module's store: it applies, checks, then reverts every merge."""
    store, golds, path = corpus_store
    spec = f"embedded:{path}"
    nodes = [n for batch in store.iter_nodes() for n in batch]
    claims = list(store.claims())
    sources = store.sources()
    store.close()  # the CLI writes; a store opened afterwards reads what it wrote
    run = CliRunner().invoke
    applied = run(main, ["resolve", "--apply", "--json", "--store", spec])
    assert applied.exit_code == 0, applied.output
    rows = json.loads(applied.stdout)
    merged = [r for r in rows if r["outcome"] == "merged"]
    assert merged and len(merged) == len(rows), [r for r in rows if r["outcome"] != "merged"]

    store = EmbeddedStore(path, read_only=True)
    view = corrected(store)
    root = {n.id: view.get_node(n.id).id for n in nodes}
    for label, names in EXPECTED_MERGES:
        ids = {n.id for n in nodes if n.label == label and n.name in names}
        assert len({root[i] for i in ids}) == 1, f"{label} {names} are still {len({root[i] for i in ids})} nodes"
    shown = {n.id for batch in view.iter_nodes() for n in batch}
    assert shown == set(root.values()) and len(shown) == len(nodes) - len(merged)
    clusters = gold_identity(golds, SAME).node_clusters(nodes, claims, sources)
    members: dict[str, list[str]] = {}
    for node, kept in root.items():
        if clusters.get(node):
            members.setdefault(kept, []).append(node)
    joined_wrongly = [
        (a, b) for group in members.values() for a in group for b in group if a < b and not clusters[a] & clusters[b]
    ]
    assert not joined_wrongly
    records = {r.id: r for r in corrections.load(store)}
    dca = next(r for r in merged if r["merge_id"] == "agency:dca")
    record = records[dca["correction_id"]]
    assert record.kind == "merge" and record.payload == {"rule": dca["rule"]} and "DCA" in record.why
    assert record.who == "kflow resolve"
    store.close()

    again = run(main, ["resolve", "--apply", "--json", "--store", spec])
    assert again.exit_code == 0 and json.loads(again.stdout) == []  # idempotent: nothing new

    for row in merged:
        reverted = run(main, ["review", "revert", row["correction_id"], "--by", "Test Reviewer", "--store", spec])
        assert reverted.exit_code == 0, reverted.output
    store = EmbeddedStore(path, read_only=True)
    view = corrected(store)
    assert {n.id for batch in view.iter_nodes() for n in batch} == {n.id for n in nodes}
    assert all(view.get_node(n.id).id == n.id for n in nodes)
    store.close()
    redone = run(main, ["resolve", "--apply", "--json", "--store", spec])  # reverted merges stay undone
    assert {r["outcome"] for r in json.loads(redone.stdout)} == {"declined"}
