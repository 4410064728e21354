"""Requests made to the writer: whoever asked for the document being read COMMISSIONED it (issue #13).

Letters, IG reports and testimony open by saying what they answer: "This responds to your correspondence of
18 December, in which you requested that we address ...", "In your letter requesting that we examine ...",
"This report has been produced in response to Sir X's request to undertake a review", "At the request of
Senator X, we reviewed ...", "as you requested". The asked party is the writer's side ("we", "us", "me", or
the body or person the text is written for), so the work asked for is the text itself: the requester
COMMISSIONED the document being read (`DocumentRun._document_report`), cited by the request's sentence and
dated by the request (a date in its clause, else the date of the letter that made it), failing both by the
document's date, as `testimony_openers` dates the invitation.

A request to someone else ("X requested that the agency examine") is the verb frames' and
`directed_studies`' business; a request for copies ("asked us to provide copies") asks for no work (the asked
verbs are data: `request_*`, `asked_*` and `giving_verbs` in `data/lexicon/words.yaml`, with `work_verbs`). The request as a document ("your letter
of D") is named and flowed by `possessed_letters`, `letter_openers` and the "your letter" rules, not here.

Cost: one regular-expression scan of the text gates the pass; only sentences whose text holds a request word
are walked, token by token, once.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.placeholders import placeholder_for
from loaders.dates import DateValue
from loaders.extract import relations
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from loaders.extract.mentions import Sentence
    from loaders.extract.rules import DocumentRun

CONFIDENCE = 0.7  # the asked party is read off a pronoun or the writer's own name
RULE = "rules.request.writer"
_PARTIES = ("Agency", "Person")
_SUBJECTS = ("nsubj", "nsubjpass")
_CLAUSES = ("ccomp", "xcomp", "advcl")


@cache
def _gate() -> re.Pattern[str]:
    """A pattern any sentence holding a request word matches (the cheap gate), built once from the lexicon."""
    stems = sorted(LEX.request_verbs | LEX.request_nouns)
    return re.compile(r"(?i)\b(?:" + "|".join(map(re.escape, stems)) + ")")


@cache
def _asked_work() -> frozenset[str]:
    return LEX.asked_work | LEX.work_verbs


def request_claims(run: DocumentRun) -> None:
    """COMMISSIONED by each party the text says asked the writer for its work, to the document being read."""
    if not _gate().search(run.document.text):
        return
    writer_ids = {n.id for n in (run.speaker, run.speaker_body) if n is not None}
    drawn: set[str] = set()
    for sentence in run.parse.sentences:
        if sentence.heading or not _gate().search(sentence.text):
            continue
        for token in sentence.span:
            lemma = token.lemma_.lower()
            if lemma in LEX.request_verbs and token.pos_ == "VERB":
                requesters = _verb_requesters(run, sentence, token, writer_ids)
            elif lemma in LEX.request_nouns and token.pos_ == "NOUN":
                requesters = _noun_requesters(run, sentence, token, writer_ids)
            else:
                continue
            for ref in requesters:
                if ref.node.id in drawn or ref.node.id in writer_ids:
                    continue  # the first sentence telling of a party's request says it asked
                drawn.add(ref.node.id)
                own = run._document_report()
                date = _request_date(run, sentence, token)
                confidence = min(CONFIDENCE, ref.confidence)
                run.claims.append(run._claim("COMMISSIONED", ref.node.id, own.id, sentence, confidence, RULE, date))


def _is_writer(run: DocumentRun, doc_index: int, token: Token, writer_ids: set[str]) -> bool:
    """ "we", "us", "me", or a name standing for the body or person the text is written for."""
    lower = token.lower_
    if lower in LEX.first_person or lower in LEX.first_person_plural:
        return True
    return bool(writer_ids) and any(r.node.id in writer_ids for r in run.refs(doc_index, token))


def _asks_writer(run: DocumentRun, verb: Token, writer_ids: set[str], doc_index: int) -> bool:
    """The verb asks the writer for work: "requested that we address", "asked us to review", "we were asked to
    testify", or "as you requested" (the writer's work is what was asked)."""
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) and not relations.children_of(verb, "dobj"):
        return True
    for clause in (c for c in verb.children if c.dep_ in _CLAUSES and _is_work(c)):
        if relations.is_negated_or_hedged(clause):
            continue
        if clause.dep_ == "ccomp":
            asked = relations.children_of(clause, "nsubj")
        else:
            asked = relations.children_of(verb, "dobj") or relations.children_of(verb, "nsubjpass")
        if any(_is_writer(run, doc_index, a, writer_ids) for a in asked):
            return True
    return False


