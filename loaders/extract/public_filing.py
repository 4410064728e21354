"""Publication told as filing or posting: "OSC filed the letter and the comments in its public file",
"the council posted the report on its website", "the department made the review public". No publishing
verb is used, so no verb frame reads it: filing is publishing only when the place is public (a
`public_places` noun, or one called "public"), and making a document public is publishing it."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from loaders.extract import relations
from loaders.extract.lexicon import LEX
from loaders.extract.trigger_words import triggered_by

_PLACE_PREPOSITIONS = {"in", "on", "to", "at", "onto", "into"}
_PUBLIC = "public"
_MAKING = "make"  # "made the report public"
_INNER_CLAUSES = ("relcl", "ccomp", "advcl", "acl", "csubj", "parataxis")


def _is_public_place(place: Token) -> bool:
    """ "its public file", "our website", "the public register": a place anyone may read."""
    if place.lemma_.lower() in LEX.public_places or place.lower_ in LEX.public_places:
        return True
    return any(c.lower_ == _PUBLIC and c.dep_ in ("amod", "compound") for c in place.children)


def _made_public(verb: Token) -> bool:
    """ "made the report public": "public" as the object's complement."""
    return verb.lemma_.lower() == _MAKING and any(
        t.lower_ == _PUBLIC and t.dep_ in ("oprd", "ccomp", "acomp", "xcomp", "advmod")
        for t in (*verb.children, *(c for o in relations.children_of(verb, "dobj", "ccomp") for c in o.children))
    )


def _clause(verb: Token) -> list[Token]:
    """The verb's own clause: its subtree without the clauses inside it (nor their verbs' arguments)."""
    inner = {t.i for c in verb.subtree if c.i != verb.i and c.dep_ in _INNER_CLAUSES for t in c.subtree}
    return [t for t in verb.subtree if t.i not in inner]


@triggered_by(lambda: (*LEX.filing_verbs, _MAKING), lambda: (*LEX.public_places, _PUBLIC))
def publication_claims(verb: Token, refs: relations.RefsOf) -> Iterator[relations.RawClaim]:
    """PUBLISHED from the subject of a filing verb with a public place (or of "made ... public") to the
    documents of its clause. The parser hangs "in its public file" on the verb or on the last object."""
    if verb.lemma_.lower() not in LEX.filing_verbs and verb.lemma_.lower() != _MAKING:
        return  # neither filed nor made public (below): checked first, as the clause is the cost
    if verb.dep_ == "conj" and verb.head.lemma_.lower() in LEX.filing_verbs:
        return  # "filed X, Y and redacted copies of Z in ...": read once, from the first filing verb
    clause = _clause(verb)
    if verb.lemma_.lower() == _MAKING:  # "made the review public": the parser's small clause holds the document
        clause += [t for c in relations.children_of(verb, "ccomp") if c.lower_ == _PUBLIC for t in c.subtree]
    places = [t for t in clause if t.dep_ == "pobj" and t.head.lower_ in _PLACE_PREPOSITIONS]
    filed = verb.lemma_.lower() in LEX.filing_verbs and any(_is_public_place(p) for p in places)
    if not (filed or _made_public(verb)) or relations.is_negated_or_hedged(verb):
        return
    subjects = relations.subjects_of(verb)
    skipped = {t.i for s in subjects for t in s.subtree} | {t.i for p in places for t in p.subtree}
    seen: set[str] = set()
    documents = []
    for token in (t for t in clause if t.i not in skipped and t.pos_ in ("NOUN", "PROPN")):
        for ref in refs(token):
            if ref.node.label == "Report" and ref.node.id not in seen:
                seen.add(ref.node.id)
                documents.append(ref)
    publishers = [r for s in subjects for r in refs(s) if r.node.label in ("Agency", "Person")]
    yield from relations.published_claims(publishers, documents, verb, "public.filing")
