"""`kflow resolve`: the merges cross-document resolution proposes for a whole store, and `--apply`.

Listing changes nothing. `--apply` records each merge through the corrections layer
(loaders/apply_resolve.py), with its rule and evidence, so `kflow review history` shows it and
`kflow split MERGED` undoes it; a rerun applies nothing new, and a reverted merge is never redone.
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
@click.option("--apply", "apply_", is_flag=True, help="Merge the candidates (recorded, revertible corrections).")
@click.option("--by", default=None, help="Who the merges are recorded as made by (default: 'kflow resolve').")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output: a list of candidates (and outcomes).")
def resolve(store_spec: str | None, apply_: bool, by: str | None, as_json: bool) -> None:
    """Propose merges of nodes that are one body, person, report or topic across documents."""
    from graph import corrections
    from loaders.apply_resolve import apply_candidates, declined_pairs, pending_candidates

    try:
        store = open_store(store_spec, read_only=not apply_)
        try:
            candidates = pending_candidates(store)
            names = _names(store, candidates)
            if apply_:
                outcomes = apply_candidates(store, candidates, by=by)
            else:
                declined = declined_pairs(corrections.load(store))
                candidates = [c for c in candidates if frozenset((c.keep_id, c.merge_id)) not in declined]
        finally:
            store.close()
    except (StoreError, corrections.CorrectionError) as error:
        fail(str(error))
    if apply_:
        if as_json:
            click.echo(json.dumps([o.to_dict() for o in outcomes], ensure_ascii=False))
            return
        merged = [o for o in outcomes if o.outcome == "merged"]
        click.echo(f"{len(merged)} merges applied in {visible(describe(store_spec))} (of {len(outcomes)} candidates)")
        for o in outcomes:
            c = o.candidate
            click.echo(
                f"{o.outcome} {c.rule}: {visible(names.get(c.merge_id, c.merge_id))!r} into "
                f"{visible(names.get(c.keep_id, c.keep_id))!r} {o.correction_id or visible(o.detail)}"
            )
        if merged:
            click.echo("undo one with `kflow split MERGED_ID`; see them with `kflow review history`")
        return
    if as_json:
        click.echo(json.dumps([c.to_dict() for c in candidates], ensure_ascii=False))
        return
    click.echo(f"{len(candidates)} merge candidates in {visible(describe(store_spec))}")
    for c in candidates:
        click.echo(
            f"{c.score:.2f} {c.rule}: keep {visible(names[c.keep_id])!r} ({c.keep_id}), "
            f"merge {visible(names[c.merge_id])!r} ({c.merge_id}): {visible(c.evidence)}"
        )


def resolve_after_load(store) -> str:  # noqa: ANN001 - a writable GraphStore
    """Apply cross-document resolution after `kflow load`; one line saying what it merged."""
    from loaders.apply_resolve import resolve_store

    merged = [o for o in resolve_store(store) if o.outcome == "merged"]
    if not merged:
        return ""
    return (
        f"{len(merged)} nodes merged by cross-document resolution (rule and evidence in `kflow review history`; "
        "undo one with `kflow split MERGED_ID`, skip with --no-resolve)"
    )


def _names(store, candidates: list) -> dict[str, str]:  # noqa: ANN001 - a GraphStore
    ends = sorted({i for c in candidates for i in (c.keep_id, c.merge_id)})
    return {n.id: n.name for n in store.neighbourhood(ends, hops=0).nodes.values()} if ends else {}


commands = [resolve]
