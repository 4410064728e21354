"""A document named with the acronym its text defines at the end ("audit of the FBI's efforts to address
homegrown violent extremists (HVE)") is also called without it: the bracket defines a short form for
later sentences, it is not part of what the document is called."""

from __future__ import annotations

import re

from graph.model import Node

_TAIL = re.compile(r"^(.*\S)\s+\([A-Z][A-Z&.-]{1,11}\)$")


def without_acronym_tail(name: str) -> str | None:
    """The name without a closing "(ACRONYM)", or None when it has none."""
    match = _TAIL.match(name)
    return match.group(1) if match else None


def add_aliases(nodes: list[Node]) -> None:
    """Each Report's name and aliases also without their closing acronym, as aliases."""
    for node in nodes:
        if node.label != "Report":
            continue
        shorter = {s for n in (node.name, *node.aliases) if (s := without_acronym_tail(n))}
        if shorter - {node.name} - set(node.aliases):
            node.aliases = sorted({*node.aliases, *shorter} - {node.name})
