"""Flows of documents a letter refers to by number, and of bills.

Enforcement letters speak of reports sent before without naming the sender, because the writer sent them:
"Inspection Report 98-02, sent to you on May 15, 1998" (a reduced relative), "The inspection reports were
sent to your staff by letters dated D" (the agent is a letter, not a party), "our letters dated D,
transmitting the inspection reports" (the writer's letters did the sending). In each the writer SENT the
report; when the text says it went to the addressee ("to you", "to your staff") the addressee RECEIVED it.
A sending with no recipient named draws only the SENT; a sending whose agent is a party is left to the verb
rules, and one to a third party by an unnamed sender draws nothing (anyone may have sent it).

Bills are documents named by their chamber mark and number ("S. 680"): their sponsor AUTHORED them ("her
introduction of S. 680", "Senator X introduced S. 870", "S. 870, introduced by X") and a body that
"considered" one KNEW_ABOUT it. The words are lexicon data (`sponsoring_verbs`, `sponsoring_nouns`,
`deliberating_verbs`, `bill_marks` in words.yaml); the bill readings apply to bills only.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.model import Node
from loaders.extract import relations
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Sentence

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

SENT_BY_WRITER = "numbered.sent_by_writer"
SPONSOR = "numbered.bill_sponsor"
CONSIDERED = "numbered.bill_considered"


def _sending(verb: Token) -> bool:
    return verb.pos_ in ("VERB", "AUX") and LEX.verb_claim.get(verb.lemma_.lower()) == "SENT"


def _second_person(token: Token) -> bool:
    """ "you", "your staff", "your office"."""
    return token.lower_ in LEX.second_person or any(
        c.dep_ == "poss" and c.lower_ in LEX.second_person for c in token.children
    )


def _to_addressee(verb: Token) -> Token | None:
    """The "to you" / "to your staff" of a sending, if the text says it went to the addressee."""
    for prep in verb.children:
        if prep.dep_ in ("prep", "dative") and prep.lower_ == "to":
            for target in prep.children:
                if target.dep_ == "pobj" and _second_person(target):
                    return target
        if prep.dep_ == "dative" and _second_person(prep):
            return prep
    return None


def _before_dates(token: Token) -> Token:
    """ "letters dated February 10, February 13, and May 15, 1998": the parser may hang a list of dates anywhere,
    so the words before the comma are read from the word the dates follow ("dated" -> "letters")."""
    start, skipped = token.sent.start, False
    while token.i > start and (token.ent_type_ == "DATE" or (skipped and token.text in (",", "and"))):
        token, skipped = token.doc[token.i - 1], True
    return token.head if skipped and token.lemma_.lower() == "date" and token.dep_ == "acl" else token


def _modified(run: DocumentRun, doc_index: int, verb: Token) -> Token | None:
    """The noun a participle modifies: its head when parsed so, or, for a participle the parser hung on the main
    verb or a preposition after a comma ("Inspection Report 98-02, sent to you on D, ..."; "our letters dated D, transmitting
    the reports"), the report or letter the words before the comma belong to."""
    if verb.dep_ not in ("acl", "advcl", "pcomp"):
        return None
    if verb.i >= 2 and verb.doc[verb.i - 1].text == ",":  # the report just before the comma, not the parser's head
        token = _before_dates(verb.doc[verb.i - 2])
        while token.i < verb.i and token.i != verb.head.i:
            if token.pos_ in ("NOUN", "PROPN") and (run.parse.at(doc_index, token) is not None or _letter(token)):
                return token
            if token.head.i == token.i:
                break
            token = token.head
    return verb.head if verb.dep_ == "acl" else None


def _letter(token: Token) -> bool:
    """A correspondence noun no one but the writer owns: "letters dated D", "our letters"."""
    owners = [c for c in token.children if c.dep_ == "poss"]
    return token.lemma_.lower() in LEX.correspondence and all(o.lower_ in LEX.first_person_possessives for o in owners)


def _by_letter_or_nobody(verb: Token) -> bool:
    """A passive sending with no agent, or only a letter as its agent ("sent ... by letters dated D")."""
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    return all(_letter(a) for a in agents)


def _sent_objects(run: DocumentRun, doc_index: int, verb: Token) -> tuple[list[Token], bool] | None:
    """What the writer sent by this verb, and whether the addressee must be named for it to count: a
    passive or reduced relative with no party as agent (the addressee must be the recipient), or the
    writer's own letters "transmitting" documents (no recipient needed)."""
    if not _sending(verb) or relations.is_negated_or_hedged(verb):
        return None
    modified = _modified(run, doc_index, verb)
    if modified is not None and verb.tag_ == "VBN" and _by_letter_or_nobody(verb):
        return [modified], True  # "Inspection Report 98-02, sent to you on May 15, 1998"
    passive_subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if passive_subjects and _by_letter_or_nobody(verb):
        agents = [c for c in verb.children if c.dep_ == "agent"]
        return (passive_subjects, True) if agents else None  # agentless: `letter_openers.sent_to_you_claims`
    owned = modified is not None and any(c.dep_ == "poss" for c in modified.children)
    if owned and verb.tag_ == "VBG" and _letter(modified):  # "our letters dated D, transmitting the reports"
        return [c for c in verb.children if c.dep_ == "dobj"], False
    return None


def _reports(run: DocumentRun, sentence: Sentence, token: Token) -> list[relations.Ref]:
    return [r for r in run.refs(sentence.doc_index, token) if r.node.label == "Report"]


def _drawn(run: DocumentRun) -> set[tuple[str, str, str, int]]:
    return {(c.type, c.from_id, c.to_id, c.char_start) for c in run.claims if not c.negated}


def sent_by_writer_claims(run: DocumentRun) -> None:
    """After the sentence pass: reports the writer sent earlier, as the letter tells the addressee."""
    from loaders.extract.letter_openers import _writer

    writer: Node | None = _writer(run)
    if writer is None or run.addressee is None:
        return
    for sentence in run.parse.sentences:
        for verb in sentence.span:
            found = _sent_objects(run, sentence.doc_index, verb)
            if found is None:
                continue
            objects, needs_addressee = found
            recipient = _to_addressee(verb)
            if needs_addressee and recipient is None:
                continue
            drawn = _drawn(run)
            dates = run._dates(sentence)
            for report in (r for token in objects for r in _reports(run, sentence, token)):
                if report.node.id == writer.id:
                    continue
                claims = [("SENT", writer)] + ([("RECEIVED", run.addressee)] if recipient is not None else [])
                for claim_type, party in claims:
                    if (claim_type, party.id, report.node.id, sentence.start) in drawn:
                        continue
                    subject = relations.Ref(party, 0.8, recipient if claim_type == "RECEIVED" else verb)
                    run._add(
                        relations.RawClaim(claim_type, subject, report, verb, 0.8, SENT_BY_WRITER), sentence, dates
                    )


@lru_cache(maxsize=4)
def _bill_pattern(marks: frozenset[str]) -> re.Pattern:
    alternation = "|".join(re.escape(m).replace(r"\ ", r"[ \t]?") for m in sorted(marks, key=len, reverse=True))
    return re.compile(rf"(?:{alternation})[ \t]?\d{{1,5}}")


def is_bill(node: Node) -> bool:
    """ "S. 870", "H.R. 1234": a bill by its chamber mark and number."""
    return node.label == "Report" and _bill_pattern(LEX.bill_marks).fullmatch(node.name) is not None


def _nearest_person(run: DocumentRun, sentence: Sentence, pronoun: Token) -> list[relations.Ref] | None:
    """ "thanks to A for her introduction of S. 680 and to B for her support, as shown in her introduction of
    S. 1723": a possessive pronoun in a list of thanks is the person named nearest before it (none when that
    person was left unresolved: never the one before); None when the sentence names no person before it."""
    for token in reversed(sentence.span.doc[sentence.span.start : pronoun.i]):
        mention = run.parse.at(sentence.doc_index, token)
        if mention is not None and mention.kind == "person":
            return [relations.Ref(run.add_node(mention.node), 0.75, pronoun)] if mention.node is not None else []
    return None


def _parties(run: DocumentRun, sentence: Sentence, tokens: list[Token]) -> list[relations.Ref]:
    found: list[relations.Ref] = []
    for token in tokens:
        nearest = _nearest_person(run, sentence, token) if token.tag_ == "PRP$" else None
        refs = nearest if nearest is not None else run.refs(sentence.doc_index, token)
        found.extend(r for r in refs if r.node.label in ("Person", "Agency"))
    return found


def _bill_readings(bill: Token) -> list[tuple[str, list[Token], Token]]:
    """(claim type, party tokens, verb or noun) for each way the sentence says who sponsored or considered it."""
    found: list[tuple[str, list[Token], Token]] = []
    head = bill.head
    if bill.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in LEX.sponsoring_nouns:
        noun = head.head  # "her introduction of S. 680"
        found.append(("AUTHORED", [c for c in noun.children if c.dep_ == "poss"], noun))
    lemma = head.lemma_.lower()
    if bill.dep_ == "dobj" and head.pos_ == "VERB" and not relations.is_negated_or_hedged(head):
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if lemma in LEX.sponsoring_verbs:  # "Senator X introduced S. 870"
            found.append(("AUTHORED", subjects, head))
        elif lemma in LEX.deliberating_verbs:  # "The Committee considered S. 870"
            found.append(("KNEW_ABOUT", subjects, head))
    for verb in [head] if bill.dep_ == "nsubjpass" else [c for c in bill.children if c.dep_ == "acl"]:
        if verb.lemma_.lower() in LEX.sponsoring_verbs and not relations.is_negated_or_hedged(verb):
            agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            found.append(("AUTHORED", agents, verb))  # "S. 870, introduced by Senator X"
    return found


def bill_claims(run: DocumentRun) -> None:
    """After the sentence pass: a bill's sponsor AUTHORED it; a body that considered it KNEW_ABOUT it."""
    for report in run.reports:
        node = report.mention.node
        if node is None or not is_bill(node):
            continue
        sentence = run.parse.sentences[report.mention.sentence]
        root = report.head.doc[report.mention.start : report.mention.end].root  # "S." of "S. 870", not "870"
        bill = relations.Ref(run.add_node(node), 0.9, root)
        dates = run._dates(sentence)
        for claim_type, tokens, verb in _bill_readings(root):
            rule = SPONSOR if claim_type == "AUTHORED" else CONSIDERED
            for party in _parties(run, sentence, tokens):
                run._add(relations.RawClaim(claim_type, party, bill, verb, 0.8, rule), sentence, dates)
