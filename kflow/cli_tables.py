"""`kflow export-graphml` and `kflow export-csv`: the whole store for Gephi, spreadsheets or `kflow import`."""

from __future__ import annotations

from pathlib import Path

import click

from graph.corrected import corrected
from graph.csv_tables import CsvExportError, store_tables
from graph.graphml import store_graphml
from graph.store import StoreError
from graph.stores import describe, open_store
from kflow.output_files import atomic_output
from kflow.stores import store_option
from kflow.terminal import fail, visible

_OUTPUT = click.Path(dir_okay=False, path_type=Path)


@click.command("export-graphml")
@click.option("-o", "--output", type=_OUTPUT, required=True, help="GraphML file to write (whole or not at all).")
@store_option
def export_graphml(output: Path, store_spec: str | None) -> None:
    """The whole store as GraphML: Gephi shows nodes by name (key `label`), edges by claim type.

    Every claim is an edge with its evidence and dates, as corrected for graph tools: rejected claims,
    merged nodes and denials (claims with polarity negated) are left out; export-csv keeps denials.
    Aliases are joined with `|`. Keys: docs/neo4j.md."""
    try:
        with open_store(store_spec, read_only=True) as store, atomic_output(output) as out:
            nodes, edges = store_graphml(corrected(store), out)
    except (StoreError, OSError) as error:
        fail(str(error))
    click.echo(f"exported {nodes} nodes and {edges} claims from {describe(store_spec)} to {visible(str(output))}")


@click.command("export-csv")
@click.option("--nodes", "nodes_path", type=_OUTPUT, required=True, help="Node table to write (CSV).")
@click.option("--claims", "claims_path", type=_OUTPUT, required=True, help="Claim table to write (CSV).")
@click.option(
    "--spreadsheet-safe",
    is_flag=True,
    help="Prefix cells starting with = + - @ with ' so spreadsheets cannot run them; such files do not re-import exactly.",
)
@store_option
def export_csv(nodes_path: Path, claims_path: Path, spreadsheet_safe: bool, store_spec: str | None) -> None:
    """The whole store as a node table and a claim table that `kflow import` reads back exactly.

    Rejected claims and merged nodes are left out, denials are kept (polarity column: negated), so
    the tables exchange what the sources say. claims.csv also names each claim's ends and source
    (from_name, to_name, source_title; ignored on import). Open raw files in a spreadsheet only
    with --spreadsheet-safe (docs/import.md)."""
    try:
        with open_store(store_spec, read_only=True) as store:
            nodes, claims = store_tables(corrected(store).with_denials(), spreadsheet_safe)
        with atomic_output(nodes_path) as out:
            out.write(nodes)
        with atomic_output(claims_path) as out:
            out.write(claims)
    except (StoreError, CsvExportError, OSError) as error:
        fail(str(error))
    click.echo(
        f"exported the nodes and claims of {describe(store_spec)} to {visible(str(nodes_path))} "
        f"and {visible(str(claims_path))}" + (" (spreadsheet-safe: not for re-import)" if spreadsheet_safe else "")
    )


commands = [export_graphml, export_csv]
