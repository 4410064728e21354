"""The `kflow` command line: a thin layer over the library (graph, loaders, dashboards)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click

from kflow.date_options import date_option
from kflow.lazy_group import LazyCommand, LazyGroup
from kflow.stores import store_option
from kflow.terminal import fail, visible

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT_ROOT / "seeds"
APP = PROJECT_ROOT / "dashboards" / "app.py"
# Commands imported only when run (their modules load networkx, pandas, pyarrow or spaCy): the
# line is what `kflow --help` shows without importing them (tests/test_cli_startup.py checks it).
LAZY_COMMANDS: dict[str, LazyCommand] = {
    "export": LazyCommand(
        "kflow.cli_export:export",
        "Export the graph as RDF with PROV-O provenance: every claim keeps its dates and evidence sentence.",
    ),
    "trace": LazyCommand(
        "kflow.cli_analysis:trace_command",
        "Time-respecting flows from SOURCE to TARGET (bodies or documents), shortest first.",
    ),
    "first-knowledge": LazyCommand(
        "kflow.cli_analysis:first_knowledge_command",
        "When BODY first knew about a topic, on what evidence, and how it got there.",
    ),
    "timeline": LazyCommand(
        "kflow.cli_analysis:timeline_command",
        "Every dated claim in order, with its date as precise as the evidence, its source and quote.",
    ),
    "gaps": LazyCommand(
        "kflow.cli_analysis:gaps_command",
        "Time from each body's first knowledge to its first later action, and the silences.",
    ),
    "brokers": LazyCommand(
        "kflow.cli_analysis:brokers_command",
        "Bodies that most flows pass through (betweenness centrality of the body flow graph).",
    ),
    "grade": LazyCommand(
        "kflow.cli_grades:grade_group",
        "Grade sources (reliability) and claims (credibility); answers can then be filtered by grade.",
    ),
    "investigation": LazyCommand(
        "kflow.cli_investigations:investigation_group",
        "Saved investigations: sources, pinned entities, notes and questions, kept in the store.",
    ),
    "eval": LazyCommand(
        "kflow.cli_eval:eval_command", "Score extraction against gold files (GOLD.yaml, or folders of them)."
    ),
    "constructions": LazyCommand(
        "kflow.cli_constructions:constructions_command",
        "Run the construction suite: what extraction handles, capability by capability.",
    ),
    "sync": LazyCommand("kflow.cli_sync:sync", "Copy every node and claim from one store into another."),
    "import": LazyCommand(
        "kflow.cli_import:import_tables",
        "Import nodes and claims from tables, checked like every other write, in one bulk write.",
    ),
    "search": LazyCommand(
        "kflow.cli_search:search",
        'Find documents containing QUERY: words (all must appear), "quoted phrases", prefix*.',
    ),
    "review": LazyCommand(
        "kflow.cli_review:review",
        "Review stored claims: list them (lowest confidence first), accept, reject, edit, add, revert.",
    ),
    "merge": LazyCommand(
        "kflow.cli_review:merge_command",
        "Merge node MERGED into node KEEP (both ids): analyses and exports see one node.",
    ),
    "split": LazyCommand(
        "kflow.cli_review:split_command",
        "Split NODE: undo its merge (no --claim), or move the named claims to a new node --name.",
    ),
    "export-graphml": LazyCommand(
        "kflow.cli_tables:export_graphml",
        "The whole store as GraphML: Gephi shows nodes by name (key `label`), edges by claim type.",
    ),
    "export-csv": LazyCommand(
        "kflow.cli_tables:export_csv",
        "The whole store as a node table and a claim table that `kflow import` reads back exactly.",
    ),
    "bulk-import": LazyCommand(
        "kflow.cli_bulk:bulk_import",
        "Copy a store into a fresh Neo4j database with `neo4j-admin database import full`.",
    ),
    "report": LazyCommand(
        "kflow.cli_report:report",
        "Write a chronology (Markdown, DOCX, PDF) for a body, a topic or a trace, with quotes and sources.",
    ),
    "conflicts": LazyCommand(
        "kflow.cli_conflicts:conflicts_command",
        "Facts the sources date differently, with both sentences; agreeing sources counted.",
    ),
    "resolve": LazyCommand(
        "kflow.cli_resolve:resolve",
        "Propose merges of nodes that are one body, person, report or topic across documents.",
    ),
}


@click.group(cls=LazyGroup, lazy_commands=LAZY_COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store", "store_spec", default=None, help="Store for every command (same as the command's own --store)."
)
@click.pass_context
def main(ctx: click.Context, store_spec: str | None) -> None:
    """kflow: turn documents into a graph of who sent, received, commissioned and knew what, when.

    Every claim in the graph cites the sentence it came from.
    """
    if store_spec:
        previous = os.environ.get("KFLOW_STORE")
        os.environ["KFLOW_STORE"] = store_spec  # read by each command's --store (envvar KFLOW_STORE)
        ctx.call_on_close(lambda: _restore_env("KFLOW_STORE", previous))


def _restore_env(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@date_option("published", "Publication date for these files, when no sidecar gives one.")
@click.option("--no-extract", is_flag=True, help="Store Sources only, without text extraction.")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=lambda: min(os.cpu_count() or 1, 4),
    show_default="cores, at most 4",
    help="Processes reading and extracting in parallel (one process writes).",
)
@click.option(
    "--cluster",
    metavar="local:N|tcp://HOST:PORT",
    help="Read and extract on a Dask cluster instead (a LocalCluster of N processes, or a scheduler); docs/scale.md.",
)
@click.option(
    "--no-resolve",
    is_flag=True,
    help="Skip cross-document resolution after loading (run `kflow resolve --apply` later).",
)
def load(
    paths: tuple[Path, ...],
    store_spec: str | None,
    published: str | None,
    no_extract: bool,
    workers: int,
    cluster: str | None,
    no_resolve: bool,
) -> None:
    """Load files and folders (.txt .md .html .pdf .docx .eml .mbox .csv .jsonl) into the store."""
    from graph.store import StoreError
    from graph.stores import describe, open_store
    from loaders.extract import default_extractor
    from loaders.extract.base import NullExtractor
    from loaders.extract.learned.scorer import ScorerError
    from loaders.pipeline import expand_paths, load_paths

    try:  # the extractor first: a mistyped KFLOW_* switch should stop the load before a store is made
        extractor = NullExtractor() if no_extract else default_extractor()
    except ScorerError as error:
        fail(str(error))
    try:
        store = open_store(store_spec)
    except StoreError as error:
        fail(str(error))
    files, _ = expand_paths(paths)
    try:
        # a progress bar only on a terminal: in a pipe or log it would leave a stray "Loading" line
        hidden = not sys.stderr.isatty()
        with click.progressbar(
            length=len(files), label="Loading", file=sys.stderr, show_pos=True, hidden=hidden
        ) as bar:
            if cluster:
                from kflow.cli_cluster import load_with_cluster

                report = load_with_cluster(paths, store, cluster, not no_extract, published, lambda _: bar.update(1))
            else:
                report = load_paths(
                    paths, store, extractor, published, progress=lambda _: bar.update(1), workers=workers
                )
        resolved = None
        if not (no_resolve or no_extract) and report.count("loaded"):
            from kflow.cli_resolve import resolve_after_load

            resolved = resolve_after_load(store)
    except StoreError as error:
        fail(str(error))
    finally:
        store.close()
    skipped = f", {report.count('skipped')} skipped" if report.count("skipped") else ""
    skipped += f", {report.count('ignored')} ignored (.kflowignore)" if report.count("ignored") else ""
    for result in report.files:
        for warning in result.warnings:
            click.echo(f"warning: {visible(result.path)}: {visible(warning)}", err=True)
        if result.status in ("failed", "skipped"):
            click.echo(f"{result.status}: {visible(result.path)}: {visible(result.reason or '')}", err=True)
    click.echo(
        f"{report.count('loaded')} loaded, {report.count('unchanged')} already in the store, "
        f"{len(report.failed)} failed{skipped}; {report.nodes_added} nodes and {report.claims_added} claims added "
        f"to {visible(describe(store_spec))}"
    )
    if resolved:
        click.echo(resolved)
    if report.failed:
        sys.exit(1)


@main.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def stats(store_spec: str | None, as_json: bool) -> None:
    """Counts of nodes and claims by type."""
    from graph.hidden_counts import claims_note, hidden_counts, nodes_note
    from graph.store import StoreError
    from graph.stores import describe, open_store

    try:
        store = open_store(store_spec, read_only=True)
        counts, hidden = store.counts(), hidden_counts(store)
        store.close()
    except StoreError as error:
        fail(str(error))
    if as_json:
        click.echo(json.dumps({"nodes": counts.nodes, "claims": counts.claims} | _hidden_json(hidden)))
        return
    click.echo(f"store: {describe(store_spec)}")
    click.echo(f"nodes: {counts.total_nodes}{nodes_note(counts, hidden)}")
    for label, n in counts.nodes.items():
        click.echo(f"  {label:<14}{n:>10}" + (f"  ({hidden.nodes[label]} merged)" if hidden.nodes.get(label) else ""))
    click.echo(f"claims: {counts.total_claims}{claims_note(counts, hidden)}")
    for edge, n in counts.claims.items():
        click.echo(f"  {edge:<14}{n:>10}" + (f"  ({hidden.claims[edge]} left out)" if hidden.claims.get(edge) else ""))


def _hidden_json(hidden) -> dict:  # noqa: ANN001 - graph.hidden_counts.HiddenCounts
    """What analyses leave out: claims rejected or replaced, nodes merged away (by type)."""
    return {"hidden_claims": hidden.claims, "rejected_claims": hidden.rejected, "merged_nodes": hidden.nodes}


@main.command()
@click.argument("cypher")
@store_option
@click.option("--json", "as_json", is_flag=True, help="Rows as JSON lines.")
def query(cypher: str, store_spec: str | None, as_json: bool) -> None:
    """Run one read-only Cypher query (writes are refused)."""
    from graph.store import ReadOnlyQueryError, StoreError
    from graph.stores import open_store

    try:
        store = open_store(store_spec, read_only=True)
        click.echo(f"-- dialect: {store.dialect}", err=True)
        result = store.query(cypher)
        store.close()
    except ReadOnlyQueryError as error:
        fail(str(error))
    except StoreError as error:
        fail(str(error))
    if as_json:
        for row in result.rows:
            click.echo(json.dumps(dict(zip(result.columns, row)), default=str))
        return
    click.echo("\t".join(visible(str(c)) for c in result.columns))
    for row in result.rows:
        click.echo("\t".join(_cell(v) for v in row))
    click.echo(f"({len(result.rows)} rows)", err=True)


def _cell(value: object) -> str:
    """One table cell on one line: control characters made visible so text can't forge output."""
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return visible(text)


