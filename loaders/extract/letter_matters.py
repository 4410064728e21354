"""What a letter or report sent to someone tells them: its "about / regarding / concerning" phrase.

- **Sent with a matter** (`sent_claims`, per verb): "OSC sent findings to the White House and Congress regarding
  a safety risk", "X sent a letter to Y about T", "a report was forwarded to Y concerning T": the recipients
  KNEW_ABOUT T, dated by the sending. The phrase may hang on the verb, on the document or (misparsed) on the last
  recipient. Only for a document noun or a findings / information noun as what was sent, and only the three
  letter prepositions (`letter_topic_prepositions`): "on" is as often a date ("sent a letter to Y on 3 May").
- **The letter answered** (`answered_claims`, after the sentence pass): "Thank you for your letter of 23
  January, concerning T", "the Committee considered your letter of 28 April about T": the letter's recipient,
  the writer's side, KNEW_ABOUT T.
- **Told of a document** (`told_claims`, per verb): "OSC informed Ms. Rollins of the report's public release":
  the parser hangs "of T" on the single told name, so the telling frame reads no topic. Only a document or a
  document's event is read here: after a single name, a plain topic phrase was wrong on real dev
  ("shortcomings", extraction-rounds.md).

In each, a document's event ("the release of the Calder Report", "the referral of the Penrose Report to the
SFO", `publication_events` and `document_events`) tells of the document itself, not of its release."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from loaders.extract import relations
from loaders.extract.lexicon import LEX
from loaders.extract.trigger_words import triggered_by

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

_CONFIDENCE = 0.7
_PARTIES = ("Agency", "Person")
_SENDING = "SENT"


def matter(token: Token, topic_of: relations.TopicOf) -> relations.Ref | None:
    """What a phrase about `token` is about: the document of a document's event ("the report's release", "the
    referral of the X Report"; none when the event names no document), else the topic or document it names."""
    if token.lemma_.lower() in LEX.publication_events | LEX.document_events:
        for child in token.children:
            inner = [child] if child.dep_ == "poss" else []
            if child.dep_ == "prep" and child.lower_ == "of":
                inner = relations.children_of(child, "pobj")
            for candidate in inner:
                ref = topic_of(candidate)
                if ref is not None and ref.node.label == "Report":
                    return ref
        return None
    found = topic_of(token)
    if found is not None and found.node.label == "Topic" and token.lemma_.lower() in LEX.documents:
        return None  # "regarding the on-going OIG investigations": a document the text did not resolve, no topic
    return found


def _phrase_objects(tokens: list[Token]) -> list[Token]:
    """The objects of the letter prepositions hung on any of `tokens`."""
    preps = [
        c for t in tokens for c in t.children if c.dep_ in ("prep", "acl") and c.lower_ in LEX.letter_topic_prepositions
    ]
    return [o for p in preps for o in p.children if o.dep_ in ("pobj", "dobj")]


def _sent_thing(run: DocumentRun, doc_index: int, token: Token, documents_only: bool = False) -> bool:
    lemma = token.lemma_.lower()
    if (lemma in LEX.findings or lemma in LEX.information) and not documents_only:
        return True
    mention = run.parse.at(doc_index, token)
    return mention is not None and mention.kind == "report"


