"""`kflow conflicts`: facts the sources date differently, and how many independent sources agree on the rest."""

from __future__ import annotations

import json

import click

from graph.analysis.evidence import short_quote
from graph.analysis.questions import ask_facts
from kflow.cli_analysis import _analysis, json_option
from kflow.date_options import claims_since_option, claims_until_option
from kflow.json_usage import JsonUsageCommand
from kflow.stores import store_option
from kflow.terminal import visible


@click.command("conflicts", cls=JsonUsageCommand)
@click.option("--body", help="Only facts about this body.")
@click.option("--topic", help="Only facts concerning this topic.")
@claims_since_option
@claims_until_option
@click.option("--all", "show_all", is_flag=True, help="Also list the facts the sources agree on, with their count.")
@store_option
@json_option
def conflicts_command(body, topic, since, until, show_all, store_spec, as_json) -> None:
    """Facts the sources date differently, with both sentences; agreeing sources counted.

    A fact is a claim type with its two ends; its claims whose dates cannot all be true, or a
    claim and a source's denial of it ("never received"), are a conflict, each side with its
    sentences and sources. With --all, facts stated more than once
    that agree, and how many independent sources state them."""
    with _analysis(store_spec, as_json) as store:
        answer = ask_facts(store, body, topic, since, until)
    shown = [f for f in answer.result if f.conflicting or (show_all and len(f.claims) > 1)]
    if as_json:
        click.echo(json.dumps([f.to_dict(answer.graph) for f in shown], ensure_ascii=False))
        return
    if not shown:
        click.echo("no conflicting dates or denials" + (" and no fact stated twice" if show_all else ""))
    for fact in shown:
        click.echo(("CONFLICT  " if fact.conflicting else "agree     ") + visible(fact.describe()))
        for side, claims in fact.sides():
            for claim in claims:
                click.echo(f"  {side:<22} “{visible(short_quote(claim.sentence))}” [{claim.source_id}]")
