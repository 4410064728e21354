"""A body's name with and without its national prefix: "U.S. Department of Commerce" and "Department of Commerce".

The small model often tags "U.S." (or "United States") as a place and only the rest as the organisation, so the body's
node was named "Department of Commerce" while the text wrote, and readers name it, "U.S. Department of Commerce";
where it tags the whole, the bare name is how the same text and others go on to call it. Both forms become aliases of
the one node (its id and name unchanged), so the body is found by either name."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from graph.model import Node
from graph.names import name_key
from loaders.extract.letterhead_offices import without_national_prefix

# the prefix as written right before a name: "U.S.", "U. S.", "US", "United States", "UNITED STATES"
_PREFIX_BEFORE = re.compile(r"(?:\b(?:United States|UNITED STATES)|\bU\.\s?S\.|\bUS)\s*$")


def prefix_before(doc: Doc, start: int) -> str | None:
    """The national prefix written right before token `start` ("U.S." in "the U.S. Department of X"), or None."""
    if start == 0:
        return None
    before = doc[max(0, start - 3) : start].text
    match = _PREFIX_BEFORE.search(before)
    return " ".join(match.group(0).split()) if match else None


def with_national_forms(node: Node, written: str, prefix: str | None) -> Node:
    """The body's node with its name as written with the prefix before it, and without a prefix inside it, as
    aliases (nothing added for a name that has neither)."""
    name = written.strip()
    forms = [f"{prefix} {without_national_prefix(name)}"] if prefix else []
    bare = without_national_prefix(name)
    if bare != name and len(bare.split()) >= 2:
        forms.append(bare)
    known = {name_key(n) for n in [node.name, *node.aliases]}
    new = [f for f in forms if name_key(f) not in known]
    if not new:
        return node
    return Node(node.id, node.label, node.name, [*node.aliases, *new], dict(node.props))
