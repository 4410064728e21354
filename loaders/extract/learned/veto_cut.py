"""The learned scorer's veto cut, chosen by cross-validation inside the training documents.

A veto keeps the rules' confidence unless the model's probability is below a cut. Chosen on the documents the
model is scored on, the cut would be tuned on its own test; so the real documents of the training set are split
`INNER_FOLDS` ways by document, each part scored by a model fitted without it, and the cut is the one that raises
precision most while costing at most `RECALL_SLACK` must-edge recall (`kflow eval`'s count), else "never" (0).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from loaders.evaluate import Tally
from loaders.extract.learned.dataset import LabelledDocument, edge_score
from loaders.extract.learned.scorer import LearnedScorer

INNER_FOLDS = 4
CUTS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45)
RECALL_SLACK = 0.01  # stricter than the go criterion's 0.02: the cut must leave room for the held-out documents
NEVER = 0.0

Probabilities = dict[str, float]  # claim id -> P(right), for the claims a model rescores
# Training documents -> what the model fitted on them says of another document's claims.
Fit = Callable[[Sequence[LabelledDocument]], Callable[[LabelledDocument], Probabilities]]


def probabilities(model: LearnedScorer, document: LabelledDocument) -> Probabilities:
    """The model's probability for each claim of the document it may veto (rule seen in training)."""
    return {
        c.claim.id: model.probability(c.features)
        for c in document.claims
        if c.features is not None and model.knows(c.features)
    }


def vetoed_tally(document: LabelledDocument, p: Probabilities, cut: float, memo: dict | None = None) -> Tally:
    """Must-edge counts of the document when every claim with probability below `cut` becomes a lead."""
    vetoed = {cid: round(q, 2) for cid, q in p.items() if q < cut}
    key = (id(document), frozenset(vetoed.items()))
    if memo is not None and key in memo:
        return memo[key]
    by_features = {id(c.features): vetoed.get(c.claim.id) for c in document.claims if c.features is not None}
    confidence = {id(c.features): c.claim.confidence for c in document.claims if c.features is not None}

    def rescore(features):
        q = by_features[id(features)]
        return confidence[id(features)] if q is None else min(q, confidence[id(features)])

    tally = edge_score(document, rescore).tally("edges", "must")
    if memo is not None:
        memo[key] = tally
    return tally


def total(tallies: Sequence[Tally]) -> Tally:
    out = Tally()
    for tally in tallies:
        out = out + tally
    return out


def choose_cut(inner: Sequence[LabelledDocument], others: Sequence[LabelledDocument], fit: Fit) -> float:
    """The cut an inner cross-validation over `inner` picks (`others` always train); NEVER when none helps."""
    held: list[Probabilities] = [{} for _ in inner]
    for fold in range(INNER_FOLDS):
        try:
            model = fit([*[d for i, d in enumerate(inner) if i % INNER_FOLDS != fold], *others])
        except ValueError:  # this fold's training part holds only right (or only wrong) claims
            continue  # its held-out documents keep the rules' confidence: no cut is chosen on them
        for i, document in enumerate(inner):
            if i % INNER_FOLDS == fold:
                held[i] = model(document)
    rules = total([edge_score(d).tally("edges", "must") for d in inner])
    memo: dict = {}
    best, best_precision = NEVER, rules.precision or 0.0
    for cut in CUTS:
        tally = total([vetoed_tally(d, p, cut, memo) for d, p in zip(inner, held, strict=True)])
        if (tally.recall or 0.0) >= (rules.recall or 0.0) - RECALL_SLACK and (tally.precision or 0.0) > best_precision:
            best, best_precision = cut, tally.precision or 0.0
    return best
