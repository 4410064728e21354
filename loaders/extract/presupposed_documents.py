"""What a question takes for granted about a document it names.

Parliamentary questions are asked about documents everyone knows of: "asked the Minister whether his decision was
based upon the Report of Mr. Hooper", "if he will state when Mr. Cowan's official Report on Dublin housing will be
published", "why the report of the inspector of mines ... occupies only six lines". The question is whether the
report will be published or what it says; that Mr. Hooper wrote it is not asked. So in a question a definite
document phrase (a possessor, "the" / "this", a proper name) keeps the authorship its own words state, whatever
the asked clause around it says ("whether ... was based upon", "if he will publish Mr. Cowan's Report"). An
indefinite one does not: "whether he has received a report from the chief constable" asks whether there is such a
report. Outside questions the phrase is read as its clause is (`relations.statement_mood`): lifting that for
denied and future clauses too ("did not appear in OSC's referral letter") drew six claims on real dev the gold
does not hold, against five found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from loaders.extract import relations
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from spacy.tokens import Token


def is_definite(head: Token) -> bool:
    """The document noun names a known document: a possessor, a determiner that is neither indefinite nor a
    quantifier ("the", "this"), or a proper name."""
    determiners = [c.lower_ for c in head.children if c.dep_ == "det"]
    if any(d in LEX.indefinite_determiners or d in LEX.quantifiers for d in determiners):
        return False
    return bool(determiners) or any(c.dep_ == "poss" for c in head.children) or head.pos_ == "PROPN"


_ASKED_CLAUSES = ("ccomp", "advcl", "xcomp")


def is_asked_about(head: Token) -> bool:
    """The phrase is in a question: its sentence asks, or it sits in a clause a question verb governs ("Mr. X asked
    the Minister if he will publish ...", which historic Hansard and written questions print without "?"); "asked
    questions about GAO's reports" (the verb's object, no clause) is no such question."""
    if relations.is_question(head):
        return True
    return any(
        a.dep_ in _ASKED_CLAUSES and a.head.lemma_.lower() in LEX.question_verbs
        for a in (head, *head.ancestors)
        if a.pos_ in ("VERB", "AUX")
    )


def phrase_is_hedged(head: Token) -> bool:
    """The document phrase states nothing of its own: its clause is denied, hedged, conditional or asked, unless it
    is a definite phrase in a question (then only a negation of the phrase itself)."""
    if is_definite(head) and is_asked_about(head):
        return any(c.dep_ == "neg" for c in head.children)
    return relations.is_negated_or_hedged(head)
