"""Members named in a testimony's opening address (issue #13, round 6: titles).

A statement before a committee opens by addressing it: "Mr. Chairman, Ranking Member Heitkamp, and Members
of the Subcommittee:". "and Members of the Subcommittee" says that everyone named before it in that line is
a member of the body the statement was given to (the heading's audience: `statement_members.narrowest`).
Only people named by an office title and a name count ("Ranking Member Heitkamp", "Congressman Fattah"): a
bare "Mr. Chairman" names an office the text never ties to a person.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from loaders.extract import own_document
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from loaders.extract.mentions import Mention
    from loaders.extract.rules import DocumentRun

OPENING_CONFIDENCE = 0.7


def _members_phrase(line: str) -> re.Match | None:
    """ "and Members of the Subcommittee:" closing an address line: the body named by its head word."""
    found = re.search(r"\bMembers of the (\w+)\s*:\s*$", line)
    return found if found and found.group(1) in LEX.body_heads else None


def opening_members(run: DocumentRun, audience: Mention | None) -> None:
    """Everyone titled and named in the opening address before "and Members of the X:" is a MEMBER_OF the
    statement's audience (the body the heading says heard it)."""
    if audience is None or audience.node is None:
        return
    text = run.document.text
    for found in re.finditer(r"[^\n]+", text):
        closing = _members_phrase(found.group(0))
        if closing is None:
            continue
        end = found.start() + closing.start()
        for person in _titled_people(run, found.start(), end):
            run._member_of(person, audience.node, person.node.props.get("role"), OPENING_CONFIDENCE)
        return  # the first address line is the opening


def _titled_people(run: DocumentRun, start: int, end: int) -> list[Mention]:
    speaker = run.speaker.id if run.speaker is not None else None
    return [
        m
        for m in run.parse.mentions
        if m.kind == "person"
        and m.node is not None
        and m.node.id != speaker
        and start <= own_document.mention_start(run, m) < end
        and m.text.split()[0] in LEX.office_titles
        and len(m.text.split()) >= 2
    ]
