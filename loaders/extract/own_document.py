"""Who wrote, sent and received the document being read, from where documents conventionally say it.

A memo's header ("FROM: Ann Lee" / "TO: Idris Pemberton" / "cc: ..."), a letter's signature
("Sincerely, / Ann Lee") and a statement's heading ("Statement of Ann Lee before the Committee")
name the document's own parties without any verb, so the sentence rules never see them. Here the
sender field's party and the signatory AUTHORED (and, for a memo or a letter, SENT) the document,
and each recipient field's party RECEIVED it. The salutation's addressee is handled in
`rules.DocumentRun._addressed_claims`; "your letter" in a reply likewise.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from loaders.extract import headers, relations, speaker
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Mention

if TYPE_CHECKING:
    from graph.model import Node
    from loaders.extract.rules import DocumentRun

PARTY_KINDS = ("person", "agency", "role")  # a field names a person first, else a body, else an office
READ_BY_READERS = ("message/rfc822", "application/mbox")  # e-mail: the mail reader states its headers exactly


def mention_start(run: DocumentRun, mention: Mention) -> int:
    return run.parse.offsets[mention.doc_index] + run.parse.docs[mention.doc_index][mention.start].idx


def party_between(run: DocumentRun, start: int, end: int) -> Mention | None:
    """The first person (else body, else office) the text names between `start` and `end`."""
    inside = [m for m in run.parse.mentions if m.node is not None and start <= mention_start(run, m) < end]
    for kind in PARTY_KINDS:
        found = [m for m in inside if m.kind == kind]
        if found:
            return min(found, key=lambda m: mention_start(run, m))
    return None


def _header_kind(text: str) -> str:
    """The document noun a header block stands under (the word alone on a line above the fields: MEMORANDUM), else memorandum."""
    for line in text[: headers.HEADER_SPAN].splitlines():
        word = line.strip().rstrip(":").lower()
        if word in LEX.document_nouns:
            return word
    return LEX.unnamed_own_kinds["header"]


def header_speaker(run: DocumentRun) -> None:
    """A memo's sender field is who its "I" is, when no signature or heading says otherwise."""
    if run.speaker is None:
        run.speaker = _header_person(run, "sender")


def header_addressee(run: DocumentRun) -> None:
    """A memo's first recipient field is who its "you" is, when no salutation says otherwise: what the memo
    encloses ("Attached is our report") reaches that person, as a letter's enclosure reaches its addressee."""
    if run.addressee is None:
        run.addressee = _header_person(run, "recipient")


def _header_person(run: DocumentRun, role: str) -> Node | None:
    """The person the first header field of this role (sender / recipient) names, if a person."""
    if run.document.media_type in READ_BY_READERS:
        return None
    for field in headers.header_fields(run.document.text):
        party = party_between(run, field.start, field.end) if field.role == role else None
        if party is not None and party.node.label == "Person":
            return run.add_node(party.node)
    return None


def writer_claims(run: DocumentRun) -> None:
    """The document's own parties: a header block's fields, else its signatory or its heading's maker;
    then the people its copy list names."""
    if run.document.media_type in READ_BY_READERS:
        return
    text = run.document.text
    fields = headers.header_fields(text)
    kind = _header_kind(text) if fields else None
    for field in fields:
        party = party_between(run, field.start, field.end)
        if party is None or (field.cite is not None and mention_start(run, party) > field.start + 1):
            continue  # flattened, the value opens with its party: a later name is a title misread ("Deputy Chief X")
        types = ("AUTHORED", "SENT") if field.role == "sender" else ("RECEIVED",)
        line = (text.rfind("\n", 0, field.start) + 1 if field.cite is None else field.cite, field.end)
        own_claims(run, party, types, f"header.{field.role}", kind, line)
        if field.cite is None:
            _block_member_of(run, party, field.end)
        else:  # flattened: "TO: Ann Lee Chief Northshire Police ATTN: ...": the body inside the value
            _block_member_of(run, party, mention_start(run, party) + len(party.text), field.end)
    if not fields and run.speaker is not None:
        _signed_claims(run)
    if fields or run.speaker is not None or run.addressee is not None:
        _copy_claims(run, kind)


def _signed_claims(run: DocumentRun) -> None:
    """A statement's maker wrote it; a letter's signatory sent it (and usually, not always, wrote it:
    a letter may be drafted by officials and signed by the minister: signed_authors.py adds the signatory's
    AUTHORED under its own rule, as the gold files credit it)."""
    text = run.document.text
    heading = speaker.heading_start(text)
    if heading is not None:
        mine = [m for m in speaker_mentions(run) if mention_start(run, m) < speaker.HEADING_SPAN] or heading_mentions(
            run, heading
        )
        if mine:
            own_claims(
                run,
                mine[0],
                ("AUTHORED",),
                "heading.statement",
                LEX.unnamed_own_kinds["heading"],
                _heading_line(run, heading, mine[0]),
            )
        return
    signed = speaker.sign_off_start(text)
    mine = [m for m in speaker_mentions(run) if signed is not None and mention_start(run, m) > signed]
    if mine:
        own_claims(run, mine[0], ("SENT",), "signature.writer", None)  # a signature vouches for sending it


