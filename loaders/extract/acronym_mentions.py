"""Bare acronyms a document defines for a body: "The Office of Special Counsel (OSC) ... OSC referred the
matters to the VA". The small model tags the long form but often leaves the bare short form untagged (or
calls it a place), so every flow the text tells with the short form drew nothing. The text's own
definition says what the letters stand for; a short form only counts when its long form names a body by
its shape ("Office", "Department", "Inspector General", ...), so "(HVE)" or "(DTW)" stay what they are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from loaders.extract.mentions import Mention, names_a_body

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

UNTAGGED = ("", "GPE", "LOC", "NORP", "PRODUCT", "FAC")  # labels a bare body acronym is misread as


def body_acronyms(acronyms: dict[str, str]) -> set[str]:
    """The short forms whose long form names a body, all capitals ("OSC", "VA", "NAVINSGEN")."""
    return {short for short, long_form in acronyms.items() if short.isupper() and names_a_body(long_form)}


def add_mentions(run: DocumentRun) -> None:
    """An agency mention for every bare short form of a defined body acronym no mention covers yet
    (possessive "OSC's" included: the token is the name, the "'s" its case)."""
    shorts = body_acronyms(run.ctx.acronyms)
    if not shorts:
        return
    parse = run.parse
    for doc_index, doc in enumerate(parse.docs):
        for token in doc:
            if token.text not in shorts or token.ent_type_ not in UNTAGGED:
                continue
            if (doc_index, token.sent.start) not in parse._sentence_of:
                continue
            held = parse.at(doc_index, token)
            if held is not None:
                if held.kind != "place" or held.end - held.start != 1:
                    continue
                parse.remove(held)  # "the VA" read as a place: the text defined it as a body
            sentence = parse._sentence_of[(doc_index, token.sent.start)]
            parse.add(Mention("agency", doc_index, token.i, token.i + 1, sentence, token.text, confidence=0.9))
