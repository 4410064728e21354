"""The one call `DocumentRun.run` makes after the rules: add the relation classifier's claims when it is on.

Each candidate pair (`candidates.py`) the model scores at or above the shipped cut becomes a claim through the
rules' own `DocumentRun._add`, so its sentence, span and date are found as for any rule claim; its confidence is
the model's probability and its extractor `learned-relations.TYPE`. Whether this runs is `KFLOW_RELATION_CLASSIFIER`
(`off` or `learned`), else `DEFAULT_CLASSIFIER` (see docs/extraction.md for the measurement behind it). While
`recording` is open (training), every candidate is added and its features kept by claim id.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from loaders.extract.learned.candidates import FEATURE_SET, Candidate, candidates, pair_features
from loaders.extract.learned.features import Features
from loaders.extract.learned.scorer import LearnedScorer, ScorerError, load_scorer
from loaders.extract.relations import RawClaim, Ref

if TYPE_CHECKING:  # pragma: no cover
    from loaders.extract.rules import DocumentRun

WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "data" / "relation_classifier.json"
CLASSIFIERS = ("off", "learned")
DEFAULT_CLASSIFIER = "off"  # see docs/extraction.md, "A learned relation classifier"
CLASSIFIER_ENV = "KFLOW_RELATION_CLASSIFIER"
REASON = "learned-relations"  # a classifier claim's extractor: 'learned-relations.sent'
DEFAULT_CUT = 0.5  # used when the weights file names no cut

_recorder: dict[str, Features] | None = None  # claim id -> features, while `recording` is open


@contextmanager
def recording() -> Iterator[dict[str, Features]]:
    """Add every candidate (whatever the switch) and collect its features by claim id."""
    global _recorder
    previous, _recorder = _recorder, {}
    try:
        yield _recorder
    finally:
        _recorder = previous


def chosen_classifier() -> str:
    """'learned' or 'off': the environment's choice, else the default."""
    choice = os.environ.get(CLASSIFIER_ENV, DEFAULT_CLASSIFIER).strip().lower() or DEFAULT_CLASSIFIER
    if choice not in CLASSIFIERS:
        raise ScorerError(f"{CLASSIFIER_ENV}={choice!r}: expected one of {', '.join(CLASSIFIERS)}")
    return choice


def load_classifier(path: Path = WEIGHTS_PATH) -> LearnedScorer:
    return load_scorer(path, FEATURE_SET, "make train-relations")


@cache
def shipped_classifier() -> LearnedScorer:
    return load_classifier()


def cut_of(model: LearnedScorer) -> float:
    cut = model.trained.get("cut", DEFAULT_CUT)
    return float(cut) if isinstance(cut, (int, float)) else DEFAULT_CUT


def add_claims(run: DocumentRun) -> None:
    """Add the classifier's claims to `run.claims` (nothing when it is off and no training records)."""
    recorder = _recorder
    if recorder is None and chosen_classifier() != "learned":
        return
    model = shipped_classifier() if recorder is None else None
    if model is not None and cut_of(model) > 1.0:
        return  # a cut no probability reaches (the NO-GO weights): nothing to compute
    found = list(candidates(run))
    if not found:
        return
    starts = {c.char_start for c in run.claims}
    claimed = {s.index for s in run.parse.sentences if s.start in starts}
    dates = _sentence_dates(run, max(c.sentence.index for c in found))
    for candidate in found:
        features = pair_features(run, candidate, claimed)
        probability = model.probability(features) if model is not None else 1.0
        if model is not None and probability < cut_of(model):
            continue
        before = len(run.claims)
        run._add(_raw_claim(candidate), candidate.sentence, dates.get(candidate.sentence.index, []))
        if len(run.claims) == before:
            continue
        claim = dataclasses.replace(
            run.claims[-1], confidence=round(probability, 2), extractor=f"{REASON}.{candidate.type.lower()}"
        )
        run.claims[-1] = claim
        if recorder is not None:
            recorder.setdefault(claim.id, features)


def _raw_claim(candidate: Candidate) -> RawClaim:
    """The pair as a raw claim hung from the verb governing its path (which dates it), else the object."""
    governor = next((t for t in (candidate.other_token, *candidate.other_token.ancestors) if t.pos_ == "VERB"), None)
    return RawClaim(
        candidate.type,
        Ref(candidate.actor, candidate.actor_confidence, candidate.actor_token),
        Ref(candidate.other, candidate.other_confidence, candidate.other_token),
        governor if governor is not None else candidate.other_token,
        min(candidate.actor_confidence, candidate.other_confidence),
        f"learned.{candidate.type.lower()}",
    )


def _sentence_dates(run: DocumentRun, last: int) -> dict[int, list]:
    """Each sentence's dates as the rules read them, re-read in order (the rules keep no table of them)."""
    saved, run.last_date = run.last_date, None
    try:
        return {s.index: run._dates(s) for s in run.parse.sentences[: last + 1] if not s.heading}
    finally:
        run.last_date = saved
