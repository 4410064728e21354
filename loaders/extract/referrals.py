"""Referrals as documents: "OSC referred the allegations to the VA for investigation". An oversight body's
referral travels as a letter: the referrer SENT it, the body it went to RECEIVED it, on the day it was made.
The report that body later sends back to the referrer answers the referral, so the referrer COMMISSIONED it
(`answered_referrals`). Only a referred matter ("allegations", "the matter": `referred_matters`) makes a
referral; "referred to the report" (no object) is a mention, and "referred the report to X" a plain sending
(verbs.yaml `refer`)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.model import Node, node_id
from loaders.dates import DateValue
from loaders.extract import markup, relations
from loaders.extract.lexicon import LEX
from loaders.extract.trigger_words import triggered_by

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

REFERRAL_KIND = "referral"
_CONFIDENCE = 0.75
_BODIES = ("Agency", "Person")


@triggered_by(lambda: LEX.referring_verbs, lambda: LEX.referred_matters)
def referral_claims(
    run: DocumentRun, verb: Token, refs: relations.RefsOf, dates: list[tuple[int, int, DateValue]]
) -> list[relations.RawClaim]:
    """SENT by the subject and RECEIVED by the "to" object: the referral the verb makes, one per referrer.
    The referral takes the date its clause gives, so a later undated retelling ("OSC referred the matters
    to the VA, which ...") is dated by it rather than by the press release."""
    if verb.lemma_.lower() not in LEX.referring_verbs or relations.is_negated_or_hedged(verb):
        return []
    matters = [o for o in relations.children_of(verb, "dobj") if o.lemma_.lower() in LEX.referred_matters]
    if not matters:
        return []
    referrers = [r for t in relations.subjects_of(verb) for r in refs(t) if r.node.label in _BODIES]
    # the parser hangs "to Y" on the verb or on the matter ("referred [the matters to the agency]")
    places = [t for a in (verb, *matters) for t in relations.prep_objects(a, {"to"})]
    recipients = [r for t in places for c in relations.coordinated(t) for r in refs(c) if r.node.label in _BODIES]
    found: list[relations.RawClaim] = []
    for referrer in referrers:
        referral = relations.Ref(run.add_node(referral_node(run, referrer.node, _anchor(run, verb))), _CONFIDENCE, verb)
        if any(c.type == "SENT" and c.to_id == referral.node.id for c in run.claims):
            continue  # a retelling of the referral ("OSC referred the matters to the VA, which ..."): told once
        date = relations.dates_for(verb, dates, set())
        if date is not None and not referral.node.props.get("date_start"):
            referral.node.props.update(date_start=date.start, date_end=date.end, date_precision=date.precision)
        confidence = min(_CONFIDENCE, referrer.confidence)
        found.append(relations.RawClaim("SENT", referrer, referral, verb, confidence, "referral"))
        found += [
            relations.RawClaim("RECEIVED", r, referral, verb, min(_CONFIDENCE, r.confidence), "referral.recipient")
            for r in recipients
            if r.node.id != referrer.node.id
        ]
    return found


def referral_node(run: DocumentRun, referrer: Node, anchor: str | None = None) -> Node:
    """One referral node per referrer and document: a text retelling one case calls it again and again.
    A verb that links the referral ("OSC [referred](/docs/referral.pdf) ...") is its mention, kept as an alias."""
    name = f"referral from {referrer.name}"
    return Node(
        node_id("Report", f"{name} {run.document.source_id.split(':')[-1]}"),
        "Report",
        name,
        ["referral", "referral letter", *([anchor] if anchor else [])],
        {"kind": REFERRAL_KIND},
    )


def _anchor(run: DocumentRun, verb: Token) -> str | None:
    """The verb's words when they are a markdown link's anchor in the document as written."""
    doc_index = next((i for i, d in enumerate(run.parse.docs) if d is verb.doc), None)
    if doc_index is None:
        return None
    start = run.parse.offsets[doc_index] + verb.idx
    return verb.text if markup.is_link_anchor(run.document.text, start, start + len(verb.text)) else None


def answered_referrals(run: DocumentRun) -> None:
    """The report a referral's recipient sent back to the referrer: COMMISSIONED by the referrer, cited
    by the sentence that tells of the sending ("the VA ... sent a report to OSC on June 20, 2017")."""
    referrals = [n.id for n in run.nodes.values() if n.label == "Report" and n.props.get("kind") == REFERRAL_KIND]
    for referral in referrals:
        referrers = {c.from_id for c in run.claims if c.type == "SENT" and c.to_id == referral}
        recipients = {c.from_id for c in run.claims if c.type == "RECEIVED" and c.to_id == referral}
        received_by = {(c.from_id, c.to_id) for c in run.claims if c.type == "RECEIVED"}
        answers = [
            c
            for c in run.claims
            if c.type == "SENT" and c.from_id in recipients and c.to_id not in referrals and c.polarity == "asserted"
        ]
        have = {(c.type, c.from_id, c.to_id) for c in run.claims}
        for answer in answers:
            for referrer in referrers:
                if (referrer, answer.to_id) not in received_by or ("COMMISSIONED", referrer, answer.to_id) in have:
                    continue
                run.claims.append(
                    dataclasses.replace(
                        answer,
                        type="COMMISSIONED",
                        from_id=referrer,
                        confidence=min(answer.confidence, 0.7),
                        extractor=f"{answer.extractor}+referral.answer",
                        id="",
                    )
                )
                have.add(("COMMISSIONED", referrer, answer.to_id))
