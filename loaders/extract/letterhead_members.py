"""A memo's sender belongs to the body on its letterhead when their own lines name none.

"UNITED STATES DEPARTMENT OF X / Office of Inspector General" printed above "FROM: Ann Lee / Assistant
Inspector General for Audit": the sender writes for the letterhead's body, so she is a MEMBER_OF it. Only
when the lines under her name (or, flattened, the rest of her field) name no body of their own: a FROM
block that names one has said where she sits. The letterhead line as written ("United States Department
of X Office of Inspector General", "U.S. GOVERNMENT ACCOUNTABILITY OFFICE") is also what the body is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph.names import name_key
from loaders.extract import headers, own_document
from loaders.extract.mentions import Mention

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

LETTERHEAD_MEMBER = 0.75  # below a name block's own body line (0.8): the letterhead is the whole document's


def _has_member_of(run: DocumentRun, person_id: str) -> bool:
    return any(c.type == "MEMBER_OF" and c.from_id == person_id for c in run.claims)


def sender_member(run: DocumentRun, body: Mention | None) -> None:
    """The header's sender (a person) is a MEMBER_OF the letterhead body when nothing else placed them."""
    if body is None or body.node is None:
        return
    for field in headers.header_fields(run.document.text):
        party = own_document.party_between(run, field.start, field.end) if field.role == "sender" else None
        if party is None or party.node.label != "Person" or _has_member_of(run, party.node.id):
            continue
        run._member_of(party, run.add_node(body.node), party.node.props.get("role"), LETTERHEAD_MEMBER)


def written_alias(run: DocumentRun, body: Mention | None, span: tuple[int, int]) -> None:
    """The letterhead's line as written names its body ("United States Department of X Office of Inspector
    General", with the country the tagger split off; a page number or a logo read as letters before it left
    out), when the line holds nothing but that name."""
    if body is None or body.node is None:
        return
    text = run.document.text
    start = own_document.mention_start(run, body)
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", start)
    words = text[line_start : line_end if 0 <= line_end < span[1] else span[1]].split()
    while words and not words[0][0].isupper():  # a page number "1", an OCR'd logo "cAO" before the name
        words = words[1:]
    line = " ".join(words)
    if line and name_key(line) != name_key(body.node.name) and name_key(line).endswith(name_key(body.text)):
        node = run.nodes.get(body.node.id, body.node)
        node.aliases = sorted({*node.aliases, line})
