"""`kflow trace | first-knowledge | timeline | gaps | brokers`: questions about who knew what, when.

Each command asks the library's question layer (`graph.analysis.questions`, which the app asks
too) and prints a table of dated, quoted evidence, or JSON with `--json`. An ambiguous name lists
the candidates and exits 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import click

from graph.analysis import AnalysisError
from graph.analysis.date_windows import claim_date
from graph.analysis.errors import AmbiguousName, NodeNotFound
from graph.analysis.evidence import node_name, short_quote
from graph.analysis.graded import knowledge_grade, path_grade
from graph.analysis.questions import ask_brokers, ask_first_knowledge, ask_gaps, ask_timeline, ask_trace
from graph.corrected import corrected
from graph.model import Claim
from graph.store import GraphStore, StoreError
from graph.stores import open_store
from kflow.date_options import claims_since_option, claims_until_option
from kflow.grade_options import grades_option, min_grade_option
from kflow.json_usage import JsonUsageCommand
from kflow.stores import store_option
from kflow.terminal import fail, visible

json_option = click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Machine-readable output (errors too: {"error": ...} on stdout, exit 1; 2 for a usage error).',
)


@contextmanager
def _analysis(store_spec: str | None, as_json: bool = False) -> Iterator[GraphStore]:
    """A read-only store, as corrected; expected failures become one clear line (a JSON object with
    `--json`) and exit status 1."""
    try:
        store = corrected(open_store(store_spec, read_only=True))
    except StoreError as error:
        _fail(error, as_json)
    try:
        yield store
    except AmbiguousName as error:
        if as_json:
            _fail(error, as_json)
        click.echo(f"error: {_clean(repr(error.name))} is ambiguous; did you mean one of:", err=True)
        for cid, label, name in error.candidates:
            click.echo(f"  {_clean(name)}  ({label}, {_clean(cid)})", err=True)
        sys.exit(1)
    except (AnalysisError, StoreError) as error:
        _fail(error, as_json)
    finally:
        store.close()


def _fail(error: Exception, as_json: bool) -> NoReturn:
    """Report an expected error: one line on stderr, or with `--json` one JSON object on stdout
    (what a script reading the output parses), exit status 1 either way."""
    if not as_json:
        fail(str(error))
    found: dict[str, Any] = {"error": str(error), "kind": type(error).__name__}
    if isinstance(error, AmbiguousName):
        found["candidates"] = [{"id": i, "label": label, "name": name} for i, label, name in error.candidates]
    if isinstance(error, NodeNotFound):
        found["suggestions"] = [{"id": i, "label": label, "name": name} for i, label, name in error.suggestions]
    _echo_json(found)
    sys.exit(1)


def _clean(text: str) -> str:
    """One line, control characters made visible, so document text cannot forge terminal output."""
    return visible(text.replace("\n", " ").replace("\t", " ").replace("\r", " "))


def _claim_line(G, claim: Claim, indent: str = "  ") -> str:
    who = f"{node_name(G, claim.from_id)} {claim.type} {node_name(G, claim.to_id)}"
    return f"{indent}{claim_date(claim):<22} {_clean(who)}\n{indent}{'':<22} \u201c{_clean(short_quote(claim.sentence))}\u201d [{claim.source_id}]"


def _echo_json(value) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False, default=str))


@click.command("trace", cls=JsonUsageCommand)
@click.argument("source")
@click.argument("target")
@click.option("--topic", help="Only flows through documents concerning this topic.")
@claims_since_option
@claims_until_option
@click.option(
    "--allow-undated",
    is_flag=True,
    help="Let undated hops into paths (they are marked; a --since/--until window still leaves them out).",
)
@click.option("--limit", default=10, show_default=True, help="At most this many paths.")
@min_grade_option
@grades_option
@store_option
@json_option
def trace_command(source, target, topic, since, until, allow_undated, limit, min_grade, store_spec, as_json) -> None:
    """Time-respecting flows from SOURCE to TARGET (bodies or documents), shortest first."""
    with _analysis(store_spec, as_json) as store:
        answer = ask_trace(store, source, target, topic, since, until, allow_undated, limit, min_grade)
        grades = [path_grade(answer.graph, p) for p in answer.result]  # looked up while the store is open
    a, b, paths, G = answer.source, answer.target, answer.result, answer.graph
    if as_json:
        _echo_json(
            {
                "from": a.id,
                "from_name": a.name,
                "to": b.id,
                "to_name": b.name,
                "topic": topic,
                "paths": [p.to_dict(G) for p in paths],
                "weakest_grades": grades,  # one per path, in the same order
            }
        )
        return
    if not paths:
        click.echo(
            _clean(f"No time-respecting flow found from {a.name} to {b.name}" + (f" on {topic}" if topic else "") + ".")
        )
        return
    for i, (path, grade) in enumerate(zip(paths, grades, strict=True), 1):
        arrival = path.arrival_text
        marks = f", {path.undated_hops} undated hop(s)" if path.undated_hops else ""
        marks += f", weakest grade {grade}"
        click.echo(
            f"Flow {i}: {' -> '.join(_clean(node_name(G, n)) for n in path.nodes)}  ({len(path.hops)} hops, earliest arrival {arrival}{marks})"
        )
        for hop in path.hops:
            click.echo(_claim_line(G, hop.claim, "    "))
            if hop.corroborating:
                click.echo(
                    f"    {'':<22} also: " + ", ".join(f"{c.source_id} ({claim_date(c)})" for c in hop.corroborating)
                )


@click.command("first-knowledge", cls=JsonUsageCommand)
@click.argument("body")
@click.option("--topic", help="What the knowledge is about (a topic name or part of it).")
@min_grade_option
@grades_option
@store_option
@json_option
def first_knowledge_command(body, topic, min_grade, store_spec, as_json) -> None:
    """When BODY first knew about a topic, on what evidence, and how it got there."""
    with _analysis(store_spec, as_json) as store:
        asked = ask_first_knowledge(store, body, topic, min_grade)
        grade = knowledge_grade(asked.graph, asked.result)  # looked up while the store is open
    answer, G = asked.result, asked.graph
    if as_json:
        _echo_json({**answer.to_dict(G), "weakest_grade": grade})
        return
    about = f" about {topic}" if topic else ""
    if not answer.found:
        click.echo(_clean(f"{answer.body_name}: no evidence found{about}."))
        return
    click.echo(_clean(f"{answer.body_name} first knew{about}: {answer.date}"))
    click.echo(_claim_line(G, answer.claim))
    click.echo(f"  independent sources: {answer.independent_sources} ({len(answer.supporting)} supporting claim(s))")
    click.echo(f"  weakest grade on the chain: {grade}")
    if answer.caveat:
        click.echo(_clean(f"  {answer.caveat}"))
    for claim in answer.possibly_earlier:
        click.echo("  possibly earlier (vaguer date):\n" + _claim_line(G, claim, "    "))
    if answer.chain:
        click.echo(f"  how it got there ({answer.chain_basis}):")
        for path in answer.chain:
            click.echo("   " + " -> ".join(_clean(node_name(G, n)) for n in path.nodes))
            for hop in path.hops:
                click.echo(_claim_line(G, hop.claim, "    "))


@click.command("timeline", cls=JsonUsageCommand)
@click.option("--body", help="Only claims about this body.")
@click.option("--topic", help="Only claims concerning this topic.")
@claims_since_option
@claims_until_option
@min_grade_option
@grades_option
@store_option
@json_option
def timeline_command(body, topic, since, until, min_grade, store_spec, as_json) -> None:
    """Every dated claim in order, with its date as precise as the evidence, its source and quote."""
    with _analysis(store_spec, as_json) as store:
        answer = ask_timeline(store, body, topic, since, until, min_grade)
    entries, G = answer.result, answer.graph
    if as_json:
        _echo_json([e.to_dict(G) for e in entries])
        return
    if not entries:
        click.echo("No dated claims match.")
    for entry in entries:
        click.echo(_claim_line(G, entry.claim, ""))


@click.command("gaps", cls=JsonUsageCommand)
@click.option("--topic", help="The topic (default: knowledge of anything).")
@min_grade_option
@grades_option
@store_option
@json_option
def gaps_command(topic, min_grade, store_spec, as_json) -> None:
    """Time from each body's first knowledge to its first later action, and the silences."""
    with _analysis(store_spec, as_json) as store:
        answer = ask_gaps(store, topic, min_grade)
    report, G = answer.result, answer.graph
    if as_json:
        _echo_json(
            {
                "topic": topic,
                "acted": [g.to_dict(G) for g in report.acted],
                "silences": [g.to_dict(G) for g in report.silences],
            }
        )
        return
    click.echo(_clean(f"Gaps between knowing and acting{' on ' + topic if topic else ''}:"))
    if not report.acted:
        click.echo("  none")
    for gap in report.acted:
        click.echo(
            f"  {_clean(gap.body_name)}: knew {claim_date(gap.knowledge)}, acted {claim_date(gap.action)} "
            f"({gap.elapsed})"
        )
        click.echo(_claim_line(G, gap.knowledge, "    "))
        click.echo(_claim_line(G, gap.action, "    "))
    click.echo("Silences (knew, no later action on record):")
    if not report.silences:
        click.echo("  none")
    for gap in report.silences:
        last = f", last heard {claim_date(gap.last_heard)}" if gap.last_heard else ""
        click.echo(f"  {_clean(gap.body_name)}: knew {claim_date(gap.knowledge)}{last}")
        if gap.caveat:
            click.echo(_clean(f"    {gap.caveat}"))
        click.echo(_claim_line(G, gap.knowledge, "    "))


@click.command("brokers", cls=JsonUsageCommand)
@click.option("--top", default=10, show_default=True, help="How many bodies to list.")
@min_grade_option
@grades_option
@store_option
@json_option
def brokers_command(top, min_grade, store_spec, as_json) -> None:
    """Bodies that most flows pass through (betweenness centrality of the body flow graph)."""
    with _analysis(store_spec, as_json) as store:
        ranked = ask_brokers(store, top, min_grade)
        names = {n: (store.get_node(n).name if store.get_node(n) else n) for n, _ in ranked}
    if as_json:
        _echo_json([{"body": n, "name": names[n], "betweenness": s} for n, s in ranked])
        return
    if not ranked:
        click.echo("No body lies between others on a flow.")
    for i, (n, score) in enumerate(ranked, 1):
        click.echo(f"{i:>3}. {score:8.4f}  {_clean(names[n])}  ({n})")


commands = [trace_command, first_knowledge_command, timeline_command, gaps_command, brokers_command]
