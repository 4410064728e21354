"""What the corrections layer hides from analyses, counted by type, so counts of the stored graph
(`kflow stats`, the Overview page) can say how much of it analyses actually see."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from graph import corrections
from graph.corrected import raw_store
from graph.store import Counts, GraphStore


@dataclass
class HiddenCounts:
    """Stored claims left out (rejected, superseded by an edit, withdrawn) and nodes merged away, by type."""

    claims: dict[str, int] = field(default_factory=dict)
    rejected: int = 0
    nodes: dict[str, int] = field(default_factory=dict)

    @property
    def total_claims(self) -> int:
        return sum(self.claims.values())

    @property
    def total_nodes(self) -> int:
        return sum(self.nodes.values())


def hidden_counts(store: GraphStore) -> HiddenCounts:
    """Counts of what corrections hide in `store` (read from its Correction records: cheap when few)."""
    raw = raw_store(store)
    records = corrections.load(raw)
    if not records:
        return HiddenCounts()
    status = corrections.statuses(records)
    hidden_ids = sorted(i for i, s in status.items() if s in corrections.HIDDEN_STATUSES)
    claims = raw.claims_by_id(hidden_ids) if hidden_ids else []
    merged = sorted(corrections.active_merges(records))
    nodes = raw.neighbourhood(merged, hops=0).nodes.values() if merged else []
    return HiddenCounts(
        claims=dict(Counter(c.type for c in claims)),
        rejected=sum(1 for c in claims if status.get(c.id) == "rejected"),
        nodes=dict(Counter(n.label for n in nodes)),
    )


def claims_note(counts: Counts, hidden: HiddenCounts) -> str:
    """ " (3 rejected; 117 in analyses)" after a count of stored claims, or "" when none is hidden."""
    return _note(counts.total_claims, hidden.total_claims, _claim_words(hidden))


def nodes_note(counts: Counts, hidden: HiddenCounts) -> str:
    """ " (2 merged; 40 in analyses)" after a count of stored nodes, or ""."""
    return _note(counts.total_nodes, hidden.total_nodes, f"{hidden.total_nodes} merged")


def nodes_heading(counts: Counts, hidden: HiddenCounts) -> str:
    """ "Nodes (42; 2 merged, 40 in analyses)": one bracket, so a heading reads as one count."""
    return _heading("Nodes", counts.total_nodes, hidden.total_nodes, f"{hidden.total_nodes} merged")


def claims_heading(counts: Counts, hidden: HiddenCounts) -> str:
    """ "Claims (120; 3 rejected, 117 in analyses)", or "Claims (120)" when nothing is hidden."""
    return _heading("Claims", counts.total_claims, hidden.total_claims, _claim_words(hidden))


def _heading(noun: str, total: int, hidden: int, words: str) -> str:
    return f"{noun} ({total}; {words}, {total - hidden} in analyses)" if hidden else f"{noun} ({total})"


def _claim_words(hidden: HiddenCounts) -> str:
    other = hidden.total_claims - hidden.rejected
    words = [f"{hidden.rejected} rejected"] if hidden.rejected or not other else []
    return ", ".join([*words, *([f"{other} replaced by edits or withdrawn"] if other else [])])


def _note(total: int, hidden: int, words: str) -> str:
    return f" ({words}; {total - hidden} in analyses)" if hidden else ""
