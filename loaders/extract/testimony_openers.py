"""A testimony's or statement for the record's opening line: who sent it and who asked for it.

"I am pleased to submit this statement for the record", "Thank you, Chairman Lee and Ranking Member Hale,
for inviting me to submit a statement for the record": the statement is the document being read; its
speaker SENT it (and wrote it), and the people thanked for inviting it COMMISSIONED it. Only the opening
sentences are read: a later "submit a statement" is about some other paper.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from loaders.extract.relations import is_negated_or_hedged

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

OPENING_SENTENCES = 12  # title block and first paragraph
CONFIDENCE = 0.75
RULE = "rules.testimony.opener"
_SUBMITTING = re.compile(
    r"(?i)\b(?:(?:am|are)\s+(?:pleased|happy|honou?red|glad)\s+to\s+(?:submit|present)\s+(?:this|my|our)"
    r"|(?:for\s+inviting\s+(?:me|us)|for\s+the\s+(?:invitation|opportunity))\s+to\s+(?:submit|present)\s+(?:a|this|my|our))"
    r"\s+(?:written\s+)?(?:statement|testimony)\b"
)
_INVITING = re.compile(r"(?i)^\s*thank\s+you\b(.*?)\bfor\s+(?:inviting|the\s+invitation)\b")


def opener_claims(run: DocumentRun) -> None:
    """SENT and AUTHORED by the speaker (else the body it speaks for), COMMISSIONED by those thanked."""
    writer = run.speaker or run.speaker_body
    if writer is None:
        return
    for sentence in run.parse.sentences[:OPENING_SENTENCES]:
        if not _SUBMITTING.search(sentence.text) or _hedged(run, sentence):
            continue
        own = run._document_report()
        date = run._document_date()
        for edge in ("SENT", "AUTHORED"):
            if not _drawn(run, edge, writer.id, own.id):
                run.claims.append(run._claim(edge, writer.id, own.id, sentence, CONFIDENCE, RULE, date=date))
        for person in _thanked(run, sentence):
            if person.id != writer.id and not _drawn(run, "COMMISSIONED", person.id, own.id):
                run.claims.append(run._claim("COMMISSIONED", person.id, own.id, sentence, CONFIDENCE, RULE, date=date))
        return


def _hedged(run: DocumentRun, sentence) -> bool:
    return any(is_negated_or_hedged(t) for t in sentence.span if t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT")


def _thanked(run: DocumentRun, sentence) -> list:
    """The people named between "Thank you," and "for inviting"."""
    found = _INVITING.match(sentence.text)
    if found is None:
        return []
    start, end = sentence.start + found.start(1), sentence.start + found.end(1)
    nodes = {}
    for mention in run.parse.mentions:
        if mention.kind != "person" or mention.node is None or mention.sentence != sentence.index:
            continue
        doc = run.parse.docs[mention.doc_index]
        at = run.parse.offsets[mention.doc_index] + doc[mention.start].idx
        if start <= at < end:
            nodes[mention.node.id] = mention.node
    return list(nodes.values())


def _drawn(run: DocumentRun, edge: str, from_id: str, to_id: str) -> bool:
    return any(
        (c.type, c.from_id, c.to_id) == (edge, from_id, to_id) and not c.negated and c.confidence >= 0.5
        for c in run.claims
    )
