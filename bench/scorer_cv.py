"""Does the learned claim scorer beat the rules? Leave-one-document-out on real dev, then the measuring sets.

    python bench/scorer_cv.py [--grid] [--cache FILE]

Real dev: each document is scored by a model trained on every other training document (the rest of real
dev, tests/gold/dev, tests/gold/synthetic), so no document is scored by a model that saw it. Heldout and
the seed are scored by the model trained on all the training sets (what `make train-scorer` ships). Figures
are must edges at confidence >= 0.5, counted by `kflow eval`'s own code (`dataset.edge_score`).

Two ways to use the model: `replace` (the claim's confidence becomes the probability) and `veto` (the rules'
confidence stays unless the probability is below a cut; then the probability, a lead). The veto's cut is
chosen inside each outer fold by an inner cross-validation over that fold's training real dev documents
(`INNER_FOLDS` by document), never on the held-out document. Labels are `dated` (`kflow eval`'s match) or
`ends` (the same without the gold year). The frozen test split is not touched here.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sklearn.metrics import roc_auc_score  # noqa: E402

from loaders.evaluate import Tally  # noqa: E402
from loaders.extract.learned import train, veto_cut  # noqa: E402
from loaders.extract.learned.dataset import PROJECT, LabelledDocument, edge_score, gold_files, label_documents  # noqa: E402

REAL_DEV = "tests/gold/real/dev"
OTHER_TRAINING = ("tests/gold/dev", "tests/gold/synthetic")
MEASURING = {"heldout": ("tests/gold/heldout",), "seed": ("tests/gold/000_2642609051fa25c3.yaml",)}
Probabilities = veto_cut.Probabilities


@dataclass(frozen=True)
class Setting:
    label: str = train.LABEL
    mode: str = "replace"  # or "veto"
    c: float = train.C
    positive_weight: float = train.POSITIVE_WEIGHT
    only: tuple[str, ...] | None = None
    families: bool = False  # one model per claim family (train.FAMILIES)

    @property
    def name(self) -> str:
        only = {None: "", train.COMPACT: " compact", train.RULE_LEVEL: " rule-level"}[self.only]
        family = " per-family" if self.families else ""
        return f"{self.mode} {self.label}{only}{family} c={self.c} w+={self.positive_weight}"


def line(name: str, tally: Tally) -> str:
    p, r = tally.precision, tally.recall
    return f"{name:<52} P {p if p is None else round(p, 3)!s:<6} R {r if r is None else round(r, 3)!s:<6} ({tally.predicted_correct}/{tally.predicted} right, {tally.gold_found}/{tally.gold} found)"


def fitted(documents: Sequence[LabelledDocument], setting: Setting) -> Callable[[LabelledDocument], Probabilities]:
    """Train on the documents; return what the model(s) say of another document's rescorable claims."""
    groups = train.FAMILIES.values() if setting.families else [None]
    models = []
    for types in groups:
        try:
            models.append((types, train.fit(documents, setting.c, positive_weight=setting.positive_weight,
                                            only=setting.only, label=setting.label, types=types)))  # fmt: skip
        except ValueError:  # a family with only right or only wrong claims: the rules keep it
            continue

    def probabilities(document: LabelledDocument) -> Probabilities:
        found = {}
        for c in document.claims:
            for types, model in models:
                features = c.features and train.restrict(c.features, setting.only)
                if features and model.knows(c.features) and (types is None or c.claim.type in types):
                    found[c.claim.id] = model.probability(features)
        return found

    return probabilities


def rescored(document: LabelledDocument, p: Probabilities, mode: str, cut: float, memo: dict | None = None) -> Tally:
    """The document's must-edge counts with its claims rescored by `p` (`replace`) or vetoed below `cut`."""
    if mode == "replace":
        table = {id(c.features): p.get(c.claim.id, c.claim.confidence) for c in document.claims if c.features}
        return edge_score(document, lambda features: table[id(features)]).tally("edges", "must")
    return veto_cut.vetoed_tally(document, p, cut, memo)


def chosen_cut(real: Sequence[LabelledDocument], others: Sequence[LabelledDocument], setting: Setting) -> float:
    """The veto cut the library's inner cross-validation picks on these training documents."""
    return veto_cut.choose_cut(real, others, lambda docs: fitted(docs, setting))


