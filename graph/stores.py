"""Open a store from a spec string: `embedded:PATH` (default) or a bolt:// / neo4j:// URI.

The library's one door to a store, so the CLI and the app open, name and secure it the same way.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from graph.store import GraphStore, StoreError

NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")
DEFAULT_STORE = "embedded:./kflow-data"


def resolve_spec(spec: str | None) -> str:
    """The store spec in force: the argument, else `KFLOW_STORE`, else the embedded default."""
    return spec or os.environ.get("KFLOW_STORE") or DEFAULT_STORE


def describe(spec: str | None) -> str:
    """A spec safe to print: any credentials in a URI are dropped."""
    spec = resolve_spec(spec)
    if spec.startswith(NEO4J_SCHEMES):
        from graph.neo4j_connect import split_credentials

        return split_credentials(spec)[0]  # the same split the connection uses
    return spec


def unprotected_server_warning(uri: str, auth: object) -> str | None:
    """A warning when kflow reached a Neo4j server without credentials (so its auth is off) on an
    address other than loopback: anyone on that network can read and change the graph."""
    host = urlsplit(uri).hostname or ""
    if auth is not None or host == "localhost" or _is_loopback(host):
        return None
    return (
        f"the Neo4j server at {host} accepted a connection without credentials and is not on this machine: "
        "anyone who can reach it can read and change the graph; enable dbms.security.auth_enabled and set NEO4J_USER/NEO4J_PASSWORD"
    )


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


DOTENV_NAMES = ("NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")


def load_dotenv_credentials(path: Path) -> None:
    """Take the Neo4j settings (DOTENV_NAMES) from a `.env` file, never any other variable: a `.env`
    in the working directory must not be able to set PATH, LD_PRELOAD, KFLOW_* or the like.
    The environment wins over the file."""
    if not path.is_file():
        return
    from dotenv import dotenv_values

    for name, value in dotenv_values(path).items():
        if name in DOTENV_NAMES and value is not None and name not in os.environ:
            os.environ[name] = value


def open_store(spec: str | None = None, read_only: bool = False, cache_mb: int | None = None) -> GraphStore:
    """`cache_mb` caps the embedded store's page cache (streaming readers); Neo4j ignores it."""
    spec = resolve_spec(spec)
    if spec.startswith("embedded:"):
        from graph.embedded import EmbeddedStore

        return EmbeddedStore(spec.removeprefix("embedded:") or "./kflow-data", read_only=read_only, cache_mb=cache_mb)
    if spec.startswith(NEO4J_SCHEMES):
        from graph.neo4j_store import Neo4jStore

        load_dotenv_credentials(Path.cwd() / ".env")

        store = Neo4jStore.from_uri(spec, read_only=read_only)
        warning = unprotected_server_warning(store.connection.uri, store.connection.auth)
        if warning:
            print(f"warning: {warning}", file=sys.stderr)
        return store
    raise StoreError(f"unknown store {spec!r}: use embedded:PATH or a bolt:// / neo4j:// URI (with +s or +ssc for TLS)")
