"""Coreference the flows need: who "you", "it", "they" and "this statement" are.

Real prose names an actor or a document once and then refers back. Three conventions are read here,
each as a general mechanism and each abstaining when the text leaves a choice open (precision first):

- The addressee of a letter or a testimony: the salutation ("Dear Chairman Issa:", "Dear Ms Hale,";
  "Mr. Chairman and Members of the Subcommittee:"). In such a document "you" and "your" are the
  addressee, and the addressee received the document. "Dear Sir or Madam" names nobody.
- Actor pronouns across sentences: "it" / "its" / "they" / "their" with no document to refer to are
  the body that is the subject of the nearest preceding clause in the same paragraph (up to
  `WINDOW` sentences back). Only when that nearest subject is itself a named body: a person, a plural
  noun or anything else in between blocks the reading ("The whistleblowers ... They alleged" is not
  the body named two sentences earlier).
- The document itself ("this statement", "this report", "this response") in a first-person or
  addressed document: see `rules.DocumentRun._is_this_document`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from loaders.extract.lexicon import LEX
from loaders.extract.mentions import DocumentParse, Mention

WINDOW = 2  # sentences back an actor pronoun may reach, within its paragraph
SALUTATION_SPAN = 2500  # characters from the top where a salutation is looked for
SUBJECT_DEPS = ("nsubj", "nsubjpass")


@dataclass(frozen=True)
class Addressee:
    name: str | None  # a person's name as written ("Issa", "Anna Kerr"), None when only a role is given
    role: str | None  # "Chairman", "Deputy Attorney General"
    surface: str  # what the salutation says: "Chairman Issa", "Mr. Chairman"
    start: int  # character range of the salutation in the document
    end: int
    titled: bool = False  # the salutation gives a title or a role ("Dear Ms Hale"), not only a name ("Dear David")


def _role_words() -> frozenset[str]:
    return frozenset(
        w.lower()
        for w in (
            *LEX.job_words,
            *LEX.role_modifiers,
            *LEX.not_name_words,
            *LEX.role_nouns,
            *LEX.chair_addresses,
            *LEX.office_titles,
        )
    )


_WORD = r"[A-Z][\w.'\u2019-]*"


def _salutation_pattern() -> re.Pattern:
    greeting = "|".join(re.escape(s.capitalize()) for s in LEX.salutations)
    return re.compile(
        r"(?:^|(?<=\s))(?:"
        + greeting
        + r")[ \t]+("
        + _WORD
        + r"(?:[ \t]+"
        + _WORD
        + r"){0,5})[ \t]*(?:[:,]|(?=\r?\n))"  # "Dear Mr Evans" on its own line: British style
    )


def _chair_pattern() -> re.Pattern:
    titles = (
        "|".join(re.escape(t) + r"\.?" for t in LEX.person_titles if t.lower() in ("mr", "mrs", "ms", "madam")) or "Mr"
    )
    chairs = "|".join(c.capitalize() for c in LEX.chair_addresses)
    return re.compile(r"(?m)^[ \t]*((?:" + titles + r"|Madam)[ \t]+(" + chairs + r"))\b[^\n]{0,120}:[ \t]*$")


def addressee(text: str) -> Addressee | None:
    """Who a letter or a testimony is addressed to, from its salutation near the top; None when it
    has none, or names nobody in particular ("Dear Sir or Madam", "Dear colleagues")."""
    head = text[:SALUTATION_SPAN]
    found = _salutation_pattern().search(head)
    if found:
        words = found.group(1).split()
        if any(w.lower() in ("and", "&") for w in words) or words[0].lower().rstrip(".") in LEX.impersonal_addressees:
            return None  # two addressees, or nobody named
        titles, roles = LEX.title_keys, _role_words()
        rest = list(words)
        while rest and rest[0].rstrip(".").lower() in titles:
            rest = rest[1:]
        role_part = []
        while rest and rest[0].lower() in roles | {"of", "for", "the"}:
            role_part.append(rest[0])
            rest = rest[1:]
        if rest and rest[0].lower().rstrip(".") in LEX.impersonal_addressees:
            return None
        role = " ".join(role_part) or None
        titled = len(rest) < len(words)
        if titled and rest:  # "Deputy Attorney General Rosenstein", "Chairman Issa": the surname
            rest = rest[-1:]
        return Addressee(" ".join(rest) or None, role, found.group(1), found.start(1), found.end(1), titled)
    chair = _chair_pattern().search(head[:600])
    if chair:  # "Mr. Chairman and Members of the Subcommittee:" opening a testimony
        return Addressee(None, chair.group(2), chair.group(1), chair.start(1), chair.end(1))
    return None


def _subject_of(token: Token) -> bool:
    return token.dep_ in SUBJECT_DEPS or token.dep_ == "poss" and token.head.dep_ in SUBJECT_DEPS


def body_antecedent(parse: DocumentParse, doc_index: int, pronoun: Token, plural: bool) -> Mention | None:
    """The named body an actor pronoun refers back to: the subject of the nearest preceding clause in
    the paragraph, when that subject is a body ("The Harbour Authority reviewed the plan. It sent ...").
    None when the nearest preceding subject is anything else (a person, a document, a plain noun)."""
    doc = parse.docs[doc_index]
    here = parse.sentence_of(doc_index, pronoun).index
    own_start = parse.sent_start(doc_index, pronoun)  # sentence starts from the parse's table: `Token.sent` is costly
    for token in reversed(doc[: pronoun.i]):
        start = parse.sent_start(doc_index, token)
        if (
            start != own_start
            and (earlier := parse.sentence_index(doc_index, token)) is not None
            and here - earlier > WINDOW
        ):
            return None
        if token.dep_ not in SUBJECT_DEPS or token.head.i == pronoun.head.i and start == own_start:
            continue
        if token.pos_ == "PRON":
            continue  # "It ... it": keep looking for what the first one named
        mention = parse.at(doc_index, token)
        if mention is None or mention.kind not in ("agency", "generic") or mention.node is None:
            return None  # the nearest subject is not a body: no reading
        if not plural and token.tag_ in ("NNS", "NNPS") and mention.kind == "generic":
            return None
        return mention
    return None