def sent_claims(
    run: DocumentRun, doc_index: int, verb: Token, refs: relations.RefsOf, topic_of: relations.TopicOf
) -> list[relations.RawClaim]:
    """The recipients of a document sent "regarding T" KNEW_ABOUT T."""
    frame = LEX.frames.get(verb.lemma_.lower())
    if frame is None or frame.claim != _SENDING or verb.pos_ not in ("VERB", "AUX"):
        return []
    if relations.is_negated_or_hedged(verb):
        return []
    _, objects, recipients = relations.arguments(verb, frame)
    if not relations.moves_its_objects(frame, objects):
        return []  # "allegations made to X regarding T": only a report is made to someone
    light = frame.documents_only  # "allegations made to X regarding T": no document handed over
    sent = [o for o in objects if _sent_thing(run, doc_index, o, documents_only=light)]
    if not sent or not recipients:
        return []
    told = [c for t in recipients for c in relations.coordinated(t)]
    last = max(told, key=lambda t: t.i)
    about = _phrase_objects([verb, *sent, *last.subtree])
    about += [  # "sent a report to Y concerning delays": the parser makes "concerning" a modifier of a second object
        o
        for o in relations.children_of(verb, "dobj")
        if any(c.dep_ == "amod" and c.lower_ in LEX.letter_topic_prepositions for c in o.children)
    ]
    matters = [m for m in (matter(o, topic_of) for o in about) if m is not None]
    knowers = {r.node.id: r for t in told for r in refs(t) if r.node.label in _PARTIES}
    rule = f"letter_matter.{verb.lemma_.lower()}"
    return [
        relations.RawClaim("KNEW_ABOUT", k, m, verb, min(_CONFIDENCE, k.confidence, m.confidence), rule)
        for k in knowers.values()
        for m in matters
        if m.node.id != k.node.id
    ]


@triggered_by(relations.telling_lemmas)
def told_claims(verb: Token, refs: relations.RefsOf, topic_of: relations.TopicOf) -> list[relations.RawClaim]:
    """ "informed Y of the report's release": a single told party, "of" hung on it, a document told of."""
    frame = LEX.frames.get(verb.lemma_.lower())
    if frame is None or not frame.tells or verb.pos_ not in ("VERB", "AUX"):
        return []
    if relations.prep_objects(verb, LEX.topic_prepositions) or relations.is_negated_or_hedged(verb):
        return []  # the verb's own frame reads a topic hung on the verb
    told = relations.children_of(verb, "dobj")
    if len(told) != 1 or len(relations.coordinated(told[0])) != 1:
        return []  # coordinated names: `coordinated_preps.told_after_conjuncts`
    about = [
        o
        for p in told[0].children
        if p.dep_ == "prep" and p.lower_ in LEX.topic_prepositions
        for o in relations.children_of(p, "pobj")
    ]
    documents = [m for m in (matter(o, topic_of) for o in about) if m is not None and m.node.label == "Report"]
    return [
        relations.RawClaim(
            "KNEW_ABOUT",
            k,
            d,
            verb,
            min(_CONFIDENCE, k.confidence, d.confidence),
            f"letter_matter.told.{verb.lemma_.lower()}",
        )
        for k in refs(told[0])
        if k.node.label in _PARTIES
        for d in documents
    ]


def answered_claims(run: DocumentRun) -> None:
    """ "your letter of D about T" in a reply: the writer's side, who received it, KNEW_ABOUT T."""
    writer = run.speaker_body or run.speaker
    if writer is None or run.addressee is None:
        return
    for report in run.reports:
        head = report.head
        if report.mention.node is None or report.lemma not in LEX.correspondence:
            continue
        if not any(c.dep_ == "poss" and c.lower_ in LEX.second_person for c in head.children):
            continue
        governor = head.head.head if head.dep_ == "pobj" else head.head if head.dep_ == "dobj" else head
        if relations.is_negated_or_hedged(governor):
            continue
        about = _phrase_objects([head]) + [o for o in _phrase_objects([governor]) if o.i > head.i]
        sentence = run.parse.sentences[report.mention.sentence]
        topic_of = lambda t: run.topic(sentence.doc_index, t, sentence.index)  # noqa: E731
        for found in (m for m in (matter(o, topic_of) for o in about) if m is not None):
            knower = relations.Ref(writer, 0.7, head)
            raw = relations.RawClaim(
                "KNEW_ABOUT", knower, found, governor, min(0.7, found.confidence), "letter_matter.answered"
            )
            run._add(raw, sentence, run._dates(sentence))
