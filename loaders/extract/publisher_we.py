"""Who "we" is in a report, testimony or release that no signature or letterhead speaks for.

An audit report, an inspector general's testimony or an inspectorate's release says "we found", "we
issued a report", "our review" for the body that publishes it, and names that body in its own text
("United States Government Accountability Office", "Office of the Inspector General") without a
letterhead or signature for `document_frame` or `speaker` to read. The document's record names its
publisher ("U.S. Department of Justice, Office of the Inspector General"); when the text itself names
that body, it is who "we" is. Abstains (precision first) when the text never names the publisher (a
Hansard page published by "UK Parliament": its "we" is a member's party or a department), when the
document is a debate of speaker turns, or when "we" is already known.

A committee's own report page is published by the house for the committee the record names in brackets
("UK Parliament (House of Commons Home Affairs Committee)"): its "we", "our inquiry" and "told us" are
that committee (as the text names it, else as the record does) when the page is no
letter (a letter printed by a committee speaks for its writer) nor written evidence (a witness's words).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.model import Node
from graph.names import initials, name_key
from loaders.extract import letterhead_offices

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

LEGISLATURES = frozenset({"uk parliament", "parliament of the united kingdom"})  # a house printing a committee's page
LEGISLATURE_KINDS = ("parliament",)  # a house publishes its members' and committees' words: never their "we"
_BRACKETED = re.compile(r"\s*\([^)]*\)")  # "HM Inspectorate of Prisons (justiceinspectorates.gov.uk)"
_BRACKET = re.compile(r"\(([^)]*)\)")
_HOUSE = re.compile(r"(?i)^(?:house\s+of\s+(?:commons|lords)\b,?\s*)?(?:the\s+)?")
COMMITTEE_HEADS = frozenset(
    {"committee", "commission"}
)  # "Joint Committee on Human Rights", "Public Accounts Commission"
# A page of a committee's report that prints another's words under its own heading: an appendix, an annex, a
# letter or a memorandum ("Letter from the Comptroller and Auditor General", "Appendix: Government response").
_PRINTED_HEAD = re.compile(r"(?im)^[ \t]*(?:letter[ \t]+(?:from|to)|appendix|annex|memorandum|written[ \t]+evidence)\b")
_HEAD_CHARS = 600  # the heading lines atop the page
NOT_OWN_WORDS = frozenset(
    {"evidence", "hansard", "answers", "questions"}
)  # a witness's or a member's words, not the committee's


def committee_name(publisher: str) -> str | None:
    """ "UK Parliament (House of Commons Home Affairs Committee)" -> "Home Affairs Committee": the committee a
    house publishes for; None for Hansard, written evidence or any other publisher."""
    bracket = _BRACKET.search(publisher)
    if bracket is None or _key(publisher[: bracket.start()]) not in LEGISLATURES:
        return None
    words = set(re.findall(r"[a-z]+", bracket.group(1).lower()))
    if not words & COMMITTEE_HEADS or words & NOT_OWN_WORDS:
        return None
    return _HOUSE.sub("", bracket.group(1).strip()) or None


def publisher_body(run: DocumentRun) -> Node | None:
    """The record's publisher as a body node, the office under a department when the record says so
    ("U.S. Department of Agriculture, Office of Inspector General"); None when there is none."""
    committee = committee_name(run.document.publisher or "")
    if committee is not None:
        return run.x.resolver.agency(committee, run.ctx)
    publisher = _BRACKETED.sub("", run.document.publisher or "").strip()
    if not publisher:
        return None
    return letterhead_offices.publisher_node(run, publisher)


def _key(name: str) -> str:
    return name_key(letterhead_offices.without_national_prefix(name))


def named_in_text(run: DocumentRun, body: Node) -> Node | None:
    """The node of the text's own name for the publisher ("United States Government Accountability
    Office" for "U.S. Government Accountability Office"), else of its acronym alone ("GAO"); None when
    the text names neither."""
    keys = {_key(body.name), *map(_key, body.aliases)}
    acronym = initials(body.name)
    bodies = [m for m in run.parse.mentions if m.kind == "agency" and m.node is not None]
    by_name = [m for m in bodies if m.node.id == body.id or _key(m.text) in keys or _key(m.node.name) in keys]
    by_acronym = [m for m in bodies if len(acronym) > 1 and m.text == acronym]
    found = (by_name or by_acronym)[:1]
    return found[0].node if found else None


def speaker_body(run: DocumentRun) -> None:
    """Who "we" is when no signature or letterhead said: one decision for every genre read off the record.
    A letter with no writer's body is its publisher's (`letterhead_offices.publisher_speaker`); a committee's
    own page is the committee's; any other report, testimony or release is the publisher's its text names."""
    letterhead_offices.publisher_speaker(run)
    if run.speaker_body is not None or run.turns:
        return
    body = publisher_body(run)
    known = run.x.gazetteer.bodies.get(body.id) if body is not None else None
    if body is None or known is not None and known.kind in LEGISLATURE_KINDS:
        return
    if committee_name(run.document.publisher or "") is not None:
        named = _committee_in_text(run, body)
    else:
        named = named_in_text(run, body)
    if named is not None:
        run.speaker_body = run.add_node(named)


def _committee_in_text(run: DocumentRun, committee: Node) -> Node | None:
    """The committee of a committee's own page: as the text names it, else the publisher's node (the
    record says whose page it is); None for a letter, an appendix or a memorandum the committee printed
    (its writer's "we")."""
    if run.salutation is not None or run.speaker is not None:
        return None
    if _PRINTED_HEAD.search(run.document.text[:_HEAD_CHARS]):
        return None
    return named_in_text(run, committee) or committee
