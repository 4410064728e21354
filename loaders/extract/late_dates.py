"""Dates a claim gets after it is scored: a document's own phrase, and a year-dated document's year.

`DocumentRun._add` dates a claim from its clause, the report's node, or a document dated to the day or
month. Three kinds of claim were left with a wrong date or none:

- A claim read off a document's noun phrase alone ("the FCO's submission to the Committee of 3 October
  2005": the submission was sent, and received, on its date) has no verb to date it, so a report node
  without a date left it with the date of the text that mentions it. The date inside the phrase is the
  document's own date, as a dated report node would have given.
- "In December 2001, the Panel published its report": the report the Panel wrote is read off "its report",
  whose noun has no date; the act that put it out ("published", "issued", "released" its own document, a
  `statement_issuing_verbs` verb) dates the writing too: it was written by then, so the claim takes that
  verb's date rather than the text's.
- A text dated only to its year (a press release or letter whose day was not kept) left its undated
  acts undated, though they happened by the end of that year, as the acts of a text dated to the day
  take its day. A claim with no date never matches a dated fact; one dated to the text's year does
  whenever the act falls in the year the text was written, the common case for letters, releases and
  statements, which report what their writer just did.

All run after the claim is scored, so its confidence is what the scorer (trained on the dates as they
were) gives; retraining the scorer may fold them in.
"""

from __future__ import annotations

from spacy.tokens import Token

from loaders.dates import DateValue
from loaders.extract import relations
from loaders.extract.lexicon import LEX

_MOVED = ("SENT", "RECEIVED", "AUTHORED", "PUBLISHED")
_NOMINAL = ("NOUN", "PROPN")


def refine(
    raw: relations.RawClaim,
    date: DateValue | None,
    date_spans: list[tuple[int, int, DateValue]],
    document_date: DateValue | None,
    denied: bool,
    lead: bool = False,
) -> DateValue | None:
    """The claim's date once the late sources are tried (module docstring); `date` when none applies. A lead
    (below the threshold: an inference, such as a document found in a body's archive) does not take a
    year-dated text's year: a 2018 article on a 2002 report would put the inference on 2018 in every
    chronology, a guess on a guess."""
    if denied:
        return date  # "never received it": a denial has no date to take
    own = phrase_date(raw, date_spans)
    if own is not None and (date is None or date.text == "the document's date"):
        return own
    if date is None and not lead and document_date is not None and document_date.precision == "year":
        return document_date
    return date


def phrase_date(raw: relations.RawClaim, date_spans: list[tuple[int, int, DateValue]]) -> DateValue | None:
    """A date inside the document's own noun phrase when the claim is read off that phrase alone ("the
    submission of 3 October 2005", "her letter dated 2 May"), else None. Only for the flows of the
    document itself, whose date this is."""
    anchor = raw.verb
    if raw.type not in _MOVED or raw.object.node.label != "Report" or anchor.pos_ not in _NOMINAL:
        return None
    if anchor.i != raw.object.token.i:
        return None
    own = relations.dates_for(anchor, date_spans, set())
    if own is not None or raw.type != "AUTHORED":
        return own
    return issuing_date(anchor, date_spans)


def issuing_date(document: Token, date_spans: list[tuple[int, int, DateValue]]) -> DateValue | None:
    """The date of the verb that puts out `document`, its direct object ("published its report in 2001")."""
    verb = document.head
    if document.dep_ != "dobj" or verb.lemma_.lower() not in LEX.statement_issuing_verbs:
        return None
    if relations.is_negated_or_hedged(verb):
        return None
    spans = [d for d in date_spans if not document.left_edge.i <= d[0] <= document.right_edge.i]
    return relations.dates_for(verb, spans, set()) or relations.opening_date(verb, spans)
