"""The gold scorer: hand-built store contents with known right and wrong claims (fictional bodies)."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from graph.embedded import EmbeddedStore
from graph.model import Batch, Claim, Node, node_id
from loaders.document import Document, Extraction
from loaders.evaluate import EVAL_FILE_TIMEOUT_S, evaluate, evaluate_paths
from loaders.extract.base import NullExtractor
from loaders.gold import GoldError, load_gold
from loaders.time_limit import file_timeout

SOURCE = "source:00000000000000aa"
TEXT = (
    "The Westbrook Audit, which was commissioned in 2011 by the Department of Civic Affairs (DCA), "
    "was sent to Northshire Police by Children First Trust in 2012. Ministers knew about it."
)
SENTENCE_1, SENTENCE_2 = TEXT.split(". ")[0] + ".", TEXT.split(". ")[1]

GOLD = """
source: {file: doc.txt, published: 2013-01-01}
entities:
  must:
    - {type: Agency, name: Department of Civic Affairs, aliases: [DCA]}
    - {type: Agency, name: Northshire Police}
    - {type: Agency, name: Children First Trust}
    - {type: Report, name: Westbrook Audit}
  should:
    - {type: Agency, name: Ministers, note: "DCA ministers; may resolve to Department of Civic Affairs"}
edges:
  must:
    - {type: COMMISSIONED, from: Department of Civic Affairs, to: Westbrook Audit, year: 2011, evidence: "commissioned in 2011 by the Department of Civic Affairs"}
    - {type: SENT, from: Children First Trust, to: Westbrook Audit, year: 2012, evidence: "was sent to Northshire Police by Children First Trust"}
    - {type: RECEIVED, from: Northshire Police, to: Westbrook Audit, year: 2012, evidence: "was sent to Northshire Police by Children First Trust"}
  should:
    - {type: KNEW_ABOUT, from: Ministers, to: Westbrook Audit, evidence: "Ministers knew about it", note: "from may resolve to Department of Civic Affairs"}
  must_not:
    - {type: RECEIVED, from: Children First Trust, note: "the trust sent it; nothing says it received it"}
