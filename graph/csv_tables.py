"""Nodes and claims as CSV tables that `kflow import` reads back exactly, or guarded for spreadsheets.

Two modes, because one file cannot serve both readers:
- raw (`spreadsheet_safe=False`): every value as stored, so export -> `kflow import` -> export is
  the same store (a sentence starting "- " keeps its dash, so its span still matches the text).
- spreadsheet-safe: a cell starting with = + - @ tab or CR gets a leading `'` so Excel or
  LibreOffice shows it as text instead of running it as a formula (OWASP "CSV injection"). The
  app's download is this mode; such a file is for reading, not for re-import.

Aliases are joined with `|` (loaders/tables.py splits on it). `claims.csv` also carries
`from_name`, `to_name` and `source_title` for people reading it; `kflow import` ignores them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from graph.model import Claim, Node
from graph.schema import SCHEMA
from graph.store import GraphStore

ALIAS_SEPARATOR = "|"
EXTRACTED = "extracted"  # the status column's word for a claim with no review status (graph/review_queue.py)
SPREADSHEET_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
READABLE_CLAIM_COLUMNS = ("from_name", "to_name", "source_title")  # informative; dropped on import
NODE_COLUMNS = ["id", "label", "name", "aliases", *sorted({p for t in SCHEMA.nodes.values() for p in t.properties})]
SPREADSHEET_NODE_COLUMNS = [c for c in NODE_COLUMNS if c != "text"]  # a cell holds at most 32,767 characters
CLAIM_COLUMNS = [
    "id",
    "type",
    "from_id",
    "to_id",
    *READABLE_CLAIM_COLUMNS,
    *[p for p in SCHEMA.claim_properties if p != "id"],
]


class CsvExportError(ValueError):
    """A value the CSV format cannot carry back exactly (the message names it)."""


def spreadsheet_cell(value: object) -> object:
    """A cell a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value.startswith(SPREADSHEET_TRIGGERS):
        return "'" + value
    return value


def node_row(node: Node, columns: list[str] = NODE_COLUMNS) -> list[Any]:
    if any(ALIAS_SEPARATOR in alias for alias in node.aliases):
        raise CsvExportError(
            f"node {node.id!r} has an alias containing {ALIAS_SEPARATOR!r}, the CSV alias separator; "
            "export it with the RDF export instead"
        )
    values = {"id": node.id, "label": node.label, "name": node.name, "aliases": ALIAS_SEPARATOR.join(node.aliases)}
    values.update(node.props)
    return [values.get(c) for c in columns]


def claim_row(claim: Claim, names: dict[str, str], titles: dict[str, str]) -> list[Any]:
    values = claim.to_row()
    values.update(
        from_name=names.get(claim.from_id),
        to_name=names.get(claim.to_id),
        source_title=titles.get(claim.source_id),
        status=claim.status or EXTRACTED,  # a claim never reviewed reads "extracted" (read back as none)
    )
    return [values.get(c) for c in CLAIM_COLUMNS]


def write_csv(header: list[str], rows: Iterable[list[Any]], spreadsheet_safe: bool) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_cell(v) if spreadsheet_safe else v for v in row])
    return out.getvalue().encode("utf-8")


def nodes_csv(nodes: Iterable[Node], spreadsheet_safe: bool = False) -> bytes:
    """Nodes, one per row; spreadsheet-safe tables leave a Source's full text out (it is in the
    store and the RDF export), raw ones keep it so the claims' spans still match on re-import."""
    columns = SPREADSHEET_NODE_COLUMNS if spreadsheet_safe else NODE_COLUMNS
    return write_csv(columns, (node_row(n, columns) for n in nodes), spreadsheet_safe)


def claims_csv(
    claims: Iterable[Claim], names: dict[str, str], titles: dict[str, str], spreadsheet_safe: bool = False
) -> bytes:
    """Claims, one per row, with the names of their ends and the title of their source beside the ids."""
    return write_csv(CLAIM_COLUMNS, (claim_row(c, names, titles) for c in claims), spreadsheet_safe)


def store_tables(store: GraphStore, spreadsheet_safe: bool = False) -> tuple[bytes, bytes]:
    """The whole store as (nodes.csv, claims.csv)."""
    nodes = list(_all(store.iter_nodes()))
    names = {n.id: n.name for n in nodes}
    titles = {n.id: n.props.get("title") or n.name for n in nodes if n.label == "Source"}
    return nodes_csv(nodes, spreadsheet_safe), claims_csv(_all(store.iter_claims()), names, titles, spreadsheet_safe)


def _all(batches: Iterable[list[Any]]) -> Iterator[Any]:
    for batch in batches:
        yield from batch