def leave_one_out(
    real: list[LabelledDocument], others: list[LabelledDocument], setting: Setting
) -> tuple[Tally, float, list[float]]:
    """Must-edge counts with each real dev document scored by a model that never saw it, the ROC AUC of those
    held-out probabilities (against `kflow eval`'s labels), and the veto cuts chosen inside the folds."""
    tallies, labels, probabilities, cuts, memo = [], [], [], [], {}
    for i, held in enumerate(real):
        rest = [*real[:i], *real[i + 1 :]]
        p = fitted([*rest, *others], setting)(held)
        cut = chosen_cut(rest, others, setting) if setting.mode == "veto" else 0.0
        cuts.append(cut)
        tallies.append(rescored(held, p, setting.mode, cut, memo))
        labels += [int(c.right) for c in held.claims if c.claim.id in p]
        probabilities += [p[c.claim.id] for c in held.claims if c.claim.id in p]
    return total(tallies), roc_auc_score(labels, probabilities), cuts


def total(tallies: Sequence[Tally]) -> Tally:
    return veto_cut.total(tallies)


def rules_auc(real: list[LabelledDocument]) -> float:
    rescorable = [c for d in real for c in d.claims if c.features is not None]
    return roc_auc_score([int(c.right) for c in rescorable], [c.claim.confidence for c in rescorable])


def labelled(cache: Path | None):
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    from loaders.extract.rules import RuleExtractor

    extractor = RuleExtractor()
    real = label_documents(gold_files([PROJECT / REAL_DEV]), extractor)
    others = label_documents(gold_files([PROJECT / f for f in OTHER_TRAINING]), extractor)
    measuring = {
        name: label_documents(gold_files([PROJECT / f for f in folders]), extractor)
        for name, folders in MEASURING.items()
    }
    if cache:
        cache.write_bytes(pickle.dumps((real, others, measuring)))
    return real, others, measuring


GRID = (
    Setting(label="ends", mode="veto", c=0.1),  # what `make train-scorer` ships (train.LABEL, train.C)
    Setting(label="dated", c=0.3),  # the NO-GO of round 1, retrained on today's sets
    Setting(label="ends", c=0.3),
    Setting(label="ends", c=0.3, only=train.RULE_LEVEL),
    Setting(label="ends", c=0.3, families=True),
    Setting(label="ends", mode="veto", c=0.3, only=train.RULE_LEVEL),
    Setting(label="ends", mode="veto", c=0.3, families=True),
    Setting(label="ends", mode="veto", c=0.3),
    Setting(label="ends", mode="veto", c=1.0),
    Setting(label="dated", mode="veto", c=0.3),
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--grid", action="store_true", help="also try the other labels, modes and feature sets")
    parser.add_argument("--cache", type=Path, help="keep the labelled documents in this pickle between runs")
    parser.add_argument("--only", type=int, nargs="*", help="run only these rows of GRID (0 is the shipped one)")
    args = parser.parse_args()
    started = time.perf_counter()
    real, others, measuring = labelled(args.cache)
    rescorable = [c for d in real for c in d.claims if c.features is not None]
    print(
        f"labelled in {time.perf_counter() - started:.0f} s: real dev {len(real)} documents, "
        f"{sum(len(d.claims) for d in real)} claims, {len(rescorable)} rescorable "
        f"({sum(c.right for c in rescorable)} right dated, {sum(c.right_ends for c in rescorable)} by ends)"
    )
    print(
        line("real dev, rules", total([edge_score(d).tally("edges", "must") for d in real])),
        f"AUC {rules_auc(real):.3f}",
    )
    rows = args.only if args.only is not None else (range(len(GRID)) if args.grid else [0])
    for row in rows:
        setting = GRID[row]
        tally, auc, cuts = leave_one_out(real, others, setting)
        veto = f" cuts {min(cuts)}..{max(cuts)}" if setting.mode == "veto" else ""
        print(line(f"real dev, LODO {setting.name}", tally), f"AUC {auc:.3f}{veto}", flush=True)
        model = fitted([*real, *others], setting)
        cut = chosen_cut(real, others, setting) if setting.mode == "veto" else 0.0
        for name, documents in measuring.items():
            rules = total([edge_score(d).tally("edges", "must") for d in documents])
            scored = total([rescored(d, model(d), setting.mode, cut) for d in documents])
            print(f"  {line(name + ', rules', rules)}\n  {line(name + f', scorer (all training, cut {cut})', scored)}")
    print(f"{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
