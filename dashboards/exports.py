"""Export-page logic: GraphML for Gephi, CSV of nodes and claims, a chronology CSV, RDF via graph.rdf.

CSV cells are spreadsheet-safe by default (graph/csv_tables.py: a leading = + - @ gets a `'`),
so text from documents cannot become a formula; the raw tables are for `kflow import`.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import pandas as pd

from graph import csv_tables
from graph.corrected import corrected
from graph.graphml import store_graphml, subgraph_graphml
from graph.model import Claim, Node
from graph.store import GraphStore, Subgraph


def nodes_csv(nodes: Iterable[Node], spreadsheet_safe: bool = True) -> bytes:
    """Nodes, one per row (a Source's full text left out: it is in the store and the RDF export)."""
    return csv_tables.nodes_csv(nodes, spreadsheet_safe)


def claims_csv(claims: Iterable[Claim], nodes: Iterable[Node] = (), spreadsheet_safe: bool = True) -> bytes:
    """Claims, one per row, with their ends' names, their source's title (from `nodes`) and their review status."""
    names, titles = {}, {}
    for node in nodes:
        names[node.id] = node.name
        if node.label == "Source":
            titles[node.id] = node.props.get("title") or node.name
    return csv_tables.claims_csv(claims, names, titles, spreadsheet_safe)


def store_nodes(store: GraphStore) -> Iterable[Node]:
    """Every node as corrected: a node merged into another is left out (graph/corrected.py)."""
    for batch in corrected(store).iter_nodes():
        yield from batch


def store_claims(store: GraphStore) -> Iterable[Claim]:
    """Every claim as corrected: rejected, superseded and withdrawn claims are left out (graph/corrected.py)."""
    for batch in corrected(store).iter_claims():
        yield from batch


def store_csv(store: GraphStore, spreadsheet_safe: bool = True) -> tuple[bytes, bytes]:
    """The whole store as corrected, denials kept (polarity negated), as (nodes.csv, claims.csv); raw
    when `spreadsheet_safe` is off (for `kflow import`), as `kflow export-csv` writes them."""
    return csv_tables.store_tables(corrected(store).with_denials(), spreadsheet_safe)


def chronology_csv(table: pd.DataFrame) -> bytes:
    return csv_tables.write_csv(list(table.columns), table.itertuples(index=False, name=None), spreadsheet_safe=True)


def graphml(sub: Subgraph) -> bytes:
    """GraphML of the Explore selection, named for Gephi (graph/graphml.py)."""
    out = io.BytesIO()
    subgraph_graphml(sub, out)
    return out.getvalue()


def whole_graphml(store: GraphStore) -> bytes:
    """GraphML of the whole store."""
    out = io.BytesIO()
    store_graphml(corrected(store), out)
    return out.getvalue()


def rdf(store: GraphStore, format: str) -> bytes:
    """The whole store as RDF (graph.rdf: PROV-O qualified claims, streamed by pyoxigraph)."""
    from graph.rdf import export_rdf

    out = io.BytesIO()
    export_rdf(store, out, format=format)
    return out.getvalue()
