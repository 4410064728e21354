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
DEFAULT_SCORER = "rules"  # NO-GO on real dev, cross-validated: docs/extraction.md, "A learned ... scorer"
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

    def probability(self, features: Features) -> float:
        """P(the claim is right) under the model: sigmoid of the intercept plus the weighted features."""
        z = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in sorted(features.items()))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def to_json(self) -> dict[str, Any]:
        return {
            "model": "logistic-regression",
            "feature_set": self.feature_set,
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
    return LearnedScorer(
        float(raw["intercept"]), {str(k): float(v) for k, v in weights.items()}, feature_set, raw.get("trained") or {}
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
