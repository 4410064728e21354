"""Train the claim scorer on the training gold sets and write its weights (`make train-scorer`).

    python -m loaders.extract.learned.train [--out PATH] [--c C] [GOLD_DIR_OR_FILE ...]

Labels come from `dataset.label_documents` (the extractor's claims marked right or wrong by `kflow eval`'s
matcher); the model is scikit-learn's logistic regression over `features.claim_features`, features seen in
fewer than `MIN_COUNT` claims dropped so the weights file stays small. scikit-learn is a development
dependency: only this module imports it; the extractor reads the JSON (`scorer.py`).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from loaders.extract.learned import veto_cut
from loaders.extract.learned.dataset import (
    PROJECT,
    TRAINING_SETS,
    LabelledClaim,
    LabelledDocument,
    gold_files,
    label_documents,
)
from loaders.extract.learned.features import FEATURE_SET, Features
from loaders.extract.learned.scorer import WEIGHTS_PATH, LearnedScorer

C = 0.1  # inverse regularisation strength: a few hundred claims, so the weights are kept small
MIN_COUNT = 3  # a feature must occur in at least this many training claims
POSITIVE_WEIGHT = 1.0  # class weight of right claims (wrong ones weigh 1)
# The coarse features alone (no trigger lemmas, rule names or dependency paths): tried by bench/scorer_cv.py --grid.
REAL_PREFIX = "tests/gold/real/"  # the documents the veto cut is chosen on, by inner cross-validation
COMPACT = (
    "type", "rule_head", "construction", "rule_confidence", "raw_confidence", "subj_found", "obj_found",
    "subj_label", "obj_label", "date", "negation_nearby", "hedge_nearby", "quote_in_sentence", "sentence_position",
    "token_distance", "subj_path_len", "obj_path_len", "obj_is_topic", "sentence_early", "sentence_mentions",
)  # fmt: skip


# What "right" means for training: "dated" is `kflow eval`'s match (ends, type, evidence and the gold year);
# "ends" leaves the year out, so the model learns what a claim relates and not how it was dated.
LABELS = ("dated", "ends")
LABEL = "ends"
# Claim families, for one model each (bench/scorer_cv.py --grid): flows of reports, knowledge, membership.
FAMILIES = {
    "flows": ("SENT", "RECEIVED", "COMMISSIONED", "AUTHORED", "PUBLISHED"),
    "knowledge": ("KNEW_ABOUT",),
    "membership": ("MEMBER_OF",),
}
# Rule-level features only: what the rule and its ends are, nothing of the sentence's words or paths.
RULE_LEVEL = (
    "type", "rule", "rule_head", "construction", "type_construction", "subj_label", "obj_label", "subj_found",
    "obj_found", "ends", "rule_confidence", "raw_confidence", "date",
)  # fmt: skip


def is_right(claim: LabelledClaim, label: str) -> bool:
    """The training label of a claim under the labelling `label` (one of LABELS)."""
    if label not in LABELS:
        raise ValueError(f"label {label!r}: expected one of {', '.join(LABELS)}")
    return claim.right if label == "dated" else claim.right_ends


def examples(
    documents: Sequence[LabelledDocument],
    only: Sequence[str] | None = None,
    label: str = LABEL,
    types: Sequence[str] | None = None,
) -> tuple[list[Features], list[int]]:
    """The rescorable claims' features (those named in `only`, when given) and labels (1: right under `label`),
    only claims of `types` when given."""
    rows = [
        (c.features, int(is_right(c, label)))
        for d in documents
        for c in d.claims
        if c.features is not None and (types is None or c.claim.type in types)
    ]
    return [restrict(f, only) for f, _ in rows], [y for _, y in rows]


def restrict(features: Features, only: Sequence[str] | None) -> Features:
    """The features whose name (before any '=') is in `only`; all of them when `only` is None."""
    return features if only is None else {k: v for k, v in features.items() if k.split("=")[0] in only}


def fit(
    documents: Sequence[LabelledDocument],
    c: float = C,
    min_count: int = MIN_COUNT,
    positive_weight: float = POSITIVE_WEIGHT,
    trained: dict | None = None,
    only: Sequence[str] | None = None,
    label: str = LABEL,
    types: Sequence[str] | None = None,
) -> LearnedScorer:
    """A logistic regression over the documents' claims (of `types`, when given), as a LearnedScorer."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    features, labels = examples(documents, only, label, types)
    if len(set(labels)) < 2:
        raise ValueError("training needs both right and wrong claims; give it more gold files")
    counts = Counter(name for row in features for name in row)
    kept = [{k: v for k, v in row.items() if counts[k] >= min_count} for row in features]
    vectorizer = DictVectorizer(sparse=False)
    matrix = vectorizer.fit_transform(kept)
    model = LogisticRegression(
        C=c, class_weight={0: 1.0, 1: positive_weight}, max_iter=2000, solver="liblinear", random_state=0
    )
    model.fit(matrix, labels)
    weights = {
        name: round(float(w), 5)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])
        if abs(w) >= 1e-5
    }
    summary = {
        "claims": len(labels),
        "right": sum(labels),
        "c": c,
        "min_count": min_count,
        "positive_weight": positive_weight,
        "label": label,
        **(trained or {}),
    }
    rules = frozenset(name[5:] for row in examples(documents, label=label, types=types)[0] for name in row
                      if name.startswith("rule="))  # fmt: skip
    return LearnedScorer(round(float(model.intercept_[0]), 5), weights, FEATURE_SET, summary, rules=rules)