def _copy_claims(run: DocumentRun, kind: str | None) -> None:
    """Everyone a copy list names ("cc: Hon. Ann Lee / Director / Northshire Police") received the
    document; the body lines under each name are the body they are a member of."""
    found = headers.copy_list(run.document.text)
    if found is None:
        return
    people = sorted(
        (
            m
            for m in run.parse.mentions
            if m.kind == "person" and m.node is not None and found[0] <= mention_start(run, m) < found[1]
        ),
        key=lambda m: mention_start(run, m),
    )
    for index, person in enumerate(people):
        until = mention_start(run, people[index + 1]) if index + 1 < len(people) else found[1]
        end = run.document.text.find("\n", mention_start(run, person))
        own_claims(
            run, person, ("RECEIVED",), "header.copy", kind, (_line_start(run, person), end if end != -1 else found[1])
        )
        _block_member_of(run, person, end if end != -1 else found[1], until)


def _line_start(run: DocumentRun, mention: Mention) -> int:
    return run.document.text.rfind("\n", 0, mention_start(run, mention)) + 1


def _block_member_of(run: DocumentRun, person: Mention, after: int, until: int | None = None) -> None:
    """ "FROM: Ann Lee / Director / Northshire Police": the body on the lines under a name in a header
    or copy list, before the next field or name, is the body that person belongs to."""
    if person.node.label != "Person":
        return
    text = run.document.text
    lines = [
        m for m in re.finditer(r"[^\n]+", text[after : until if until is not None else len(text)]) if m.group().strip()
    ]
    limit = until if until is not None else len(text)
    for line in lines[: speaker.SIGNATURE_LINES]:
        start, end = after + line.start(), after + line.end()
        if headers.is_field_line(line.group()):
            break
        bodies = [
            m
            for m in run.parse.mentions
            if m.kind == "agency" and m.node is not None and start <= mention_start(run, m) < min(end, limit)
        ]
        if bodies:
            run._member_of(person, bodies[0].node, person.node.props.get("role"), 0.8, evidence=bodies[0].sentence)
            return


def _heading_line(run: DocumentRun, heading: int, maker: Mention) -> tuple[int, int] | None:
    """ "STATEMENT FOR THE RECORD / OF THE HONORABLE ANN LEE": a heading broken over two lines is cited whole,
    from its first word to the end of the line with the maker's name (the parser cuts it at the line break).
    A maker found further down ("I, Ann Lee, will say as follows") keeps its own sentence."""
    text = run.document.text
    first = text.find("\n", heading)
    second = text.find("\n", first + 1) if first != -1 else -1
    limit = second if second != -1 else len(text)
    if not heading <= mention_start(run, maker) < limit:
        return None
    surname = run.speaker.name.split()[-1].lower() if run.speaker is not None and run.speaker.name else ""
    at = text.lower().find(surname, heading, limit) if surname else -1
    end = text.find("\n", at if at != -1 else mention_start(run, maker))
    return heading, end if end != -1 else len(text)


def heading_mentions(run: DocumentRun, heading: int) -> list[Mention]:
    """The heading's sentence standing for its maker when the parser did not tag the name in it
    (a heading line in capitals, "Statement of Ann Lee before ...")."""
    first = next((s for s in run.parse.sentences if s.end > heading), None)
    if first is None:
        return []
    return [
        Mention(
            "person", first.doc_index, first.span.start, first.span.start + 1, first.index, first.text, node=run.speaker
        )
    ]


def speaker_mentions(run: DocumentRun) -> list[Mention]:
    found = [m for m in run.parse.mentions if m.kind == "person" and m.node is not None]
    return sorted((m for m in found if m.node.id == run.speaker.id), key=lambda m: mention_start(run, m))


def own_claims(
    run: DocumentRun,
    party: Mention,
    types: tuple[str, ...],
    rule: str,
    kind: str | None,
    line: tuple[int, int] | None = None,
) -> None:
    """`line`: the header line to cite ("cc: Hon. Ann Lee"), which the sentence splitter may have cut."""
    token = run.parse.docs[party.doc_index][party.start]
    own = run._document_report(kind=kind) if kind else run._document_report()
    if kind and kind not in own.aliases:  # the word the document stands under (MEMORANDUM) names it
        own.aliases = sorted({*own.aliases, kind})
    sentence = run.parse.sentences[party.sentence]
    if line is not None:
        raw = run.document.text[line[0] : line[1]]
        start = line[0] + len(raw) - len(raw.lstrip())
        sentence = replace(sentence, start=start, end=line[1], text=run.document.text[start : line[1]])
    for claim_type in types:
        subject = relations.Ref(party.node, party.confidence, token)
        target = relations.Ref(own, 0.9, token)
        run._add(relations.RawClaim(claim_type, subject, target, token, 0.9, rule), sentence, [])
