"""Text extraction: the default extractor used by `kflow load`."""

from __future__ import annotations

from loaders.extract.base import Extractor, NullExtractor


def default_extractor() -> Extractor:
    """The extractor `kflow load` uses unless told otherwise."""
    return NullExtractor()
