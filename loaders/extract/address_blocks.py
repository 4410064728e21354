"""Everyone a letter's address block names: who received the letter and which body each belongs to.

A letter to several people lists them one under another, each with a title line and the body the
title belongs to ("The Honorable Michael Turner / Chairman / The Honorable Loretta Sanchez / Ranking
Member / Subcommittee on X / Committee on Y / House of Representatives"); an NRC letter puts the
licensee's officer above the company ("Mr. Ann Lee / Chief Nuclear Officer / X Power Company") and a
SUBJECT line between the block and "Dear ...". Every person on a dated block's lines is read here
(`document_frame._address_block_member` reads the one addressee of an undated block above "Dear"):

- each is a MEMBER_OF the first body written under their name (a person whose lines name none shares
  the body of the next person's lines, as a chairman and a ranking member share their committee; an
  "ATTN: Mr. Ann Lee" line takes the company above it);
- each RECEIVED the letter (the salutation's addressee already did, `coref.addressee`).

The block is the short lines between a letter's date line and its salutation (or, in a letter printed
without one, the first line of prose); without a salutation only people written with an address title
("The Honorable ...") count, so a contact list under a press release's date is no address block.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from loaders.extract import headers, joint_salutations, own_document
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Mention, Sentence

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

TOP_SPAN = 2500  # characters from the top where a letter's date line and address block stand
PROSE_LINE = 80  # an address line is short; a longer one is prose or a subject line
RULE = "address.block"
COLUMN_ROWS = 3  # lines with a wide gap inside that make a block two columns
MAX_NAME_WORDS = 12
CONNECTORS = frozenset({"and", "of", "the", "on", "for", "in", "&"})


def _date_line_end(text: str, before: int) -> int | None:
    from loaders.extract.document_frame import _DATE_LINE  # document_frame imports this module

    found = [m for m in _DATE_LINE.finditer(text[:before])]
    return found[0].end() if found else None


def block_span(run: DocumentRun) -> tuple[int, int] | None:
    """The address block's character range: after the date line, before the salutation (else before the
    first line of prose); None when the text has no date line near its top."""
    text = run.document.text
    greeting = joint_salutations.greeting_start(run)
    limit = min(TOP_SPAN, greeting if greeting is not None else TOP_SPAN)
    start = _date_line_end(text, limit)
    if start is None:
        return None
    if greeting is not None:
        return start, greeting
    for line in re.finditer(r"[^\n]+", text[start:TOP_SPAN]):
        if len(line.group().strip()) > PROSE_LINE:
            return start, start + line.start()
    return None


def _prefix_words(prefix: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z]+", prefix)]


def _addressed(prefix: str, salutation: bool) -> bool:
    """Whether the words before a name on its line are an address form ("The Honorable", "ATTN: Mr.");
    with no salutation, an address title must be there."""
    words = _prefix_words(prefix)
    allowed = {*LEX.title_keys, *LEX.recipient_fields, *(t.rstrip(".").lower() for t in LEX.office_titles), "the"}
    if any(w not in allowed for w in words):
        return False
    return salutation or any(w in LEX.title_keys for w in words)


def _before_name(line: str, person: Mention) -> str:
    """The words on a person's line before their name proper ("The Honorable", "ATTN: Mr."), which the
    tagger may have put inside the mention; the whole line when the name is not on it."""
    first = person.node.name.split()[0]
    found = re.search(r"(?<!\w)" + re.escape(first) + r"(?!\w)", line)
    return line[: found.start()] if found else line


def _is_post(person: Mention) -> bool:
    """A post the tagger read as a person ("Chief Nuclear Officer"): no addressee of its own."""
    posts = {w.lower() for w in (*LEX.office_titles, *LEX.job_words, *LEX.role_nouns)}
    return any(w.lower() in posts for w in person.node.name.split())


def _is_attention(prefix: str) -> bool:
    return bool(set(_prefix_words(prefix)) & set(LEX.recipient_fields))


def _mentions_on(run: DocumentRun, kind: str, start: int, end: int) -> list[Mention]:
    found = [
        m
        for m in run.parse.mentions
        if m.kind == kind and m.node is not None and start <= own_document.mention_start(run, m) < end
    ]
    return sorted(found, key=lambda m: own_document.mention_start(run, m))


def _columns(text: str, span: tuple[int, int]) -> list[list[tuple[int, int]]]:
    """The block's lines as (start, end) ranges, column by column: a block printed in two columns side by
    side (several lines with a wide gap inside) is read as its left column, then its right one."""
    lines = [(span[0] + m.start(), span[0] + m.end()) for m in re.finditer(r"(?m)^.*$", text[span[0] : span[1]])]
    gaps = [re.search(r"\S( {3,}|\t+)\S", text[start:end]) for start, end in lines]
    if sum(1 for gap in gaps if gap) < COLUMN_ROWS:
        return [lines]
    left = [(s, s + g.start(1)) if g else (s, e) for (s, e), g in zip(lines, gaps)]
    right = [(s + g.end(1), e) if g else (e, e) for (s, e), g in zip(lines, gaps)]
    return [left, right]


def _line_body(
    run: DocumentRun,
    body: Mention,
    line: tuple[int, int],
    following: tuple[int, int] | None,
    preceding: tuple[int, int] | None = None,
) -> Mention:
    """An address line naming a body names one body, whole ("Subcommittee on Tactical Air and Land Forces",
    which the tagger cut at "and"; "Committee on Oversight and / Government Reform" wrapped onto the next
    line): the line's words after any leading office title, when they are a name's words."""
    text = run.document.text
    words = text[line[0] : line[1]].replace(",", " , ").split()
    while words and (words[0] in LEX.office_titles or words[0] == ","):
        words = words[1:]
    if following is not None and words and (words[-1] in CONNECTORS or words[-1] == ","):
        words += text[following[0] : following[1]].replace(",", " , ").split()
    if preceding is not None and _starts_name(run, preceding, text[line[0] : own_document.mention_start(run, body)]):
        words = text[preceding[0] : preceding[1]].split() + words  # "Ferries and Inland / Waterways Committee"
    while words and (words[-1] == "," or words[-1] in CONNECTORS):
        words = words[:-1]
    name = " ".join(words).replace(" ,", ",")
    plain = all(w[:1].isupper() or w in CONNECTORS or w == "," for w in words)
    if not plain or len(words) > MAX_NAME_WORDS or body.text not in name or name == body.text:
        return body
    node = run.add_node(run.x.resolver.agency(name, run.ctx))
    return Mention(body.kind, body.doc_index, body.start, body.end, body.sentence, name, node=node)


def _starts_name(run: DocumentRun, line: tuple[int, int], between: str) -> bool:
    """Whether the line above a body opens its name, wrapped ("Homeland Security and / Governmental Affairs
    Committee"): name words only, no title, nothing the tagger read, and the body opens its own line."""
    words = run.document.text[line[0] : line[1]].split()
    posts = {w.lower() for w in (*LEX.office_titles, *LEX.job_words, *LEX.role_nouns)}
    return (
        bool(words)
        and not between.strip()
        and all(w[:1].isupper() or w in CONNECTORS for w in words)
        and not any(w.lower() in posts for w in words)
        and not any(own_document.mention_start(run, m) in range(*line) for m in run.parse.mentions)
    )


def _is_company(body: Mention) -> bool:
    return body.node.name.replace(",", " ").split()[-1].rstrip(".").lower() in LEX.company_heads


def body_under(run: DocumentRun, start: int, end: int) -> Mention | None:
    """The body a person belongs to, of the bodies the lines between `start` and `end` name, each whole."""
    text = run.document.text
    lines = [(start + m.start(), start + m.end()) for m in re.finditer(r"(?m)^.*$", text[start:end])]
    found: list[Mention] = []
    for index, line in enumerate(lines):
        bodies = _mentions_on(run, "agency", *line)
        if bodies:
            found.append(_line_body(run, bodies[0], line, lines[index + 1] if index + 1 < len(lines) else None))
    return best_body(found) if found else None


def pending_line(pending: list[list], line: tuple[int, int]) -> bool:
    """Whether `line` is a waiting person's own line (never part of a body's name)."""
    return any(entry[2] == line for entry in pending)


def read_block(run: DocumentRun) -> list[tuple[Mention, Mention | None, tuple[int, int]]]:
    """(person, body or None, the person's line) for every person the address block names."""
    from loaders.extract.document_frame import is_postal_line

    span = block_span(run)
    if span is None:
        return []
    text = run.document.text
    greeted = joint_salutations.greeting_start(run) is not None  # a salutation, to one person or several
    found: list[list] = []
    for column in _columns(text, span):
        pending: list[list] = []  # [person, body, line] still open to the body lines below them
        last_body: Mention | None = None
        for index, (start, end) in enumerate(column):
            stripped = text[start:end].strip()
            people = [p for p in _mentions_on(run, "person", start, end) if p.node.label == "Person"]
            person = people[0] if people and 0 < len(stripped) <= PROSE_LINE else None
            prefix = _before_name(text[start:end], person) if person else ""
            if person is None or not _addressed(prefix, greeted) or _is_post(person):
                person = None
            if person is None and (
                not stripped or len(stripped) > PROSE_LINE or is_postal_line(stripped) or _is_field(stripped)
            ):
                found += pending  # a blank, prose, postal or field line closes the group
                pending, last_body = [], (last_body if stripped else None)
                continue
            if person is not None:
                if any(entry[1] is not None for entry in pending):
                    found += pending  # the previous person's group is complete
                    pending = []
                body = last_body if _is_attention(prefix) else None  # "Company / ATTN: Mr. Ann Lee"
                pending.append([person, body, (start, end)])
                continue
            bodies = _mentions_on(run, "agency", start, end)
            if not bodies:
                continue
            following = column[index + 1] if index + 1 < len(column) else None
            preceding = column[index - 1] if index > 0 and not pending_line(pending, column[index - 1]) else None
            body = _line_body(run, bodies[0], (start, end), following, preceding)
            for entry in pending:
                entry[1] = body if entry[1] is None else best_body([entry[1], body])
            last_body = body
        found += pending
    return [(person, body, line) for person, body, line in found]


def best_body(bodies: list[Mention]) -> Mention:
    """The body a block's person belongs to, of those under their name: a committee (the first, so a
    subcommittee over its committee, and either over the chamber: "House / Committee on X"), else a
    company over a unit inside it ("Tidal Operations Unit / Eastmere Power Company"), else the first."""
    committees = [b for b in bodies if any(LEX.body_heads.get(w) == "committee" for w in b.node.name.split())]
    companies = [b for b in bodies if _is_company(b)]
    return (committees or companies or bodies)[0]


def _is_field(line: str) -> bool:
    """A header field ("FROM: ...", "cc:") or a subject line ("SUBJECT:", "RE:"): the address lines end there."""
    subject = r"(?i)^(?:" + "|".join(map(re.escape, sorted(LEX.subject_fields))) + r")[ \t]*:"
    return headers.is_field_line(line) or re.match(subject, line) is not None


def lines_end(text: str, span: tuple[int, int]) -> int:
    """Where the block's address lines end: at its first field line ("SUBJECT: ...") or line of prose."""
    for line in re.finditer(r"(?m)^.*$", text[span[0] : span[1]]):
        stripped = line.group().strip()
        if len(stripped) > PROSE_LINE or (_is_field(stripped) and not _is_attention(stripped)):
            return span[0] + line.start()
    return span[1]


def membership_lines(run: DocumentRun, line_start: int, body: Mention) -> Sentence:
    """The lines that state an addressee's membership, from their name line down to their body's line
    ("The Honorable Ann Lee / Chairman / Committee on Y"): the block says it, not the body's line alone.
    A body written above the name (an "ATTN:" line under its company) is cited at its own line."""
    sentence = run.parse.sentences[body.sentence]
    text = run.document.text
    gap = text[line_start : sentence.start]
    start = line_start + len(gap) - len(gap.lstrip())
    if not start < sentence.start <= start + TOP_SPAN:
        return sentence
    return replace(sentence, start=start, text=text[start : sentence.end])


def block_claims(run: DocumentRun) -> None:
    """Each person in the address block RECEIVED the letter and is a MEMBER_OF the body under their name."""
    if run.document.media_type in own_document.READ_BY_READERS:
        return
    span = block_span(run)
    if span is None:
        return
    listed = {m.node.id for m in _mentions_on(run, "agency", span[0], lines_end(run.document.text, span))}
    placed = {c.from_id for c in run.claims if c.type == "MEMBER_OF" and c.to_id in listed}
    received = {c.from_id for c in run.claims if c.type == "RECEIVED" and c.extractor.endswith("coref.addressee")}
    for person, body, line in read_block(run):
        node = person.node
        if body is not None and node.id not in placed:  # the first person above "Dear" may be read already
            cited = membership_lines(run, line[0], body)
            run._member_of(person, run.add_node(body.node), node.props.get("role"), 0.8, evidence=cited)
            placed.add(node.id)
        if node.id not in received and (run.addressee is None or node.id != run.addressee.id):
            own_document.own_claims(run, person, ("RECEIVED",), RULE, None, line)
            received.add(node.id)
