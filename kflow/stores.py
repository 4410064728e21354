"""Open a store from a spec string: `embedded:PATH` (default) or a bolt:// / neo4j:// URI."""

from __future__ import annotations

import os

from graph.store import GraphStore, StoreError

NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")
DEFAULT_STORE = "embedded:./kflow-data"


def resolve_spec(spec: str | None) -> str:
    """The store spec in force: the argument, else `KFLOW_STORE`, else the embedded default."""
    return spec or os.environ.get("KFLOW_STORE") or DEFAULT_STORE


def describe(spec: str | None) -> str:
    """A spec safe to print: any credentials in a URI are dropped."""
    spec = resolve_spec(spec)
    if "@" in spec and spec.startswith(NEO4J_SCHEMES):
        scheme, rest = spec.split("://", 1)
        return f"{scheme}://{rest.split('@', 1)[1]}"
    return spec


def open_store(spec: str | None = None, read_only: bool = False) -> GraphStore:
    spec = resolve_spec(spec)
    if spec.startswith("embedded:"):
        from graph.embedded import EmbeddedStore

        return EmbeddedStore(spec.removeprefix("embedded:") or "./kflow-data", read_only=read_only)
    if spec.startswith(NEO4J_SCHEMES):
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore.from_uri(spec, read_only=read_only)
    raise StoreError(f"unknown store {spec!r}: use embedded:PATH or a bolt:// / neo4j:// URI (with +s or +ssc for TLS)")
