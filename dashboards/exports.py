"""Export-page logic: GraphML for Gephi, CSV of nodes and claims, a chronology CSV, RDF via graph.rdf.

Every CSV cell goes through `csv_cell`, so text from documents cannot become a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

import networkx as nx
import pandas as pd

from dashboards.text import csv_cell, xml_safe
from graph.corrected import corrected
from graph.model import Claim, Node
from graph.review_queue import status_of
from graph.schema import SCHEMA
from graph.store import GraphStore, Subgraph

NODE_COLUMNS = [
    "id",
    "label",
    "name",
    "aliases",
    *sorted({p for t in SCHEMA.nodes.values() for p in t.properties} - {"text"}),
]
# Names beside ids, the source's title and the review status (blank status: unreviewed) for a reader of the CSV.
CLAIM_COLUMNS = [
    "id",
    "type",
    "from_id",
    "from_name",
    "to_id",
    "to_name",
    "source_title",
    *[p for p in SCHEMA.claim_properties if p != "id"],
]


def _csv(header: list[str], rows: Iterable[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8")


def _node_row(node: Node) -> list:
    values = {"id": node.id, "label": node.label, "name": node.name, "aliases": "; ".join(node.aliases), **node.props}
    return [values.get(c) for c in NODE_COLUMNS]


def _claim_row(claim: Claim, names: dict[str, str], titles: dict[str, str]) -> list:
    values = claim.to_row()
    values["from_name"] = names.get(claim.from_id, claim.from_id)
    values["to_name"] = names.get(claim.to_id, claim.to_id)
    values["source_title"] = titles.get(claim.source_id, claim.source_id)
    values["status"] = status_of(claim)
    return [values.get(c) for c in CLAIM_COLUMNS]


def nodes_csv(nodes: Iterable[Node]) -> bytes:
    """Nodes, one per row (a Source's full text left out: it is in the store and the RDF export)."""
    return _csv(NODE_COLUMNS, (_node_row(n) for n in nodes))


def claims_csv(claims: Iterable[Claim], nodes: Iterable[Node] = ()) -> bytes:
    """Claims, one per row, with their ends' names and their source's title taken from `nodes`."""
    names, titles = {}, {}
    for node in nodes:
        names[node.id] = node.name
        if node.label == "Source":
            titles[node.id] = node.props.get("title") or node.name
    return _csv(CLAIM_COLUMNS, (_claim_row(c, names, titles) for c in claims))


def store_nodes(store: GraphStore) -> Iterable[Node]:
    """Every node as corrected: a node merged into another is left out (graph/corrected.py)."""
    for batch in corrected(store).iter_nodes():
        yield from batch


def store_claims(store: GraphStore) -> Iterable[Claim]:
    """Every claim as corrected: rejected, superseded and withdrawn claims are left out (graph/corrected.py)."""
    for batch in corrected(store).iter_claims():
        yield from batch


def chronology_csv(table: pd.DataFrame) -> bytes:
    return _csv(list(table.columns), table.itertuples(index=False, name=None))


def graphml(sub: Subgraph) -> bytes:
    """GraphML of a subgraph (nodes with label and name, one edge per claim with its evidence),
    readable by Gephi; values are strings or numbers, never None, and free of XML-illegal characters."""
    G = nx.MultiDiGraph()
    for node in sub.nodes.values():
        attrs = {"label": node.label, "name": node.name, "aliases": "; ".join(node.aliases)}
        attrs.update({k: v for k, v in node.props.items() if k != "text" and v is not None})
        G.add_node(node.id, **_clean(attrs))
    for claim in sub.claims.values():
        if claim.from_id in G and claim.to_id in G:
            attrs = {k: v for k, v in claim.to_row().items() if k not in ("from_id", "to_id") and v is not None}
            G.add_edge(claim.from_id, claim.to_id, key=claim.id, **_clean(attrs))
    out = io.BytesIO()
    nx.write_graphml(G, out, encoding="utf-8")
    return out.getvalue()


def _clean(attrs: dict) -> dict:
    return {
        k: xml_safe(v) if isinstance(v, str) else v for k, v in attrs.items() if isinstance(v, (str, int, float, bool))
    }


def rdf(store: GraphStore, format: str) -> bytes:
    """The whole store as RDF (graph.rdf: PROV-O qualified claims, streamed by pyoxigraph)."""
    from graph.rdf import export_rdf

    out = io.BytesIO()
    export_rdf(store, out, format=format)
    return out.getvalue()
