"""Both learned components' environment switches, checked once when an extractor is made.

Each switch is read again per claim (so a test may flip it), but a mistyped value ("KFLOW_CLAIM_SCORER=lerned")
should stop a load before its first file with one message, rather than fail every file with the same one.
"""

from __future__ import annotations

from loaders.extract.learned.relation_hook import chosen_classifier
from loaders.extract.learned.scorer import chosen_scorer


def check() -> None:
    """Raise `ScorerError` naming the variable and the allowed values when either switch is malformed."""
    chosen_scorer()
    chosen_classifier()
