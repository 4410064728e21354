"""Apply the shipped claim-scorer weights: a logistic regression read from JSON, in plain Python.

No scikit-learn at run time: the model is an intercept and one weight per feature name, so scoring a claim
is a dot product and a sigmoid. Whether the rules' confidence or this probability is used is decided by
`KFLOW_CLAIM_SCORER` (`rules` or `learned`), else by `DEFAULT_SCORER` (see docs/extraction.md for why).
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from loaders.extract.learned.features import FEATURE_SET, Features

WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "data" / "claim_scorer.json"
SCORERS = ("rules", "learned")
DEFAULT_SCORER = "learned"  # a veto: GO on real dev, cross-validated (docs/extraction.md, "A learned ... scorer")
SCORER_ENV = "KFLOW_CLAIM_SCORER"  # (the scan in tests/test_schema_roles.py reads 2 lines above a quoted name)
REASON = "learned-scorer"  # appended to a rescored claim's extractor: 'rules.send.active+learned-scorer'


class ScorerError(ValueError):
    """The scorer's weights file or its switch is malformed; the message names what."""


@dataclass(frozen=True)
class LearnedScorer:
    """An intercept and weights by feature name; `trained` records on what and how (for people)."""

    intercept: float
    weights: dict[str, float]
    feature_set: str = FEATURE_SET
    trained: dict[str, Any] = field(default_factory=dict)
    # A veto: below this probability a claim becomes a lead, at or above it keeps the rules' confidence (0: never).
    # None: the probability replaces the confidence outright (the relation classifier's use).
    veto_below: float | None = None
    # The rule names the model was trained on; a claim by any other rule keeps the rules' confidence, so a
    # rule added after training is never vetoed by weights that never saw it (retrain: `make train-scorer`).
    rules: frozenset[str] = frozenset()

    def probability(self, features: Features) -> float:
        """P(the claim is right) under the model: sigmoid of the intercept plus the weighted features."""
        z = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in sorted(features.items()))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def confidence(self, features: Features, rules_confidence: float) -> float | None:
        """The claim's new confidence, or None to keep the rules' (not vetoed, or a rule the model never saw)."""
        if self.veto_below is None:
            return round(self.probability(features), 2)
        if not self.knows(features):
            return None
        p = self.probability(features)
        return round(min(p, rules_confidence), 2) if p < self.veto_below else None

    def knows(self, features: Features) -> bool:
        """Whether the claim's rule was among those trained on (always, for weights that record none)."""
        return not self.rules or any(name.startswith("rule=") and name[5:] in self.rules for name in features)

    def keeps_rules_confidence(self, rule: str) -> bool:
        """Whether a claim by `rule` keeps the rules' confidence whatever its features (a veto by weights that
        never saw the rule): then its features need not be computed. The same answer as `confidence` gives."""
        return self.veto_below is not None and bool(self.rules) and rule not in self.rules

    def to_json(self) -> dict[str, Any]:
        veto = {} if self.veto_below is None else {"veto_below": self.veto_below, "rules": sorted(self.rules)}
        return {
            "model": "logistic-regression",
            "feature_set": self.feature_set,
            **veto,
            "intercept": self.intercept,
            "weights": dict(sorted(self.weights.items())),
            "trained": self.trained,
        }


def load_scorer(
    path: Path = WEIGHTS_PATH, feature_set: str = FEATURE_SET, retrain: str = "make train-scorer"
) -> LearnedScorer:
    """The model in `path`, checked: wrong model, feature set or a non-numeric weight is a ScorerError."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ScorerError(f"{path.name}: cannot read the scorer weights ({error})") from error
    if raw.get("model") != "logistic-regression":
        raise ScorerError(f"{path.name}: model must be 'logistic-regression'")
    if raw.get("feature_set") != feature_set:
        raise ScorerError(
            f"{path.name}: trained on feature set {raw.get('feature_set')!r}, the extractor computes {feature_set!r}; "
            f"retrain with `{retrain}`"
        )
    weights = raw.get("weights")
    if not isinstance(weights, dict) or not all(_is_number(w) for w in weights.values()):
        raise ScorerError(f"{path.name}: weights must map feature names to numbers")
    if not _is_number(raw.get("intercept")):
        raise ScorerError(f"{path.name}: intercept must be a number")
    veto = raw.get("veto_below")
    if veto is not None and not (_is_number(veto) and 0 <= veto <= 1):
        raise ScorerError(f"{path.name}: veto_below must be a number from 0 (never) to 1")
    rules = raw.get("rules", [])
    if not isinstance(rules, list) or not all(isinstance(rule, str) for rule in rules):
        raise ScorerError(f"{path.name}: rules must be a list of rule names")
    return LearnedScorer(
        float(raw["intercept"]),
        {str(k): float(v) for k, v in weights.items()},
        feature_set,
        raw.get("trained") or {},
        None if veto is None else float(veto),
        frozenset(rules),
    )


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def chosen_scorer() -> str:
    """'learned' or 'rules': the environment's choice, else the default."""
    choice = os.environ.get(SCORER_ENV, DEFAULT_SCORER).strip().lower() or DEFAULT_SCORER
    if choice not in SCORERS:
        raise ScorerError(f"{SCORER_ENV}={choice!r}: expected one of {', '.join(SCORERS)}")
    return choice


@cache
def shipped_scorer() -> LearnedScorer:
    return load_scorer()
