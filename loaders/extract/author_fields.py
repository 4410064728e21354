"""A report page's labelled author line names who wrote the document: "Author: Education Committee", "Report Author:
Office of Audits and Evaluations".

Parliamentary committee pages, inspector-general report summaries and agency studies print a block of labelled
lines under the title (Title, Report Number, Issue Date, Author, Date Published). No verb says it, so the sentence
rules never see it; the party on the author line (a person, else a body, else an office) AUTHORED the document
being read. The field words are data (`author_fields` in words.yaml); a field must open its line in the document's
head and end in its colon, so "author" in prose ("the author of the letter") is no field. "Prepared by X" is left to
the verb frame (`prepare`, passive), which reads the name's title and body apart from the name itself: taken here
as a field, "Prepared by Detective Superintendent Ann Lee, Public Protection Unit" gave the unit as its author.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from loaders.extract import own_document
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from loaders.extract.mentions import Mention
    from loaders.extract.rules import DocumentRun

RULE = "header.author"
HEAD_SPAN = 2000  # the labelled block stands under the title


def _field_pattern() -> re.Pattern[str]:
    """A line opening with an author field and its colon; the value runs to the line's end."""
    fields = sorted(LEX.author_fields, key=len, reverse=True)
    alternation = "|".join(r"\s+".join(map(re.escape, f.split())) for f in fields)
    return re.compile(rf"(?im)^[ \t]*(?:{alternation})[ \t]*:[ \t]*(?P<value>\S[^\n]*)$")


def author_lines(text: str) -> list[tuple[int, int, int]]:
    """(line start, value start, line end) of each author field line in the document's head."""
    return [(m.start(), m.start("value"), m.end()) for m in _field_pattern().finditer(text[:HEAD_SPAN])]


def _mention_end(run: DocumentRun, mention: Mention) -> int:
    """Where the mention's last token ends in the document's text."""
    last = run.parse.docs[mention.doc_index][mention.end - 1]
    return run.parse.offsets[mention.doc_index] + last.idx + len(last.text)


def author_claims(run: DocumentRun) -> None:
    """AUTHORED of the document by the party each author line names, citing that line."""
    if run.document.media_type in own_document.READ_BY_READERS:
        return
    for line_start, value_start, line_end in author_lines(run.document.text):
        party = own_document.party_between(run, value_start, line_end)
        if party is None or _mention_end(run, party) > line_end:
            continue  # the tagger ran the name into the next line ("Office of Audits / Report Type"): not its name
        own_document.own_claims(run, party, ("AUTHORED",), RULE, None, (line_start, line_end))
