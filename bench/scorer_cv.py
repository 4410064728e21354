"""Does the learned claim scorer beat the rules? Leave-one-document-out on real dev, then the measuring sets.

    python bench/scorer_cv.py [--grid]

Real dev: each document is scored by a model trained on every other training document (the rest of real
dev, tests/gold/dev, tests/gold/synthetic), so no document is scored by a model that saw it. Heldout and
the seed are scored by the model trained on all the training sets (what `make train-scorer` ships). Figures
are must edges at confidence >= 0.5, counted by `kflow eval`'s own code (`dataset.edge_score`).
The frozen test split is not touched here; its overall line comes from `kflow eval` alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sklearn.metrics import roc_auc_score  # noqa: E402

from loaders.evaluate import Tally  # noqa: E402
from loaders.extract.learned import train  # noqa: E402
from loaders.extract.learned.dataset import PROJECT, LabelledDocument, gold_files, label_documents, must_edges  # noqa: E402
from loaders.extract.rules import RuleExtractor  # noqa: E402

REAL_DEV = "tests/gold/real/dev"
OTHER_TRAINING = ("tests/gold/dev", "tests/gold/synthetic")
MEASURING = {"heldout": ("tests/gold/heldout",), "seed": ("tests/gold/000_2642609051fa25c3.yaml",)}


def line(name: str, tally: Tally) -> str:
    p, r = tally.precision, tally.recall
    return f"{name:<34} P {p if p is None else round(p, 3)!s:<6} R {r if r is None else round(r, 3)!s:<6} ({tally.predicted_correct}/{tally.predicted} right, {tally.gold_found}/{tally.gold} found)"


def leave_one_out(real: list[LabelledDocument], others: list[LabelledDocument], **settings) -> tuple[Tally, float]:
    """Must-edge counts with each real dev document scored by a model that never saw it, and the ROC AUC of
    those held-out probabilities over the rescorable claims (how well they rank, whatever the threshold)."""
    total, labels, probabilities = Tally(), [], []
    for i, held in enumerate(real):
        scorer = train.fit([*real[:i], *real[i + 1 :], *others], **settings)
        rescore = lambda f: scorer.probability(train.restrict(f, settings.get("only")))  # noqa: E731
        total = total + must_edges([held], rescore)
        rescorable = [c for c in held.claims if c.features is not None]
        labels += [int(c.right) for c in rescorable]
        probabilities += [rescore(c.features) for c in rescorable]
    return total, roc_auc_score(labels, probabilities)


def rules_auc(real: list[LabelledDocument]) -> float:
    rescorable = [c for d in real for c in d.claims if c.features is not None]
    return roc_auc_score([int(c.right) for c in rescorable], [c.claim.confidence for c in rescorable])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--grid", action="store_true", help="also try other regularisation and class weights")
    args = parser.parse_args()
    started = time.perf_counter()
    extractor = RuleExtractor()
    real = label_documents(gold_files([PROJECT / REAL_DEV]), extractor)
    others = label_documents(gold_files([PROJECT / f for f in OTHER_TRAINING]), extractor)
    measuring = {
        name: label_documents(gold_files([PROJECT / f for f in folders]), extractor)
        for name, folders in MEASURING.items()
    }
    print(f"labelled in {time.perf_counter() - started:.0f} s")
    print(line("real dev, rules", must_edges(real)), f"AUC {rules_auc(real):.3f}")
    settings = [{"c": train.C, "positive_weight": train.POSITIVE_WEIGHT, "only": None}]
    if args.grid:
        settings += [
            {"c": c, "positive_weight": w, "only": only}
            for only in (None, train.COMPACT)
            for c in (0.1, 0.3, 1.0)
            for w in (1.0, 2.0, 3.0)
        ]
    for setting in settings:
        tally, auc = leave_one_out(real, others, **setting)
        name = f"LODO{' compact' if setting['only'] else ''} c={setting['c']} w+={setting['positive_weight']}"
        print(line(f"real dev, {name}", tally), f"AUC {auc:.3f}")
    shipped = train.fit([*real, *others])
    for name, documents in measuring.items():
        print(line(f"{name}, rules", must_edges(documents)))
        print(line(f"{name}, scorer (all training)", must_edges(documents, shipped.probability)))
    print(f"{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
