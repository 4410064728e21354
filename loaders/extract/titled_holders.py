"""An office of no body the text names, held by a person the text titles with it: "President Ann Lee ...
The President agreed" is one person. Without that, "the President" became an office holder of its own
(`DocumentRun._unplaced_holder`) beside the named one, and every flow told of "the President" missed her."""

from __future__ import annotations

from graph.model import Node
from graph.names import name_key


def named_holder(nodes: dict[str, Node], phrase: str) -> Node | None:
    """The one named Person whose title is the office ("President" of "President Ann Lee"), else None
    (none, or two people the text gives that title: then "the President" is not told apart)."""
    key = name_key(phrase)
    holders = [
        n
        for n in nodes.values()
        if n.label == "Person" and name_key(n.props.get("role") or "") == key and name_key(n.name) != key
    ]
    if len(holders) != 1:
        return None
    holder = holders[0]  # also known as the text titles them: "President Ann Lee"
    holder.aliases = sorted({*holder.aliases, f"{phrase} {holder.name}"})
    return holder
