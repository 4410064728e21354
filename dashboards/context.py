"""The app's store handles: one cached read-only store for browsing, a brief writable one for the Load page."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from dashboards.text import md
from graph.corrected import corrected
from graph.model import Node
from graph.store import GraphStore
from graph.stores import describe, open_store, resolve_spec


@st.cache_resource(show_spinner=False)
def _cached_store(spec: str) -> GraphStore:
    return open_store(spec, read_only=True)


_seen_generation: dict[str, tuple] = {}


def get_store() -> GraphStore:
    """The read-only store named by KFLOW_STORE, shared by every session of this server, as corrected.

    A LadybugDB reader keeps the snapshot it opened with: it never sees what a `kflow load` commits
    later. So when the store's files change, the cached reader (and cached results) are dropped and
    a fresh one opened; the old one closes when no session holds it any more."""
    spec = resolve_spec(None)
    generation = store_generation(spec)
    if _seen_generation.setdefault(spec, generation) != generation:
        _seen_generation[spec] = generation
        _cached_store.clear()
        st.cache_data.clear()
    return corrected(_cached_store(spec))  # every page sees the corrected graph (graph/corrected.py)


def store_generation(spec: str) -> tuple:
    """What changes when any process commits to an embedded store: its files' names, sizes and mtimes.
    Empty for a server store, which answers every query with its latest data."""
    if not spec.startswith("embedded:"):
        return ()
    folder = Path(spec.removeprefix("embedded:") or "./kflow-data")
    found = []
    for path in sorted(folder.glob("graph.lbdb*")):
        try:
            info = path.stat()
        except OSError:  # a WAL folded into the main file between listing and stat
            continue
        found.append((path.name, info.st_size, info.st_mtime_ns))
    return tuple(found)


def store_label() -> str:
    return describe(None)


def refresh_store() -> None:
    """Drop the cached reader (and cached query results) so later writes become visible."""
    store = _cached_store(resolve_spec(None))
    _cached_store.clear()
    st.cache_data.clear()
    store.close()


@contextmanager
def writable_store() -> Iterator[GraphStore]:
    """A read-write store for one write. The embedded store allows one writer process; if another
    holds it, open_store raises StoreError naming the holder, which the caller shows as is."""
    store = open_store(None, read_only=False)
    try:
        yield store
    finally:
        store.close()


def data_dir() -> Path:
    """Where the app keeps its own files (annotations, uploads): beside an embedded store, else
    KFLOW_APP_DATA or ./kflow-app-data for a server store."""
    override = os.environ.get("KFLOW_APP_DATA")
    if override:
        return Path(override)
    spec = resolve_spec(None)
    if spec.startswith("embedded:"):
        return Path(spec.removeprefix("embedded:") or "./kflow-data") / "app"
    return Path("./kflow-app-data")


@st.cache_data(show_spinner=False, ttl=60)
def source_titles(_store: GraphStore, spec: str) -> dict[str, str]:
    """Source id -> title, to name the document every quote comes from."""
    return {s.id: s.props.get("title") or s.name for s in _store.sources()}


def titles(store: GraphStore) -> dict[str, str]:
    return source_titles(store, resolve_spec(None))


def node_names(store: GraphStore, ids: set[str], known: dict[str, Node] | None = None) -> dict[str, str]:
    """Display names for ids, looked up only for those not already at hand."""
    names = {i: n.name for i, n in (known or {}).items() if i in ids}
    for node_id in ids - names.keys():
        node = store.get_node(node_id)
        names[node_id] = node.name if node else node_id
    return names


def store_or_stop() -> GraphStore:
    """The store, or a clear message and an early stop when it cannot be opened."""
    from graph.store import StoreError

    try:
        return get_store()
    except StoreError as error:
        st.error(md(f"Cannot open the store {store_label()}: {error}"))
        st.stop()
        raise


def annotations():
    from dashboards.annotations import FILE_NAME, Annotations

    return Annotations(data_dir() / FILE_NAME)
