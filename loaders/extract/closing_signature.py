"""The signed name at the foot of a letter printed without a sign-off (UK committee evidence, FOI replies).

Published letters often lose "Yours sincerely": the text ends with the signatory's name line, then
their post and body ("William Wragg MP Chair, Public Administration and Constitutional Affairs
Committee"; "Chris Stanton / Parliamentary Relations & Devolution Team / Foreign and Commonwealth
Office / 12 June 2006"). In a text that is a letter (a salutation, or a "Letter to/from" heading at its
top), the first line of the short lines closing it, when it opens with a person's name, is the
signature: `speaker.py` falls back to it when no sign-off is found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from loaders.extract.lexicon import LEX

HEADING_SPAN = 300  # characters: a "Letter to/from" line this near the top is the text's own heading
SALUTATION_SPAN = 2500  # characters from the top where "Dear ..." opens a letter
MAX_BLOCK_LINES = 5  # short lines a closing block may hold: name, post, unit, body, date
MAX_LINE = 120  # characters: longer lines are prose
_NAME_WORD = r"[A-Z][\w'\u2019-]+"
_DATE_LINE = re.compile(
    r"^\s*(?:\w+day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+,?\s+\d{4}\s*$|^\s*[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}\s*$"
)


@dataclass(frozen=True)
class ClosingName:
    name: str  # "William Wragg"
    line_start: int  # where the name's line starts: the signature begins there
    start: int  # offsets of the name in the text
    end: int
    block_end: int  # end of the closing block: where the signatory's post and body lines stop


def _is_letter(text: str) -> bool:
    greeting = "|".join(re.escape(s.capitalize()) for s in LEX.salutations)
    heading = re.search(r"(?im)^[ \t]*letter[ \t]+(?:to|from)[ \t]", text[:HEADING_SPAN])
    return (
        heading is not None
        or re.search(r"(?m)^[ \t]*(?:" + greeting + r")[ \t]+[A-Z]", text[:SALUTATION_SPAN]) is not None
    )


def _name_of(line: str) -> str | None:
    """ "William Wragg MP Chair, ..." -> "William Wragg": two or three capitalised words before a
    post-nominal, a comma, a role word or the line's end; None when the line does not open with a name."""
    words = line.strip().split()
    titles = LEX.title_keys
    while words and words[0].rstrip(".").lower() in titles:
        words = words[1:]
    stops = {w.lower() for w in (*LEX.job_words, *LEX.role_nouns, *LEX.not_name_words)}
    name = []
    for word in words:
        bare = word.rstrip(",")
        if bare in LEX.post_nominals or bare.lower() in stops or not re.fullmatch(_NAME_WORD, bare):
            break
        name.append(bare)
        if word.endswith(","):
            break
    return " ".join(name) if 2 <= len(name) <= 3 else None


@lru_cache(maxsize=4)
def closing_name(text: str) -> ClosingName | None:
    """The signatory of an unsigned-off letter, from the short lines that close it; None if none. Kept for
    the last few texts, as `speaker` asks for it several times per document."""
    if not _is_letter(text):
        return None
    lines = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\n]*", text.rstrip())]
    block: list[tuple[int, int, str]] = []
    for start, end, line in reversed(lines):
        stripped = line.strip()
        if not stripped or _DATE_LINE.match(stripped):
            continue
        if len(stripped) > MAX_LINE or stripped[-1] in '.?!;:"\u201d' or len(block) == MAX_BLOCK_LINES:
            break
        block.insert(0, (start, end, line))
    if not block:
        return None
    start, _end, line = block[0]
    name = _name_of(line)
    if name is None:
        return None
    offset = start + line.index(name.split()[0])
    return ClosingName(name, start, offset, offset + len(name), block[-1][1])
