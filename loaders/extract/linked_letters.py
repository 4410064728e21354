"""A telling verb that links a document is a letter: "OSC [alerted](/cases/letter-to-president.pdf) the
President and Congress that ...", "OSC [informed](...) the White House", "OSC [reported](...) to the White
House and Congress on ...". A press release links the letter the telling went out in; the verb is its only
mention. The teller SENT it, everyone told RECEIVED it (what they came to know stays with the
verb frame: `tells`). The linked words are kept as an alias, as for a linked referral (`referrals.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.model import Node, node_id
from loaders.extract import markup, relations
from loaders.extract.lexicon import LEX
from loaders.extract.trigger_words import triggered_by

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

_CONFIDENCE = 0.75
_BODIES = ("Agency", "Person")
_RULE = "linked.letter"


def linked_anchor(run: DocumentRun, verb: Token) -> str | None:
    """The verb's words when the verb alone is a markdown link's anchor in the document as written
    ("[alerted](...)", "[**notified** ](...)"), else None."""
    doc_index = next((i for i, d in enumerate(run.parse.docs) if d is verb.doc), None)
    if doc_index is None:
        return None
    start = run.parse.offsets[doc_index] + verb.idx
    return markup.anchor_of(run.document.text, start, start + len(verb.text))


@triggered_by(relations.telling_lemmas)
def letter_claims(run: DocumentRun, verb: Token, refs: relations.RefsOf) -> list[relations.RawClaim]:
    """SENT by the teller, RECEIVED by the told, of the letter a linked telling verb stands for."""
    frame = LEX.frames.get(verb.lemma_.lower())
    if frame is None or not frame.tells or verb.pos_ != "VERB" or relations.is_negated_or_hedged(verb):
        return []
    anchor = linked_anchor(run, verb)
    if anchor is None:
        return []
    told = [*relations.children_of(verb, "dobj"), *relations.prep_objects(verb, set(frame.recipients))]
    recipients = [r for t in told for c in relations.coordinated(t) for r in refs(c) if r.node.label in _BODIES]
    if not recipients:
        return []
    tellers = [r for t in relations.subjects_of(verb) for r in refs(t) if r.node.label in _BODIES]
    found: list[relations.RawClaim] = []
    for teller in tellers:
        letter = relations.Ref(run.add_node(letter_node(run, teller.node, anchor, verb)), _CONFIDENCE, verb)
        confidence = min(_CONFIDENCE, teller.confidence)
        found.append(relations.RawClaim("SENT", teller, letter, verb, confidence, _RULE))
        found += [
            relations.RawClaim("RECEIVED", r, letter, verb, min(_CONFIDENCE, r.confidence), _RULE + ".recipient")
            for r in {r.node.id: r for r in recipients}.values()
            if r.node.id != teller.node.id
        ]
    return found


def letter_node(run: DocumentRun, teller: Node, anchor: str, verb: Token) -> Node:
    """The same node as the teller's other letter in the text ("letter from X", `DocumentRun._written_to`);
    a linked "reported" is a report."""
    kind = "report" if verb.lemma_.lower() == "report" else "letter"
    name = f"{kind} from {teller.name}"
    return Node(
        node_id("Report", f"{name} {run.document.source_id.split(':')[-1]}"),
        "Report",
        name,
        [kind, anchor],
        {"kind": kind},
    )
