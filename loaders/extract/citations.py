"""Correspondence cited by a line of its own: "Letter from X to Y, 8 May 2014".

Committee reports, appendices and footnotes name letters by a citation line with no verb
("75 Letter from Bernard Jenkin MP to Rt Hon Francis Maude MP, Minister for the Cabinet Office,
8 May 2014", "Letter from the Clerk, Public Administration Committee, to all Departments"). The
sentence rules skip such lines (a heading's capitals mislead the parser) or read the letter as one
more unnamed "letter" that clusters with every other. Here a line that opens (after a footnote
number and a "Name," prefix) with a correspondence noun and "from" is that letter's own title:

- the mention is named by the line (so each cited letter is its own Report) and also carries the
  citation form "Letter from X to Y of <date>";
- the first party after "from" SENT it (and, a person or office, AUTHORED it), the first after "to"
  RECEIVED it, dated by the line's date;
- a party written with its body after a comma ("Francis Maude MP, Minister for the Cabinet Office")
  is a MEMBER_OF that body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.model import Node
from loaders.dates import parse_date
from loaders.extract import letter_headings, reports
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Mention, Sentence

if TYPE_CHECKING:
    from loaders.dates import DateValue
    from loaders.extract.rules import DocumentRun

CONFIDENCE = 0.8  # a citation line names its parties by position, not by a verb
PARTY_KINDS = ("person", "role", "agency")  # a named person first, else an office, else a body
MAX_PREFIX = 8  # tokens before the noun: a footnote number and a short "The Iraq Inquiry," label
MAX_LABEL_WORDS = 2  # words of a reference label before a citation line's own sentence ("GS(NP)")
HEAD_SPAN = 300  # characters: a citation line this near the top is the heading of the text itself
_FOOTNOTE = re.compile(r"^\s*\d+\s+")


@dataclass
class CitedLetter:
    report: reports.ReportMention
    sentence: Sentence
    sender: Mention | None  # None: a party the tagger did not find ("Letter from Madam Speaker to ...")
    recipient: Mention | None
    date: DateValue | None
    memberships: list[tuple[Mention, Mention]]  # (party, its body), "X, Minister for the Y Office"


def _line_of(run: DocumentRun, sentence: Sentence) -> bool:
    """Whether the sentence is a whole line of the text (a citation, not a clause in prose), or ends one after
    a short label the parser cut off as a sentence of its own ("GS(NP) | 91: Letter to ...")."""
    text = run.document.text
    before = text.rfind("\n", 0, sentence.start)
    after = text.find("\n", sentence.end)
    line = text[before + 1 : len(text) if after < 0 else after].strip()
    own = sentence.text.strip()
    if line == own:
        return True
    label = line[: -len(own)].split() if own and line.endswith(own) else None
    return label is not None and 0 < len(label) <= MAX_LABEL_WORDS and not label[-1].endswith(".")


def _opening(sentence: Sentence, report: reports.ReportMention) -> bool:
    """The noun opens the line, after at most a number, a "Label," prefix or a numbered "Label 2:" prefix, and
    "from" follows it."""
    span, head = sentence.span, report.head
    doc = head.doc
    if head.i + 1 >= len(doc) or head.i - span.start > MAX_PREFIX:
        return False
    after = doc[head.i + 1].lower_
    if after != "from" and not (after == "to" and _from_after(doc, head.i + 2, span.end) is not None):
        return False
    prefix = [t for t in doc[span.start : head.i] if not t.is_space]
    numbered_label = prefix[-1].text == ":" and any(t.like_num for t in prefix) if prefix else False
    return all(t.pos_ not in ("VERB", "AUX") for t in prefix) and (
        len(prefix) == 0 or prefix[-1].text == "," or all(t.like_num for t in prefix) or numbered_label
    )  # numbered_label: "GS(NP) 91: Letter to ...", "Appendix 2: Letter from ..."


def _from_after(doc, start: int, end: int) -> int | None:
    """Where "from" stands in "Letter to Y from X" (the British heading order), else None."""
    return next((t.i for t in doc[start:end] if t.lower_ == "from"), None)


def _party_spans(doc, head: int, end: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """(sender span, recipient span) of the tokens after the noun, in either order: "Letter from X to Y",
    "Letter to Y from X"."""
    if doc[head + 1].lower_ == "to":
        start = _from_after(doc, head + 2, end)
        return (start + 1, end), (head + 2, start)
    to = next((t.i for t in doc[head + 2 : end] if t.lower_ == "to"), end)
    return (head + 2, to), (to + 1, end)


def _parties(run: DocumentRun, sentence: Sentence, start: int, end: int) -> list[Mention]:
    return sorted(
        (
            m
            for m in run.parse.mentions
            if m.sentence == sentence.index and m.node is not None and start <= m.start < end and m.kind in PARTY_KINDS
        ),
        key=lambda m: m.start,
    )


def _first_party(parties: list[Mention]) -> Mention | None:
    for kind in PARTY_KINDS:
        found = [m for m in parties if m.kind == kind]
        if found:
            return found[0]
    return None


def _body_after_comma(run: DocumentRun, parties: list[Mention], party: Mention | None) -> Mention | None:
    """ "Francis Maude MP, Minister for the Cabinet Office": the body written after the party's comma."""
    if party is None or party.kind != "person":
        return None
    doc = run.parse.docs[party.doc_index]
    comma = next((t.i for t in doc[party.end : party.end + 3] if t.text == ","), None)
    if comma is None:
        return None
    return next((m for m in parties if m.start > comma and m.kind == "agency"), None)


