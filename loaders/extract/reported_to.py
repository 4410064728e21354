"""A body reporting to a body writes it a report: "In March 2018, the agency reported to OSC that all the
recommendations had been implemented", "EPA reported to OSC its commitment to ...". Between bodies (not a
person telling the police) the verb stands for a document: AUTHORED and SENT by the reporting body,
RECEIVED by the one reported to, dated by the clause. "reported the abuse to the police" (a person, or a
document object) stays with the verb frame (verbs.yaml `report`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.model import Node, node_id
from loaders.extract import linked_letters, relations
from loaders.extract.lexicon import LEX
from loaders.extract.trigger_words import triggered_by

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

_CONFIDENCE = 0.75


def _words(ref: relations.Ref) -> str:
    """The words the text names a body by, without its article: "EPA", "agency"."""
    span = [t for t in ref.token.subtree if t.dep_ != "det" and not t.is_punct]
    return " ".join(t.text for t in span) if 0 < len(span) <= 8 else ref.node.name


def _when(verb: Token) -> str | None:
    """The date the clause gives the report ("In March 2018, the agency reported to OSC"): a DATE entity
    that is the verb's own "in"/"on" object or bare modifier, as written; a reader names the report by it
    ("the agency's report to OSC of March 2018")."""
    for child in verb.children:
        date = child
        if child.dep_ == "prep" and child.lower_ in ("in", "on"):
            date = next((c for c in child.children if c.dep_ == "pobj"), child)
        elif child.dep_ != "npadvmod":
            continue
        if date.ent_type_ == "DATE":
            span = next((e for e in verb.doc.ents if e.start <= date.i < e.end), None)
            if span is not None and len(span) <= 4:
                return span.text
    return None


@triggered_by(lambda: LEX.reporting_to_verbs)
def report_claims(run: DocumentRun, verb: Token, refs: relations.RefsOf) -> list[relations.RawClaim]:
    """AUTHORED, SENT and RECEIVED of the report one body made to another."""
    if (
        verb.lemma_.lower() not in LEX.reporting_to_verbs
        or verb.pos_ != "VERB"
        or relations.is_negated_or_hedged(verb)
        or linked_letters.linked_anchor(run, verb) is not None  # "[reported](...) to X": the linked letter
        or any(r.node.label == "Report" for o in relations.children_of(verb, "dobj") for r in refs(o))
    ):
        return []
    senders = [r for t in relations.subjects_of(verb) for r in refs(t) if r.node.label == "Agency"]
    recipients = [r for t in relations.prep_objects(verb, {"to"}) for r in refs(t) if r.node.label == "Agency"]
    found: list[relations.RawClaim] = []
    when = _when(verb) if senders and recipients else None
    for sender in senders:
        for recipient in (r for r in recipients if r.node.id != sender.node.id):
            name = f"report from {sender.node.name} to {recipient.node.name}"
            called = f"{_words(sender)} report to {_words(recipient)}"
            node = Node(
                node_id("Report", f"{name} {verb.i} {run.document.source_id.split(':')[-1]}"),
                "Report",
                name,
                [called, f"{called} of {when}"] if when else [called],
                {"kind": "report"},
            )
            report = relations.Ref(run.add_node(node), _CONFIDENCE, verb)
            confidence = min(_CONFIDENCE, sender.confidence)
            found += [
                relations.RawClaim("AUTHORED", sender, report, verb, confidence, "reported.to"),
                relations.RawClaim("SENT", sender, report, verb, confidence, "reported.to"),
                relations.RawClaim(
                    "RECEIVED", recipient, report, verb, min(_CONFIDENCE, recipient.confidence), "reported.to"
                ),
            ]
    return found
