"""Coordinated prepositional arguments: "sent it to A and to B", "to A as well as (to) B", "by A and by B".

When the preposition is repeated, the parser coordinates the prepositions, not their objects: the second "to"
is a `conj` of the first (or hangs under "as well as" on it), so a frame reading the verb's "to" phrase found
A and lost B. "as well as B" with no second preposition is a preposition "as" of its own on the verb, right
after the argument it joins. Both are read here as more objects of the same argument, for every frame that
reads prepositional arguments (`relations.prep_objects`: recipients, senders, agents, topics).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

_JOINING = frozenset({"conj", "cc"})  # where a coordinated preposition hangs: "and to B", "as well as to B"
_AS = "as"
_WELL = "well"


def _objects(prep: Token) -> Iterator[Token]:
    return (c for c in prep.children if c.dep_ == "pobj")


def is_conjoined_prep(token: Token) -> bool:
    """ "forwarded it to A, and to B": the parser may hang the second "to" on the verb as a conjunct of the verb."""
    return token.dep_ == "conj" and token.pos_ == "ADP" and token.head.pos_ in ("VERB", "AUX")


def _joined_preps(prep: Token, preps: set[str] | frozenset[str]) -> Iterator[Token]:
    """The prepositions coordinated with `prep`: "to A and to B" (B's "to" a conj of A's), "to A as well as to
    B" (under the "as" of "as well as"), each with the same role (one of `preps`)."""
    for child in prep.children:
        if child.dep_ not in _JOINING:
            continue
        if child.pos_ == "ADP" and child.lower_ in preps:
            yield child
            yield from _joined_preps(child, preps)
        elif child.lower_ == _AS:  # "as well as to B": "as" a cc of the first "to", the second "to" under it
            yield from (g for g in child.children if g.pos_ == "ADP" and g.lower_ in preps)


def _trailing_as_well_as(prep: Token) -> list[Token]:
    """ "sent it to A as well as B": "as well as" right after `prep`'s phrase, its last "as" a preposition of
    the same verb; that preposition's object joins `prep`'s objects."""
    doc, start = prep.doc, prep.right_edge.i + 1
    words = [t.lower_ for t in doc[start : start + 3]]
    if words != [_AS, _WELL, _AS] or doc[start + 2].head.i != prep.head.i or doc[start + 2].dep_ != "prep":
        return []
    return list(_objects(doc[start + 2]))


def coordinated_objects(prep: Token, preps: set[str] | frozenset[str]) -> list[Token]:
    """The objects of `prep` and of the prepositions coordinated with it ("to A and to B", "to A as well as
    B"); just its own objects when nothing is coordinated, which is the cheap common case."""
    objects = list(_objects(prep))
    if prep.n_rights > 1 and any(c.dep_ in _JOINING for c in prep.children):
        objects += [o for p in _joined_preps(prep, preps) for o in _objects(p)]
    after = prep.right_edge.i + 1
    if after < len(prep.doc) and prep.doc[after].lower_ == _AS:
        objects += _trailing_as_well_as(prep)
    return objects


def told_after_conjuncts(verb: Token, preps: set[str] | frozenset[str]) -> list[Token]:
    """ "notified A and B of T": with a coordinated told object the parser hangs "of T" on one of the names
    (the first, the last, or inside one: "the Ministry of Inland Waterways of T"), not on the verb. The objects
    of the first such preposition past the last name are what is told of. (Not after a single name: "informing
    Ms. Lee of the report's release" is read by the verb.)"""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    last = max((c for o in objects for c in o.conjuncts), key=lambda t: t.i, default=None)
    if last is None or not last.ent_type_:
        return []  # only past coordinated names: "notified the head of the council" names no topic
    end = last.i + 1  # the end of the last told name, by its entity
    while end < len(last.doc) and last.doc[end].ent_iob_ == "I":
        end += 1
    told = [t for o in objects for t in o.subtree]
    prep = next(
        (t for t in told if t.i >= end and t.dep_ == "prep" and t.lower_ in preps and t.head.ent_type_),
        None,
    )  # the first one past the names and hung on one: "of the merger of A and B" is the merger
    return [] if prep is None else [o for o in _objects(prep) if not o.ent_type_]
