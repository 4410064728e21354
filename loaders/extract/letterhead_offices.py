"""Which body a two-line letterhead names: the office under the department, not the department.

US federal letters print the department on the first line and the writing office under it:
"UNITED STATES DEPARTMENT OF COMMERCE / The Inspector General" is the department's Office of
Inspector General, which writes as "we"; the department is only where it sits. A letterhead line that
is a country alone ("UNITED STATES / NUCLEAR REGULATORY COMMISSION") is a heading over the body, not
the writer. The office lines are lexicon data (`letterhead_offices` in words.yaml).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from graph.model import Node
from graph.names import initials, name_key
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Mention

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

COUNTRY_LINES = frozenset({"united states", "united states of america"})  # a heading over the body, never the writer
_NATIONAL_PREFIX = re.compile(r"(?i)^(?:the\s+)?(?:united\s+states|u\.\s?s\.)\s+")
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in"})


def is_country(mention: Mention) -> bool:
    """ "UNITED STATES" alone atop a letterhead: the country over the body's name."""
    return mention.node is not None and name_key(mention.node.name) in COUNTRY_LINES


def title_case(name: str) -> str:
    """ "DEPARTMENT OF COMMERCE" -> "Department of Commerce"; a name in mixed case is kept as written."""
    if not name.isupper():
        return name
    words = name.split()
    return " ".join(  # "U.S." keeps its capitals: an abbreviation, not a word
        w if "." in w.rstrip(".") else w.lower() if i and w.lower() in _SMALL_WORDS else w.capitalize()
        for i, w in enumerate(words)
    )


def _office_name(line: str) -> str | None:
    """ "The Inspector General" -> "Office of Inspector General"; "Office of the Inspector General" as written."""
    key = " ".join(line.lower().split())
    if key not in LEX.letterhead_offices:
        return None
    words = title_case(" ".join(line.split())).split()
    if words[0].lower() == "office":
        return " ".join(words)
    return "Office of " + " ".join(words[1:] if words[0].lower() == "the" else words)


def narrowed(run: DocumentRun, body: Mention, span: tuple[int, int], start: int) -> Mention:
    """The letterhead body, or the office the next letterhead line names under it (a new Agency node
    "Department of X Office of Inspector General", also known by the line as written)."""
    text = run.document.text
    line_end = text.find("\n", start)
    if line_end == -1 or line_end >= span[1]:
        return body
    following = next((line for line in text[line_end : span[1]].split("\n") if line.strip()), "")
    office = _office_name(following)
    if office is None or body.node is None:
        return body
    node = _office_node(run, body.node.name, office, " ".join(following.split()))
    return replace(body, node=node, text=node.name)


def _office_node(run: DocumentRun, department: str, office: str, written: str) -> Node:
    """ "Department of X Office of Inspector General", also known as written, as the office and by its acronym."""
    name = f"{title_case(_NATIONAL_PREFIX.sub('', department.strip()))} {office}"
    node = run.x.resolver.agency(name, run.ctx)
    node.aliases = sorted({*node.aliases, written, office, initials(office)})
    return run.add_node(node)


def line_body(run: DocumentRun, span: tuple[int, int]) -> Mention | None:
    """A letterhead line in capitals the parser read as no body ("NUCLEAR REGULATORY COMMISSION"), when
    it ends in a body's head word (`body_heads`): that body, as a mention of the line."""
    text = run.document.text
    heads = {head.lower() for head in LEX.body_heads}
    for line in re.finditer(r"[^\n]+", text[span[0] : span[1]]):
        words = line.group().split()
        while len(words) > 2 and not words[0].isupper():  # a logo the OCR read as letters: "cAO U.S. GOVERNMENT ..."
            words = words[1:]
        if not words or not " ".join(words).isupper() or words[-1].lower() not in heads:
            continue
        start = span[0] + line.start() + line.group().index(words[0])
        node = run.x.resolver.agency(title_case(" ".join(words)), run.ctx)
        return mention_at(run, start, span[0] + line.end(), run.add_node(node))
    return None


def mention_at(run: DocumentRun, start: int, end: int, node) -> Mention | None:
    for index, (offset, doc) in enumerate(zip(run.parse.offsets, run.parse.docs)):
        if offset <= start < offset + len(doc.text):
            span = doc.char_span(start - offset, end - offset, alignment_mode="expand")
            sentence = run.parse._sentence_of.get((index, span.sent.start)) if span is not None else None
            if sentence is None:
                return None
            return Mention("agency", index, span.start, span.end, sentence, span.text, node=node)
    return None


_PUBLISHER_NOTE = re.compile(r"\s*\([^)]*\)")


def publisher_name(publisher: str | None) -> str:
    """The record's publisher without its bracketed notes: "UK Parliament (House of Commons X Committee)" names
    no body as written, and a body named with the brackets would be a node no text calls so."""
    return _PUBLISHER_NOTE.sub("", publisher or "").strip()


def publisher_speaker(run: DocumentRun) -> None:
    """A letter whose text names no writer's body (no letterhead, no signature read) was written for the
    body its record names as publisher ("U.S. Nuclear Regulatory Commission, Region II": the commission;
    "U.S. Department of X, Office of Inspector General": that office): who its "we" is."""
    publisher = publisher_name(run.document.publisher)
    if not publisher or run.salutation is None or run.speaker is not None or run.speaker_body is not None:
        return
    body = publisher_node(run, publisher)
    if body is not None:
        run.speaker_body = run.add_node(body)


def publisher_office(run: DocumentRun, publisher: str) -> Node | None:
    """The office a record's publisher names under its department ("U.S. Department of Justice, Office of the
    Inspector General": "Department of Justice Office of the Inspector General", a node of the run), or None."""
    department, _, rest = publisher.partition(",")
    office = _office_name(rest.strip()) if rest.strip() else None
    if office is None or not department.strip():
        return None
    return _office_node(run, department, office, rest.strip())


def publisher_node(run: DocumentRun, publisher: str) -> Node | None:
    """The body a record's publisher names: its office under the department when it names one, else the
    department ("U.S. Nuclear Regulatory Commission, Region II": the commission); None for no name."""
    office = publisher_office(run, publisher)
    if office is not None:
        return office
    name = without_national_prefix(publisher.partition(",")[0])
    return run.x.resolver.agency(name, run.ctx) if name else None


def without_national_prefix(name: str) -> str:
    """ "U.S. Department of Justice" -> "Department of Justice": how texts name the body they come from."""
    return _NATIONAL_PREFIX.sub("", name.strip())
