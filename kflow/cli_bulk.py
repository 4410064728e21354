"""`kflow bulk-import`: a big first load into a fresh Neo4j database with neo4j-admin's offline importer."""

from __future__ import annotations

from pathlib import Path

import click

from graph.store import StoreError
from graph.stores import describe, open_store
from kflow.terminal import fail, visible

DOCKER_IMPORT_DIR = Path("/import")


@click.command(name="bulk-import")
@click.option(
    "--from",
    "source_spec",
    required=True,
    help="The store to copy (embedded:PATH, e.g. filled by `kflow load --cluster`, or a bolt:// URI).",
)
@click.option(
    "--home",
    type=click.Path(path_type=Path, file_okay=False),
    help="Import into this Neo4j server home (the Maven-assembled server: python -m graph.neo4j_server --home DIR).",
)
@click.option(
    "--csv",
    "csv_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Only write the CSV files here and print the neo4j-admin command (for the neo4j docker image).",
)
def bulk_import(source_spec: str, home: Path | None, csv_dir: Path | None) -> None:
    """Copy a store into a fresh Neo4j database with `neo4j-admin database import full`.

    For initial loads of large corpora: many times faster than the transactional path, but it
    replaces the database, which must be offline. Incremental loads go on with `kflow load`.
    See docs/scale.md.

    Example: kflow bulk-import --from embedded:big --home neo4j-server/home
    """
    from graph.neo4j_bulk import BulkImportError, import_command, import_into_home, write_csv

    if (home is None) == (csv_dir is None):
        fail("give exactly one of --home (import now) or --csv (write files for neo4j-admin elsewhere)")
    try:
        source = open_store(source_spec, read_only=True)
    except StoreError as error:
        fail(str(error))
    folder = csv_dir or (home / "import-csv")  # type: ignore[operator]
    try:
        files = write_csv(source.iter_nodes(), source.iter_claims(), folder)
    except StoreError as error:
        fail(str(error))
    finally:
        source.close()
    counts = f"{files.node_count} nodes and {files.claim_count} claims from {visible(describe(source_spec))}"
    if csv_dir is not None:
        mounted = [
            a.replace(str(folder), str(DOCKER_IMPORT_DIR)) if a.startswith("--") else a for a in import_command(files)
        ]
        click.echo(f"wrote {counts} to {visible(str(folder))}; with the server stopped, run:")
        click.echo(f"  neo4j-admin {' '.join(mounted)}")
        click.echo(f"(in the neo4j image, with {visible(str(folder))} mounted at {DOCKER_IMPORT_DIR})")
        return
    try:
        import_into_home(files, home)  # type: ignore[arg-type]
    except BulkImportError as error:
        fail(str(error))
    click.echo(f"imported {counts} into {visible(str(home))}; start the server on it (kflow opens it with its indexes)")


commands = [bulk_import]
