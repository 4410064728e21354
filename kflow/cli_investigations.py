"""`kflow investigation ...`: named investigations kept in the store (graph/investigations.py).

`save` creates one or adds to it (sources, pinned entities, notes on claims, saved questions);
`export` writes it as one JSON file and `import` reads such a file into a store, so a colleague
(or the team Neo4j) opens the same investigation; the app's Investigation page opens it too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from graph import investigations as inv
from graph.store import GraphStore, StoreError
from graph.stores import open_store
from kflow.stores import store_option
from kflow.terminal import fail, visible


@click.group("investigation")
def investigation_group() -> None:
    """Saved investigations: sources, pinned entities, notes and questions, kept in the store."""


def _with_store(store_spec: str | None, work: Callable[[GraphStore], Any], read_only: bool = False) -> Any:
    try:
        store = open_store(store_spec, read_only=read_only)
    except StoreError as error:
        fail(str(error))
    try:
        return work(store)
    except (inv.InvestigationError, StoreError) as error:
        fail(str(error))
    finally:
        store.close()


@investigation_group.command("save")
@click.argument("name")
@click.option("--source", "sources", multiple=True, help="A Source id the investigation draws on (repeatable).")
@click.option("--pin", "pins", multiple=True, help="A node id to pin (repeatable).")
@click.option("--note", "notes", multiple=True, nargs=2, metavar="CLAIM_ID TEXT", help="A note on a claim.")
@click.option("--trace", "traces", multiple=True, nargs=2, metavar="FROM TO", help="Save a trace question.")
@click.option("--first-knowledge", "bodies", multiple=True, metavar="BODY", help="Save a first-knowledge question.")
@click.option("--min-grade", default=None, help="Minimum grade the saved questions are asked with.")
@store_option
def save_command(name, sources, pins, notes, traces, bodies, min_grade, store_spec) -> None:
    """Create investigation NAME, or add to it."""

    def work(store: GraphStore) -> inv.Investigation:
        found = inv.load_or_new(store, name)
        found.sources += [s for s in sources if s not in found.sources]
        found.pinned += [p for p in pins if p not in found.pinned]
        found.notes.update(dict(notes))
        grade = {"min_grade": min_grade} if min_grade else {}
        found.questions += [inv.Question("trace", {"source": a, "target": b, **grade}) for a, b in traces]
        found.questions += [inv.Question("first_knowledge", {"body": b, **grade}) for b in bodies]
        saved = inv.save(store, found)
        absent = inv.missing(store, saved)
        if absent:
            click.echo(visible(f"note: not in this store (yet): {', '.join(absent)}"), err=True)
        return saved

    saved = _with_store(store_spec, work)
    click.echo(visible(_summary(saved)))


def _summary(found: inv.Investigation) -> str:
    return (
        f"{found.name}: {len(found.sources)} source(s), {len(found.pinned)} pinned, {len(found.notes)} note(s), "
        f"{len(found.questions)} question(s); updated {found.updated_at}"
    )


@investigation_group.command("list")
@store_option
def list_command(store_spec) -> None:
    """The saved investigations."""
    for name in _with_store(store_spec, inv.names, read_only=True):
        click.echo(visible(name))


@investigation_group.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="The investigation as its export file has it.")
@store_option
def show_command(name, as_json, store_spec) -> None:
    """What investigation NAME holds."""
    found = _with_store(store_spec, lambda store: inv.load(store, name), read_only=True)
    if as_json:
        click.echo(inv.to_json(found))
        return
    click.echo(visible(_summary(found)))
    for label, items in (("sources", found.sources), ("pinned", found.pinned)):
        for item in items:
            click.echo(visible(f"  {label}: {item}"))
    for claim_id, note in found.notes.items():
        click.echo(visible(f"  note on {claim_id}: {note}"))
    for question in found.questions:
        click.echo(visible(f"  question: {question.kind} {json.dumps(question.args, ensure_ascii=False)}"))


@investigation_group.command("export")
@click.argument("name")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@store_option
def export_command(name, file, store_spec) -> None:
    """Write investigation NAME to FILE as one JSON file."""
    found = _with_store(store_spec, lambda store: inv.load(store, name), read_only=True)
    try:
        file.write_text(inv.to_json(found), encoding="utf-8")
    except OSError as error:
        fail(f"cannot write {file}: {error.strerror}")
    click.echo(visible(f"wrote {found.name} to {file}"))


@investigation_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as", "rename", default=None, help="Save it under this name instead of its own.")
@click.option("--replace", is_flag=True, help="Replace an investigation of the same name.")
@store_option
def import_command(file, rename, replace, store_spec) -> None:
    """Read an investigation exported to FILE into the store."""
    try:
        if file.stat().st_size > inv.MAX_FILE_BYTES:
            fail(f"{file}: an investigation file is at most {inv.MAX_FILE_BYTES:,} bytes")
        found = inv.from_json(file.read_bytes())
    except inv.InvestigationError as error:
        fail(f"{file}: {error}")
    if rename:
        found.name = rename

    def work(store: GraphStore) -> inv.Investigation:
        if not replace and found.id in {inv.investigation_id(n) for n in inv.names(store)}:
            raise inv.InvestigationError(f"an investigation named {found.name!r} exists: use --replace or --as NAME")
        return inv.save(store, found)

    saved = _with_store(store_spec, work)
    click.echo(visible(_summary(saved)))


@investigation_group.command("delete")
@click.argument("name")
@store_option
def delete_command(name, store_spec) -> None:
    """Delete investigation NAME (export it first to keep a copy)."""
    _with_store(store_spec, lambda store: inv.delete(store, name))
    click.echo(visible(f"deleted {name}"))
