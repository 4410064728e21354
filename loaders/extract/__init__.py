"""Text extraction: the default extractor used by `kflow load`."""

from __future__ import annotations

from loaders.extract.base import Extractor, NullExtractor


def default_extractor() -> Extractor:
    """The extractor `kflow load` uses unless told otherwise: the offline rule-based one.

    The spaCy model loads lazily on first use and once per process."""
    from loaders.extract.rules import RuleExtractor

    return RuleExtractor()


__all__ = ["Extractor", "NullExtractor", "default_extractor"]
