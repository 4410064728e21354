"""Apply cross-document resolution: turn `find_duplicates` candidates into recorded merges.

Candidates are found on the stored nodes and claims (as `kflow resolve` lists them), which merges
do not change, so a rerun finds the same candidates and applies nothing new: a candidate whose two
nodes the corrected graph already shows as one is done. A candidate whose kept node was merged
into another since is merged into that one. Each merge goes through
`graph.corrections.merge_nodes` with the rule that proposed it and its evidence as the reason, so it
shows in `kflow review history` and `kflow split MERGED` (or `kflow review revert`) undoes it. A
merge a reviewer reverted is a decision: it is never applied again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph import corrections
from graph.corrected import corrected, merge_root, raw_store
from graph.correction_record import Correction
from graph.schema import SCHEMA
from graph.store import GraphStore
from loaders.cross_resolve import MergeCandidate, find_duplicates

RESOLVER = "kflow resolve"  # who an automatic merge is recorded as made by, when no name is given


@dataclass(frozen=True)
class Outcome:
    """What became of one candidate: `merged` (with its correction), `declined` (a reviewer reverted
    that merge before), or `refused` (the corrections layer said why not, in `detail`)."""

    candidate: MergeCandidate
    outcome: str
    correction_id: str | None = None
    detail: str = ""

    def to_dict(self) -> dict[str, object]:
        return self.candidate.to_dict() | {
            "outcome": self.outcome,
            "correction_id": self.correction_id,
            "detail": self.detail,
        }


def pending_candidates(store: GraphStore) -> list[MergeCandidate]:
    """Candidates among the stored nodes that the corrected graph does not already show as one."""
    raw = raw_store(store)
    named = [label for label in SCHEMA.nodes if label != "Source"]  # a Source's text is never compared
    nodes = [node for batch in raw.iter_nodes(labels=named) for node in batch]
    claims = (link for batch in raw.iter_claim_links() for link in batch)  # streamed, narrow columns only
    view = corrected(raw)
    return [c for c in find_duplicates(nodes, claims) if view.canonical(c.keep_id) != view.canonical(c.merge_id)]


def declined_pairs(records: Iterable[Correction]) -> set[frozenset[str]]:
    """Node pairs whose merge a reviewer reverted: not to be merged again automatically."""
    return {frozenset(c.targets) for c in records if c.kind == "merge" and not c.active}


def apply_candidates(
    store: GraphStore, candidates: Iterable[MergeCandidate], *, by: str | None = None
) -> list[Outcome]:
    """Merge each candidate (keep its `keep_id`), recording rule and evidence; skip declined pairs."""
    raw = raw_store(store)
    records = corrections.load(raw)
    declined = declined_pairs(records)
    merged_into = corrections.active_merges(records)  # kept up to date as merges are made
    outcomes = []
    for candidate in candidates:
        if frozenset((candidate.keep_id, candidate.merge_id)) in declined:
            outcomes.append(Outcome(candidate, "declined", detail="a reviewer reverted this merge before"))
            continue
        keep = merge_root(candidate.keep_id, merged_into)
        if keep == merge_root(candidate.merge_id, merged_into):
            continue  # already one node
        try:
            done = corrections.merge_nodes(
                raw,
                keep,
                candidate.merge_id,
                by=by or RESOLVER,
                reason=f"{candidate.evidence} (score {candidate.score:.2f})",
                rule=candidate.rule,
            )
        except corrections.CorrectionError as error:
            outcomes.append(Outcome(candidate, "refused", detail=str(error)))
            continue
        merged_into[candidate.merge_id] = keep
        outcomes.append(Outcome(candidate, "merged", done.id))
    return outcomes


def resolve_store(store: GraphStore, *, by: str | None = None) -> list[Outcome]:
    """Find the pending candidates of a whole store and apply them."""
    return apply_candidates(store, pending_candidates(raw_store(store)), by=by)
