"""Labelled claims for the scorer: run the extractor on gold documents and mark each claim as `kflow eval` would.

Each gold file's document is read and extracted in memory (the rules' own confidences, features recorded by
`hook.recording`), then every claim of a type the gold scores is matched against the gold edges with the
matcher `kflow eval` uses (`loaders.evaluate._Matcher`), so "right" here is exactly what the evaluation counts.
`edge_score` scores a document's claims under any confidences, again with the evaluation's own code.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from graph.model import Claim, Node
from loaders import evaluate
from loaders.extract.base import Extractor
from loaders.extract.learned.features import Features
from loaders.extract.learned.hook import recording
from loaders.extract.learned.scorer import SCORER_ENV
from loaders.gold import GoldEdge, GoldFile, load_gold
from loaders.pipeline import extracted_batch
from loaders.readers.registry import read_document

PROJECT = Path(__file__).resolve().parents[3]
TRAINING_SETS = ("tests/gold/real/dev", "tests/gold/dev", "tests/gold/synthetic")  # never heldout, seed, real/test


@dataclass
class LabelledClaim:
    claim: Claim
    features: Features | None  # None: drawn outside `DocumentRun._add` (kept, never rescored)
    levels: frozenset[str]  # the gold levels it matches: {"must"}, {"should"}, both, or none (wrong)
    # The levels it matches by ends, type and evidence, whatever its date: dating is scored apart, so a claim
    # right in what it relates but dated outside the gold year is not "wrong" for a scorer of relations.
    ends_levels: frozenset[str] = frozenset()

    @property
    def right(self) -> bool:
        return bool(self.levels)

    @property
    def right_ends(self) -> bool:
        return bool(self.levels or self.ends_levels)


@dataclass
class LabelledDocument:
    gold: GoldFile
    nodes: dict[str, Node]
    claims: list[LabelledClaim]  # every asserted claim of a scored type, bar unmatched unnamed-party ones

    @property
    def name(self) -> str:
        return self.gold.path.name


def gold_files(folders: Iterable[str | Path]) -> list[Path]:
    """Gold files in the folders (not their subfolders), sorted; refuses the frozen test split."""
    found = []
    for folder in map(Path, folders):
        if "real/test" in folder.resolve().as_posix():
            raise ValueError(f"{folder}: the frozen test split is never used for training or tuning")
        found += sorted(folder.glob("*.gold.yaml")) if folder.is_dir() else [folder]
    return found


@contextmanager
def environment(name: str, value: str) -> Iterator[None]:
    """`name` set to `value` while labelling (a switch the extractor reads), restored after."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


def rules_confidence() -> contextlib.AbstractContextManager[None]:
    """The rules' own confidences while labelling: the features must not depend on a scorer."""
    return environment(SCORER_ENV, "rules")


def label_document(gold_path: Path, extractor: Extractor) -> LabelledDocument:
    gold = load_gold(gold_path)
    path = gold.document_path([evaluate.PROJECT_SEEDS])
    document = read_document(path, gold.published)
    with rules_confidence(), recording() as features:
        batch = extracted_batch(document, extractor.extract(document)).deduplicated()
    nodes = {node.id: node for node in batch.nodes if not node.id.startswith("source:")}
    matcher = evaluate._Matcher(gold, nodes, document.source_id)  # a `this_document` gold entity: the own node
    labelled = []
    for claim in batch.claims:
        if claim.negated or claim.type not in gold.edge_types:
            continue
        levels = frozenset(edge.level for edge in gold.edges if matcher.matches(edge, claim))
        ends_levels = frozenset(edge.level for edge in gold.edges if relates(matcher, edge, claim))
        if not ends_levels and evaluate._unnamed_party(claim, nodes):
            continue  # not scored by `kflow eval` either
        labelled.append(LabelledClaim(claim, features.get(claim.id), levels, ends_levels))
    return LabelledDocument(gold, nodes, labelled)


def relates(matcher: evaluate._Matcher, edge: GoldEdge, claim: Claim) -> bool:
    """The evaluation's match without its date test: right ends, type and evidence sentence."""
    return matcher.endpoints_match(edge, claim) and evaluate._has_evidence(claim, edge.evidence)


def label_documents(gold_paths: Iterable[Path], extractor: Extractor) -> list[LabelledDocument]:
    return [label_document(path, extractor) for path in gold_paths]


Rescore = Callable[[Features], float]


def edge_score(document: LabelledDocument, rescore: Rescore | None = None, threshold: float = 0.5) -> evaluate.Score:
    """The document's edge score as `kflow eval` counts it, with each rescorable claim's confidence set by
    `rescore` (None: the rules' own)."""
    claims = [
        replace(c.claim, confidence=round(rescore(c.features), 2)) if rescore and c.features else c.claim
        for c in document.claims
    ]
    score = evaluate.Score(str(document.gold.path), threshold=threshold)
    evaluate._score_edges(document.gold, document.nodes, claims, score)
    return score


def must_edges(documents: Iterable[LabelledDocument], rescore: Rescore | None = None) -> evaluate.Tally:
    """Micro-averaged must-edge counts over the documents."""
    total = evaluate.Tally()
    for document in documents:
        total = total + edge_score(document, rescore).tally("edges", "must")
    return total
