"""The learned claim scorer (loaders/extract/learned): shipped weights load, scoring is deterministic, the veto
(on by default) drops a claim it should and leaves plain ones and unseen rules alone, `rules` switches it off,
and the training script writes weights of the shipped shape. Synthetic text about fictional bodies and people
only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from extract_helpers import claim, run

from loaders.extract import default_extractor
from loaders.extract.learned import train
from loaders.extract.learned.dataset import gold_files
from loaders.extract.learned.features import FEATURE_SET
from loaders.extract.learned.scorer import (
    REASON,
    SCORER_ENV,
    WEIGHTS_PATH,
    ScorerError,
    chosen_scorer,
    load_scorer,
    shipped_scorer,
)

PROJECT = Path(__file__).resolve().parent.parent
# "the main reasons ..." is the subject of what was told, not what was told: the rules read "Tom Hale told Ann
# Lee <topic>" (0.9 each), the veto (telling, object the subject of a clause complement, undated) makes both leads.
TOLD_CLAUSE = (
    "Tom Hale told Ann Lee the main reasons for closing the harbour were that safety had worsened since the "
    "last inspection.\n"
)


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


def test_the_shipped_weights_load_and_say_what_they_were_trained_on():
    scorer = load_scorer()
    assert scorer.feature_set == FEATURE_SET
    assert len(scorer.weights) > 20
    files = scorer.trained["files"]
    assert files and all(
        f.startswith(("tests/gold/real/dev/", "tests/gold/dev/", "tests/gold/synthetic/")) for f in files
    )
    assert scorer.trained["claims"] > scorer.trained["right"] > 0
    assert 0 < scorer.veto_below < 0.5 and scorer.trained["veto_below"] == scorer.veto_below
    assert {"send.active", "tell.active"} <= scorer.rules  # the rule set it was trained on, for retraining


def test_scoring_is_deterministic_and_ignores_feature_order():
    scorer = shipped_scorer()
    features = {"type=SENT": 1.0, "date=clause": 1.0, "rule_confidence": 0.9, "never-seen=x": 1.0}
    first = scorer.probability(features)
    assert 0 < first < 1
    assert scorer.probability(dict(reversed(list(features.items())))) == first
    assert scorer.probability({**features, "date=clause": 0.0}) != first  # a feature with a weight moves it


def test_the_veto_is_on_by_default_and_drops_a_claim_it_should(extractor, monkeypatch):
    monkeypatch.delenv(SCORER_ENV, raising=False)
    assert chosen_scorer() == "learned"
    first = run(extractor, TOLD_CLAUSE)
    vetoed = claim(first, "KNEW_ABOUT", "Tom Hale", "main reasons for closing the harbour")
    assert vetoed.confidence < 0.5 and vetoed.extractor == f"rules.tell.active+{REASON}"
    again = run(extractor, TOLD_CLAUSE)
    assert [(c.id, c.confidence) for c in again.claims] == [(c.id, c.confidence) for c in first.claims]
    monkeypatch.setenv(SCORER_ENV, "rules")
    by_rules = claim(run(extractor, TOLD_CLAUSE), "KNEW_ABOUT", "Tom Hale", "main reasons for closing the harbour")
    assert by_rules.confidence >= 0.5 and REASON not in by_rules.extractor


def test_a_plain_statement_keeps_the_rules_confidence(extractor, monkeypatch):
    monkeypatch.setenv(SCORER_ENV, "learned")
    text = "The Northshire Police sent the Harbour Safety Report to the Department of Civic Affairs in March 2019.\n"
    sent = claim(run(extractor, text), "SENT", "Northshire Police", "Harbour Safety Report")
    assert sent.confidence == 0.9 and REASON not in sent.extractor  # a veto, not a new score


def test_a_rule_the_weights_never_saw_keeps_the_rules_confidence():
    scorer = shipped_scorer()
    damning = {
        name: 1.0
        for name, weight in scorer.weights.items()
        if weight < 0 and "=" in name and not name.startswith("rule=")
    }
    assert scorer.confidence({**damning, "rule=tell.active": 1.0}, 0.9) < 0.5
    assert scorer.confidence({**damning, "rule=a.rule.added.later": 1.0}, 0.9) is None


def test_a_bad_switch_or_weights_file_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv(SCORER_ENV, "neural")
    with pytest.raises(ScorerError, match="expected one of rules, learned"):
        chosen_scorer()
    bad = tmp_path / "scorer.json"
    bad.write_text(json.dumps({**json.loads(WEIGHTS_PATH.read_text()), "feature_set": "old"}))
    with pytest.raises(ScorerError, match="make train-scorer"):
        load_scorer(bad)
    bad.write_text(json.dumps({**json.loads(WEIGHTS_PATH.read_text()), "weights": {"type=SENT": "high"}}))
    with pytest.raises(ScorerError, match="weights must map"):
        load_scorer(bad)
    bad.write_text(json.dumps({**json.loads(WEIGHTS_PATH.read_text()), "veto_below": 1.5}))
    with pytest.raises(ScorerError, match="veto_below"):
        load_scorer(bad)
    bad.write_text("{not json")
    with pytest.raises(ScorerError, match="cannot read"):
        load_scorer(bad)


def test_training_never_takes_the_frozen_test_split():
    with pytest.raises(ValueError, match="frozen test split"):
        gold_files([PROJECT / "tests/gold/real/test"])


def test_the_training_script_writes_weights_of_the_shipped_shape(tmp_path):
    subset = [
        PROJECT / "tests/gold/synthetic" / name
        for name in ("news_01_harding_report.gold.yaml", "news_02_police_knew.gold.yaml", "news_05_denials.gold.yaml")
    ]
    out = tmp_path / "claim_scorer.json"
    train.main([*map(str, subset), "--out", str(out)])
    written, shipped = json.loads(out.read_text()), json.loads(WEIGHTS_PATH.read_text())
    assert written.keys() == shipped.keys()
    assert written["trained"].keys() == shipped["trained"].keys()
    assert written["trained"]["files"] == [f"tests/gold/synthetic/{p.name}" for p in subset]
    assert written["feature_set"] == FEATURE_SET and written["weights"]
    assert all(isinstance(w, float) for w in written["weights"].values())
    assert load_scorer(out).feature_set == FEATURE_SET  # the extractor would accept it
    assert load_scorer(out).veto_below is not None and load_scorer(out).rules
