"""The CLI's side of stores: the `--store` option every command takes. Opening and naming a store
is the library's job (`graph.stores`), shared with the app."""

from __future__ import annotations

import click

store_option = click.option(
    "--store",
    "store_spec",
    envvar="KFLOW_STORE",
    default=None,
    help="embedded:PATH (default embedded:./kflow-data) or a bolt:// / neo4j:// URI. Env: KFLOW_STORE.",
)
