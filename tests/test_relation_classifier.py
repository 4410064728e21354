"""The relation classifier (loaders/extract/learned/candidates.py, relation_hook.py): shipped weights load, scoring
is deterministic, it is off by default, switched on its claims come through the rules' own path (sentence, span,
date), and the training script writes weights of the shipped shape. Synthetic text about fictional bodies and
people only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from extract_helpers import run

from loaders.extract import default_extractor
from loaders.extract.learned import candidates, relation_hook, train_relations
from loaders.extract.learned.candidates import FEATURE_SET
from loaders.extract.learned.relation_dataset import Pair, RelationDocument
from loaders.extract.learned.relation_hook import (
    CLASSIFIER_ENV,
    REASON,
    WEIGHTS_PATH,
    chosen_classifier,
    cut_of,
    load_classifier,
    recording,
    shipped_classifier,
)
from loaders.extract.learned.scorer import ScorerError

PROJECT = Path(__file__).resolve().parent.parent
# "reached" is no verb frame: the rules draw nothing between the report and Ann Lee
REACHED = "In March 2019 the Harbour Safety Report reached Ann Lee, the director of the Northshire Police.\n"


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


def test_the_shipped_weights_load_and_say_what_they_were_trained_on():
    model = load_classifier()
    assert model.feature_set == FEATURE_SET
    assert len(model.weights) > 50
    files = model.trained["files"]
    assert files and all(
        f.startswith(("tests/gold/real/dev/", "tests/gold/dev/", "tests/gold/synthetic/")) for f in files
    )
    assert model.trained["pairs"] > model.trained["right"] > 0
    assert isinstance(model.trained["cut"], float)


def test_scoring_is_deterministic_and_ignores_feature_order():
    model = shipped_classifier()
    features = {"type=RECEIVED": 1.0, "RECEIVED|b_prep=to": 1.0, "RECEIVED|gov=send": 1.0, "never-seen=x": 1.0}
    first = model.probability(features)
    assert 0 < first < 1
    assert model.probability(dict(reversed(list(features.items())))) == first
    assert model.probability({"type=RECEIVED": 1.0}) != first  # features with weights move it


def test_it_is_off_by_default(extractor, monkeypatch):
    monkeypatch.delenv(CLASSIFIER_ENV, raising=False)
    assert chosen_classifier() == "off"
    assert not any(c.extractor.startswith(REASON) for c in run(extractor, REACHED).claims)


def test_switched_on_its_claims_come_through_the_rules_path(extractor, monkeypatch, tmp_path):
    """With a cut every pair passes, each candidate becomes a claim citing its sentence, dated by its clause,
    at the model's probability, and none repeats a rule claim of its type."""
    everything = tmp_path / "relations.json"
    shipped = json.loads(WEIGHTS_PATH.read_text())
    everything.write_text(json.dumps({**shipped, "trained": {**shipped["trained"], "cut": 0.0}}))
    model = load_classifier(everything)
    monkeypatch.setattr(relation_hook, "shipped_classifier", lambda: model)
    monkeypatch.setenv(CLASSIFIER_ENV, "off")
    by_rules = run(extractor, REACHED)
    monkeypatch.setenv(CLASSIFIER_ENV, "learned")
    first = run(extractor, REACHED)  # `run` checks every claim's span cites its sentence
    learned = [c for c in first.claims if c.extractor.startswith(REASON)]
    names = {n.id: n.name for n in first.nodes}
    received = [c for c in learned if c.type == "RECEIVED" and names[c.from_id] == "Ann Lee"]
    assert received and received[0].extractor == f"{REASON}.received"
    assert (received[0].date_start, received[0].date_precision) == ("2019-03-01", "month")
    assert 0 < received[0].confidence < 1
    ruled = {(c.type, c.from_id, c.to_id) for c in by_rules.claims}
    assert not any((c.type, c.from_id, c.to_id) in ruled for c in learned)
    again = run(extractor, REACHED)
    assert [(c.id, c.confidence) for c in again.claims] == [(c.id, c.confidence) for c in first.claims]


def test_recording_adds_every_candidate_with_its_features(extractor, monkeypatch):
    monkeypatch.setenv(CLASSIFIER_ENV, "off")
    with recording() as recorded:
        found = run(extractor, REACHED)
    learned = {c.id for c in found.claims if c.extractor.startswith(REASON)}
    assert learned and learned == set(recorded)
    assert all("type=" + c.type in recorded[c.id] for c in found.claims if c.id in learned)


