"""Bodies chaired, led or headed by a person, said in the passive (issue #13, round 8: roles8).

"Ana Ruiz, who chairs the X" is read by the membership frames (relations.membership_claims), which leave the
passive alone: "the Cabinet Office-funded Iraq Inquiry chaired by Sir John Chilcot", "the Study Group,
led by Ann Lee". The agent of a passive chair / lead / head (`passive_membership_verbs` in verbs.yaml) is a
MEMBER_OF the body the participle describes: its passive subject, else the noun it modifies, else (the
parser often hangs a participle on an earlier noun: "the slow progress of the Iraq Inquiry chaired by X")
the name written right before it. An inquiry, panel or committee the text tells of as a document ("the
Iraq Inquiry" read as a report) is a body when someone chairs it: its name's last word is a hearing head
(`hearing_heads` in words.yaml).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from loaders.extract import relations
from loaders.extract.lexicon import LEX
from loaders.extract.trigger_words import triggered_by

if TYPE_CHECKING:
    from spacy.tokens import Token

    from graph.model import Node
    from loaders.extract.rules import DocumentRun

CHAIR_CONFIDENCE = 0.75
SKIPPED = frozenset({",", "-", "\u2013", "\u2014"})  # "the review, led by X"


@triggered_by(lambda: LEX.passive_membership_verbs)
def passive_claims(run: DocumentRun, verb: Token, refs: relations.RefsOf) -> list[relations.RawClaim]:
    """ "the X Inquiry chaired by Sir Ann Lee": Ann Lee MEMBER_OF the X Inquiry."""
    if verb.lemma_.lower() not in LEX.passive_membership_verbs:
        return []
    # the "by" agent marks the passive (the tagger reads some participles as past tenses: "Inquiry chaired by X")
    agents = [o for p in verb.children if p.dep_ == "agent" for o in p.children if o.dep_ == "pobj"]
    people = [r for a in agents for t in relations.coordinated(a) for r in refs(t) if r.node.label == "Person"]
    if not people or relations.is_negated_or_hedged(verb):
        return []
    body = _chaired_body(run, verb, refs)
    if body is None:
        return []
    target = relations.Ref(body, CHAIR_CONFIDENCE, verb)
    rule = f"chaired_by.{verb.lemma_.lower()}"
    return [
        relations.RawClaim("MEMBER_OF", p, target, verb, min(CHAIR_CONFIDENCE, p.confidence), rule, verb.lemma_)
        for p in people
    ]


def _chaired_body(run: DocumentRun, verb: Token, refs: relations.RefsOf) -> Node | None:
    candidates = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if verb.dep_ in ("acl", "relcl"):
        candidates.append(verb.head)
    before = verb.i - 1
    while before > 0 and verb.doc[before].text in SKIPPED:
        before -= 1
    candidates.append(verb.doc[before])
    for token in candidates:
        for ref in refs(token):
            if ref.node.label == "Agency":
                return ref.node
            if ref.node.label == "Report" and ref.node.name.split()[-1].lower() in LEX.hearing_heads:
                return run.x.resolver.agency(ref.node.name, run.ctx)
    return None
