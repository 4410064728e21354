"""`kflow grade source | claim | history`: grade a Source's reliability or a claim's credibility by hand.

Each grade is kept as an auditable record (who, when, why; graph/grades.py) that wins over the
grades a sidecar gave on load; `clear` as the grade gives the sidecar's back.
"""

from __future__ import annotations

import json

import click

from graph.grades import hand_grades, set_claim_grade, set_source_grade
from graph.grading import GradeError
from graph.store import StoreError
from graph.stores import open_store
from kflow.grade_options import grades_option
from kflow.stores import store_option
from kflow.terminal import fail, visible

CLEAR = "clear"
by_option = click.option("--by", help="Who grades (default: $USER).")
reason_option = click.option("--reason", default="", help="Why: kept with the grade.")


@click.group("grade")
def grade_group() -> None:
    """Grade sources (reliability) and claims (credibility); answers can then be filtered by grade."""


def _grade(store_spec: str | None, work) -> None:
    try:
        store = open_store(store_spec)
    except StoreError as error:
        fail(str(error))
    try:
        record = work(store)
    except (GradeError, StoreError) as error:
        fail(str(error))
    finally:
        store.close()
    body = record.body
    shown = body["grade"] or "cleared (the sidecar's grade stands)"
    click.echo(visible(f"{body['target']}: {body['scale']} grade {shown} by {body['who']} ({record.id})"))


@grade_group.command("source")
@click.argument("source_id")
@click.argument("grade")
@click.option(
    "--information",
    is_flag=True,
    help="Grade the credibility of every claim drawn from this Source instead of its reliability.",
)
@by_option
@reason_option
@grades_option
@store_option
def grade_source(source_id, grade, information, by, reason, store_spec) -> None:
    """Set SOURCE_ID's reliability grade to GRADE (e.g. B), or `clear` it."""
    scale = "information" if information else "source"
    value = None if grade.lower() == CLEAR else grade
    _grade(store_spec, lambda store: set_source_grade(store, source_id, scale, value, by=by, why=reason))


@grade_group.command("claim")
@click.argument("claim_id")
@click.argument("grade")
@by_option
@reason_option
@grades_option
@store_option
def grade_claim(claim_id, grade, by, reason, store_spec) -> None:
    """Set CLAIM_ID's credibility grade to GRADE (e.g. 2), or `clear` it."""
    value = None if grade.lower() == CLEAR else grade
    _grade(store_spec, lambda store: set_claim_grade(store, claim_id, value, by=by, why=reason))


@grade_group.command("history")
@click.option("--json", "as_json", is_flag=True, help="One JSON list of the grade records.")
@store_option
def grade_history(as_json, store_spec) -> None:
    """Every grade set by hand, oldest first: what, who, when, why."""
    try:
        store = open_store(store_spec, read_only=True)
    except StoreError as error:
        fail(str(error))
    try:
        records = hand_grades(store)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps([{"id": r.id, "at": r.at, **r.body} for r in records], indent=2, ensure_ascii=False))
        return
    for r in records:
        b = r.body
        line = f"{r.at}  {b['target']}  {b['scale']}={b['grade'] or CLEAR}  by {b['who']}"
        click.echo(visible(line + (f"  ({b['why']})" if b["why"] else "")))