@main.command()
@click.argument("source_id")
@store_option
def remove(source_id: str, store_spec: str | None) -> None:
    """Remove one Source and every claim only it supported."""
    from graph.store import StoreError
    from graph.stores import open_store

    try:
        store = open_store(store_spec)
        result = store.remove_source(source_id)
        store.close()
    except StoreError as error:
        fail(str(error))
    click.echo(
        f"removed {visible(source_id)}: {result.claims_removed} claims, {result.nodes_removed} nodes no longer supported"
    )


@main.command()
@store_option
@click.option("--port", default=8501, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; loopback by default.")
def serve(store_spec: str | None, port: int, host: str) -> None:
    """Serve the investigator app (Streamlit) on http://HOST:PORT."""
    from graph.stores import describe, resolve_spec

    env = {**os.environ, "KFLOW_STORE": resolve_spec(store_spec)}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        host,
        "--browser.gatherUsageStats",
        "false",
        "--global.developmentMode",
        "false",
        "--client.toolbarMode",
        "viewer",  # no "Deploy" or developer menu for investigators
    ]
    click.echo(f"kflow app on http://{host}:{port} (store {describe(store_spec)}); Ctrl-C to stop", err=True)
    sys.exit(subprocess.call(command, env=env))


@main.command()
@store_option
@click.option("--port", default=8501, show_default=True)
@click.pass_context
def demo(ctx: click.Context, store_spec: str | None, port: int) -> None:
    """Load the demo corpus in seeds/ and serve the app."""
    try:  # seeds/ as `kflow load seeds` reads it: its .kflowignore leaves the catalogue out
        ctx.invoke(load, paths=(str(SEEDS),), store_spec=store_spec, published=None, no_extract=False, workers=1)
    except SystemExit as exit_:
        if exit_.code:
            raise
    ctx.invoke(serve, store_spec=store_spec, port=port, host="127.0.0.1")
