"""A regulator's findings stated without a finder: "a violation of NRC requirements was identified",
"violations identified in Inspection Report X", "the NRC has determined that violations occurred".

Notices of violation and enforcement letters state what the regulator found in the passive, or with the
regulator's own name as subject rather than "we": the finder is the writer (the letterhead or signature's
body, `DocumentRun.speaker_body`). Only a passive with no agent whose subject is a breach noun
(`breach_nouns` in verbs.yaml: "violation", "deficiency", "breach") is read, so "the report was found in
a drawer" or "concerns were identified by the union" draw nothing here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.model import Node
from graph.names import initials
from loaders.extract import relations, writer_findings
from loaders.extract.lexicon import LEX
from loaders.extract.trigger_words import triggered_by

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

FINDING_CONFIDENCE = 0.7
DEFINITE = frozenset({"the", "these", "those", "this", "that", "such"})
WRITER_RULE = ".writer_found"  # in the rule names of this pass


def _breaches(verb: Token) -> list[Token]:
    """What an agentless passive of the verb says was found, when it is a breach: the passive subject
    ("violations were identified") or the noun a participle qualifies ("two violations identified in X")."""
    if any(c.dep_ == "agent" for c in verb.children):
        return []  # "identified by the union": someone else's finding, read by the verb frames
    participle = verb.dep_ == "acl" and verb.tag_ == "VBN"
    nouns = [verb.head] if participle else relations.children_of(verb, "nsubjpass")
    return [n for n in nouns if n.lemma_.lower() in LEX.breach_nouns and not _definite(n) and not _denied(n)]


def _definite(noun: Token) -> bool:
    """ "the violations", "these violations": a breach the text introduced before, perhaps as someone
    else's finding; a finding is introduced indefinitely ("a violation", "apparent violations")."""
    return any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in noun.children)


def _denied(noun: Token) -> bool:
    """ "no violations were identified": nothing was found."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def _reported(verb: Token, refs: relations.RefsOf, writer_keys: set[str]) -> bool:
    """The finding sits inside what another party says ("the Naval IG has confirmed that all deficiencies
    identified have been corrected"): the reporter's finding, not the writer's."""
    for ancestor in verb.ancestors:
        for subject in relations.children_of(ancestor, "nsubj"):
            if any(r.node.label in ("Agency", "Person") and not writer_keys & _keys(r.node) for r in refs(subject)):
                return True
    return False


def _as_token(writer: Node) -> relations.TopicOf:
    """A stand-in topic reader that keeps the matter's token, so its head noun can be tested first."""
    return lambda token: relations.Ref(writer, 1.0, token)


def _said_once(run: DocumentRun) -> bool:
    """The writer's finding of a breach is claimed once, where the text first states it: a notice's later
    "apparent violations", "six violations are being cited" are the same breach named more loosely."""
    return any(c.type == "KNEW_ABOUT" and WRITER_RULE in c.extractor for c in run.claims)


def _named_writer(run: DocumentRun, verb: Token, refs: relations.RefsOf) -> list[relations.Ref]:
    """The verb's subject when it is the writer named rather than "we" ("the NRC has determined that"
    in an NRC letter); "we" and "our audit" are `writer_findings`' part."""
    writer = run.speaker_body
    if writer is None:
        return []
    names = _writer_keys(writer)
    return [
        relations.Ref(writer, r.confidence, r.token)
        for s in relations.subjects_of(verb)
        if s.pos_ != "PRON"
        for r in refs(s)
        if r.node.label == "Agency" and names & _keys(r.node)
    ][:1]


def _writer_keys(writer: Node) -> set[str]:
    """The writer's name keys and initials: "NRC" may be its own node until resolution merges it."""
    return {*_keys(writer), initials(writer.name).lower()}


def _keys(node: Node) -> set[str]:
    return {node.id, *node.keys, node.name.lower()}


@triggered_by(lambda: (*LEX.passive_finding_verbs, *LEX.writer_frames))
def verb_claims(
    run: DocumentRun, doc_index: int, verb: Token, refs: relations.RefsOf, topic_of: relations.TopicOf
) -> list[relations.RawClaim]:
    """The writer KNEW_ABOUT the breach its own passive finding names ("violations were identified"), or
    the breach it found under its own name ("the NRC has determined that violations occurred")."""
    lemma = verb.lemma_.lower()
    if lemma not in LEX.passive_finding_verbs and lemma not in LEX.writer_frames or run.speaker_body is None:
        return []  # the cheap test first
    writer = run.speaker_body
    subject, rule = None, ""
    breaches = _breaches(verb) if lemma in LEX.passive_finding_verbs else []
    if breaches:
        subject, rule = relations.Ref(writer, FINDING_CONFIDENCE, verb), f"{lemma}.passive{WRITER_RULE}"
    elif "KNEW_ABOUT" in LEX.writer_frames.get(lemma, frozenset()):
        named = _named_writer(run, verb, refs)
        if named:
            matters = [r.token for r in writer_findings.found_matters(verb, refs, _as_token(writer))]
            breaches = [m for m in matters if m.lemma_.lower() in LEX.breach_nouns and not _definite(m)]
            subject, rule = named[0], f"{lemma}.active.named{WRITER_RULE}"
    if subject is None or not breaches or relations.is_negated_or_hedged(verb):
        return []
    if _reported(verb, refs, _writer_keys(writer)) or _said_once(run):
        return []
    target = topic_of(breaches[0])
    if target is None:
        return []
    confidence = min(FINDING_CONFIDENCE, subject.confidence, target.confidence)
    return [relations.RawClaim("KNEW_ABOUT", subject, target, verb, confidence, rule)]
