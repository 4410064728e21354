""" "Did you mean": names close to one that matched nothing ("home ofice" -> Home Office).

Fuzzy matching (rapidfuzz) only proposes; it never picks a node for the user, because a close
name can be a different body. Against a store, candidates are gathered by the store's own name
search on each word of the name and its first letters, so no store is scanned whole.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process, utils

from graph.model import Node
from graph.store import GraphStore

Row = tuple[str, str, str]  # (id, label, name)
CUTOFF = 75  # rapidfuzz WRatio, 0-100: close enough to be worth proposing
MARGIN = 8  # only names nearly as close as the closest: "home ofice" proposes Home Office, not its Permanent Secretary
LIMIT = 5


def closest(name: str, rows: Iterable[tuple[str, str, str, list[str]]], limit: int = LIMIT) -> list[Row]:
    """The rows (id, label, name, names to compare) whose names are most like `name`, best first."""
    choices: dict[int, str] = {}
    owners: list[Row] = []
    for node_id, label, canonical, names in rows:
        for alias in names:
            choices[len(owners)] = alias
            owners.append((node_id, label, canonical))
    scored = process.extract(
        name, choices, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=CUTOFF, limit=None
    )
    found: list[Row] = []
    best = scored[0][1] if scored else 0
    for _alias, score, index in scored:
        if score >= best - MARGIN and owners[index] not in found:
            found.append(owners[index])
    return found[:limit]


def store_suggestions(store: GraphStore, name: str, labels: Iterable[str] | None = None) -> list[Row]:
    """Stored nodes (of `labels`) whose names are close to `name`."""
    labels = tuple(labels) if labels else None
    pieces = {p for word in name.split() if len(word) >= 3 for p in (word, word[:3])}
    seen: dict[str, Node] = {}
    for piece in sorted(pieces):
        for node in store.find_nodes(piece, limit=50):
            if labels is None or node.label in labels:
                seen[node.id] = node
    return closest(name, ((n.id, n.label, n.name, [n.name, *n.aliases]) for n in seen.values()))
