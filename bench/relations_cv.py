"""Does the relation classifier find flows the rules miss? 5-fold by document on real dev, then the measuring sets.

    python bench/relations_cv.py [--c C] [--grid] [--cache FILE]

Real dev: each fold's documents are scored by a model trained on the other real dev documents plus
tests/gold/dev and tests/gold/synthetic, with the cut chosen by an inner cross-validation on that training set
alone. "oracle" adds every candidate pair that is right: the most any classifier over these candidates could
find. Heldout and the seed use the model trained on all the training sets (what `make train-relations` ships).
Figures are must edges at confidence >= 0.5, counted by `kflow eval`'s own code. The frozen test split is not
touched here; its overall line comes from `kflow eval` alone.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sklearn.metrics import roc_auc_score  # noqa: E402

from loaders.evaluate import Tally  # noqa: E402
from loaders.extract.learned import train_relations as train  # noqa: E402
from loaders.extract.learned.dataset import PROJECT, gold_files  # noqa: E402
from loaders.extract.learned.relation_dataset import label_documents, must_edges  # noqa: E402
from loaders.extract.rules import RuleExtractor  # noqa: E402

REAL_DEV = "tests/gold/real/dev"
OTHER_TRAINING = ("tests/gold/dev", "tests/gold/synthetic")
MEASURING = {"heldout": ("tests/gold/heldout",), "seed": ("tests/gold/000_2642609051fa25c3.yaml",)}
OUTER_FOLDS = 5


def line(name: str, tally: Tally) -> str:
    p, r = tally.precision, tally.recall
    return (
        f"{name:<36} P {p if p is None else round(p, 3)!s:<6} R {r if r is None else round(r, 3)!s:<6} "
        f"({tally.predicted_correct}/{tally.predicted} right, {tally.gold_found}/{tally.gold} found)"
    )


def oracle(pair_features) -> float:  # noqa: ARG001 - stands in for a model that knows every label
    return 1.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--c", type=float, default=train.C)
    parser.add_argument("--grid", action="store_true", help="also try other regularisation and class weights")
    parser.add_argument("--cache", type=Path, help="keep the labelled documents in this pickle between runs")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.cache and args.cache.exists():
        real, others, measuring = pickle.loads(args.cache.read_bytes())
    else:
        real, others, measuring = labelled()
        if args.cache:
            args.cache.write_bytes(pickle.dumps((real, others, measuring)))
    pairs = [p for d in real for p in d.pairs]
    print(f"labelled in {time.perf_counter() - started:.0f} s; real dev {len(real)} documents, {len(pairs)} pairs")
    print("  right pairs by type:", dict(Counter(p.claim.type for p in pairs if p.right)))
    print("  pairs by type:", dict(Counter(p.claim.type for p in pairs)))
    print(line("real dev, rules", must_edges(real)))
    right_only = [d for d in real]
    for d in right_only:
        d.oracle = [p for p in d.pairs if p.right]
    print(line("real dev, rules + every right pair", _oracle_tally(real)))
    print(line("real dev, rules + every pair", must_edges(real, oracle, 0.5)))
    print("  right by ends (any date) by type:", dict(Counter(p.claim.type for p in pairs if p.right_ends)))
    shipped_setting = {"c": args.c, "positive_weight": 1.0, "label": train.LABEL, "per_type": train.PER_TYPE}
    settings = [shipped_setting]
    if args.grid:
        settings += [
            {"c": c, "positive_weight": w, "label": label, "per_type": per_type}
            for label in train.LABELS
            for per_type in (False, True)
            for c in (0.1, 0.3, 1.0)
            for w in (1.0, 3.0)
        ]
        settings = [settings[0], *(s for s in settings[1:] if s != shipped_setting)]
    for setting in settings:
        cross_validate(real, others, setting)
    shipped = train.fit([*real, *others], **shipped_setting)
    cut = train.choose_cut([*real, *others], real, **shipped_setting)
    print(f"shipped model: cut {cut}, {len(shipped.weights)} weights")
    for name, documents in measuring.items():
        print(line(f"{name}, rules", must_edges(documents)))
        print(line(f"{name}, rules + classifier", must_edges(documents, shipped.probability, cut)))
    print(f"{time.perf_counter() - started:.0f} s")


def cross_validate(real, others, setting: dict) -> None:
    """5-fold by document on real dev, the cut chosen inside each fold's training set; also the held-out
    probabilities' ROC AUC and what each fixed cut would give (for reading, not for deciding)."""
    combined, cuts, added = Tally(), [], Counter()
    at_cut = {cut: Tally() for cut in (0.2, 0.3, 0.4, *train.CUTS)}
    labels, probabilities = [], []
    for train_docs, held in train.folds(real, OUTER_FOLDS):
        training = [*train_docs, *others]
        cut = train.choose_cut(training, train_docs, **setting)
        model = train.fit(training, **setting)
        cuts.append(cut)
        combined = combined + must_edges(held, model.probability, cut)
        for fixed in at_cut:
            at_cut[fixed] = at_cut[fixed] + must_edges(
                held,
                lambda f, m=model, x=fixed: min(1.0, m.probability(f) + 0.5 - x) if m.probability(f) >= x else 0.0,
                0.5,
            )
        for d in held:
            for p in d.pairs:
                probability = model.probability(p.features)
                labels.append(int(p.right))
                probabilities.append(probability)
                if probability >= cut:
                    added[(p.claim.type, p.right)] += 1
    name = (
        f"c={setting['c']} w+={setting['positive_weight']} {setting['label']}"
        f"{' per-type' if setting['per_type'] else ''}"
    )
    print(
        line(f"real dev, + classifier {name}", combined), f"cuts {cuts}, AUC {roc_auc_score(labels, probabilities):.3f}"
    )
    print("  added claims (type, right):", dict(added))
    for fixed, tally in at_cut.items():
        print("   ", line(f"fixed cut {fixed}", tally))


def labelled():
    extractor = RuleExtractor()
    real = label_documents(gold_files([PROJECT / REAL_DEV]), extractor)
    others = label_documents(gold_files([PROJECT / f for f in OTHER_TRAINING]), extractor)
    measuring = {
        name: label_documents(gold_files([PROJECT / f for f in folders]), extractor)
        for name, folders in MEASURING.items()
    }
    return real, others, measuring


def _oracle_tally(documents) -> Tally:
    total = Tally()
    for d in documents:
        keep = {id(p.features) for p in d.oracle}
        total = total + must_edges([d], lambda f, keep=keep: 1.0 if id(f) in keep else 0.0, 0.5)
    return total


if __name__ == "__main__":
    main()
