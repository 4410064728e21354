"""Rewriting a parse's entities one at a time.

Several components after NER cut an entity the tagger ran too far into its parts ("Select Committee on [Public
Accounts Sixth Report]", "House Committee on Roads Chairman Ann Lee"). Each reads one entity and says what stands
in its place; this is the one loop that rebuilds `doc.ents` from those answers, and assigns it only when something
changed (assigning re-tags every token, and a needless one may reorder nothing but costs a pass).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span


def respan_entities(doc: Doc, parts_of: Callable[[Span], list[Span] | None]) -> Doc:
    """`doc` with every entity replaced by `parts_of(entity)`; None keeps the entity as it is."""
    ents: list[Span] = []
    changed = False
    for ent in doc.ents:
        parts = parts_of(ent)
        if parts is None:
            ents.append(ent)
        else:
            ents.extend(parts)
            changed = True
    if changed:
        doc.ents = ents
    return doc
