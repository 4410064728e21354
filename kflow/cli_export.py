"""`kflow export`: the whole graph as RDF (Turtle, N-Triples, JSON-LD, TriG, or n10s Turtle-star)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph.rdf import DEFAULT_BASE, FORMATS, ExportError, export_rdf, shapes_turtle, vocabulary_turtle
from graph.store import StoreError
from graph.stores import describe, open_store
from kflow.output_files import atomic_output
from kflow.stores import store_option
from kflow.terminal import fail, visible

EXPORT_CACHE_MB = 256  # a streamed export reads each page once: a small cache keeps memory flat


@click.command("export")
@click.option(
    "--format",
    "-f",
    "format_",
    type=click.Choice(FORMATS),
    default="turtle",
    show_default=True,
    help="turtle, nt (N-Triples, best for very large graphs), jsonld, trig (claims in one named graph per Source), "
    "or n10s-star (Turtle-star for re-import into Neo4j with neosemantics).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (written whole or not at all). Default: standard output.",
)
@click.option(
    "--base", default=DEFAULT_BASE, show_default=True, help="Base IRI node ids are minted under (ends in / or #)."
)
@click.option("--include-text", is_flag=True, help="Also export each Source's full text (can be large).")
@click.option(
    "--shapes",
    "schema_part",
    flag_value="shapes",
    default=None,
    help="Instead of the graph, write the SHACL shapes a valid export conforms to (Turtle).",
)
@click.option(
    "--vocabulary",
    "schema_part",
    flag_value="vocabulary",
    help="Instead of the graph, write the kflow: vocabulary with labels and comments (Turtle).",
)
@store_option
def export(
    format_: str, output: Path | None, base: str, include_text: bool, schema_part: str | None, store_spec: str | None
) -> None:
    """Export the graph as RDF with PROV-O provenance: every claim keeps its dates and evidence sentence.

    The export is streamed, so graphs larger than memory export too. Mapping: docs/rdf.md;
    validate with `kflow export --shapes -o shapes.ttl` then `pyshacl -s shapes.ttl FILE`.
    """
    if schema_part:
        _write_text(shapes_turtle() if schema_part == "shapes" else vocabulary_turtle(), output)
        return
    try:
        store = open_store(store_spec, read_only=True, cache_mb=EXPORT_CACHE_MB)
    except StoreError as error:
        fail(str(error))
    try:
        stats = _write(store, output, format_, base, include_text)
    except (ExportError, StoreError, OSError) as error:
        fail(str(error))
    finally:
        store.close()
    where = visible(str(output)) if output else "standard output"
    click.echo(
        f"exported {stats.nodes} nodes and {stats.claims} claims ({stats.triples} statements) "
        f"from {describe(store_spec)} to {where} as {format_}",
        err=True,
    )


def _write(store, output: Path | None, format_: str, base: str, include_text: bool):
    if output is None:
        stats = export_rdf(store, sys.stdout.buffer, format_, base, include_text)
        sys.stdout.buffer.flush()
        return stats
    with atomic_output(output) as out:
        return export_rdf(store, out, format_, base, include_text)


def _write_text(text: str, output: Path | None) -> None:
    """The shapes or the vocabulary (small: no streaming), to a file or standard output."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        fail(str(error))


commands = [export]
