"""The one store interface every backend implements, and the values it returns.

The app, the CLI, analysis and export talk only to this protocol, so the embedded store and
Neo4j are interchangeable; `tests/test_store_contract.py` runs one suite against each.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import pyarrow as pa

from graph.model import Batch, Claim, ClaimLink, Node


class StoreError(RuntimeError):
    """A store could not do what was asked; the message says why in terms a user can act on."""


class ReadOnlyQueryError(StoreError):
    """A query sent through the read-only console tried to write."""


@dataclass(frozen=True)
class UpsertResult:
    nodes_added: int = 0
    nodes_updated: int = 0
    claims_added: int = 0
    claims_skipped: int = 0


@dataclass(frozen=True)
class RemovalResult:
    source_id: str
    claims_removed: int
    nodes_removed: int


@dataclass(frozen=True)
class Counts:
    nodes: dict[str, int]
    claims: dict[str, int]

    @property
    def total_nodes(self) -> int:
        return sum(self.nodes.values())

    @property
    def total_claims(self) -> int:
        return sum(self.claims.values())


@dataclass
class Subgraph:
    nodes: dict[str, Node] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]


@runtime_checkable
class GraphStore(Protocol):
    """What every backend provides. Dates are ISO strings; date filters keep claims whose
    [date_start, date_end] overlaps [since, until]; undated claims pass only when no window is set."""

    dialect: str

    def upsert(self, batch: Batch) -> UpsertResult: ...
    def upsert_columns(self, nodes: pa.Table, claims: pa.Table) -> UpsertResult: ...
    def get_node(self, node_id: str) -> Node | None: ...
    def find_nodes(self, name: str, label: str | None = None, limit: int = 20) -> list[Node]: ...
    def neighbourhood(
        self,
        node_ids: list[str],
        hops: int = 1,
        since: str | None = None,
        until: str | None = None,
        edge_types: list[str] | None = None,
        max_nodes: int = 5000,
    ) -> Subgraph: ...
    def claims_touching(
        self,
        node_ids: list[str],
        edge_types: list[str] | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[Claim]: ...
    def claims(
        self,
        types: list[str] | None = None,
        body: str | None = None,
        since: str | None = None,
        until: str | None = None,
        source_id: str | None = None,
        limit: int | None = None,
    ) -> list[Claim]: ...
    def claims_by_confidence(
        self,
        types: list[str],
        status: str | None = None,
        source_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Claim]: ...  # lowest confidence first, then id; status '' = not reviewed (graph/confidence_page.py)
    def count_by_confidence(
        self, types: list[str], status: str | None = None, source_id: str | None = None
    ) -> int: ...  # how many claims claims_by_confidence pages through
    def counts(self) -> Counts: ...
    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult: ...
    def remove_source(self, source_id: str) -> RemovalResult: ...
    def has_source(self, source_id: str) -> bool: ...
    def sources(self) -> list[Node]: ...
    def iter_nodes(self, batch_size: int = 10_000, labels: Sequence[str] | None = None) -> Iterator[list[Node]]: ...
    def iter_claims(self, batch_size: int = 10_000) -> Iterator[list[Claim]]: ...
    def iter_claim_links(self, batch_size: int = 10_000) -> Iterator[list[ClaimLink]]: ...
    def claim_counts_by_source(self) -> dict[str, int]: ...
    def claims_of_sources(self, source_ids: list[str]) -> list[Claim]: ...
    def claims_by_id(self, claim_ids: list[str]) -> list[Claim]: ...
    # corrections: the store keeps the records and stamps statuses; graph/corrections.py gives them meaning
    def save_correction(self, record: dict[str, Any]) -> None: ...
    def load_corrections(self) -> list[dict[str, Any]]: ...
    def set_claim_status(self, claim_ids: list[str], status: str | None) -> None: ...
    # an investigator's records (graph/records.py): the store keeps them, graph/grades.py and
    # graph/investigations.py give them meaning
    def save_records(self, rows: list[dict[str, Any]]) -> None: ...
    def load_records(self, kind: str | None = None) -> list[dict[str, Any]]: ...
    def delete_record(self, record_id: str) -> None: ...
    def close(self) -> None: ...
