"""`kflow search`: full-text search over every stored document, with highlighted snippets."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click

from graph.analysis import AnalysisError
from graph.analysis.errors import AmbiguousName
from graph.search import SearchHit
from graph.search.ask import DEFAULT_LIMIT, MAX_LIMIT, ask_search
from graph.store import StoreError
from graph.stores import open_store
from kflow.date_options import date_option
from kflow.stores import store_option
from kflow.terminal import fail, visible


@click.command()
@click.argument("query")
@store_option
@date_option("since", "Only documents published on or after this date.")
@date_option("until", "Only documents published on or before this date.")
@click.option(
    "--type",
    "media_types",
    multiple=True,
    help="Only this document type, e.g. text/plain, application/pdf (repeatable).",
)
@click.option(
    "--entity",
    "entities",
    multiple=True,
    help="Only documents with a claim about this body, person or report (name or id; repeatable).",
)
@click.option(
    "--claim-type",
    "claim_types",
    multiple=True,
    help="Only documents holding a claim of this type, e.g. SENT (repeatable).",
)
@click.option("--limit", default=DEFAULT_LIMIT, show_default=True, type=click.IntRange(1, MAX_LIMIT))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def search(
    query: str,
    store_spec: str | None,
    since: str | None,
    until: str | None,
    media_types: tuple[str, ...],
    entities: tuple[str, ...],
    claim_types: tuple[str, ...],
    limit: int,
    as_json: bool,
) -> None:
    """Find documents containing QUERY: words (all must appear), "quoted phrases", prefix*.

    Each hit shows up to three snippets with the matches in [brackets] and the character offset
    to open the document at. Example: kflow search '"child protection" review*' --since 2010
    """
    try:
        store = open_store(store_spec, read_only=True)
    except StoreError as error:
        fail(str(error))
    try:
        hits = ask_search(store, query, since, until, media_types, entities, claim_types, limit)
    except AmbiguousName as error:
        click.echo(f"error: {visible(repr(error.name))} is ambiguous; did you mean one of:", err=True)
        for cid, label, name in error.candidates:
            click.echo(f"  {visible(name)}  ({label}, {visible(cid)})", err=True)
        sys.exit(1)
    except (AnalysisError, StoreError) as error:
        fail(str(error))
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps([_as_json(h) for h in hits], indent=2, ensure_ascii=False))
        return
    if not hits:
        click.echo("no documents match", err=True)
        return
    for n, hit in enumerate(hits, 1):
        facts = ", ".join(x for x in (hit.source_id, hit.published, hit.media_type) if x)
        click.echo(f"{n}. {visible(hit.title)}  ({visible(facts)})")
        for snippet in hit.snippets:
            click.echo(f"   @{snippet.start}: {visible(snippet.plain())}")


def _as_json(hit: SearchHit) -> dict:
    out = asdict(hit)
    out["snippets"] = [
        {"text": s.plain(), "start": s.start, "end": s.end, "parts": [list(p) for p in s.parts]} for s in hit.snippets
    ]
    return out


commands = [search]
