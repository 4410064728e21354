"""Investigations with a named author are documents: "The investigation by EPA's Office of Inspector General
largely substantiated the allegations", "An investigation by NAVINSGEN substantiated ...", "Following the
OIG's investigation, ...". An investigation or inquiry is no document by itself ("an investigation is
under way"), but one a body or person is said to have made is that body's work product, reported on and
sent on: a Report its author AUTHORED (the noun's `by: author` frame, or the possessor).

A referral "for investigation" asks for one: the first such investigation the text tells of at or after the
referral is COMMISSIONED by the referrer (`commissioned_by_referrals`), cited by the referral's sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from loaders.dates import DateValue
from loaders.extract import relations
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import DocumentParse

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

_AUTHORS = ("agency", "person")
_CONFIDENCE = 0.7
_RULE = "rules.referral.commissioned"


def _study_noun(token: Token) -> bool:
    """A singular, lower-case study noun that is no document noun by itself ("investigation", "inquiry")."""
    lemma = token.lemma_.lower()
    return (
        lemma in LEX.study_kinds
        and lemma not in LEX.document_nouns
        and token.tag_ not in ("NNS", "NNPS")
        and token.is_lower
        and token.pos_ == "NOUN"
    )


def _author_mention(parse: DocumentParse, doc_index: int, token: Token) -> bool:
    """A body or person mention on `token` (an acronym the text defined counts: acronym_mentions ran)."""
    mention = parse.at(doc_index, token)
    return mention is not None and mention.kind in _AUTHORS


def is_authored_study(parse: DocumentParse, doc_index: int, token: Token) -> bool:
    """ "the investigation by X" / "X's investigation", X a body or person the text names."""
    if not _study_noun(token):
        return False
    by_authors = [o for o in relations.prep_objects(token, {"by"}) if _author_mention(parse, doc_index, o)]
    owners = [
        c
        for c in token.children
        if c.dep_ == "poss" and c.pos_ != "PRON" and _author_mention(parse, doc_index, c)  # not "its", "their"
    ]
    return bool(by_authors or owners)


def _asks_for_study(verb: Token) -> str | None:
    """The study a referring verb asks for: "referred the allegations to X for investigation" -> "investigation"."""
    purposes = [
        o for a in verb.subtree if a.dep_ == "prep" and a.lower_ == "for" for o in a.children if o.dep_ == "pobj"
    ]
    return next((o.lemma_.lower() for o in purposes if o.lemma_.lower() in LEX.study_kinds), None)


def commissioned_by_referrals(run: DocumentRun) -> None:
    """COMMISSIONED by the referrer of the first authored investigation (by another than the referrer) the
    text tells of, when a referral was made "for investigation" (the referral's recipient, or a unit of it,
    investigated: a release may name the investigation before it tells of the referral). Cited by the referral."""
    from loaders.extract.referrals import REFERRAL_KIND

    referral_ids = {n.id for n in run.nodes.values() if n.label == "Report" and n.props.get("kind") == REFERRAL_KIND}
    authors = {}
    for c in run.claims:
        if c.type == "AUTHORED" and c.polarity == relations.ASSERTED:
            authors.setdefault(c.to_id, set()).add(c.from_id)
    have = {(c.type, c.from_id, c.to_id) for c in run.claims}
    for sent in [c for c in run.claims if c.type == "SENT" and c.to_id in referral_ids and not c.negated]:
        index = next((i for i, s in enumerate(run.parse.sentences) if s.start == sent.char_start), None)
        if index is None:
            continue
        sentence = run.parse.sentences[index]
        asked = next(
            (s for t in sentence.span if t.lemma_.lower() in LEX.referring_verbs if (s := _asks_for_study(t))), None
        )
        if asked is None:
            continue
        study = next(
            (
                r.mention.node
                for r in run.reports
                if r.lemma == asked
                and r.mention.node is not None
                and is_authored_study(run.parse, r.mention.doc_index, r.head)
                and authors.get(r.mention.node.id, {sent.from_id}) - {sent.from_id}
            ),
            None,
        )
        if study is None or ("COMMISSIONED", sent.from_id, study.id) in have:
            continue
        date = DateValue(sent.date_start, sent.date_end, sent.date_precision, sent.date_text or "")
        run.claims.append(
            run._claim(
                "COMMISSIONED",
                sent.from_id,
                study.id,
                sentence,
                min(_CONFIDENCE, sent.confidence),
                _RULE,
                date if sent.date_start else None,
            )
        )
        have.add(("COMMISSIONED", sent.from_id, study.id))
