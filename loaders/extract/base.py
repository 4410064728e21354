"""The extractor interface: text in, evidenced claims out. Rule-based by default; an LLM one may plug in."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from loaders.document import Document, Extraction


@runtime_checkable
class Extractor(Protocol):
    name: str

    def extract(self, document: Document) -> Extraction:
        """Nodes and claims found in `document.text`; every claim cites `document.source_id`."""
        ...


class NullExtractor:
    """Finds nothing: loads Sources (and reader-structured claims) without text extraction."""

    name = "none"

    def extract(self, document: Document) -> Extraction:
        return Extraction()
