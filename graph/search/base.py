"""What full-text search returns and accepts, the same on every backend.

A backend (SQLite FTS5 beside the embedded store, Neo4j's full-text index) only finds and ranks
Sources; the hits, their filters and their highlighted snippets are shaped here so the CLI, the
app and the tests see one answer whatever store is open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from graph.schema import SCHEMA
from graph.store import StoreError


class SearchError(StoreError):
    """A search could not run (bad query, bad filter, unreadable index); the message says why."""


@dataclass(frozen=True)
class SearchFilters:
    """Narrow a search. Dates compare with the Source's publication date (ISO, inclusive);
    `media_types` is the document type (text/plain, application/pdf, message/rfc822, ...);
    `entity_ids` keeps documents with a claim touching any of these nodes; `claim_types` keeps
    documents holding a claim of any of these types."""

    since: str | None = None
    until: str | None = None
    media_types: tuple[str, ...] = ()
    entity_ids: tuple[str, ...] = ()
    claim_types: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.since or self.until:  # read as the analyses read a window, with their message for a bad date
            from graph.analysis.date_bounds import DateWindowError, window  # graph.analysis loads networkx: late

            try:
                since, until = window(self.since, self.until)
            except DateWindowError as error:
                raise SearchError(str(error)) from None
            object.__setattr__(self, "since", since)
            object.__setattr__(self, "until", until)  # the last day of a year or month, as a full date compares
        unknown = [t for t in self.claim_types if t not in SCHEMA.edges]
        if unknown:
            raise SearchError(f"unknown claim type(s) {', '.join(unknown)}; known: {', '.join(SCHEMA.edges)}")


@dataclass(frozen=True)
class Snippet:
    """A window of a document's text around matches: `parts` alternate plain text and matches
    (`True` marks a match); `start`/`end` are the first match's offsets in the full text, so a
    viewer can open the document there."""

    parts: tuple[tuple[str, bool], ...]
    start: int
    end: int

    def plain(self, mark: tuple[str, str] = ("[", "]")) -> str:
        return "".join(f"{mark[0]}{text}{mark[1]}" if hit else text for text, hit in self.parts)


@dataclass(frozen=True)
class SearchHit:
    source_id: str
    title: str
    score: float
    path: str | None = None
    published: str | None = None
    media_type: str | None = None
    snippets: list[Snippet] = field(default_factory=list)


class TextSearch(Protocol):
    """One backend's search: `query` in the syntax of `graph.search.query` (words, "phrases",
    prefix*), best first, at most `limit` hits."""

    def search(self, query: str, filters: SearchFilters | None = None, limit: int = 20) -> list[SearchHit]: ...
    def close(self) -> None: ...
