"""Corrections: an investigator's auditable changes to what the graph says, kept in the graph.

Each correction is a `Correction` node (graph/correction_record.py) saying who, when, why and
what: reject or accept a claim, edit a claim's type, ends or dates, add a claim by hand from a
quoted source span, merge two nodes, split a node. Evidence is never deleted or rewritten:

- reject / accept stamp the claim's `status` (so `kflow query` shows it); the latest active one wins;
- an edit stores a corrected copy of the claim (same evidence, new id) and marks the original
  `superseded`; an added claim is stored with status `accepted`;
- a merge and a split are records only: `graph/corrected.py` applies them (and hides rejected,
  superseded and withdrawn claims) for every analysis, export and app page, at read time.

So a reload of a document cannot undo a correction: the records outlive the claims they name
(claim ids are deterministic, graph/model.py), a reloaded claim is stamped again on upsert
(`restamp`, called by both stores), and a merge applies to claims loaded after it. Every
correction can be reverted; the revert is recorded on it, never deleted. See docs/corrections.md.
"""

from __future__ import annotations

import dataclasses
import os
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime

from graph.correction_record import Correction
from graph.model import Batch, Claim, ModelError, Node, node_id
from graph.store import GraphStore

STATUS_OF = {"reject": "rejected", "accept": "accepted"}
HIDDEN_STATUSES = frozenset({"rejected", "superseded", "withdrawn"})
HAND_EXTRACTOR = "hand"  # the `extractor` of a claim added or edited by hand


class CorrectionError(ValueError):
    """A correction cannot be made as asked; the message says why in terms a user can act on."""


# -- reading -----------------------------------------------------------------------------------


def load(store: GraphStore) -> list[Correction]:
    """Every correction in the store, oldest first (reverted ones included)."""
    return [Correction.from_record(r) for r in store.load_corrections()]


def find(store: GraphStore, correction_id: str) -> Correction:
    for correction in load(store):
        if correction.id == correction_id:
            return correction
    raise CorrectionError(f"no correction {correction_id!r} in the store (list them with `kflow review history`)")


def statuses(corrections: Iterable[Correction]) -> dict[str, str | None]:
    """Claim id -> the status its corrections give it (None: as extracted). Oldest first, so the
    latest active reject or accept wins; a reverted one only clears what nothing else sets."""
    status: dict[str, str | None] = {}
    for c in corrections:
        if c.kind in STATUS_OF:
            if c.active:
                status[c.targets[0]] = STATUS_OF[c.kind]
            else:
                status.setdefault(c.targets[0], None)
        elif c.kind == "edit":
            original, corrected = c.targets
            if c.active:
                status[original] = "superseded"
            else:
                status.setdefault(original, None)
            status[corrected] = "accepted" if c.active else "withdrawn"
        elif c.kind == "add":
            status[c.targets[0]] = "accepted" if c.active else "withdrawn"
    return status


def restamp(store: GraphStore, claim_ids: Iterable[str] | None = None) -> None:
    """Write the status corrections give each claim (only `claim_ids` when given). The stores call
    it after an upsert, so a claim removed with its source and loaded again is stamped again."""
    wanted = None if claim_ids is None else set(claim_ids)
    if wanted is not None and not wanted:
        return
    records = store.load_corrections()
    if not records:
        return
    groups: dict[str | None, list[str]] = {}
    for claim_id, status in statuses(Correction.from_record(r) for r in records).items():
        if wanted is None or claim_id in wanted:
            groups.setdefault(status, []).append(claim_id)
    for status, ids in groups.items():
        store.set_claim_status(sorted(ids), status)


# -- making corrections ----------------------------------------------------------------------


def reviewer(by: str | None) -> str:
    """Who makes a correction: the name given, else $USER."""
    name = (by or os.environ.get("USER") or "").strip()
    if not name:
        raise CorrectionError("say who makes this correction: a reviewer name (--by NAME in the CLI), or set USER")
    if any(ord(ch) < 32 for ch in name) or len(name) > 200:
        raise CorrectionError("a reviewer's name must be one line of at most 200 characters")
    return name


def _reason(why: str | None, required: bool) -> str:
    text = (why or "").strip()
    if required and not text:
        raise CorrectionError("say why (--reason TEXT): a correction without a reason cannot be audited")
    return text