"""


def _node(label: str, name: str, aliases: list[str] | None = None) -> Node:
    return Node(node_id(label, name), label, name, aliases or [])


DCA = _node("Agency", "Department of Civic Affairs", ["DCA"])
POLICE = _node("Agency", "Northshire Police")
TRUST = _node("Agency", "Children First Trust")
AUDIT = _node("Report", "Westbrook Audit")


def _claim(edge_type: str, subject: Node, obj: Node, year: int | None = None, sentence: str = SENTENCE_1) -> Claim:
    start = TEXT.index(sentence)
    dates = {"date_start": f"{year}-01-01", "date_end": f"{year}-12-31", "date_precision": "year"} if year else {}
    return Claim(edge_type, subject.id, obj.id, SOURCE, sentence, start, start + len(sentence), 0.9, "test", **dates)


def _perfect_claims() -> list[Claim]:
    return [
        _claim("COMMISSIONED", DCA, AUDIT, 2011),
        _claim("SENT", TRUST, AUDIT, 2012),
        _claim("RECEIVED", POLICE, AUDIT, 2012),
    ]


@pytest.fixture
def gold(tmp_path) -> object:
    path = tmp_path / "doc.gold.yaml"
    path.write_text(GOLD)
    (tmp_path / "doc.txt").write_text(TEXT)
    return load_gold(path)


def _store_with(store, claims: list[Claim], nodes: list[Node] | None = None):
    source = Node(SOURCE, "Source", "doc.txt", props={"path": "doc.txt", "text": TEXT})
    mentions = [
        Claim("MENTIONS", SOURCE, c.to_id, SOURCE, c.sentence, c.char_start, c.char_end, 1.0, "test") for c in claims
    ]
    store.upsert(Batch([source, *(nodes or [DCA, POLICE, TRUST, AUDIT])], [*claims, *mentions]))
    return store


def test_perfect_extraction_scores_one(embedded_store, gold):
    score = evaluate(gold, _store_with(embedded_store, _perfect_claims()), SOURCE)
    for kind in ("entities", "edges"):
        must = score.tally(kind, "must")
        assert (must.precision, must.recall) == (1.0, 1.0), kind
    assert score.tally("edges", "all").recall == 3 / 4  # the should KNEW_ABOUT was not predicted
    assert score.tally("entities", "all").recall == 5 / 5  # Ministers may resolve to the DCA node
    assert score.false_positives == []
    assert [m.item for m in score.misses] == ["Ministers -KNEW_ABOUT-> Westbrook Audit"]


def test_source_is_found_by_file_name_when_not_given(embedded_store, gold):
    score = evaluate(gold, _store_with(embedded_store, _perfect_claims()))
    assert score.tally("edges", "must").recall == 1.0


def test_wrong_year_is_a_miss_and_a_false_positive(embedded_store, gold):
    claims = [*_perfect_claims()[:2], _claim("RECEIVED", POLICE, AUDIT, 2009)]
    score = evaluate(gold, _store_with(embedded_store, claims), SOURCE)
    edges = score.tally("edges", "must")
    assert (edges.precision, edges.recall) == (2 / 3, 2 / 3)
    [miss] = [m for m in score.misses if m.level == "must" and m.kind == "edges"]
    assert miss.item == "Northshire Police -RECEIVED-> Westbrook Audit [2012]"
    assert "outside gold year" in miss.nearest
    [false] = score.false_positives
    assert "2009-01-01" in false.item and "outside gold year" in false.reason and false.sentence == SENTENCE_1


def test_undated_claim_misses_a_dated_gold_edge(embedded_store, gold):
    claims = [*_perfect_claims()[:2], _claim("RECEIVED", POLICE, AUDIT)]
    score = evaluate(gold, _store_with(embedded_store, claims), SOURCE)
    assert score.tally("edges", "must").recall == 2 / 3


def test_wrong_endpoint_is_a_miss_and_a_false_positive(embedded_store, gold):
    claims = [_perfect_claims()[0], _claim("SENT", POLICE, AUDIT, 2012), _perfect_claims()[2]]
    score = evaluate(gold, _store_with(embedded_store, claims), SOURCE)
    edges = score.tally("edges", "must")
    assert (edges.predicted, edges.predicted_correct, edges.gold, edges.gold_found) == (3, 2, 3, 2)
    [miss] = [m for m in score.misses if m.level == "must" and m.kind == "edges"]
    assert miss.item.startswith("Children First Trust -SENT->") and "subject resolved differently" in miss.nearest
    assert [f.item for f in score.false_positives] == [
        "Northshire Police (Agency) -SENT-> Westbrook Audit (Report) [2012-01-01..2012-12-31]"
    ]


def test_evidence_must_be_in_the_cited_sentence(embedded_store, gold):
    claims = [_claim("COMMISSIONED", DCA, AUDIT, 2011, sentence=SENTENCE_2), *_perfect_claims()[1:]]
    score = evaluate(gold, _store_with(embedded_store, claims), SOURCE)
    assert score.tally("edges", "must").recall == 2 / 3
    assert "lacks the evidence" in score.false_positives[0].reason


def test_gold_alias_matches_node_name_and_gold_name_matches_stored_alias(embedded_store, tmp_path):
    short = _node("Agency", "DCA")  # stored under the acronym; the gold's alias finds it
    gold_path = tmp_path / "g.yaml"
    gold_path.write_text(GOLD.replace("[DCA]", "[DCA, the department]"))
    claims = [_claim("COMMISSIONED", short, AUDIT, 2011), *_perfect_claims()[1:]]
    score = evaluate(load_gold(gold_path), _store_with(embedded_store, claims, [short, POLICE, TRUST, AUDIT]), SOURCE)
    assert score.tally("edges", "must").recall == 1.0
    assert score.tally("entities", "must").precision == 1.0

    by_alias = tmp_path / "h.yaml"  # gold names the acronym; the stored node carries it as an alias
    by_alias.write_text(
        GOLD.replace("name: Department of Civic Affairs, aliases: [DCA]", "name: DCA").replace(
            "from: Department of Civic Affairs", "from: DCA"
        )
    )
    other = EmbeddedStore(tmp_path / "other")
    try:
        score = evaluate(load_gold(by_alias), _store_with(other, _perfect_claims()), SOURCE)
    finally:
        other.close()
    assert score.tally("edges", "must").recall == 1.0


def test_this_document_matches_the_node_that_is_the_sources_own_text_by_any_name(embedded_store, tmp_path):
    """Gold calls the text "Westbrook Audit"; the extractor names its own node by the sidecar title. The
    node marked as this Source's text is the gold entity flagged `this_document`; a same-named node of
    another text is not, and without the flag names decide as before."""
    own = Node(
        node_id("Report", "Audit of Westbrook (sidecar title)"),
        "Report",
        "Audit of Westbrook",
        [],
        {"text_source": SOURCE},
    )
    elsewhere = Node(
        node_id("Report", "Audit of Westbrook elsewhere"),
        "Report",
        "Audit of Westbrook",
        [],
        {"text_source": "source:other"},
    )
    flagged = tmp_path / "flagged.yaml"
    flagged.write_text(
        GOLD.replace(
            "{type: Report, name: Westbrook Audit}", "{type: Report, name: Westbrook Audit, this_document: true}"
        )
    )
    plain = tmp_path / "plain.yaml"
    plain.write_text(GOLD)
    for node, path, expected in ((own, flagged, 1.0), (elsewhere, flagged, 0.0), (own, plain, 0.0)):
        claims = [_claim("SENT", TRUST, node, 2012), _claim("RECEIVED", POLICE, node, 2012)]
        store = EmbeddedStore(tmp_path / f"s-{node.id[-6:]}-{path.stem}")
        try:
            score = evaluate(load_gold(path), _store_with(store, claims, [DCA, POLICE, TRUST, node]), SOURCE)
        finally:
            store.close()
        assert score.tally("edges", "must").precision == expected, (node.props, path.stem)


def test_this_document_is_one_report_only(tmp_path):
    two = tmp_path / "two.yaml"
    two.write_text(
        GOLD.replace(
            "{type: Report, name: Westbrook Audit}",
            "{type: Report, name: Westbrook Audit, this_document: true}\n    - {type: Report, name: Other Audit, this_document: true}",
        )
    )
    with pytest.raises(GoldError, match="this_document is true on 2 entities"):
        load_gold(two)
    agency = tmp_path / "agency.yaml"
    agency.write_text(
        GOLD.replace(
            "{type: Agency, name: Northshire Police}", "{type: Agency, name: Northshire Police, this_document: true}"
        )
    )
    with pytest.raises(GoldError, match=r"entities.must\[1\].this_document"):
        load_gold(agency)


def test_entity_type_must_match(embedded_store, gold):
    audit_as_agency = _node("Agency", "Westbrook Audit")
    claims = [
        Claim(
            "COMMISSIONED",
            DCA.id,
            audit_as_agency.id,
            SOURCE,
            SENTENCE_1,
            0,
            len(SENTENCE_1),
            0.9,
            "t",
            "2011-01-01",
            "2011-12-31",
            "year",
        )
    ]
    score = evaluate(gold, _store_with(embedded_store, claims, [DCA, audit_as_agency]), SOURCE)
    assert score.tally("edges", "must").recall == 0
    assert any(
        m.item.startswith("Report 'Westbrook Audit'") and "wrong type" in (m.nearest or "") for m in score.misses
    )


def test_mentions_are_out_of_scope(embedded_store, gold):
    score = evaluate(gold, _store_with(embedded_store, _perfect_claims()), SOURCE)
    assert score.tally("edges", "all").predicted == 3  # the three MENTIONS claims are not scored


def test_note_may_resolve_to_counts_equivalent_modelling(embedded_store, gold):
    claims = [*_perfect_claims(), _claim("KNEW_ABOUT", DCA, AUDIT, sentence=SENTENCE_2)]
    score = evaluate(gold, _store_with(embedded_store, claims), SOURCE)
    assert score.tally("edges", "all").recall == 1.0
    must = score.tally("edges", "must")
    assert (must.predicted, must.precision) == (3, 1.0)  # a should-only match is neither right nor wrong at must level


def test_must_not_claim_is_a_labelled_false_positive(embedded_store, gold):
    claims = [*_perfect_claims(), _claim("RECEIVED", TRUST, AUDIT, 2012)]
    score = evaluate(gold, _store_with(embedded_store, claims), SOURCE)
    [false] = score.false_positives
    assert "does not support it" in false.reason and "nothing says it received it" in false.reason
    assert score.tally("edges", "must").precision == 3 / 4


def test_malformed_gold_names_file_and_field(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("source: {file: x.txt}\nedges:\n  must:\n    - {type: SENT, from: A, to: B, year: early 2000s}\n")
    with pytest.raises(GoldError, match=r"bad\.yaml: edges\.must\[0\]\.year"):
        load_gold(path)
    path.write_text("source: {file: x.txt}\nedges:\n  must:\n    - {type: SENDS, from: A, to: B}\n")
    with pytest.raises(GoldError, match="unknown edge type 'SENDS'"):
        load_gold(path)


def test_an_unquoted_comma_in_a_flow_mapping_is_refused_not_silently_cut(tmp_path):
    """YAML reads `{name: Bureau of Alcohol, Tobacco, Firearms}` as name "Bureau of Alcohol" plus two keys."""
    path = tmp_path / "comma.yaml"
    path.write_text(
        "source: {file: x.txt}\nentities:\n  must:\n"
        "    - {type: Agency, name: Bureau of Synthetic Affairs, Harbours and Roads}\n"
    )
    with pytest.raises(
        GoldError, match=r"comma\.yaml: entities\.must\[0\]: unknown key\(s\) 'Harbours and Roads'.*quoted"
    ):
        load_gold(path)
    path.write_text(
        "source: {file: x.txt}\nentities:\n  must:\n"
        '    - {type: Agency, name: "Bureau of Synthetic Affairs, Harbours and Roads"}\n'
        "edges:\n  must:\n    - {type: SENT, from: Bureau of Synthetic Affairs, Harbours and Roads, to: B}\n"
    )
    with pytest.raises(GoldError, match=r"edges\.must\[0\]: unknown key\(s\) 'Harbours and Roads'"):
        load_gold(path)
    path.write_text(
        "source: {file: x.txt}\nentities:\n  must:\n"
        '    - {type: Agency, name: "Bureau of Synthetic Affairs, Harbours and Roads"}\n'
    )
    assert load_gold(path).entities[0].name == "Bureau of Synthetic Affairs, Harbours and Roads"


class _FixedExtractor:
    """Emits the perfect claims for the test document, standing in for a text extractor."""

    name = "fixed"

    def extract(self, document: Document) -> Extraction:
        claims = [
            Claim(
                c.type,
                c.from_id,
                c.to_id,
                document.source_id,
                c.sentence,
                c.char_start,
                c.char_end,
                0.9,
                "fixed",
                c.date_start,
                c.date_end,
                c.date_precision,
            )
            for c in _perfect_claims()
        ]
        return Extraction([DCA, POLICE, TRUST, AUDIT], claims)


def test_evaluate_paths_loads_each_document_into_a_fresh_store(tmp_path, gold):
    missing = tmp_path / "missing.yaml"
    missing.write_text(GOLD.replace("file: doc.txt", "file: absent.txt"))
    report = evaluate_paths([gold.path, missing], EmbeddedStore, _FixedExtractor())
    first, second = report.scores
    assert first.error is None and first.tally("edges", "must").recall == 1.0
    assert "absent.txt" in second.error and second.tally("edges", "must").recall == 0
    overall = report.overall("edges", "must")
    assert (overall.gold, overall.gold_found) == (6, 3)


def test_cli_eval_json_docs_option_and_threshold(tmp_path):
    from kflow.cli import main

    docs, golds = tmp_path / "docs", tmp_path / "golds"
    docs.mkdir()
    golds.mkdir()
    (docs / "doc.txt").write_text(TEXT)
    (golds / "doc.gold.yaml").write_text(GOLD)
    runner = CliRunner()
    result = runner.invoke(main, ["eval", str(golds), "--docs", str(docs), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["files"][0]["document"] == str(docs / "doc.txt")
    assert data["overall"]["edges_must"]["gold"] == 3

    unreachable = (
        '    - {type: CITES, from: Westbrook Audit, to: Eastmere Ledger, year: 1990, evidence: "not in the text"}\n'
    )
    (golds / "doc.gold.yaml").write_text(
        GOLD.replace("  must:\n    - {type: COMMISSIONED", "  must:\n" + unreachable + "    - {type: COMMISSIONED")
    )
    result = runner.invoke(
        main, ["eval", str(golds / "doc.gold.yaml"), "--docs", str(docs), "--show-errors", "--min-recall", "1.0"]
    )
    assert result.exit_code == 1
    assert "overall" in result.output and "MISS must" in result.output
    assert "below threshold: edge recall (must)" in result.output


def test_cli_eval_reports_a_bad_gold_file(tmp_path):
    from kflow.cli import main

    bad = tmp_path / "bad.yaml"
    bad.write_text("source: {}\n")
    result = CliRunner().invoke(main, ["eval", str(bad)])
    assert result.exit_code == 2 and "source.file" in result.output


def test_document_not_found_lists_where_it_looked(tmp_path, gold):
    (tmp_path / "doc.txt").unlink()
    with pytest.raises(GoldError, match=r"'doc.txt' not found; looked in .*elsewhere"):
        gold.document_path([tmp_path / "elsewhere"])


def test_one_ended_edge_is_read_at_the_end_its_type_allows(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(
        "source: {file: d.txt}\nentities:\n  must:\n    - {type: Report, name: Westbrook Audit}\n"
        "edges:\n  should:\n    - {type: PUBLISHED, from: Westbrook Audit, year: 2014, evidence: publication}\n"
    )
    [edge] = load_gold(path).edges
    assert (edge.from_name, edge.to_name) == (None, "Westbrook Audit")


# -- confidence threshold and curve --------------------------------------------------------------
def _at(claim: Claim, confidence: float) -> Claim:
    from dataclasses import replace

    return replace(claim, confidence=confidence)


def test_claims_below_the_threshold_are_leads_not_scored(embedded_store, gold):
    commissioned, sent, received = _perfect_claims()
    wrong = _claim("RECEIVED", TRUST, AUDIT, 2012)  # a must_not: a false positive when counted
    store = _store_with(embedded_store, [_at(commissioned, 0.9), _at(sent, 0.4), _at(received, 0.7), _at(wrong, 0.3)])
    score = evaluate(gold, store, SOURCE, threshold=0.5)
    must = score.tally("edges", "must")
    assert (must.predicted, must.predicted_correct, must.gold_found) == (2, 2, 2)
    assert score.false_positives == []  # the wrong claim is a lead
    assert any("below the threshold 0.5" in (m.nearest or "") for m in score.misses)  # the SENT found at 0.4
    everything = evaluate(gold, store, SOURCE, threshold=0.0).tally("edges", "must")
    assert (everything.predicted, everything.predicted_correct, everything.gold_found) == (4, 3, 3)


def test_the_curve_is_computed_from_the_predictions_and_recall_never_rises(embedded_store, gold):
    from loaders.evaluate import EvalReport

    commissioned, sent, received = _perfect_claims()
    wrong = _claim("RECEIVED", TRUST, AUDIT, 2012)
    store = _store_with(embedded_store, [_at(commissioned, 0.9), _at(sent, 0.4), _at(received, 0.7), _at(wrong, 0.3)])
    report = EvalReport([evaluate(gold, store, SOURCE, threshold=0.5)])
    curve = dict(report.curve("must"))
    assert sorted(curve) == [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    expected = {
        0.0: (4, 3, 3),
        0.3: (4, 3, 3),
        0.4: (3, 3, 3),
        0.5: (2, 2, 2),
        0.7: (2, 2, 2),
        0.8: (1, 1, 1),
        0.9: (1, 1, 1),
    }
    for threshold, (predicted, correct, found) in expected.items():
        tally = curve[threshold]
        assert (tally.predicted, tally.predicted_correct, tally.gold_found, tally.gold) == (
            predicted,
            correct,
            found,
            3,
        ), threshold
    recalls = [t.recall for _, t in report.curve("must")]
    assert all(a >= b for a, b in zip(recalls, recalls[1:]))
    assert curve[0.0].precision < curve[0.5].precision  # the wrong claim was the least sure
    assert (
        report.curve("must", [0.5])[0][1].to_dict() == report.overall("edges", "must").to_dict()
    )  # the table is the curve at the threshold
    data = report.to_dict()
    assert data["threshold"] == 0.5 and [p["threshold"] for p in data["curve"]["edges_must"]][:2] == [0.0, 0.1]


def test_cli_eval_threshold_filters_and_curve_prints(tmp_path):
    from kflow.cli import main

    (tmp_path / "doc.txt").write_text(TEXT)
    (tmp_path / "doc.gold.yaml").write_text(GOLD)
    runner = CliRunner()
    counted = {}
    for threshold in ("0", "1"):
        result = runner.invoke(main, ["eval", str(tmp_path / "doc.gold.yaml"), "--threshold", threshold, "--json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        counted[threshold] = data["overall"]["edges_all"]["predicted"]
        assert len(data["curve"]["edges_must"]) == 10 and data["threshold"] == float(threshold)
    assert counted["0"] > 0 and counted["1"] == 0  # no text-drawn claim is exact
    result = runner.invoke(main, ["eval", str(tmp_path / "doc.gold.yaml"), "--curve"])
    assert result.exit_code == 0, result.output
    assert "threshold" in result.output and "0.9" in result.output and "at confidence >= 0.5" in result.output


class _LimitRecorder(NullExtractor):
    """Records the per-file time limit in force while a gold document is extracted."""

    def __init__(self) -> None:
        self.limits: list[int] = []

    def extract(self, document: Document) -> Extraction:
        self.limits.append(file_timeout())
        return Extraction()


@pytest.mark.parametrize(("configured", "expected"), [(None, EVAL_FILE_TIMEOUT_S), ("7", 7)])
def test_eval_scores_do_not_depend_on_the_machines_load(gold, monkeypatch, configured, expected):
    """A gold document is trusted: eval lifts the hostile-input time limit (a busy machine cut real documents
    off mid-extraction and scored them zero), unless KFLOW_FILE_TIMEOUT is set, and restores it afterwards."""
    if configured is None:
        monkeypatch.delenv("KFLOW_FILE_TIMEOUT", raising=False)
    else:
        monkeypatch.setenv("KFLOW_FILE_TIMEOUT", configured)
    recorder = _LimitRecorder()
    evaluate_paths([gold.path], EmbeddedStore, recorder)
    assert recorder.limits == [expected]
    assert os.environ.get("KFLOW_FILE_TIMEOUT") == configured


def test_each_miss_and_false_edge_says_its_cause(embedded_store, gold):
    """Where recall and precision go: a misdated claim, a claim to another node, and gold edges no claim relates."""
    other = _node("Report", "Eastmere Review")
    claims = [_claim("COMMISSIONED", DCA, AUDIT, 2009), _claim("SENT", TRUST, other, 2012)]
    score = evaluate(gold, _store_with(embedded_store, claims, [DCA, TRUST, AUDIT, other]), SOURCE)
    causes = {m.item.split(" [")[0]: m.cause for m in score.misses if m.kind == "edges" and m.level == "must"}
    assert causes == {
        "Department of Civic Affairs -COMMISSIONED-> Westbrook Audit": "undated or misdated",
        "Children First Trust -SENT-> Westbrook Audit": "one end resolved to another node",
        "Northshire Police -RECEIVED-> Westbrook Audit": "no claim, an end in no claim",  # the police are in no claim
    }
    assert sorted((f.edge_type, f.cause) for f in score.false_positives if f.kind == "edges") == [
        ("COMMISSIONED", "gold edge, undated or misdated"),
        ("SENT", "no gold edge between these nodes"),
    ]


def test_a_gold_edge_between_two_related_entities_is_missed_for_want_of_a_claim(embedded_store, gold):
    claims = [
        _claim("COMMISSIONED", DCA, AUDIT, 2011),
        _claim("SENT", TRUST, AUDIT, 2012),
        _claim("KNEW_ABOUT", POLICE, AUDIT),
    ]
    score = evaluate(gold, _store_with(embedded_store, claims), SOURCE)
    [miss] = [m for m in score.misses if m.kind == "edges" and m.level == "must"]
    assert (miss.edge_type, miss.cause) == ("RECEIVED", "no claim, both ends in other claims")


def test_cli_eval_breakdown_counts_misses_and_false_edges_by_cause_and_type(tmp_path):
    from kflow.cli import main

    (tmp_path / "doc.txt").write_text(TEXT)
    (tmp_path / "doc.gold.yaml").write_text(GOLD)
    runner = CliRunner()
    data = json.loads(runner.invoke(main, ["eval", str(tmp_path / "doc.gold.yaml"), "--json"]).output)
    misses = data["breakdown_must"]["misses"]
    missed = data["overall"]["edges_must"]["gold"] - data["overall"]["edges_must"]["gold_found"]
    assert sum(row["count"] for row in misses) == missed
    assert {row["type"] for row in misses} <= {"COMMISSIONED", "SENT", "RECEIVED"}
    result = runner.invoke(main, ["eval", str(tmp_path / "doc.gold.yaml"), "--breakdown"])
    assert result.exit_code == 0, result.output
    assert "missed must edges" in result.output and "false edges" in result.output
    total_line = [line for line in result.output.splitlines() if line.startswith("total")][0]
    assert total_line.split()[-1] == str(missed)
