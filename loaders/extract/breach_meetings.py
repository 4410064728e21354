"""Who was told of a regulator's finding at a meeting: "an enforcement conference was conducted with you
and members of your staff to discuss the apparent violations".

A notice of violation says the licensee knew of the breach by the conference held with it to discuss
the breach. The breach is the one the writer found earlier in the text (`regulator_findings`): "the
violations" at the conference are that finding named again, so the claim points at the finding's topic,
and nothing is read before the text states a finding. Verbs and nouns are data (`meeting_verbs`,
`meeting_nouns`, `discussing_verbs`, `breach_nouns` in verbs.yaml).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from loaders.extract import relations
from loaders.extract.lexicon import LEX
from loaders.extract.regulator_findings import WRITER_RULE

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

MEETING_CONFIDENCE = 0.7
PARTIES = ("Agency", "Person")


def _participants(verb: Token, refs: relations.RefsOf) -> list[relations.Ref]:
    """Who the meeting was held with: "with you and members of your staff", "with members of the OSU staff"
    (the members' body when the members themselves name no one)."""
    found = []
    for prep in relations.children_of(verb, "prep"):
        if prep.lower_ != "with":
            continue
        for party in (p for o in relations.children_of(prep, "pobj") for p in relations.coordinated(o)):
            own = [r for r in refs(party) if r.node.label in PARTIES]
            if not own and party.lemma_.lower() == "member":
                bodies = [t for of in party.children if of.lower_ == "of" for o in of.children for t in o.subtree]
                own = [r for t in bodies for r in refs(t) if r.node.label == "Agency"][:1]
            found += own
    return found


def _is_meeting(token: Token) -> bool:
    """ "conference", "Predecisional Enforcement Conferences" (a capitalised plural keeps its -s as lemma)."""
    lower = token.lower_
    return token.lemma_.lower() in LEX.meeting_nouns or lower.endswith("s") and lower[:-1] in LEX.meeting_nouns


def _discussed_breaches(verb: Token) -> list[Token]:
    """The breach the meeting was to discuss: "to discuss the violations", "to discuss five of the apparent
    violations identified ..." (the purpose clause wherever the parser hung it in the meeting's clause)."""
    found = []
    for purpose in verb.subtree:
        if purpose.pos_ != "VERB" or purpose.lemma_.lower() not in LEX.discussing_verbs:
            continue
        for obj in (o for d in relations.children_of(purpose, "dobj") for o in relations.coordinated(d)):
            nouns = [obj] + [p for of in obj.children if of.lower_ == "of" for p in of.children if p.dep_ == "pobj"]
            found += [n for n in nouns if n.lemma_.lower() in LEX.breach_nouns]
    return found


def _writer_breach(run: DocumentRun) -> str | None:
    """The topic of the breach the writer found in the text, if it stated one."""
    return next((c.to_id for c in run.claims if c.type == "KNEW_ABOUT" and WRITER_RULE in c.extractor), None)


def meeting_claims(run: DocumentRun) -> None:
    """Each party a meeting was held with KNEW_ABOUT the writer's finding the meeting was to discuss (after
    the sentence pass: a notice may tell of the conference before it states the finding)."""
    topic_id = _writer_breach(run) if run.speaker_body is not None else None
    if topic_id is None or topic_id not in run.nodes:
        return
    words = tuple(LEX.discussing_verbs)
    for sentence in run.parse.sentences:
        if sentence.heading or not any(w in sentence.span.text.lower() for w in words):
            continue  # the cheap test first: a sentence that says "discuss"
        for verb in sentence.span:
            for raw in _sentence_meeting(run, sentence.doc_index, verb, topic_id):
                run._add(raw, sentence, run._dates(sentence))


def _sentence_meeting(run: DocumentRun, doc_index: int, verb: Token, topic_id: str) -> list[relations.RawClaim]:
    if verb.lemma_.lower() not in LEX.meeting_verbs or not any(
        map(_is_meeting, relations.children_of(verb, "nsubjpass"))
    ):
        return []
    breaches = _discussed_breaches(verb)
    if not breaches or relations.is_negated_or_hedged(verb):
        return []
    refs = lambda t: run.refs(doc_index, t)  # noqa: E731
    target = relations.Ref(run.nodes[topic_id], MEETING_CONFIDENCE, breaches[0])
    rule = f"{verb.lemma_.lower()}.meeting.discuss"
    parties = {p.node.id: p for p in _participants(verb, refs) if p.node.id != run.speaker_body.id}
    return [
        relations.RawClaim("KNEW_ABOUT", party, target, verb, min(MEETING_CONFIDENCE, party.confidence), rule)
        for party in parties.values()
    ]
