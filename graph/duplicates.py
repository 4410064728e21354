"""Candidate duplicates of a node: same type, similar name, for an investigator to merge or not.

A suggestion only: nothing is merged without a person (or a named rule) saying so, through
`graph.corrections.merge_nodes`.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from graph.corrected import corrected
from graph.model import Node
from graph.names import name_key
from graph.store import GraphStore

MIN_SCORE = 80  # rapidfuzz token_set_ratio of the name keys, 0-100
MIN_WORD = 4  # shorter words ("the", "of") find too much


def candidate_duplicates(store: GraphStore, node: Node, limit: int = 5) -> list[tuple[Node, float]]:
    """Other visible nodes of `node`'s type whose name is close to its name or an alias, best first."""
    view = corrected(store)
    names = [node.name, *node.aliases]
    found: dict[str, Node] = {}
    for word in {w for name in names for w in name_key(name).split() if len(w) >= MIN_WORD}:
        for other in view.find_nodes(word, label=node.label, limit=50):
            if other.id != node.id:
                found.setdefault(other.id, other)
    scored = []
    for other in found.values():
        score = max(fuzz.token_set_ratio(name_key(a), name_key(b)) for a in names for b in [other.name, *other.aliases])
        if score >= MIN_SCORE:
            scored.append((other, score))
    scored.sort(key=lambda pair: (-pair[1], pair[0].id))
    return scored[:limit]
