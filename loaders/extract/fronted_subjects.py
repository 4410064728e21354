"""A subject the parser swallowed into a fronted date phrase: "In 2009 Daniel Okafor, an information technology
specialist at X, sent the dossier to Y". Without a comma after the year the small model reads "In 2009 Daniel
Okafor" as one prepositional phrase (the year a `nummod` of the name, the name the `pobj` of "In"), so the verb
has no subject and the sender was lost. A name (a PERSON or ORG entity) that is the object of a sentence-opening
preposition and carries a date of its own, before an active verb that has no subject, is that verb's subject.
"""

from __future__ import annotations

from spacy.tokens import Token

_NAME_TYPES = frozenset({"PERSON", "ORG"})
_DATE_LINKS = frozenset({"nummod", "compound", "nmod", "amod", "npadvmod"})


def swallowed_subject(verb: Token) -> list[Token]:
    """The name a fronted date phrase swallowed ("In 2009 Ann Lee, ..., sent"), as `verb`'s active subject;
    [] when the verb has a subject, is passive, or no opening phrase has that shape."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "auxpass", "expl") for c in verb.children):
        return []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i > verb.i or prep.i != prep.sent.start:
            continue
        for name in prep.children:
            if name.dep_ == "pobj" and _dated_name(name):
                return [name]
    return []


def _dated_name(name: Token) -> bool:
    """A name that holds the opening's date: "2009" / "March 2009" hung on "Ann Lee" ("In 2009 Ann Lee")."""
    if name.ent_type_ not in _NAME_TYPES or name.pos_ != "PROPN":
        return False
    dates = [c for c in name.children if c.dep_ in _DATE_LINKS and c.ent_type_ == "DATE" and c.i < name.i]
    return any(not any(t.ent_type_ == name.ent_type_ for t in d.subtree) for d in dates)
