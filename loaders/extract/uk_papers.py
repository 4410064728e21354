"""A UK parliamentary paper's title page says who presented it, to whom, and when it was printed.

Command papers, House of Commons papers and committee reports open with fixed formulas, no sentence:

    Laid before Parliament by the Secretary of State for the Home Department Pursuant to Section 54(4) ...
    Presented to Parliament by the Secretary of State for Health by Command of Her Majesty July 2001
    Ordered by the House of Commons to be printed 13 March 2008
    The Committee of Public Accounts has agreed to the following Report:

Each is about the document being read (`DocumentRun._document_report`): the presenter SENT it, Parliament
(or the House) RECEIVED it and it was PUBLISHED (by an unnamed publisher: the page names none); the
printing order dates its publication; the agreeing committee AUTHORED it. The formulas are words data
(`paper_presentations`, `printing_orders`, `report_agreements` in words.yaml), matched as written on a title
page (capitalised, "Laid before ..."), so prose ("the report was laid before Parliament") is left to the verbs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.model import Node, node_id
from graph.names import name_key
from graph.placeholders import placeholder_for
from loaders.dates import DateValue, parse_date
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Sentence, names_a_body

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

HEAD_SPAN = 4000  # characters: the formulas stand on the title pages
CONFIDENCE = 0.8
_HOUSES = r"(?:both Houses of )?Parliament|the House of Commons|the House of Lords"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_AGENT_END = rf"\s+by Command|\s+[Pp]ursuant|\s+(?:{_MONTHS})\b|\s+\d|\s*\(|\s*\n|\s*$"
_DATE = rf"(?:\d{{1,2}}\s+)?(?:{_MONTHS})\s+\d{{4}}"


def _alternatives(phrases: tuple[str, ...]) -> str:
    return "|".join(re.escape(p[:1].upper() + p[1:]) for p in sorted(phrases, key=len, reverse=True))


def _sentence_at(run: DocumentRun, offset: int) -> Sentence | None:
    return next((s for s in run.parse.sentences if s.start <= offset < max(s.end, s.start + 1)), None)


def _named(run: DocumentRun, text: str) -> Node | None:
    """A Person or Agency of the text whose name or alias is `text` ("the Secretary of State for Health")."""
    key = name_key(re.sub(r"^(?:the|The)\s+", "", text.strip()))
    return next(
        (
            node
            for node in run.nodes.values()
            if node.label in ("Person", "Agency") and key in {name_key(n) for n in (node.name, *node.aliases)}
        ),
        None,
    )


def _presenter(run: DocumentRun, words: str) -> Node | None:
    """Who the title page says presented the paper: a person or body the text names so, else, for an office
    ("the Secretary of State for the Home Department"), that office's holder in this document only."""
    found = _named(run, words)
    office = re.sub(r"^(?:the|The)\s+", "", words.strip())
    if found is not None or office.split()[0].lower() not in LEX.office_nouns:
        return found
    return run.add_node(
        Node(
            node_id("Person", f"{office} {run.document.source_id.split(':')[-1]}"),
            "Person",
            office,
            [],
            {"role": office},
        )
    )


def _date(run: DocumentRun, text: str | None) -> DateValue | None:
    value = parse_date(text, run.published, run.precision) if text else None
    return value or run._document_date()


def _add(run: DocumentRun, edge: str, party: Node, document: Node, sentence: Sentence, date: DateValue | None) -> None:
    run.claims.append(run._claim(edge, party.id, document.id, sentence, CONFIDENCE, "rules.uk_paper", date))


def _published(run: DocumentRun, document: Node, sentence: Sentence, date: DateValue | None) -> None:
    _add(run, "PUBLISHED", run.add_node(placeholder_for("PUBLISHED", document)), document, sentence, date)


def _drop_verb_reading(run: DocumentRun, sentence: Sentence, document: Node) -> None:
    """The verb pass read "Presented to Parliament by X" on the title page as presenting whatever noun the
    parser hung it on ("the Inquiry"); the formula says it is the document itself."""
    run.claims[:] = [
        c
        for c in run.claims
        if not (
            c.char_start == sentence.start
            and c.to_id != document.id
            and c.type in ("SENT", "RECEIVED")
            and c.extractor.split(".")[1:2] in (["present"], ["lay"])
        )
    ]


def _presentations(run: DocumentRun, text: str) -> None:
    pattern = re.compile(
        rf"(?<![\w-])(?:{_alternatives(LEX.paper_presentations)})\s+(?P<to>{_HOUSES})"
        rf"(?:\s+by\s+(?P<by>(?:the\s+)?[A-Z][^\n]*?)(?={_AGENT_END}))?"
        rf"(?:\s+by Command of (?:Her|His) Majesty)?(?:\s+(?P<date>{_DATE}))?"
    )
    for match in pattern.finditer(text):
        sentence = _sentence_at(run, match.start())
        if sentence is None:
            continue
        document = run._document_report(kind="report")
        date = _date(run, match.group("date"))
        _drop_verb_reading(run, sentence, document)
        house = run.add_node(run.x.resolver.agency(match.group("to"), run.ctx))
        _add(run, "RECEIVED", house, document, sentence, date)
        by = match.group("by")
        presenter = _presenter(run, by) if by else None
        if presenter is not None:
            _add(run, "SENT", presenter, document, sentence, date)
        _published(run, document, sentence, date)


def _printing_orders(run: DocumentRun, text: str) -> None:
    pattern = re.compile(rf"(?i:{'|'.join(re.escape(p) for p in LEX.printing_orders)})\s+(?P<date>{_DATE})")
    for match in pattern.finditer(text):
        sentence = _sentence_at(run, match.start())
        if sentence is not None:
            _published(run, run._document_report(kind="report"), sentence, _date(run, match.group("date")))


def _agreements(run: DocumentRun, text: str) -> None:
    if not any(phrase in text for phrase in LEX.report_agreements):
        return  # the pattern needs one of the phrases as written; its open-ended body part is slow to fail
    pattern = re.compile(
        rf"\b(?P<body>[Tt]he\s+[A-Z][\w'\u2019&,-]*(?:\s+[\w'\u2019&,-]+){{0,12}}?)\s+"
        rf"(?:{'|'.join(re.escape(p) for p in LEX.report_agreements)})\s+(?:[A-Z][a-z]+\s+)?[Rr]eport\b"
    )
    for match in pattern.finditer(text):
        sentence = _sentence_at(run, match.start())
        name = match.group("body")
        body = run.x.resolver.agency(name, run.ctx) if names_a_body(name) else None
        if sentence is not None and body is not None:
            document = run._document_report(kind="report")
            written = text[match.end("body") : match.end()].strip().split(maxsplit=3)[-1]  # "the following Report"
            document.aliases = sorted({*document.aliases, written})
            _add(run, "AUTHORED", run.add_node(body), document, sentence, run._document_date())


def paper_claims(run: DocumentRun) -> None:
    """After the sentence pass: the title page's presenter, House, printing date and agreeing committee."""
    text = run.document.text[:HEAD_SPAN]
    _presentations(run, text)
    _printing_orders(run, text)
    _agreements(run, text)