def _is_work(clause: Token) -> bool:
    """ "to review", "that we address", or giving a statement: "to provide testimony"."""
    lemma = clause.lemma_.lower()
    if lemma in _asked_work():
        return True
    return lemma in LEX.giving_verbs and any(
        o.lemma_.lower() in LEX.asked_documents for o in relations.children_of(clause, "dobj")
    )


def _verb_requesters(run: DocumentRun, sentence: Sentence, verb: Token, writer_ids: set[str]) -> list[relations.Ref]:
    if relations.is_negated_or_hedged(verb) or not _asks_writer(run, verb, writer_ids, sentence.doc_index):
        return []
    letter = _requesting_noun(verb)
    if letter is not None:  # "your letter requesting that we examine"
        owners = [c for c in letter.children if c.dep_ == "poss"]
    elif relations.children_of(verb, "nsubjpass"):  # "we were asked by Senator X to review"
        owners = relations.prep_objects(verb, {"by"})
        if not owners:  # "GAO was asked to provide testimony": someone unnamed asked
            unnamed = run.add_node(placeholder_for("COMMISSIONED", run._document_report()))
            return [relations.Ref(unnamed, CONFIDENCE, verb)]
    else:
        owners = relations.subjects_of(verb)
    return _parties(run, sentence, owners)


def _requesting_noun(verb: Token) -> Token | None:
    """The letter a participle describes: "your letter requesting that ..." (an acl of the noun, or, after a
    preposition, the parser's pcomp beside it: "In your letter requesting that we examine")."""
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    if verb.dep_ == "pcomp":
        return next((c for c in verb.head.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)
    return None


def _noun_requesters(run: DocumentRun, sentence: Sentence, noun: Token, writer_ids: set[str]) -> list[relations.Ref]:
    """ "at the request of X", "at X's request", "in response to X's request": when the clause it answers is
    the writer's ("we reviewed", "I am submitting") or the document's own ("This report has been produced")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in LEX.request_answering_prepositions | {"to"}:
        return []
    if prep.lower_ == "to" and prep.head.lemma_.lower() not in LEX.request_answering_heads:
        return []
    clause = prep.head
    while clause.pos_ not in ("VERB", "AUX") and clause.dep_ not in ("ROOT",) and clause.head.i != clause.i:
        clause = clause.head
    if clause.pos_ not in ("VERB", "AUX") or relations.is_negated_or_hedged(clause):
        return []
    subjects = [c for c in clause.children if c.dep_ in _SUBJECTS]
    if not any(_is_writer(run, sentence.doc_index, s, writer_ids) or _is_own(run, s) for s in subjects):
        return []
    owners = [c for c in noun.children if c.dep_ == "poss"] or relations.prep_objects(noun, {"of", "from"})
    return _parties(run, sentence, owners)


def _is_own(run: DocumentRun, token: Token) -> bool:
    """ "This report", "this statement", a bare "This" opening a letter: the document being read."""
    if token.lower_ == "this":
        return True
    return run._is_this_document(token) or (
        token.lemma_.lower() in LEX.own_documents | LEX.document_nouns
        and any(c.dep_ == "det" and c.lower_ == "this" for c in token.children)
    )


def _parties(run: DocumentRun, sentence: Sentence, owners: list[Token]) -> list[relations.Ref]:
    return [r for o in owners for r in run.refs(sentence.doc_index, o) if r.node.label in _PARTIES]


def _request_date(run: DocumentRun, sentence: Sentence, token: Token) -> DateValue | None:
    """A date in the request's own clause, else the date of the letter that made it ("your correspondence of
    December 18, 2012, in which you requested"): the commission is as old as the request."""
    spans = run._dates(sentence)
    date = relations.dates_for(token, spans, set())
    if date is None and token.dep_ in ("relcl", "acl"):
        date = relations.dates_for(token.head, spans, set())
    if date is None and token.pos_ == "NOUN":  # "at the request of the Committee, which in March 2023 asked ..."
        asking = [c for t in token.subtree if t.dep_ == "pobj" for c in t.children if c.dep_ == "relcl"]
        asking = [c for c in asking if c.lemma_.lower() in LEX.request_verbs]
        date = relations.dates_for(asking[0], spans, set()) if asking else None
    return date or run._document_date()  # undated, as the testimony openers' commissions: the text's date
