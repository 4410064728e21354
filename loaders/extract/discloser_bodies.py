"""Where an unnamed whistleblower works (issue #13, round 8: roles8).

An oversight release leaves its whistleblower unnamed but says where they work, beside the noun: "a
whistleblower with ED's Office for Civil Rights", "A CBP whistleblower", or in apposition to it: "The
whistleblower, a former supply systems analyst at the Naval Sea Logistics Center, ...", "the whistleblower,
a former FEMA support branch director, notified OSC". The Person "the whistleblower" (disclosed_matters.py)
is a MEMBER_OF that body (a former employee too: the body they disclosed about is theirs). Only bodies
joined to the noun by a workplace preposition (`workplace_prepositions`) or written as a modifier of it or
of its apposition's job noun; a body behind a verb or a clause ("a whistleblower who told the FAA") is
something else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.attrs import LEMMA

from loaders.extract import disclosed_matters
from loaders.extract.token_filter import tokens_with

if TYPE_CHECKING:
    from spacy.tokens import Token

    from graph.model import Node
    from loaders.extract.rules import DocumentRun

WORKPLACE_PREPOSITIONS = frozenset({"with", "at", "in", "from", "for"})  # "a whistleblower with X", "an analyst at X"
MODIFIER_DEPS = frozenset({"compound", "nmod", "poss"})  # "A CBP whistleblower", "a former FEMA branch director"
CHAIN_DEPS = frozenset({"compound", "nmod", "amod", "pobj", "prep", "poss", "appos"})  # a body inside the job phrase
DISCLOSER_CONFIDENCE = 0.7
EXTRACTOR = "rules.discloser_body"


def discloser_claims(run: DocumentRun) -> None:
    """MEMBER_OF the body the text places each unnamed whistleblower at, cited where it says so."""
    seen: set[tuple[str, str]] = set()
    for doc_index, doc in enumerate(run.parse.docs):
        for token in tokens_with(doc, LEMMA, disclosed_matters._discloser_noun):
            bodies = _workplaces(run, doc_index, token)
            if not bodies:
                continue
            person = disclosed_matters.whistleblower_ref(run, token)
            index = run.parse.sentence_index(doc_index, token)
            if person is None or index is None:
                continue
            for body in bodies:
                if (person.node.id, body.id) in seen:
                    continue
                seen.add((person.node.id, body.id))
                node = run.add_node(body)
                sentence = run.parse.sentences[index]
                claim = run._claim(
                    "MEMBER_OF", person.node.id, node.id, sentence, DISCLOSER_CONFIDENCE, EXTRACTOR, role=token.lemma_
                )
                run.claims.append(claim)


def _workplaces(run: DocumentRun, doc_index: int, noun: Token) -> list[Node]:
    """The body written at the noun ("a whistleblower with X", "A CBP whistleblower") or in its apposition's
    job phrase ("the whistleblower, a former analyst at X")."""
    places = [o for p in noun.children if p.lower_ in WORKPLACE_PREPOSITIONS for o in p.children if o.dep_ == "pobj"]
    places += [c for c in noun.children if c.dep_ in MODIFIER_DEPS and c.i < noun.i]
    for job in (c for c in noun.children if c.dep_ == "appos" and c.pos_ == "NOUN"):
        places += [t for t in job.subtree if t.i != job.i and _in_job_phrase(t, job)]
    for token in sorted(places, key=lambda t: t.i):  # the first: "at X at Port Hueneme, CA" places X, not CA
        mention = run.parse.at(doc_index, token)
        if mention is not None and mention.kind in ("agency", "generic") and mention.node is not None:
            return [mention.node]
    return []


def _in_job_phrase(token: Token, job: Token) -> bool:
    """The token hangs on the job noun by modifiers and workplace prepositions only ("at X", "FEMA ... director")."""
    node = token
    while node.i != job.i:
        if node.dep_ not in CHAIN_DEPS or node.dep_ == "prep" and node.lower_ not in WORKPLACE_PREPOSITIONS:
            return False
        node = node.head
    return True
