"""A title's name the parser hung elsewhere: "forwarded it to the Chief Executive, Mr Ann Lee, and to the chair of
the Patient Safety Committee, Professor Nadia Kirkwall, under cover of a note". After a coordination the parser
often attaches the second title's apposition to the verb (an `npadvmod`), so the title stood for an unnamed office
holder and the person the text names was lost. A subject title does the same: "a senior analyst at Kestrel Motors,
Ann Lee, submitted the memo" hangs the name on the body, as if it were the body's apposition. A person's name right after the title's phrase, between commas
(or before the sentence's end), is that title's holder whatever the tree says.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from loaders.extract.lexicon import LEX

PARTY_TAG = re.compile(r"\(\s*[DRI]\s*-\s*[A-Z][A-Za-z. ]{1,12}\)")  # "(D-OR)", "(R-Ky.)", "(D-N.Y.)"
_CLOSING = frozenset({",", ".", ";"})
_LONGEST_TITLE = 10  # tokens from a title to its comma: "the chair of the Patient Safety Committee,"


def detached_holder(title: Token) -> Token | None:
    """The root of the person's name in apposition to `title` that the parser did not attach to it (on the
    verb, or on the body the title names: "the chair of X, Professor Y", where a person's name cannot be in
    apposition to the body's); None when there is none or when the
    tree already holds it as the title's own apposition (read elsewhere)."""
    closing = name_closing_title_phrase(title)
    if closing is not None:
        return closing
    if title.lemma_.lower() not in LEX.role_nouns and title.ent_type_ != "ROLE":
        return None
    subject = title.dep_ in ("nsubj", "nsubjpass")
    if "conj" not in (title.dep_, title.head.dep_) and not subject:
        return None  # a coordinated title ("and to the chair of X, Y,") or a subject: where the parser goes astray
    doc, comma = title.doc, title.i + 1
    while comma < min(len(doc), title.i + _LONGEST_TITLE) and doc[comma].text != ",":
        if not title.is_ancestor(doc[comma]) or doc[comma].ent_type_ == "PERSON":
            return None  # the title's phrase ends before any comma
        comma += 1
    if comma + 1 >= len(doc) or doc[comma].text != "," or doc[comma + 1].ent_type_ != "PERSON":
        return None
    if doc[comma + 1].ent_iob_ != "B":
        return None
    end = comma + 2
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if end < len(doc) and doc[end].text not in _CLOSING:
        return None  # "the chair, Ann Lee said": a clause, not an apposition
    if subject and (end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].head.i != title.head.i):
        return None  # a subject's name stands between commas right before its verb (or the verb's auxiliary)
    name = doc[comma + 1 : end].root
    if name.head.i == title.i:
        return None  # the title's own apposition, read elsewhere
    if title.is_ancestor(name) and not name.head.ent_type_:
        return None  # "head of research, Dr Ann Lee": hung inside the phrase, but not on a body's name
    return name


def name_closing_title_phrase(title: Token) -> Token | None:
    """The name that closes a title's phrase with no comma, US style: "Ranking Member of the House Committee on
    Roads Ann Lee sent ...". The parser hangs the name inside the body's name (an object of "of"), so the title
    stood for an unnamed holder; a person's name right after the body's name, ending the title's phrase, is the
    holder."""
    if title.lemma_.lower() not in LEX.role_nouns and title.ent_type_ != "ROLE" and title.text not in LEX.office_titles:
        return None
    doc, end = title.doc, title.right_edge.i
    if doc[end].text == ")":  # "Ann Lee (D-OR)": a member of Congress's party and state close the phrase
        opening = next((t.i for t in reversed(doc[title.i : end]) if t.text == "("), None)
        if opening is None or not PARTY_TAG.fullmatch(doc[opening : end + 1].text):
            return None
        end = opening - 1
    if doc[end].ent_type_ != "PERSON":
        return None
    start = end
    while start > title.i and doc[start].ent_iob_ == "I":
        start -= 1
    if doc[start].ent_iob_ != "B" or start < title.i + 3:
        return None
    between = doc[title.i + 1 : start]
    if doc[start - 1].ent_type_ in ("", "PERSON") or between[0].lower_ != "of":
        return None  # the body's name must end right before the person's
    if any(t.text in {",", ";", "(", ")"} or t.pos_ in ("VERB", "AUX") for t in between):
        return None
    return doc[start : end + 1].root