def _record(
    store: GraphStore, kind: str, targets: list[str], by: str | None, why: str, payload: dict | None = None
) -> Correction:
    correction = Correction(
        id=f"correction:{uuid.uuid4().hex[:20]}",
        kind=kind,
        targets=targets,
        who=reviewer(by),
        at=datetime.now(UTC).isoformat(timespec="microseconds"),
        why=why,
        payload=payload or {},
    )
    store.save_correction(correction.to_record())
    restamp(store, _claims_named(correction))
    return correction


def _claims_named(correction: Correction) -> list[str]:
    return list(correction.targets) if correction.kind in (*STATUS_OF, "edit", "add") else []


def stored_claim(store: GraphStore, claim_id: str) -> Claim:
    found = store.claims_by_id([claim_id])
    if not found:
        raise CorrectionError(f"no claim {claim_id!r} in the store")
    return found[0]


def _stored_node(store: GraphStore, node: str) -> Node:
    found = store.get_node(node)
    if found is None:
        raise CorrectionError(f"no node {node!r} in the store")
    return found


def reject_claim(store: GraphStore, claim_id: str, *, by: str | None, reason: str = "") -> Correction:
    """Reject a claim: it stays stored (status rejected) but no analysis or export uses it."""
    stored_claim(store, claim_id)
    return _record(store, "reject", [claim_id], by, _reason(reason, False))


def accept_claim(store: GraphStore, claim_id: str, *, by: str | None, reason: str = "") -> Correction:
    """Accept a claim: a reviewer checked it against its evidence (status accepted)."""
    stored_claim(store, claim_id)
    return _record(store, "accept", [claim_id], by, _reason(reason, False))


def edit_claim(
    store: GraphStore,
    claim_id: str,
    *,
    by: str | None,
    reason: str,
    type: str | None = None,
    from_id: str | None = None,
    to_id: str | None = None,
    date_start: str | None = None,
    date_end: str | None = None,
    date_precision: str | None = None,
) -> Correction:
    """Correct a claim's type, ends or dates: a corrected copy (same evidence) replaces it, and the
    original stays stored as `superseded` so a revert brings it back."""
    why = _reason(reason, True)
    original = stored_claim(store, claim_id)
    changes = {
        k: v
        for k, v in dict(type=type, from_id=from_id, to_id=to_id, date_start=date_start, date_end=date_end).items()
        if v
    }
    if date_start or date_end:
        changes["date_precision"] = date_precision or original.date_precision or "day"
        changes.setdefault("date_start", original.date_start or changes.get("date_end"))
        changes.setdefault("date_end", original.date_end or changes.get("date_start"))
    elif date_precision:
        changes["date_precision"] = date_precision
    if not changes:
        raise CorrectionError("nothing to change: give a new type, end or date")
    for end in ("from_id", "to_id"):
        if end in changes:
            _stored_node(store, changes[end])
    corrected_id = f"claim:edit-{uuid.uuid4().hex[:20]}"
    try:
        corrected = dataclasses.replace(
            original, **changes, extractor=HAND_EXTRACTOR, status="accepted", id=corrected_id
        )
    except ModelError as error:
        raise CorrectionError(f"the corrected claim is not valid: {error}") from None
    store.upsert(Batch([], [corrected]))
    return _record(store, "edit", [claim_id, corrected_id], by, why, {"changes": changes})


def add_claim(
    store: GraphStore,
    *,
    type: str,
    from_id: str,
    to_id: str,
    source_id: str,
    quote: str,
    by: str | None,
    reason: str,
    date_start: str | None = None,
    date_end: str | None = None,
    date_precision: str | None = None,
) -> Correction:
    """Add a claim by hand, evidenced by `quote`: a passage found verbatim in the source's stored text."""
    why = _reason(reason, True)
    source = _stored_node(store, source_id)
    if source.label != "Source":
        raise CorrectionError(f"{source_id!r} is a {source.label}, not a Source")
    text, quote = source.props.get("text") or "", (quote or "").strip()
    if not quote:
        raise CorrectionError("quote the passage of the source that supports this claim (--quote TEXT)")
    start = text.find(quote)
    if start < 0:
        raise CorrectionError(f"the quote is not in the text of {source_id}: copy it exactly from the document")
    for end in (from_id, to_id):
        _stored_node(store, end)
    dated = date_start or date_end
    try:
        claim = Claim(
            type,
            from_id,
            to_id,
            source_id,
            quote,
            start,
            start + len(quote),
            1.0,
            HAND_EXTRACTOR,
            date_start=date_start or date_end,
            date_end=date_end or date_start,
            date_precision=(date_precision or "day") if dated else None,
            status="accepted",
            id=f"claim:hand-{uuid.uuid4().hex[:20]}",
        )
    except ModelError as error:
        raise CorrectionError(f"the claim is not valid: {error}") from None
    store.upsert(Batch([], [claim]))
    return _record(store, "add", [claim.id], by, why, {"claim": claim.to_row()})


