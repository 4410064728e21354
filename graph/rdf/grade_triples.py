"""Grades in the RDF export: a Source's `kflow:reliability` and `kflow:credibility` (the default
information grade of its claims) as the investigator left them, and a claim graded on its own
its `kflow:credibility`. The sidecar's grades are Source properties and map like any other; the
hand grades (graph/grades.py) are applied here, so the export says what the answers use."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pyoxigraph import Literal, Triple

from graph.grades import SOURCE_PROPS, hand_grades
from graph.model import Node
from graph.rdf.iris import Minter
from graph.rdf.vocab import KFLOW
from graph.store import GraphStore


def latest_hand_grades(store: GraphStore) -> dict[tuple[str, str], str | None]:
    """(target id, scale) -> the latest hand grade (None: cleared, the sidecar's stands)."""
    return {(r.body["target"], r.body["scale"]): r.body.get("grade") for r in hand_grades(store)}


def graded_nodes(nodes: Iterable[Node], latest: dict[tuple[str, str], str | None]) -> Iterator[Node]:
    """Sources carrying their hand grades in place of the sidecar's; other nodes as they are."""
    for node in nodes:
        if node.label == "Source":
            changes = {
                SOURCE_PROPS[scale]: grade for (target, scale), grade in latest.items() if target == node.id and grade
            }
            if changes:
                node = Node(node.id, node.label, node.name, node.aliases, {**node.props, **changes})
        yield node


def claim_grade_triples(
    latest: dict[tuple[str, str], str | None], claim_ids: set[str], mint: Minter
) -> Iterator[Triple]:
    """`claim kflow:credibility "2"` for each stored claim graded on its own."""
    for (target, scale), grade in sorted(latest.items(), key=lambda item: item[0]):
        if grade and scale == "information" and target in claim_ids:
            yield Triple(mint.node(target), KFLOW.credibility, Literal(grade))
