"""What a sent letter tells its recipients. "X sent a letter to Y and Z notifying them of T", "sent letters to Y
warning them about T", "sent a letter to Y informing him about T": the
telling is a participle hung on the letter (or on the sending verb), and who it tells is the letter's recipients,
named once on the sending verb and pointed back to by a pronoun ("them", "him") or not at all. The parser gives
the participle no subject and the pronoun no antecedent, so no verb rule reads it: here the recipients (and the
sender, who told) KNEW_ABOUT what the participle names ("of T", "about T"). A named told party ("sent a letter
to Y notifying the Council of T") is who knows instead of Y."""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract import relations
from loaders.extract.lexicon import LEX
from loaders.extract.trigger_words import triggered_by

_PRONOUNS = frozenset({"them", "him", "her"})
_CONFIDENCE = 0.75
_SENDING = "SENT"


def _tells_unaddressed(lemma: str) -> bool:
    """A telling frame that needs no recipient ("notifying them of T"), or a disclosing verb."""
    frame = LEX.frames.get(lemma)
    return (frame is not None and frame.tells and not frame.needs_recipient) or lemma in LEX.disclosing_verbs


def telling_lemmas() -> list[str]:
    """The lemmas `is_telling` accepts (its trigger words)."""
    return [lemma for lemma in (*relations.telling_lemmas(), *LEX.disclosing_verbs) if _tells_unaddressed(lemma)]


def is_telling(verb: Token) -> bool:
    return verb.tag_ == "VBG" and _tells_unaddressed(verb.lemma_.lower())


def sending_verb(verb: Token) -> Token | None:
    """The verb that sent the letter the participle belongs to: its head ("sent X to Y, notifying ..."), or the
    head of the letter it is hung on ("sent a letter to Y notifying ...")."""
    head = verb.head
    if verb.dep_ == "acl" and head.lemma_.lower() in LEX.correspondence and head.dep_ == "dobj":
        head = head.head
    elif verb.dep_ not in ("advcl", "xcomp", "acl"):
        return None
    frame = LEX.frames.get(head.lemma_.lower())
    if frame is None or frame.claim != _SENDING or head.pos_ not in ("VERB", "AUX"):
        return None
    if relations.is_negated_or_hedged(head):
        return None
    letters = [o for o in relations.children_of(head, "dobj") if o.lemma_.lower() in LEX.correspondence]
    return head if letters else None


def told_recipients(verb: Token) -> list[Token]:
    """ "sent a letter to A and to B alerting them that ...": the letter's recipients, when `verb` is a telling
    participle of a sent letter whose told object is a pronoun; [] otherwise (a named told party is read by
    the verb's own frame)."""
    if not is_telling(verb):
        return []
    told = relations.children_of(verb, "dobj")
    if not told or any(t.lower_ not in _PRONOUNS for t in told):
        return []
    sender = sending_verb(verb)
    if sender is None:
        return []
    return relations.arguments(sender, LEX.frames[sender.lemma_.lower()])[2]


@triggered_by(telling_lemmas, lambda: LEX.correspondence)  # the letter `sending_verb` needs
def telling_claims(verb: Token, refs: relations.RefsOf, topic_of: relations.TopicOf) -> list[relations.RawClaim]:
    """KNEW_ABOUT of the letter's recipients and sender, when `verb` is a telling participle of a sent letter."""
    if not is_telling(verb) or relations.is_negated_or_hedged(verb):
        return []
    sender = sending_verb(verb)
    if sender is None:
        return []
    subjects, _, recipients = relations.arguments(sender, LEX.frames[sender.lemma_.lower()])
    parties = lambda tokens: [  # noqa: E731
        r for t in tokens for c in relations.coordinated(t) for r in refs(c) if r.node.label in ("Agency", "Person")
    ]
    named = [t for t in relations.children_of(verb, "dobj") if t.lower_ not in _PRONOUNS]
    told = parties(named) if named else parties(recipients)  # "notifying the Council of T": the Council
    if not told:
        return []
    knowers = {r.node.id: r for r in told + parties(subjects)}
    # a that-clause ("alerting them that ...") is left: its first noun phrase names no topic, and an oversight
    # release's matter (disclosed_matters.py) is often named otherwise than the reader names it (tried: on real
    # dev 0 right, 3 wrong)
    about = relations.prep_objects(verb, LEX.topic_prepositions)
    topics = [t for t in (topic_of(o) for o in about) if t]
    rule = f"letter_telling.{verb.lemma_.lower()}"
    return [
        relations.RawClaim(
            "KNEW_ABOUT", knower, topic, sender, min(_CONFIDENCE, knower.confidence, topic.confidence), rule
        )  # dated by the sending: "In 2013 X sent letters to Y notifying them of T"
        for knower in knowers.values()
        for topic in topics
    ]
