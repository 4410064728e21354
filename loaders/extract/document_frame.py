"""What a letter's, memo's or statement's layout says about its own parties and date.

Real correspondence states its flows in where things stand, not in sentences: the body in an
unsigned letter's letterhead wrote and sent it, the address block
above "Dear Chairman Ann Lee:" says which committee the addressee belongs to, a memo's SUBJECT line
is what the memo is called, a statement "before the Committee on Y" was presented to Y, and the date
line under the letterhead dates everything the letter does. The sentence rules see none of this;
`own_document.py` reads the header fields, copy lists and sign-offs, and this module reads the rest.
Postal address lines ("2157 Rayburn House Office Building", "Washington, D.C. 20515") are layout
too: they never become bodies of their own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from loaders.dates import parse_date
from loaders.extract import (
    address_blocks,
    address_people,
    flat_headers,
    headers,
    joint_salutations,
    letter_openers,
    letterhead_members,
    letterhead_offices,
    numbered_documents,
    own_document,
    speaker,
    statement_members,
    testimony_audiences,
    testimony_openings,
    titled_names,
)
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Mention

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

LETTERHEAD_SPAN = 600  # characters from the top where a letterhead stands
DATE_LINE_SPAN = 1500  # characters from the top where a letter's date line stands
PROSE_LINE = 80  # a letterhead or address line is short; a longer one is prose
ADDRESS_KINDS = ("agency", "place", "person")  # what a postal line may be mis-read as
_DATE_LINE = re.compile(
    r"(?m)^[ \t]*((?:(?:[A-Z][a-z]{2,8}|(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC))\.?[ \t]*\d{1,2},?[ \t]*\d{4})|(?:\d{1,2}(?:st|nd|rd|th)?[ \t]+[A-Z][a-z]{2,8}[ \t]+\d{4}))[ \t]*$"
)
_ZIP_END = re.compile(r"\b\d{5}(?:-\d{4})?[ \t]*$|\b[A-Z]{1,2}\d[A-Z\d]?[ \t]+\d[A-Z]{2}[ \t]*$")
_STREET = re.compile(r"^[ \t]*\d+[A-Za-z]?\b")


def _words(line: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]+", line)}


def is_postal_line(line: str) -> bool:
    """ "2157 Rayburn House Office Building", "Washington, D.C. 20515", "London SW1P 4DF": a line of a postal address."""
    text = line.strip()
    if not text or len(text) > PROSE_LINE:
        return False
    return bool(_ZIP_END.search(text)) or bool(_STREET.match(text) and _words(text) & LEX.address_words)


def ends_in_postcode(line: str) -> bool:
    """ "... U.S. House of Representatives Washington, D.C. 20515": a line closing in a ZIP code or postcode,
    however long (a flattened address block is one line)."""
    return bool(_ZIP_END.search(line.strip()))


def _line_of(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end != -1 else len(text)]


def drop_postal_mentions(run: DocumentRun) -> None:
    """Bodies and places on postal address lines are part of an address, not parties to anything."""
    text = run.document.text
    for mention in list(run.parse.mentions):
        line = _line_of(text, own_document.mention_start(run, mention))
        if mention.kind in ADDRESS_KINDS and is_postal_line(line):
            run.parse.remove(mention)
        elif mention.kind == "person" and address_people.building_line(line, mention.text):
            run.parse.remove(mention)  # "Bricker Hall" on its own line of an address block


def _numbered_pattern() -> re.Pattern:
    """ "Report No. 20-041", "GAO-07-700T", "Cm 5730", "S. 870": a document by its number (numbered_documents.py)."""
    return numbered_documents.numbered_pattern()


def date_from_line(run: DocumentRun) -> None:
    """A letter or memo with no publication date given is dated by its own date line ("September 5, 2012")."""
    if run.published:
        return
    found = _DATE_LINE.search(run.document.text[:DATE_LINE_SPAN])
    value = parse_date(found.group(1)) if found else None
    if value is not None and value.precision == "day":
        run.published, run.precision = value.start, "day"


def _is_correspondence(run: DocumentRun) -> bool:
    text = run.document.text
    if joint_salutations.greeting_start(run) is not None:
        return True
    if headers.header_fields(text) or speaker.sign_off_start(text) is not None:
        return True
    return bool(address_blocks.block_span(run) and address_blocks.read_block(run))  # "The Honorable X" under a date


def letterhead(run: DocumentRun) -> tuple[int, int] | None:
    """Character range of a letter's or memo's letterhead: the short lines at the top, before its date
    line, address block, salutation or header fields; None for a document that is not correspondence,
    a statement, one that opens with prose or with a title page."""
    text = run.document.text
    if not _is_correspondence(run) or speaker.heading_start(text) is not None:
        return None
    ends = [LETTERHEAD_SPAN, len(text)]
    dated = _DATE_LINE.search(text[:LETTERHEAD_SPAN])
    ends += [dated.start()] if dated else []
    greeting = joint_salutations.greeting_start(run)
    ends += [greeting] if greeting is not None else []
    fields = headers.header_fields(text)
    ends += [text.rfind("\n", 0, fields[0].start) + 1] if fields else []
    end = min(ends)
    for line in re.finditer(r"[^\n]*", text[:end]):
        if len(line.group().strip()) > PROSE_LINE or (fields and _is_kind_line(line.group())):
            end = line.start()  # prose, or the word a memo stands under (MEMORANDUM): the letterhead is above it
            break
    if _title_words(text[:end]) & LEX.document_nouns or _numbered_pattern().search(text[:end]):
        return None  # a title page ("Management Deficiency Report: ...", "EA-96-125 - Plant X"): a document, not its sender
    return (0, end) if end > 0 else None


def _title_words(top: str) -> set[str]:
    """The words of the top lines but those naming a body ("HARBOUR AUDIT OFFICE": its "audit" is no title)."""
    return {
        word
        for line in top.splitlines()
        if (line.split() or [""])[-1].strip(".,:").lower() not in LEX.body_words
        for word in _words(line)
    }


def _is_kind_line(line: str) -> bool:
    return line.strip().rstrip(":").lower() in LEX.document_nouns


def _bodies_in(run: DocumentRun, start: int, end: int) -> list[Mention]:
    found = [
        m
        for m in run.parse.mentions
        if m.kind == "agency" and m.node is not None and start <= own_document.mention_start(run, m) < end
    ]
    return sorted(found, key=lambda m: own_document.mention_start(run, m))


def letterhead_body(run: DocumentRun) -> Mention | None:
    """The first body the letterhead names: the organisation the letter comes from."""
    span = letterhead(run)
    if span is None:
        return None
    bodies = [b for b in _bodies_in(run, *span) if not letterhead_offices.is_country(b)]
    if not bodies:
        return letterhead_offices.line_body(run, span)  # "NUCLEAR REGULATORY COMMISSION", read as no body
    return letterhead_offices.narrowed(run, bodies[0], span, own_document.mention_start(run, bodies[0]))


def letterhead_speaker(run: DocumentRun) -> None:
    """The letterhead's body is who the letter's "we" is, when no signature says otherwise."""
    found = letterhead_body(run)
    if found is not None and run.speaker_body is None:
        run.speaker_body = run.add_node(found.node)


def frame_claims(run: DocumentRun) -> None:
    """The claims the layout draws, after the header and signature claims of `own_document`."""
    if run.document.media_type in own_document.READ_BY_READERS:
        return
    _letterhead_claims(run)
    head = letterhead_body(run)
    letterhead_members.written_alias(run, head, letterhead(run) or (0, 0))  # the line as written names it
    audience = _statement_audience(run)
    testimony_openings.opening_members(run, audience)  # "Ranking Member X, and Members of the Subcommittee:"
    titled_names.honorable_members(run)  # "The Honorable X Deputy Attorney General Department of Y" on one line
    statement_members.heading_members(run)  # "Statement of Ann Lee, Director, Department of X before ..."
    _address_block_member(run)
    address_blocks.block_claims(run)  # everyone the address block names, and their bodies
    joint_salutations.joint_claims(run)  # "Dear Michael and Matt,": each greeted person named above
    _subject_alias(run)
    letterhead_members.sender_member(run, head)  # "FROM: Ann Lee / Assistant Inspector General": the letterhead's


def _line(run: DocumentRun, mention: Mention) -> tuple[int, int]:
    text = run.document.text
    start = own_document.mention_start(run, mention)
    end = text.find("\n", start)
    return text.rfind("\n", 0, start) + 1, end if end != -1 else len(text)


def _letterhead_claims(run: DocumentRun) -> None:
    """An unsigned letter's letterhead body wrote and sent it. A person who signs it or a memo's FROM
    field names is its sender, and the letterhead only their organisation (their MEMBER_OF)."""
    found = letterhead_body(run)
    if found is None or run.speaker is not None or headers.header_fields(run.document.text):
        return  # a memo's FROM field says who sent it, even when its name was not read
    if letter_openers.openers(run):
        return  # "This letter refers to ...": the opening sentence says it (letter_openers.py)
    own_document.own_claims(run, found, ("AUTHORED", "SENT"), "letterhead.sender", None, _line(run, found))


def _statement_audience(run: DocumentRun) -> Mention | None:
    """ "Statement of Ann Lee, Director, before the Committee on Y": she presented it (SENT) to Y (RECEIVED).
    Returns Y, the audience."""
    text = run.document.text
    heading = speaker.heading_start(text)
    if heading is None or run.speaker is None:
        return None
    span = statement_members.audience_span(text, heading)  # "before the Committee on Y", or on lines of its own
    bodies = _bodies_in(run, *span) if span else []
    rule, cited = "heading.audience", None
    if not bodies:  # "GAO Testimony Before the X" above the heading; "Before the / COMMITTEE ON Y" in capitals
        bodies, cited = testimony_audiences.fallback_audience(run, heading, span) or ([], None)
        rule = testimony_audiences.RULE
    if not bodies:
        return None
    kind = LEX.unnamed_own_kinds["heading"]
    audience = statement_members.narrowest(bodies)  # the subcommittee, not its committee or chamber
    own_document.own_claims(run, audience, ("RECEIVED",), rule, kind, cited or _line(run, audience))
    maker = [
        m
        for m in own_document.speaker_mentions(run)
        if own_document.mention_start(run, m) < heading + speaker.HEADING_SPAN
    ]
    maker = maker or own_document.heading_mentions(run, heading)
    if maker:
        own_document.own_claims(run, maker[0], ("SENT",), "heading.statement", kind)
    return audience


def _address_block(run: DocumentRun) -> tuple[int, int] | None:
    """The short lines right above the salutation ("The Honorable Ann Lee / Chairman / Committee on Y /
    address"), as a character range."""
    if run.salutation is None:
        return None
    text = run.document.text
    end = text.rfind("\n", 0, run.salutation.start)
    while end > 0 and not text[text.rfind("\n", 0, end) + 1 : end].strip():  # the blank lines above "Dear"
        end = text.rfind("\n", 0, end)
    start = end
    while start > 0:
        previous = text.rfind("\n", 0, start)
        line = text[previous + 1 : start]
        if not line.strip() or len(line.strip()) > PROSE_LINE:
            break
        start = previous
    return (start + 1, end) if end > start + 1 else None


def _address_block_member(run: DocumentRun) -> None:
    """The addressee belongs to the body the address block names under their name: the first one
    ("Chairman, Subcommittee on X / Committee on Y"), or the company a unit line stands above."""
    block = _address_block(run)
    if block is None or address_blocks.block_span(run) is not None:
        return  # a block under a date line is read whole, columns and all (address_blocks.py)
    text = run.document.text
    people = sorted(
        (
            m
            for m in run.parse.mentions
            if m.kind == "person" and m.node is not None and block[0] <= own_document.mention_start(run, m) < block[1]
        ),
        key=lambda m: own_document.mention_start(run, m),
    )
    if not people or people[0].node.label != "Person":
        return
    person = people[0]
    body = address_blocks.body_under(run, _line(run, person)[1], address_blocks.lines_end(text, block))
    if body is not None:  # the first body under the name, whole; not the SUBJECT line under the block
        cited = address_blocks.membership_lines(run, _line(run, person)[0], body)
        run._member_of(person, run.add_node(body.node), person.node.props.get("role"), 0.8, evidence=cited)


def _subject_alias(run: DocumentRun) -> None:
    """A memo's "SUBJECT: Response to ..." line (its first line) is what the memo is called."""
    own = run.own_document
    if own is None:
        return
    fields = r"(?:" + "|".join(map(re.escape, sorted(LEX.subject_fields))) + r")"
    found = re.search(
        r"(?im)^[ \t]*" + fields + r"[ \t]*:[ \t]*(\S[^\n]*?)[ \t]*$", run.document.text[: headers.HEADER_SPAN]
    )
    value = found.group(1) if found else flat_headers.subject(run.document.text, headers.HEADER_SPAN)
    if value:
        node = run.nodes[own.id]
        node.aliases = sorted({*node.aliases, value})
