"""Which aliases a surviving node loses when a Source is removed (`kflow remove`).

Aliases are evidence-derived, but a store does not record which Source gave each one. So the
rule is read from the evidence itself: an alias goes when the removed Source backed it (one of
its claims about the node quotes it, or it is that Source's title) and no remaining claim about
the node quotes it. An alias no removed claim quotes (a gazetteer name, another file's header) is
kept. Matching is case-insensitive containment of the alias text in the quoted sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from graph.model import Node
from graph.names import name_key


def surviving_aliases(
    node: Node, removed_sentences: Iterable[str], source_titles: Iterable[str], still_quoted: Callable[[str], bool]
) -> list[str]:
    """The node's aliases after the removal; `still_quoted(alias)` asks the store whether a
    remaining claim about the node quotes the alias (asked only for the aliases at stake)."""
    removed = [s.lower() for s in removed_sentences]
    titles = {name_key(t) for t in source_titles if t}
    kept = []
    for alias in node.aliases:
        backed_by_removed = any(alias.lower() in s for s in removed) or name_key(alias) in titles
        if not backed_by_removed or still_quoted(alias):
            kept.append(alias)
    return kept
