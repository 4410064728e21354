"""Train the relation classifier on the training gold sets and write its weights (`make train-relations`).

    python -m loaders.extract.learned.train_relations [--out PATH] [--c C] [GOLD_DIR_OR_FILE ...]

Labels come from `relation_dataset.label_documents` (every candidate pair marked right or wrong by `kflow eval`'s
matcher; by default right by its ends, whatever its date: `LABEL`); the model is scikit-learn's logistic regression
over `candidates.pair_features`, features seen in fewer than `MIN_COUNT` pairs dropped, or one such model per
claim type merged into one weights file (`PER_TYPE`). The cut (the probability a pair needs to become a claim) is chosen by a
cross-validation by document inside the training set (`choose_cut`) and written with the weights.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from loaders.evaluate import Tally
from loaders.extract.learned.candidates import FEATURE_SET
from loaders.extract.learned.dataset import PROJECT, TRAINING_SETS, gold_files
from loaders.extract.learned.relation_dataset import RelationDocument, label_documents, must_edges
from loaders.extract.learned.relation_hook import WEIGHTS_PATH
from loaders.extract.learned.scorer import LearnedScorer
from loaders.extract.learned.train import relative_path, write_weights

C = 0.3
MIN_COUNT = 5  # a feature must occur in at least this many training pairs (keeps the file small)
CUTS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
NEVER = 1.01  # a cut no probability reaches: the classifier adds nothing
PRECISION_SLACK = 0.01  # a cut may cost at most this much must-edge precision against the rules, inside training
INNER_FOLDS = 3
# "dated": right as `kflow eval` counts it (ends, type, evidence and year); "ends": the year left out.
LABELS = ("dated", "ends")
LABEL = "ends"
PER_TYPE = False  # one model per claim type (bench/relations_cv.py --grid), else one model for all


def fit(
    documents: Sequence[RelationDocument],
    c: float = C,
    min_count: int = MIN_COUNT,
    positive_weight: float = 1.0,
    label: str = LABEL,
    per_type: bool = PER_TYPE,
) -> LearnedScorer:
    """A logistic regression over the documents' candidate pairs (weights by feature name); with `per_type`, one
    per claim type over that type's conjoined features, merged (its intercept becomes the weight of `type=T`)."""
    if label not in LABELS:
        raise ValueError(f"label {label!r}: expected one of {', '.join(LABELS)}")
    rows = [(p.features, int(p.right if label == "dated" else p.right_ends)) for d in documents for p in d.pairs]
    if len({y for _, y in rows}) < 2:
        raise ValueError("training needs both right and wrong candidate pairs; give it more gold files")
    summary = {
        "pairs": len(rows),
        "right": sum(y for _, y in rows),
        "c": c,
        "min_count": min_count,
        "positive_weight": positive_weight,
        "label": label,
        "per_type": per_type,
    }
    if not per_type:
        intercept, weights = _logistic(rows, c, min_count, positive_weight)
        return LearnedScorer(intercept, weights, FEATURE_SET, summary)
    weights: dict[str, float] = {}
    for type_ in sorted({name[5:] for features, _ in rows for name in features if name.startswith("type=")}):
        own = [({k: v for k, v in f.items() if k.startswith(f"{type_}|")}, y) for f, y in rows if f"type={type_}" in f]
        if len({y for _, y in own}) < 2:
            weights[f"type={type_}"] = -10.0  # no right pair of this type to learn from: never add one
            continue
        intercept, own_weights = _logistic(own, c, min_count, positive_weight)
        weights.update(own_weights)
        weights[f"type={type_}"] = intercept
    return LearnedScorer(0.0, weights, FEATURE_SET, summary)


def _logistic(
    rows: Sequence[tuple[dict[str, float], int]], c: float, min_count: int, positive_weight: float
) -> tuple[float, dict[str, float]]:
    """Intercept and weights of a liblinear logistic regression (deterministic) over feature dicts."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(name for features, _ in rows for name in features)
    kept = [{k: v for k, v in features.items() if counts[k] >= min_count} for features, _ in rows]
    vectorizer = DictVectorizer(sparse=True)
    matrix = vectorizer.fit_transform(kept).tocsr()
    matrix.indices, matrix.indptr = matrix.indices.astype("int32"), matrix.indptr.astype("int32")  # liblinear's need
    model = LogisticRegression(
        C=c, class_weight={0: 1.0, 1: positive_weight}, max_iter=2000, solver="liblinear", random_state=0
    )
    model.fit(matrix, [y for _, y in rows])
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])
        if abs(w) >= 1e-4
    }
    return round(float(model.intercept_[0]), 5), weights


def folds(documents: Sequence[RelationDocument], k: int) -> list[tuple[list, list]]:
    """(train, held) by document: every k-th document held out, in file order."""
    return [
        ([d for i, d in enumerate(documents) if i % k != n], [d for i, d in enumerate(documents) if i % k == n])
        for n in range(k)
    ]


def choose_cut(
    documents: Sequence[RelationDocument], scored: Sequence[RelationDocument] | None = None, **settings: Any
) -> float:
    """The lowest cut whose must-edge precision on held-out documents stays within `PRECISION_SLACK` of the
    rules' (inner cross-validation over `documents`; only the documents in `scored` are counted, when given)."""
    tallies = {cut: Tally() for cut in CUTS}
    rules = Tally()
    counted = {id(d) for d in scored} if scored is not None else None
    for train, held in folds(documents, INNER_FOLDS):
        held = [d for d in held if counted is None or id(d) in counted]
        if not held:
            continue
        try:
            model = fit(train, **settings)
        except ValueError:  # a fold of a small training set with no right pair: nothing to learn from it
            continue
        rules = rules + must_edges(held)
        for cut in CUTS:
            tallies[cut] = tallies[cut] + must_edges(held, model.probability, cut)
    floor = (rules.precision or 0.0) - PRECISION_SLACK
    for cut in CUTS:
        tally = tallies[cut]
        if (tally.precision or 0.0) >= floor and tally.recall is not None and tally.recall > (rules.recall or 0.0):
            return cut
    return NEVER


def train(gold_paths: Sequence[Path], out: Path = WEIGHTS_PATH, c: float = C) -> LearnedScorer:
    """Label the gold files' pairs, choose the cut, fit on them all and write the weights JSON."""
    from loaders.extract.rules import RuleExtractor

    documents = label_documents(gold_paths, RuleExtractor())
    real = [d for d in documents if "/real/" in d.gold.path.resolve().as_posix()]
    cut = choose_cut(documents, real or None)
    model = fit(documents, c)
    model.trained.update(cut=cut, files=[relative_path(p) for p in gold_paths], feature_set=FEATURE_SET)
    write_weights(model, out)
    return model


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="*", help="gold files or folders (default: the training sets)")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH, help="where to write the weights JSON")
    parser.add_argument("--c", type=float, default=C, help="inverse regularisation strength")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    paths = gold_files(args.gold or [PROJECT / folder for folder in TRAINING_SETS])
    model = train(paths, args.out, args.c)
    print(
        f"trained on {model.trained['pairs']} pairs ({model.trained['right']} right) from {len(paths)} gold files: "
        f"{len(model.weights)} weights, cut {model.trained['cut']} -> {args.out} ({time.perf_counter() - started:.0f} s)"
    )


if __name__ == "__main__":
    main()
