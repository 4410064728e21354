"""`kflow import`: claims extracted elsewhere, as node and claim tables, in one bulk write."""

from __future__ import annotations

from pathlib import Path

import click
import pyarrow as pa

from graph.model import ModelError
from graph.store import StoreError
from graph.stores import describe, open_store
from kflow.stores import store_option
from kflow.terminal import fail
from loaders.tables import SUFFIXES, TableReadError, read_table


def _empty_claims() -> pa.Table:
    return pa.table(
        {name: pa.array([], pa.string()) for name in ("type", "from_id", "to_id", "source_id", "sentence", "extractor")}
        | {
            "char_start": pa.array([], pa.int64()),
            "char_end": pa.array([], pa.int64()),
            "confidence": pa.array([], pa.float64()),
        }
    )


def _empty_nodes() -> pa.Table:
    return pa.table({name: pa.array([], pa.string()) for name in ("id", "label", "name")})


@click.command(name="import")
@click.option(
    "--nodes",
    "nodes_path",
    type=click.Path(path_type=Path),
    help=f"Node table ({' '.join(SUFFIXES)}): id, label, name, aliases, properties.",
)
@click.option(
    "--claims",
    "claims_path",
    type=click.Path(path_type=Path),
    help="Claim table: type, from_id, to_id, source_id, sentence, char_start, char_end, confidence, extractor, dates...",
)
@store_option
def import_tables(nodes_path: Path | None, claims_path: Path | None, store_spec: str | None) -> None:
    """Import nodes and claims from tables, checked like every other write, in one bulk write.

    Every claim keeps its evidence: the source it came from (a Source node, in the node table or
    already stored), the sentence, its character span and a confidence. Any bad row refuses the
    whole import with the file, the field and the row, and leaves the store as it was.
    Importing the same tables again adds nothing. Columns: docs/import.md.

    Example: kflow import --nodes nodes.csv --claims claims.csv
    """
    if nodes_path is None and claims_path is None:
        fail("give --nodes, --claims or both")
    try:
        nodes = read_table(nodes_path) if nodes_path else _empty_nodes()
        claims = read_table(claims_path) if claims_path else _empty_claims()
    except TableReadError as error:
        fail(str(error))
    try:
        store = open_store(store_spec)
    except StoreError as error:
        fail(str(error))
    try:
        result = store.upsert_columns(nodes, claims)
    except ModelError as error:
        fail(f"{_culprit(error, nodes_path, claims_path)}: {error}; nothing was imported")
    except StoreError as error:
        fail(str(error))
    finally:
        store.close()
    click.echo(
        f"imported into {describe(store_spec)}: {result.nodes_added} nodes added, {result.nodes_updated} updated; "
        f"{result.claims_added} claims added, {result.claims_skipped} already there"
    )


def _culprit(error: ModelError, nodes_path: Path | None, claims_path: Path | None) -> str:
    """Which file the refused field belongs to (node fields and claim fields do not overlap but for `id`)."""
    node_fields = {"label", "name", "aliases"}
    if nodes_path and (
        error.field in node_fields or error.field.startswith("props.") or (error.field == "id" and not claims_path)
    ):
        return str(nodes_path)
    if claims_path is None:
        return str(nodes_path)
    return str(claims_path)


commands = [import_tables]
