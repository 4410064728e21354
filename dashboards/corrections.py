"""Review-page and merge/split logic: make a correction from the app, then let every page see it.

The app reads a cached read-only store; a correction opens a brief writable one (as the Load page
does), writes through graph/corrections.py, and drops the cached reader so the change shows at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from dashboards.context import refresh_store, writable_store
from graph import corrections
from graph.correction_record import Correction
from graph.store import GraphStore

DECISIONS: dict[str, Callable[..., Correction]] = {
    "accept": corrections.accept_claim,
    "reject": corrections.reject_claim,
}


def default_reviewer() -> str:
    return os.environ.get("USER", "")


def decide(claim_id: str, decision: str, by: str, reason: str = "") -> Correction:
    """Accept or reject one claim in place. Raises CorrectionError or StoreError with a reason."""
    return _write(lambda store: DECISIONS[decision](store, claim_id, by=by, reason=reason))


def revert(correction_id: str, by: str, reason: str = "") -> Correction:
    return _write(lambda store: corrections.revert(store, correction_id, by=by, reason=reason))


def merge(keep_id: str, merge_id: str, by: str, reason: str) -> Correction:
    return _write(lambda store: corrections.merge_nodes(store, keep_id, merge_id, by=by, reason=reason))


def split(
    node_id: str, by: str, reason: str, claim_ids: list[str] | None = None, name: str | None = None
) -> Correction:
    return _write(
        lambda store: corrections.split_node(store, node_id, by=by, reason=reason, claim_ids=claim_ids, new_name=name)
    )


def _write(work: Callable[[GraphStore], Correction]) -> Correction:
    with writable_store() as store:
        done = work(store)
    refresh_store()
    return done
