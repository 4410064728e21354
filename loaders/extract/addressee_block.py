"""Who "Dear Mr. Chairman:" is: the person the address block above the salutation names.

A salutation by title alone names no one, but the letter's address block does ("The Honorable Frank
Lee / Chairman, Subcommittee on X / ..."): the person on its lines is the addressee, not an office
holder known only as "Chairman". Only a block of short lines right above the salutation counts (or one line
closing in a ZIP code or postcode: the block as a PDF's text flattened it), and
only when it names exactly one person (a letter to several people is left alone). The text's own speaker is
never the addressee: a testimony's title block ("Statement of Ann Lee, Director") stands right above its
"Mr. Chairman and Members of the Subcommittee:", and the witness does not receive her own statement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from graph.model import Node
from loaders.extract import coref, document_frame, own_document
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

BLOCK_LINES = 8  # an address block is a few short lines
SHORT_LINE = 80
FLAT_BLOCK = 400  # an address block a PDF's text flattened onto one line, up to its ZIP code


def _block_start(text: str, salutation: int) -> int:
    """Start of the run of non-blank short lines above the salutation (blank lines right above it skipped)."""
    end = text.rfind("\n", 0, salutation)
    while end > 0 and not text[text.rfind("\n", 0, end) + 1 : end].strip():
        end = text.rfind("\n", 0, end)
    start, lines = end, 0
    above = text.rfind("\n", 0, end)
    flat = text[above + 1 : end].strip()
    if SHORT_LINE < len(flat) <= FLAT_BLOCK and document_frame.ends_in_postcode(flat):
        return max(above, 0)  # "The Honorable Ann Lee Chairman Committee on X ... Washington, D.C. 20515"
    while start > 0 and lines < BLOCK_LINES:
        previous = text.rfind("\n", 0, start)
        line = text[previous + 1 : start]
        if not line.strip() or len(line.strip()) > SHORT_LINE:
            break
        start, lines = previous, lines + 1
    return max(start, 0)


def addressee_in_block(run: DocumentRun, found: coref.Addressee) -> Node | None:
    """The one person the address block above a title-only salutation names, else None."""
    if found.name or not found.role:
        return None
    start = _block_start(run.document.text, found.start)
    speaker = run.speaker.id if run.speaker is not None else None
    people = {
        m.node.id: m.node
        for m in run.parse.mentions
        if m.kind == "person"
        and m.node is not None
        and m.node.label == "Person"
        and m.node.id != speaker
        and start <= own_document.mention_start(run, m) < found.start
    }
    return next(iter(people.values())) if len(people) == 1 else None


def name_on_its_line(ent: Span) -> Span:
    """ "The Honorable Frank Lee / Chairman, Subcommittee on X": the address block's lines are read as one
    (a wrapped line), and the parser runs the name on into the title under it. An office title written
    before a holder's name (`office_titles`: "Chairman", "Senator") never ends a name, so it is cut off,
    when a name of two words or more stays."""
    end = len(ent)
    while end > 2 and ent[end - 1].text in LEX.office_titles:
        end -= 1
    named = [t for t in ent[:end] if t.is_alpha and t.text not in LEX.office_titles and t.lower_ not in LEX.title_keys]
    return ent[:end] if len(named) >= 2 else ent
