"""Unnamed parties: the actor a sentence implies but does not name ("The review was commissioned in 2006").

Such a claim gets a per-document placeholder Agency ("unnamed commissioner of Harbour Review"), whose
id is derived from the report's id, so it is tied to that one report and never shared between two
reports' flows. Its `kind` marks it (PLACEHOLDER_KIND), so the analyses never route a flow through it or
count it as a knower, the app can show "by an unnamed party", and entity resolution can later merge it
into the real body once a text names that body.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.model import Node, node_id

PLACEHOLDER_KIND = "unnamed party"
_ID_PREFIX = "agency:unnamed-"
ACTOR_NOUNS = {"COMMISSIONED": "commissioner", "PUBLISHED": "publisher", "AUTHORED": "author", "SENT": "sender"}


def placeholder_for(claim_type: str, report: Node) -> Node:
    """The unnamed actor of `claim_type` for this report (the same node for every sighting of that report)."""
    actor = ACTOR_NOUNS[claim_type]
    return Node(
        node_id("Agency", f"unnamed {actor} {report.id.split(':', 1)[1]}"),
        "Agency",
        f"unnamed {actor} of {report.name}",
        [],
        {"kind": PLACEHOLDER_KIND},
    )


def is_placeholder(node_id_: str, props: Mapping[str, Any] | None = None) -> bool:
    """True for an unnamed party's node, by its kind when the props are known, else by its id."""
    if props and props.get("kind") is not None:
        return props.get("kind") == PLACEHOLDER_KIND
    return node_id_.startswith(_ID_PREFIX)
