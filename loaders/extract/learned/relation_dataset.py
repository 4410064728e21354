"""Labelled candidate pairs for the relation classifier, and the rules' claims they would join.

Each gold file's document is extracted in memory with every candidate added (`relation_hook.recording`); a
candidate is right when `kflow eval`'s matcher matches it to a must or should gold edge, and right by its ends
(`right_ends`, the training label) when it relates the gold edge's ends by its type in its evidence sentence,
whatever its date (dating is scored apart: the scorer's lesson, `dataset.LabelledClaim`). `edge_score` counts a
document's must edges as `kflow eval` does, with the rules' claims plus the candidates a model keeps.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from graph.model import Claim, Node
from loaders import evaluate
from loaders.extract.base import Extractor
from loaders.extract.learned.dataset import environment, relates, rules_confidence
from loaders.extract.learned.features import Features
from loaders.extract.learned.relation_hook import CLASSIFIER_ENV, recording
from loaders.gold import GoldFile, load_gold
from loaders.pipeline import extracted_batch
from loaders.readers.registry import read_document


@dataclass
class Pair:
    claim: Claim
    features: Features
    levels: frozenset[str]
    ends_levels: frozenset[str] = frozenset()  # the gold levels it matches by ends, type and evidence, any date

    @property
    def right(self) -> bool:
        return bool(self.levels)

    @property
    def right_ends(self) -> bool:
        return bool(self.levels or self.ends_levels)


@dataclass
class RelationDocument:
    gold: GoldFile
    nodes: dict[str, Node]
    rule_claims: list[Claim]  # asserted claims of a scored type, as `kflow eval` sees them
    pairs: list[Pair]  # the candidates of a scored type

    @property
    def name(self) -> str:
        return self.gold.path.name


def classifier_off() -> contextlib.AbstractContextManager[None]:
    """Labelling records every candidate; the shipped model's cut must not filter them."""
    return environment(CLASSIFIER_ENV, "off")


def label_document(gold_path: Path, extractor: Extractor) -> RelationDocument:
    gold = load_gold(gold_path)
    document = read_document(gold.document_path([evaluate.PROJECT_SEEDS]), gold.published)
    with rules_confidence(), classifier_off(), recording() as recorded:
        batch = extracted_batch(document, extractor.extract(document)).deduplicated()
    nodes = {node.id: node for node in batch.nodes if not node.id.startswith("source:")}
    matcher = evaluate._Matcher(gold, nodes)
    scored = [c for c in batch.claims if not c.negated and c.type in gold.edge_types]
    pairs = [
        Pair(
            c,
            recorded[c.id],
            frozenset(e.level for e in gold.edges if matcher.matches(e, c)),
            frozenset(e.level for e in gold.edges if relates(matcher, e, c)),
        )
        for c in scored
        if c.id in recorded
    ]
    return RelationDocument(gold, nodes, [c for c in scored if c.id not in recorded], pairs)


def label_documents(gold_paths: Iterable[Path], extractor: Extractor) -> list[RelationDocument]:
    return [label_document(path, extractor) for path in gold_paths]


Probability = Callable[[Features], float]


def edge_score(document: RelationDocument, probability: Probability | None = None, cut: float = 0.5) -> evaluate.Score:
    """The document's edge score at `kflow eval`'s 0.5: the rules' claims plus each pair `probability` puts at or
    above `cut`, at its probability (None: the rules alone)."""
    added = []
    if probability is not None:
        for pair in document.pairs:
            p = probability(pair.features)
            if p >= cut:
                added.append(replace(pair.claim, confidence=round(p, 2)))
    score = evaluate.Score(str(document.gold.path), threshold=0.5)
    evaluate._score_edges(document.gold, document.nodes, [*document.rule_claims, *added], score)
    return score


def must_edges(
    documents: Iterable[RelationDocument], probability: Probability | None = None, cut: float = 0.5
) -> evaluate.Tally:
    total = evaluate.Tally()
    for document in documents:
        total = total + edge_score(document, probability, cut).tally("edges", "must")
    return total
