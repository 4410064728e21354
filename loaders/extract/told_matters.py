"""What a sent letter tells in a that-clause, in a text about a whistleblower's matter. "OSC sent letters to the
President and Congress alerting them that FAA safety inspectors were not sufficiently trained", "sent a letter to
the President informing him that Navy employees ... falsified records", "sent letters to X disclosing that ...":
the telling participle hangs on the sent letter (or the sending verb), its pronoun has no antecedent, and its
that-clause's first noun phrase ("FAA safety inspectors") names no topic. What the letter tells is the
release's one matter (`disclosed_matters.matter_node`, named by the clause where the text states it as one,
`clause_matters.py`): the letter's recipients KNEW_ABOUT it, dated by the sending. The sender is left out: it
knew the matter from the disclosure, which the text tells elsewhere (a second claim from the letter's sentence
was wrong on real dev in 4 documents of 4).

`letter_tellings.py` reads the same participle with an "of" / "about" phrase ("notifying them of T"); this pass
reads only the that-clause, and only when the text has a matter: elsewhere a that-clause's noun phrase is no
topic (round 6 tried the clause's first noun phrase: 0 right, 3 wrong on real dev).

`teller_claims`: "A whistleblower, a former manager, notified OSC of the fraudulent reimbursements": the told
knew (the telling frame), and so did the unnamed whistleblower who told, whom no name ref reaches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from loaders.extract import disclosed_matters, letter_tellings, relations
from loaders.extract.lexicon import LEX
from loaders.extract.trigger_words import triggered_by

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

_CONFIDENCE = 0.7
_PARTIES = ("Agency", "Person")
_PLURAL = frozenset({"NNS", "NNPS"})


def _tells_clause(verb: Token) -> bool:
    """The participle has a that-clause: a `ccomp` child; "that" right after its object pronoun when the parser
    hung the clause elsewhere ("alerting them that Ann Lee, a manager, falsified ..."); or "that" read as the
    determiner of a plural object, the clause's subject ("disclosing that safety inspectors have ...")."""
    if relations.children_of(verb, "ccomp"):
        return True
    objects = relations.children_of(verb, "dobj")
    if len(objects) != 1:
        return False
    if objects[0].tag_ in _PLURAL and any(c.dep_ == "det" and c.lower_ == "that" for c in objects[0].children):
        return True  # "disclosing that safety inspectors ... have approved": "that" is no determiner of a plural
    after = objects[0].i + 1
    return after < len(verb.doc) and verb.doc[after].lower_ == "that" and verb.doc[after].dep_ == "mark"


@triggered_by(letter_tellings.telling_lemmas, lambda: LEX.correspondence, lambda: LEX.discloser_nouns)
def letter_claims(run: DocumentRun, verb: Token, refs: relations.RefsOf) -> list[relations.RawClaim]:
    """KNEW_ABOUT the matter for the recipients of a letter whose telling participle has a
    that-clause; nothing when the text names no whistleblower matter."""
    if verb.tag_ != "VBG" or not letter_tellings.is_telling(verb) or not _tells_clause(verb):
        return []
    if relations.is_negated_or_hedged(verb):
        return []
    clauses = relations.children_of(verb, "ccomp")
    if clauses and all(relations.statement_mood(c) == relations.HEDGED for c in clauses):
        return []  # "alerting them that the managers may have destroyed the logs": a suspicion, not the matter
    sender = letter_tellings.sending_verb(verb)
    if sender is None:
        return []
    matter = disclosed_matters.matter_node(run)
    if matter is None:
        return []
    _, _, recipients = relations.arguments(sender, LEX.frames[sender.lemma_.lower()])
    told = [r for t in recipients for c in relations.coordinated(t) for r in refs(c) if r.node.label in _PARTIES]
    if not told:
        return []
    topic = relations.Ref(matter, _CONFIDENCE, verb)
    rule = f"told_matter.{verb.lemma_.lower()}"
    return [
        relations.RawClaim("KNEW_ABOUT", knower, topic, sender, min(_CONFIDENCE, knower.confidence), rule)
        for knower in {r.node.id: r for r in told}.values()
    ]


@triggered_by(relations.telling_lemmas, lambda: LEX.discloser_nouns)
def teller_claims(run: DocumentRun, verb: Token, raw: list[relations.RawClaim]) -> list[relations.RawClaim]:
    """ "A whistleblower notified OSC of the fraudulent reimbursements": the unnamed whistleblower who told
    knew what was told too. The telling frame makes the told know it; a named teller is a knower already
    (`relations._knowledge`), but an unnamed whistleblower is no name, so no ref."""
    frame = LEX.frames.get(verb.lemma_.lower())
    if frame is None or not frame.tells or not raw:
        return []
    told = [c for c in raw if c.type == "KNEW_ABOUT" and c.verb is verb and c.object.node.label == "Topic"]
    if not told:
        return []
    tellers = [
        ref
        for s in relations.subjects_of(verb)
        for c in relations.coordinated(s)
        if c.lemma_.lower() in LEX.discloser_nouns
        for ref in [disclosed_matters.whistleblower_ref(run, c)]
        if ref is not None
    ]
    have = {(c.subject.node.id, c.object.node.id) for c in told}
    return [
        relations.RawClaim(
            "KNEW_ABOUT",
            teller,
            claim.object,
            claim.verb,
            min(claim.confidence, teller.confidence),
            f"told_matter.teller.{verb.lemma_.lower()}",
        )  # fmt: skip
        for teller in tellers
        for claim in {c.object.node.id: c for c in told}.values()
        if (teller.node.id, claim.object.node.id) not in have
    ]
