"""`kflow report`: a written chronology (Markdown, DOCX, PDF) for a body, a topic or a trace."""

from __future__ import annotations

from pathlib import Path

import click

from graph.report.build import body_chronology, topic_chronology, trace_chronology
from graph.report.write import FORMATS, write_chronology
from kflow.cli_analysis import _analysis
from kflow.date_options import claims_since_option, claims_until_option
from kflow.grade_options import grades_option, min_grade_option
from kflow.stores import store_option
from kflow.terminal import fail, visible


@click.command("report")
@click.option("--body", help="A chronology of this body (with --topic: only on that topic).")
@click.option("--topic", help="A chronology of this topic, or the topic a body's or trace's chronology keeps to.")
@click.option("--trace", nargs=2, metavar="SOURCE TARGET", help="A chronology of the flows from SOURCE to TARGET.")
@claims_since_option
@claims_until_option
@click.option(
    "--format",
    "formats",
    type=click.Choice(FORMATS),
    multiple=True,
    help="Format to write (repeatable; default: all three).",
)
@click.option(
    "--out",
    "stem",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("chronology"),
    show_default=True,
    help="Path without extension: writes OUT.md, OUT.docx, OUT.pdf.",
)
@min_grade_option
@grades_option
@store_option
def report(body, topic, trace, since, until, formats, stem: Path, min_grade, store_spec) -> None:
    """Write a chronology (Markdown, DOCX, PDF) for a body, a topic or a trace, with quotes and sources.

    One dated entry per event with its quote and numbered source notes, a first page of first
    knowledge, flows and gaps, and the conflicts between sources."""
    if sum(bool(x) for x in (body, trace)) > 1 or not (body or trace or topic):
        raise click.UsageError("give exactly one of --body NAME, --trace SOURCE TARGET or --topic TOPIC alone")
    with _analysis(store_spec) as store:
        if body:
            chronology = body_chronology(store, body, topic, since, until, min_grade)
        elif trace:
            chronology = trace_chronology(store, trace[0], trace[1], topic, since, until, min_grade)
        else:
            chronology = topic_chronology(store, topic, since, until, min_grade)
    try:
        written = write_chronology(chronology, stem, formats or FORMATS)
    except OSError as error:
        fail(f"cannot write the report: {error}")
    click.echo(
        f"{len(chronology.events)} events, {len(chronology.conflicts)} conflicts, "
        f"{chronology.independent_sources} sources"
    )
    for path in written:
        click.echo(f"wrote {visible(str(path))}")