def test_a_bad_switch_or_weights_file_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv(CLASSIFIER_ENV, "neural")
    with pytest.raises(ScorerError, match="expected one of off, learned"):
        chosen_classifier()
    bad = tmp_path / "relations.json"
    bad.write_text(json.dumps({**json.loads(WEIGHTS_PATH.read_text()), "feature_set": "old"}))
    with pytest.raises(ScorerError, match="make train-relations"):
        load_classifier(bad)


def test_the_training_script_writes_weights_of_the_shipped_shape(tmp_path):
    subset = [
        PROJECT / "tests/gold/synthetic" / name
        for name in ("news_01_harding_report.gold.yaml", "news_02_police_knew.gold.yaml", "news_05_denials.gold.yaml")
    ]
    out = tmp_path / "relation_classifier.json"
    train_relations.main([*map(str, subset), "--out", str(out)])
    written, shipped = json.loads(out.read_text()), json.loads(WEIGHTS_PATH.read_text())
    assert written.keys() == shipped.keys()
    assert written["trained"].keys() == shipped["trained"].keys()
    assert written["trained"]["files"] == [f"tests/gold/synthetic/{p.name}" for p in subset]
    assert written["feature_set"] == FEATURE_SET and written["weights"]
    assert load_classifier(out).feature_set == FEATURE_SET
    assert cut_of(load_classifier(out)) == written["trained"]["cut"]


def test_candidates_are_capped_per_sentence_keeping_the_closest(extractor, monkeypatch):
    monkeypatch.setenv(CLASSIFIER_ENV, "off")
    with recording() as uncapped:
        run(extractor, REACHED)
    assert len(uncapped) > 2
    monkeypatch.setattr(candidates, "MAX_PAIRS_PER_SENTENCE", 2)
    with recording() as capped:
        found = run(extractor, REACHED)
    kept = [c for c in found.claims if c.id in capped]
    assert len(kept) == 2 and set(capped) < set(uncapped)  # the same pairs, fewer of them


def _documents(rows: list[tuple[str, str, bool, bool]]) -> list[RelationDocument]:
    """One document of pairs (type, one feature, right as `kflow eval` counts it, right by its ends)."""
    pairs = [
        Pair(None, {f"type={t}": 1.0, f"{t}|{name}": 1.0}, frozenset({"must"} if dated else ()),  # type: ignore[arg-type]
             frozenset({"must"} if ends else ()))
        for t, name, dated, ends in rows
    ]  # fmt: skip
    return [RelationDocument(None, {}, [], pairs)]  # type: ignore[arg-type]


def test_training_labels_by_ends_unless_told_to_label_by_date():
    """A pair right by its ends but misdated is a positive for the default ('ends') label, a negative for 'dated'."""
    rows = [("SENT", "gov=send", False, True)] * 6 + [("SENT", "gov=say", False, False)] * 6
    by_ends = train_relations.fit(_documents(rows), c=1.0, min_count=1)
    assert by_ends.trained["label"] == "ends" and by_ends.trained["right"] == 6
    assert by_ends.probability({"type=SENT": 1.0, "SENT|gov=send": 1.0}) > 0.5
    with pytest.raises(ValueError, match="both right and wrong"):
        train_relations.fit(_documents(rows), label="dated", min_count=1)
    with pytest.raises(ValueError, match="expected one of dated, ends"):
        train_relations.fit(_documents(rows), label="year")


def test_per_type_models_merge_into_one_weights_file():
    """One model per type, each intercept the weight of `type=T`; a type with no right pair never adds a claim."""
    rows = (
        [("SENT", "gov=send", True, True)] * 6
        + [("SENT", "gov=say", False, False)] * 6
        + [("AUTHORED", "gov=write", False, False)] * 6
    )
    model = train_relations.fit(_documents(rows), c=1.0, min_count=1, per_type=True)
    assert model.intercept == 0.0 and model.trained["per_type"] is True
    assert not any(name.startswith("AUTHORED|") for name in model.weights)
    assert model.probability({"type=AUTHORED": 1.0, "AUTHORED|gov=write": 1.0}) < 0.001
    sent = model.probability({"type=SENT": 1.0, "SENT|gov=send": 1.0})
    assert sent > 0.5 > model.probability({"type=SENT": 1.0, "SENT|gov=say": 1.0})