def fit_veto(
    documents: Sequence[LabelledDocument], inner: Sequence[LabelledDocument], c: float = C, **settings: Any
) -> LearnedScorer:
    """The model fitted on every document, with the veto cut an inner cross-validation over `inner` (the real
    documents among them) chooses; see `veto_cut`."""
    chosen = set(map(id, inner))
    others = [d for d in documents if id(d) not in chosen]
    cut = veto_cut.choose_cut(inner, others, lambda docs: partial(veto_cut.probabilities, fit(docs, c, **settings)))
    model = fit(documents, c, **settings)
    return replace(model, veto_below=cut, trained={**model.trained, "veto_below": cut})


def train(gold_paths: Sequence[Path], out: Path = WEIGHTS_PATH, c: float = C) -> LearnedScorer:
    """Label the gold files' claims, fit, choose the veto cut, and write the weights JSON (which records what it
    was trained on). The cut is chosen over the real documents (tests/gold/real/) when there are any."""
    from loaders.extract.rules import RuleExtractor

    documents = label_documents(gold_paths, RuleExtractor())
    files = [relative_path(path) for path in gold_paths]
    inner = [d for d, f in zip(documents, files, strict=True) if f.startswith(REAL_PREFIX)] or documents
    scorer = fit_veto(documents, inner, c, trained={"files": files, "feature_set": FEATURE_SET})
    write_weights(scorer, out)
    return scorer


def write_weights(model: LearnedScorer, out: Path) -> None:
    """The weights JSON a model ships as (also the relation classifier's)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model.to_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def relative_path(path: Path) -> str:
    """A training file as the weights record it: relative to the project when inside it."""
    resolved = path.resolve()
    return resolved.relative_to(PROJECT).as_posix() if resolved.is_relative_to(PROJECT) else resolved.as_posix()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="*", help="gold files or folders (default: the training sets)")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH, help="where to write the weights JSON")
    parser.add_argument("--c", type=float, default=C, help="inverse regularisation strength")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    paths = gold_files(args.gold or [PROJECT / folder for folder in TRAINING_SETS])
    scorer = train(paths, args.out, args.c)
    print(
        f"trained on {scorer.trained['claims']} claims ({scorer.trained['right']} right) from {len(paths)} gold files: "
        f"{len(scorer.weights)} weights -> {args.out} ({time.perf_counter() - started:.0f} s)"
    )


if __name__ == "__main__":
    main()
