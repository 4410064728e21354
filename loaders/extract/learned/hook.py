"""The one call the rules make (`DocumentRun._add`): rescore a claim when the learned scorer is on, and hand
its features to a recorder when training asks for them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from graph.model import claim_id
from loaders.extract.learned.features import Features, claim_features
from loaders.extract.learned.scorer import REASON, chosen_scorer, shipped_scorer

if TYPE_CHECKING:  # pragma: no cover
    from loaders.dates import DateValue
    from loaders.extract.mentions import Sentence
    from loaders.extract.relations import RawClaim
    from loaders.extract.rules import DocumentRun

_recorder: dict[str, Features] | None = None  # claim id -> features, while `recording` is open


@contextmanager
def recording() -> Iterator[dict[str, Features]]:
    """Collect every asserted claim's features by claim id (the first sighting of an id wins, as in a Batch)."""
    global _recorder
    previous, _recorder = _recorder, {}
    try:
        yield _recorder
    finally:
        _recorder = previous


def rescore(
    run: DocumentRun,
    raw: RawClaim,
    sentence: Sentence,
    date: DateValue | None,
    borrowed: bool,
    confidence: float,
    extractor: str,
) -> tuple[float, str]:
    """(confidence, extractor): the rules' own unless the learned scorer is chosen and vetoes the claim (then
    its probability, a lead, and the extractor says so); denials keep the rules'."""
    learned = chosen_scorer() == "learned"
    if raw.polarity != "asserted" or not learned and _recorder is None:
        return confidence, extractor
    if _recorder is None and shipped_scorer().keeps_rules_confidence(raw.rule):
        return confidence, extractor  # a rule the weights never saw: its features would change nothing
    features = claim_features(run, raw, sentence, date, borrowed, confidence)
    if _recorder is not None:
        key = claim_id(
            raw.type, raw.subject.node.id, raw.object.node.id, run.document.source_id, sentence.start, sentence.end
        )
        _recorder.setdefault(key, features)
    if not learned:
        return confidence, extractor
    rescored = shipped_scorer().confidence(features, confidence)
    return (confidence, extractor) if rescored is None else (rescored, f"{extractor}+{REASON}")
