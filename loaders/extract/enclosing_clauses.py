"""What a letter encloses: "the enclosed Notice", "the documents enclosed", "Enclosed is an Administrative
Order", "Please find enclosed the final audit report", "I attach a list of questions".

A letter's enclosure travelled with it (`letter_openers.enclosure_claims`), and whatever a letter encloses is a
document, even a noun that is no document by itself ("an Administrative Order", "a list of questions",
`transferred_documents.is_transferred_document`). The verbs are lexicon data (`enclosing_verbs` in words.yaml).
"""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract.lexicon import LEX


def _enclosing_word(token: Token) -> bool:
    """ "enclose", "enclosed", "attached": the tagger gives an adjective "attached" its own lemma."""
    lemma = token.lemma_.lower()
    return lemma in LEX.enclosing_verbs or lemma in {_participle(verb) for verb in LEX.enclosing_verbs}


def _participle(verb: str) -> str:
    return f"{verb}d" if verb.endswith("e") else f"{verb}ed"


def is_enclosed(head: Token) -> bool:
    """ "the enclosed Notice", "certain enclosed documents", "the documents enclosed", "the attached report";
    or the document a clause encloses (`_clause_encloses`)."""
    return _clause_encloses(head) or any(
        c.dep_ in ("amod", "acl", "compound") and _enclosing_word(c) and c.tag_ in ("VBN", "JJ") for c in head.children
    )


def _misattached_report(head: Token) -> bool:
    """ "Attached is the Office of X evaluation report": the parser makes "Office" the clause's noun and the
    report its "of" object; a document noun under a noun that is none is the clause's own."""
    if head.dep_ != "pobj" or head.head.lower_ != "of" or head.head.head.dep_ != "attr":
        return False
    nouns = LEX.document_nouns | LEX.own_documents
    return head.lemma_.lower() in nouns and head.head.head.lemma_.lower() not in nouns


def _clause_encloses(head: Token) -> bool:
    """ "Enclosed is an Administrative Order", "Please find enclosed the final audit report", "I attach a list",
    "We are enclosing the reports": the object of a clause with an enclosing word before it, done by the
    writer ("I", "we") or by no one named (a formula); "The council attached a map" is not the letter's."""
    if _misattached_report(head):
        head = head.head.head  # "Attached is the Office of X evaluation report": parsed as the Office's
    if head.dep_ not in ("dobj", "attr"):
        return False
    verb = head.head
    words = (verb, *verb.children, *((verb.head,) if verb.dep_ in ("aux", "auxpass") else ()))
    if not any(_enclosing_word(word) and word.i < head.i for word in words):
        return False  # "Attached is our report" parses "Attached" as the root over "is"
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and not _enclosing_word(c)]
    return all(s.lower_ in LEX.first_person | LEX.first_person_plural for s in subjects)