def merge_nodes(
    store: GraphStore, keep_id: str, merge_id: str, *, by: str | None, reason: str, rule: str | None = None
) -> Correction:
    """Merge `merge_id` into `keep_id`: analyses, exports and the app see one node (the kept one,
    with the other's names as aliases) carrying both nodes' claims. `rule` names what proposed
    the merge (an entity-resolution rule) when it was not a person's own judgement."""
    why = _reason(reason, True)
    if keep_id == merge_id:
        raise CorrectionError("a node cannot be merged with itself")
    keep, merged = _stored_node(store, keep_id), _stored_node(store, merge_id)
    if keep.label != merged.label:
        raise CorrectionError(f"cannot merge a {merged.label} ({merge_id}) into a {keep.label} ({keep_id})")
    if keep.label == "Source":
        raise CorrectionError("sources are files, not entities: they cannot be merged")
    merged_into = active_merges(load(store))
    for node in (keep_id, merge_id):
        if node in merged_into:
            raise CorrectionError(f"{node} is already merged into {merged_into[node]}; split it first or use that node")
    return _record(store, "merge", [keep_id, merge_id], by, why, {"rule": rule} if rule else {})


def active_merges(corrections: Iterable[Correction]) -> dict[str, str]:
    """Merged node id -> the node it is merged into (directly), for active merges."""
    return {c.targets[1]: c.targets[0] for c in corrections if c.kind == "merge" and c.active}


def split_node(
    store: GraphStore,
    node: str,
    *,
    by: str | None,
    reason: str,
    claim_ids: list[str] | None = None,
    new_name: str | None = None,
) -> Correction:
    """Split a node. Without `claim_ids`, `node` must be a merged node: the merge is reverted, which
    gives back both nodes and their claims exactly. With `claim_ids` (claims touching `node`),
    those claims move to a new node named `new_name`, of the same type."""
    why = _reason(reason, True)
    corrections = load(store)
    if not claim_ids:
        for c in reversed(corrections):
            if c.kind == "merge" and c.active and c.targets[1] == node:
                return revert(store, c.id, by=by, reason=why)
        raise CorrectionError(
            f"{node} is not merged into another node: to split it, name the claims that move (--claim ID) and --name"
        )
    from graph.corrected import corrected

    original = _stored_node(store, node)
    if not (new_name or "").strip():
        raise CorrectionError("name the new node (--name TEXT)")
    try:
        new_node = Node(node_id(original.label, new_name), original.label, new_name.strip())
    except ModelError as error:
        raise CorrectionError(f"the new node is not valid: {error}") from None
    if store.get_node(new_node.id) is not None:
        raise CorrectionError(f"{new_node.id} already exists: merge into it instead, or choose another name")
    view = corrected(store)
    seen = {c.id: c for c in view.claims_by_id(list(claim_ids))}
    for claim_id in claim_ids:
        claim = seen.get(claim_id)
        if claim is None or node not in (claim.from_id, claim.to_id):
            raise CorrectionError(f"claim {claim_id} is not a visible claim of {node}")
    store.upsert(Batch([new_node], []))
    payload = {"new_node": new_node.id, "claims": sorted(set(claim_ids))}
    return _record(store, "split", [node, new_node.id], by, why, payload)


def revert(store: GraphStore, correction_id: str, *, by: str | None, reason: str = "") -> Correction:
    """Undo a correction; it stays on record with who reverted it, when and why."""
    correction = find(store, correction_id)
    if not correction.active:
        raise CorrectionError(
            f"{correction_id} was already reverted by {correction.reverted_by} at {correction.reverted_at}"
        )
    correction.reverted_by = reviewer(by)
    correction.reverted_at = datetime.now(UTC).isoformat(timespec="microseconds")
    correction.reverted_why = _reason(reason, False)
    store.save_correction(correction.to_record())
    restamp(store, _claims_named(correction))
    return correction
