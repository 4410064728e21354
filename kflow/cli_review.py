"""`kflow review`, `kflow merge`, `kflow split`: the corrections layer (graph/corrections.py) from the shell."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

from graph import corrections
from graph.correction_record import Correction
from graph.model import ModelError
from graph.store import GraphStore, StoreError
from graph.stores import open_store
from kflow.stores import store_option
from kflow.terminal import fail, visible

json_option = click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
by_option = click.option("--by", default=None, help="Who makes the correction (default: $USER).")


def reason_option(required: bool) -> Callable:
    return click.option(
        "--reason", default="", required=required, help="Why: the evidence or reasoning (kept with the correction)."
    )


def claim_field_options(command: Callable) -> Callable:
    """The claim fields `edit` and `add` share: its dates and their precision, then why, who and where."""
    for option in reversed(
        [
            click.option("--date-start", help="ISO date."),
            click.option("--date-end", help="ISO date."),
            click.option("--precision", help="day, month, year or decade."),
            reason_option(True),
            by_option,
            store_option,
            json_option,
        ]
    ):
        command = option(command)
    return command


@contextmanager
def _store(store_spec: str | None, read_only: bool = False) -> Iterator[GraphStore]:
    """A store; expected failures become one clear line and exit status 1."""
    try:
        store = open_store(store_spec, read_only=read_only)
    except StoreError as error:
        fail(str(error))
    try:
        yield store
    except (corrections.CorrectionError, ModelError, StoreError) as error:
        fail(str(error))
    finally:
        store.close()


def _done(correction: Correction, as_json: bool, words: str) -> None:
    if as_json:
        click.echo(json.dumps(correction.to_record() | {"payload": correction.payload}))
        return
    click.echo(
        f"{words} ({correction.id}, by {visible(correction.who)}); undo with `kflow review revert {correction.id}`"
    )


@click.group("review")
def review() -> None:
    """Review stored claims: list them (lowest confidence first), accept, reject, edit, add, revert."""


@review.command("list")
@click.option("--status", help="Only claims with this status (extracted, accepted, rejected, superseded, withdrawn).")
@click.option("--source", "source_id", help="Only claims from this source id.")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, help="Skip this many claims first (the next page).")
@store_option
@json_option
def list_command(
    status: str | None, source_id: str | None, limit: int, offset: int, store_spec: str | None, as_json: bool
) -> None:
    """Claims to review, lowest confidence first, with their names, source title and status."""
    from graph.review_queue import review_rows

    with _store(store_spec, read_only=True) as store:
        rows = review_rows(store, status=status, source_id=source_id, limit=limit, offset=offset)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row))
        return
    for row in rows:
        click.echo(
            f"{row['confidence']:.2f}  {row['status']:<10} {row['id']}  {visible(row['from_name'])} "
            f"-{row['type']}-> {visible(row['to_name'])}  [{visible(row['source_title'])}] "
            f"{visible(row['sentence'].replace(chr(10), ' '))[:160]}"
        )
    click.echo(f"({len(rows)} claims)", err=True)


def _status_command(name: str, make: Callable, words: str) -> click.Command:
    @click.command(name)
    @click.argument("claim_id")
    @reason_option(False)
    @by_option
    @store_option
    @json_option
    def command(claim_id: str, reason: str, by: str | None, store_spec: str | None, as_json: bool) -> None:
        with _store(store_spec) as store:
            done = make(store, claim_id, by=by, reason=reason)
        _done(done, as_json, f"{words} {claim_id}")

    command.help = f"{name.capitalize()} a claim: it stays stored, marked {words}."
    return command


review.add_command(_status_command("accept", corrections.accept_claim, "accepted"))
review.add_command(_status_command("reject", corrections.reject_claim, "rejected"))


@review.command("edit")
@click.argument("claim_id")
@click.option("--type", "type_", help="The claim's correct type (SENT, RECEIVED, ...).")
@click.option("--from", "from_id", help="The correct subject node id.")
@click.option("--to", "to_id", help="The correct object node id.")
@claim_field_options
def edit_command(claim_id, type_, from_id, to_id, date_start, date_end, precision, reason, by, store_spec, as_json):
    """Correct a claim's type, ends or dates; the original stays stored as superseded."""
    with _store(store_spec) as store:
        done = corrections.edit_claim(
            store,
            claim_id,
            by=by,
            reason=reason,
            type=type_,
            from_id=from_id,
            to_id=to_id,
            date_start=date_start,
            date_end=date_end,
            date_precision=precision,
        )
    _done(done, as_json, f"edited {claim_id} into {done.targets[1]}")


