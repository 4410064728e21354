"""A passive verb joined to an earlier clause shares that clause's subject.

"The report covers the year and was sent to the Home Secretary on 8 July": the parser gives "sent"
an auxiliary ("was") but no subject of its own, so the sending had no object and drew nothing. In
English a conjoined verb phrase without a subject takes the subject of the verb it is joined to,
whatever that verb's voice; in the passive that subject is what the verb acts on."""

from __future__ import annotations

from spacy.tokens import Token

_SUBJECTS = ("nsubjpass", "nsubj")


def inherited_passive_subjects(verb: Token) -> list[Token]:
    """The subject a subjectless passive conjunct ("... and was sent to X") shares with the verb it is
    joined to, walking up a chain of conjuncts; [] for a verb with a subject of its own or no passive."""
    if verb.dep_ != "conj" or not any(c.dep_ == "auxpass" for c in verb.children):
        return []
    if any(c.dep_ in (*_SUBJECTS, "expl", "csubj", "csubjpass") for c in verb.children):
        return []
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
        subjects = [c for c in node.children if c.dep_ in _SUBJECTS]
        if subjects:
            return subjects
    return []