def _line_dates(run: DocumentRun, sentence: Sentence) -> list[tuple[int, int, DateValue]]:
    """The line's dates; a footnote's trailing link word ("8 May 2014 Back") tagged with the date is cut off."""
    found = []
    for ent in (e for e in sentence.span.ents if e.label_ == "DATE"):
        for end in range(ent.end, ent.start, -1):
            value = parse_date(ent.doc[ent.start : end].text, run.published, run.precision)
            if value is not None:
                found.append((ent.start, end, value))
                break
    return found


def name_letters(run: DocumentRun) -> list[CitedLetter]:
    """Before reports are clustered: each citation line's letter is named by the line."""
    found = []
    for report in run.reports:
        if report.lemma not in LEX.correspondence or report.determiner == "named":
            continue
        sentence = run.parse.sentences[report.mention.sentence]
        if not _opening(sentence, report) or not _line_of(run, sentence):
            continue
        doc, head = report.head.doc, report.head
        dates = _line_dates(run, sentence)
        date_start = min((s for s, _e, _v in dates if s > head.i), default=sentence.span.end)
        sender_span, recipient_span = _party_spans(doc, head.i, date_start)
        senders = _parties(run, sentence, *sender_span)
        recipients = _parties(run, sentence, *recipient_span)
        sender, recipient = _first_party(senders), _first_party(recipients)
        date = next((v for s, _e, v in dates if s > head.i), None)
        end = max((e for s, e, _v in dates if s > head.i), default=sentence.span.end)
        title = _FOOTNOTE.sub("", doc[head.i : end].text).strip(" ,")
        if sender is None and letter_headings.read(title) is None:
            continue  # a sender the tagger missed ("Letter from Madam Speaker to ..."): still this line's own letter
        title = title[:1].upper() + title[1:]
        report.name, report.determiner, report.date = title, "named", date or report.date
        memberships = [
            (party, body)
            for party, pool in ((sender, senders), (recipient, recipients))
            for body in [_body_after_comma(run, pool, party)]
            if body is not None
        ]
        found.append(CitedLetter(report, sentence, sender, recipient, date, memberships))
        if run.speaker is None and sentence.start < HEAD_SPAN and sender is not None and sender.node.label == "Person":
            run.speaker = run.add_node(sender.node)  # the text under "Letter from the Clerk to ..." is that letter: "I"
    return found


def citation_alias(letter: CitedLetter) -> str:
    """ "Letter from Sir John Chilcot to Sir Jeremy Heywood of 28 May 2014": how a text cites it."""
    words = [letter.report.head.text.capitalize(), "from", letter.sender.text]
    if letter.recipient is not None:
        words += ["to", letter.recipient.text]
    if letter.date is not None:
        words += ["of", letter.date.text]
    return " ".join(words)


def _name_office_as_written(run: DocumentRun, letter: CitedLetter, party: Mention | None) -> None:
    """ "Letter to the Clerk of the Committee from ...": an office holder the line names by a title is
    also known by the whole title as written there, up to the next comma or party word."""
    if party is None or party.kind != "role" or party.node is None or party.node.label != "Person":
        return
    doc = run.parse.docs[party.doc_index]
    end = party.end
    line_end = letter.sentence.span.end
    while end < line_end and doc[end].text != "," and doc[end].lower_ not in ("to", "from") and not doc[end].is_space:
        end += 1
    written = doc[party.start : end].text.strip()
    if end > party.end and written:
        node = party.node
        party.node = run.add_node(Node(node.id, node.label, node.name, [written], {}))


def _unplaced(letter: CitedLetter) -> list[str]:
    """ "Letter to Y from the X Team, Foreign Office": also cited without the body after the last party."""
    title, sender = letter.report.name or "", letter.sender
    if sender is None or sender.text not in title:
        return []
    comma = title.find(",", title.rfind(sender.text) + len(sender.text))
    return [title[:comma]] if comma > 0 else []


def _heading_names(run: DocumentRun, letter: CitedLetter, date: DateValue | None) -> list[str]:
    """What else the letter is called: "the Clerk's letter of 8 June 2006", the line cut after its parties."""
    heading = letter_headings.read(letter.report.name or "", run.published, run.precision)
    return letter_headings.aliases(heading, date) if heading is not None else []


def letter_claims(run: DocumentRun, letters: list[CitedLetter]) -> None:
    """After the sentence pass: who sent, wrote and received each cited letter, and the parties' bodies."""
    for letter in letters:
        node = letter.report.mention.node
        if node is None:
            continue
        own = run.own_document is not None and node.id == run.own_document.id
        date = letter.date or (run._document_date() if own else None)  # the heading's letter is the text: its date
        cited = [citation_alias(letter), *_unplaced(letter)] if letter.sender is not None else []
        node = run.add_node(Node(node.id, node.label, node.name, [*cited, *_heading_names(run, letter, date)], {}))
        if letter.sender is None:
            continue
        for party in (letter.sender, letter.recipient):
            _name_office_as_written(run, letter, party)
        sender = run.add_node(letter.sender.node)
        claims = [("SENT", sender.id)]
        if sender.label == "Person":
            claims.append(("AUTHORED", sender.id))
        if letter.recipient is not None and letter.recipient.node.label in ("Person", "Agency"):
            claims.append(("RECEIVED", run.add_node(letter.recipient.node).id))
        for edge, party in claims:
            if not any(c.type == edge and c.from_id == party and c.to_id == node.id for c in run.claims):
                run.claims.append(
                    run._claim(edge, party, node.id, letter.sentence, CONFIDENCE, "rules.citation.letter", date)
                )
        for party, body in letter.memberships:
            if not any(
                c.type == "MEMBER_OF" and c.from_id == party.node.id and c.to_id == body.node.id for c in run.claims
            ):
                run._member_of(party, body.node, None, CONFIDENCE)