@review.command("add")
@click.argument("claim_type")
@click.argument("from_id")
@click.argument("to_id")
@click.option("--source", "source_id", required=True, help="The source id whose text supports the claim.")
@click.option("--quote", required=True, help="The supporting passage, copied exactly from the source's text.")
@claim_field_options
def add_command(
    claim_type, from_id, to_id, source_id, quote, date_start, date_end, precision, reason, by, store_spec, as_json
):
    """Add a claim by hand, evidenced by a quoted span of a stored source."""
    with _store(store_spec) as store:
        done = corrections.add_claim(
            store,
            type=claim_type,
            from_id=from_id,
            to_id=to_id,
            source_id=source_id,
            quote=quote,
            by=by,
            reason=reason,
            date_start=date_start,
            date_end=date_end,
            date_precision=precision,
        )
    _done(done, as_json, f"added {done.targets[0]}")


@review.command("revert")
@click.argument("correction_id")
@reason_option(False)
@by_option
@store_option
@json_option
def revert_command(correction_id: str, reason: str, by: str | None, store_spec: str | None, as_json: bool) -> None:
    """Undo a correction (it stays on record, marked reverted)."""
    with _store(store_spec) as store:
        done = corrections.revert(store, correction_id, by=by, reason=reason)
    if as_json:
        click.echo(json.dumps(done.to_record() | {"payload": done.payload}))
        return
    click.echo(f"reverted {done.id} ({done.kind} {' '.join(done.targets)})")


@review.command("history")
@store_option
@json_option
def history_command(store_spec: str | None, as_json: bool) -> None:
    """Every correction, oldest first: who, when, why, and whether it was reverted."""
    with _store(store_spec, read_only=True) as store:
        found = corrections.load(store)
    for c in found:
        if as_json:
            click.echo(json.dumps(c.to_record() | {"payload": c.payload}))
            continue
        reverted = f"  [reverted by {visible(c.reverted_by or '')} at {c.reverted_at}]" if not c.active else ""
        click.echo(
            f"{c.at}  {c.id}  {c.kind:<6} {' '.join(c.targets)}  by {visible(c.who)}: {visible(c.why)}{reverted}"
        )


@click.command("merge")
@click.argument("keep_id", metavar="KEEP")
@click.argument("merge_id", metavar="MERGED")
@reason_option(True)
@by_option
@store_option
@json_option
def merge_command(keep_id: str, merge_id: str, reason: str, by: str | None, store_spec: str | None, as_json: bool):
    """Merge node MERGED into node KEEP (both ids): analyses and exports see one node."""
    with _store(store_spec) as store:
        done = corrections.merge_nodes(store, keep_id, merge_id, by=by, reason=reason)
    _done(done, as_json, f"merged {merge_id} into {keep_id}")


@click.command("split")
@click.argument("node")
@click.option("--claim", "claim_ids", multiple=True, help="A claim id that moves to the new node (repeat).")
@click.option("--name", "new_name", help="The new node's name (with --claim).")
@reason_option(True)
@by_option
@store_option
@json_option
def split_command(node, claim_ids, new_name, reason, by, store_spec, as_json):
    """Split NODE: undo its merge (no --claim), or move the named claims to a new node --name."""
    with _store(store_spec) as store:
        done = corrections.split_node(store, node, by=by, reason=reason, claim_ids=list(claim_ids), new_name=new_name)
    if done.kind == "merge" and not as_json:
        click.echo(f"split {node} from {done.targets[0]} (merge {done.id} reverted)")
    else:
        _done(done, as_json, f"split {len(claim_ids)} claims of {node} into {done.targets[1]}")


commands = [review, merge_command, split_command]
