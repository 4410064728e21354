"""The extractor interface: text in, evidenced claims out. Rule-based by default; an LLM one may plug in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from loaders.document import Document, Extraction


@runtime_checkable
class Extractor(Protocol):
    """What the pipeline calls. A subclass inherits `warm` and `extract_batch`; a model-backed
    extractor overrides them to load once before forking and to parse many documents per call."""

    name: str

    def extract(self, document: Document) -> Extraction:
        """Nodes and claims found in `document.text`; every claim cites `document.source_id`."""
        ...

    def warm(self) -> None:
        """Load models and caches now, so processes forked afterwards share them (nothing by default)."""

    def extract_batch(self, documents: Sequence[Document]) -> list[Extraction]:
        """Extractions in input order, the same as `extract` on each document."""
        return [self.extract(document) for document in documents]


class NullExtractor(Extractor):
    """Finds nothing: loads Sources (and reader-structured claims) without text extraction."""

    name = "none"

    def extract(self, document: Document) -> Extraction:
        return Extraction()
