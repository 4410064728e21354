"""Matters brought to someone's attention: "X brought T to the attention of Y", "bringing these allegations to
our attention", "T came to Y's attention", "It was brought to our attention that ...", "X drew the attention of Y
to T". Y learned of T then (and
X, who brought it, knew it): KNEW_ABOUT, dated by the clause. An idiom of letters, testimony and releases for the
moment a body first heard of a matter; the verbs and nouns are data (`attention_verbs`, `attention_nouns` in
verbs.yaml). Denied, hedged, future or asked forms give nothing (`relations.is_negated_or_hedged`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from loaders.extract import disclosed_matters, relations
from loaders.extract.lexicon import LEX
from loaders.extract.trigger_words import triggered_by

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

_CONFIDENCE = 0.75
_ARRIVING = "come"  # "T came to Y's attention": the subject is what was learned, and nobody brought it


@triggered_by(lambda: LEX.attention_verbs, lambda: LEX.attention_nouns)
def attention_claims(
    run: DocumentRun, verb: Token, refs: relations.RefsOf, topic_of: relations.TopicOf
) -> list[relations.RawClaim]:
    """KNEW_ABOUT claims of the attention's holder and of who brought the matter to it."""
    lemma = verb.lemma_.lower()
    if lemma not in LEX.attention_verbs or relations.is_negated_or_hedged(verb) or _infinitive(verb):
        return []
    drawn = [o for o in relations.children_of(verb, "dobj") if o.lemma_.lower() in LEX.attention_nouns]
    nouns = drawn or _attention_nouns(verb)
    if not nouns:
        return []
    holders = [r for n in nouns for h in _holders(n) for r in refs(h) if r.node.label in ("Agency", "Person")]
    if not holders:
        return []
    passive = bool(relations.children_of(verb, "nsubjpass"))
    if drawn:  # "drew the attention of Y to T", "drew Y's attention to T"
        matter_tokens = [
            *relations.prep_objects(verb, {"to"}),
            *(t for n in drawn for t in relations.prep_objects(n, {"to"})),
        ]
        tellers = relations.subjects_of(verb)
    elif lemma == _ARRIVING:
        matter_tokens, tellers = relations.children_of(verb, "nsubj"), []
    elif passive:
        matter_tokens, tellers = relations.children_of(verb, "nsubjpass"), relations.prep_objects(verb, {"by"})
    else:
        matter_tokens, tellers = relations.children_of(verb, "dobj"), relations.subjects_of(verb)
    matters = _matters(run, verb, matter_tokens, topic_of)
    knowers = holders + [r for t in tellers for r in refs(t) if r.node.label in ("Agency", "Person")]
    return [
        relations.RawClaim(
            "KNEW_ABOUT",
            knower,
            matter,
            verb,
            min(_CONFIDENCE, knower.confidence, matter.confidence),
            f"attention.{lemma}",
        )
        for knower in {k.node.id: k for k in knowers}.values()
        for matter in matters
    ]


def _infinitive(verb: Token) -> bool:
    """ "urged X to bring T to the attention of Y", "it is important to draw ...": asked for, not done."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _attention_nouns(verb: Token) -> list[Token]:
    """ "to [the] attention" on the verb, or on its object (the parser hangs "to OSC's attention" on either, and
    "to the Office for Coastal Planning's attention" under the name's own preposition)."""
    hosts = [verb, *relations.children_of(verb, "dobj")]
    preps = [c for h in hosts for c in h.children if c.dep_ == "prep" and c.lower_ == "to"]
    return [
        n
        for p in preps
        for n in p.subtree
        if n.lemma_.lower() in LEX.attention_nouns and n.dep_ == "pobj" and (n.head == p or _holders(n))
    ]


def _holders(noun: Token) -> list[Token]:
    """Whose attention: "our attention", "OSC's attention", "the attention of the council"."""
    return [*relations.children_of(noun, "poss"), *relations.prep_objects(noun, {"of"})]


def _matters(run: DocumentRun, verb: Token, tokens: list[Token], topic_of: relations.TopicOf) -> list[relations.Ref]:
    """What was brought: the object (the whistleblower matter when it points back to it), else, after an
    expletive "it", what the that-clause is about."""
    found: list[relations.Ref] = []
    matter = disclosed_matters.matter_node(run)
    for token in tokens:
        if token.lower_ == "it":
            continue
        if matter is not None and disclosed_matters.is_mention(token):
            found.append(relations.Ref(matter, 0.7, token))
        elif (topic := topic_of(token)) is not None:
            found.append(topic)
    if not found and any(t.lower_ == "it" for t in tokens):
        found = [t for c in _that_clauses(verb) for t in relations.clause_topics(c, topic_of)]
    return found


def _that_clauses(verb: Token) -> list[Token]:
    """The clause after "it was brought to the attention of Y": the verb's, or one the parser hangs on the noun as
    a relative clause opened by "that"."""
    clauses = relations.children_of(verb, "ccomp")
    for noun in _attention_nouns(verb):
        clauses += [c for c in noun.subtree if c.dep_ == "relcl" and c.left_edge.lower_ == "that"]
    return [c for c in clauses if not relations.is_negated_or_hedged(c)]
