"""`kflow resolve`: list the merges cross-document resolution proposes for a whole store.

It only lists them (text or `--json`); applying a merge is the corrections layer's job, which
records it and can undo it.
"""

from __future__ import annotations

import json

import click

from graph.store import StoreError
from graph.stores import describe, open_store
from kflow.stores import store_option
from kflow.terminal import fail, visible


@click.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output: a list of candidates.")
def resolve(store_spec: str | None, as_json: bool) -> None:
    """Propose merges of nodes that are one body, person, report or topic across documents."""
    from loaders.cross_resolve import find_duplicates

    try:
        store = open_store(store_spec, read_only=True)
        try:
            nodes = [node for batch in store.iter_nodes() for node in batch]
            claims = [claim for batch in store.iter_claims() for claim in batch]
        finally:
            store.close()
    except StoreError as error:
        fail(str(error))
    candidates = find_duplicates(nodes, claims)
    if as_json:
        click.echo(json.dumps([c.to_dict() for c in candidates], ensure_ascii=False))
        return
    names = {n.id: n.name for n in nodes}
    click.echo(f"{len(candidates)} merge candidates in {visible(describe(store_spec))}")
    for c in candidates:
        click.echo(
            f"{c.score:.2f} {c.rule}: keep {visible(names[c.keep_id])!r} ({c.keep_id}), "
            f"merge {visible(names[c.merge_id])!r} ({c.merge_id}): {visible(c.evidence)}"
        )


commands = [resolve]
