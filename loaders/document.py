"""A read document: its text, the metadata that dates it, and offsets for citing evidence."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from graph.model import Claim, Node


class ReadError(ValueError):
    """A file that cannot be read as a document; the message names the file and the reason."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass
class Extraction:
    """Nodes and claims drawn from one document (by a reader's structure or by text extraction)."""

    nodes: list[Node] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def extend(self, other: Extraction) -> None:
        self.nodes.extend(other.nodes)
        self.claims.extend(other.claims)


@dataclass
class Document:
    path: Path
    text: str
    sha256: str
    media_type: str
    title: str | None = None
    published: str | None = None  # ISO date of publication or sending; anchors relative dates
    published_precision: str | None = None  # day | month | year
    url: str | None = None
    note: str | None = None
    publisher: str | None = None  # who issued it (a sidecar's `publisher`): a report's footnotes name it
    reliability: str | None = None  # source grade from the sidecar (graph/grading.py's scheme)
    credibility: str | None = None  # information grade of its claims, from the sidecar
    page_starts: list[int] | None = None  # char offset where each PDF page begins
    warnings: list[str] = field(default_factory=list)
    structured: Extraction = field(default_factory=Extraction)  # claims read from headers or rows

    @property
    def source_id(self) -> str:
        """Content-addressed: the same bytes loaded twice, from any path, are one Source."""
        return f"source:{self.sha256[:16]}"

    def page_of(self, offset: int) -> int | None:
        """1-based page holding a character offset, for PDF evidence; None for unpaged text."""
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset)
