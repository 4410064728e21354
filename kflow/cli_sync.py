"""`kflow sync`: copy a whole graph between stores, e.g. a laptop's embedded store to a team Neo4j."""

from __future__ import annotations

import sys

import click

from graph.store import StoreError
from graph.stores import describe, open_store, resolve_spec
from graph.sync import DEFAULT_PAGE, copy_graph
from kflow.terminal import fail


@click.command()
@click.option("--from", "from_spec", required=True, help="Store to read: embedded:PATH or a bolt:// / neo4j:// URI.")
@click.option("--to", "to_spec", required=True, help="Store to write (created if it is a new embedded path).")
@click.option(
    "--batch-size",
    default=DEFAULT_PAGE,
    show_default=True,
    type=click.IntRange(min=1),
    help="Nodes or claims per page; each page is one transaction in the target.",
)
def sync(from_spec: str, to_spec: str, batch_size: int) -> None:
    """Copy every node and claim from one store into another.

    Idempotent: running it again adds nothing, and an interrupted copy is completed by rerunning it.
    Credentials for Neo4j come from NEO4J_USER / NEO4J_PASSWORD.

    Example: kflow sync --from embedded:./kflow-data --to bolt://team-server:7687
    """
    if resolve_spec(from_spec) == resolve_spec(to_spec):
        fail(f"--from and --to are the same store ({describe(from_spec)})")
    source = target = None
    try:
        source = open_store(from_spec, read_only=True)
        target = open_store(to_spec)
        counts = source.counts()
        total = counts.total_nodes + counts.total_claims
        with click.progressbar(length=total, label="Copying", file=sys.stderr, show_pos=True) as bar:
            result = copy_graph(source, target, batch_size, progress=bar.update)
    except StoreError as error:
        fail(str(error))
    finally:
        for store in (source, target):
            if store is not None:
                store.close()
    click.echo(
        f"copied {result.nodes_read} nodes ({result.nodes_added} added, {result.nodes_updated} updated) and "
        f"{result.claims_read} claims ({result.claims_added} added, {result.claims_skipped} already there) "
        f"and {result.records} investigator record(s) (grades, investigations) and {result.corrections} correction(s) "
        f"from {describe(from_spec)} to {describe(to_spec)}"
    )


commands = [sync]
