"""A memorandum's header block: who it is from, to and copied to.

Memos and plain-text messages state their parties in labelled lines at the top ("TO: Ann Lee",
"FROM: Idris Pemberton", "cc: Dr Maya Ross", "MEMORANDUM FOR THE DIRECTOR"): the sender field's
party wrote and sent the document, every recipient field's party received it. No verb says so,
so the parse never sees it. A block counts only when it has both a sender and a recipient field
(or the form MEMORANDUM FOR X, which is a header by itself) near the top, so a stray "To:" in
prose never counts; the field words are lexicon data (`sender_fields`, `recipient_fields`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from loaders.extract import flat_headers
from loaders.extract.lexicon import LEX

HEADER_SPAN = 2000  # characters from the top where a header block is looked for
PARTIES = ("sender", "recipient")


@dataclass(frozen=True)
class HeaderField:
    role: str  # sender | recipient
    label: str  # the field word as written: "FROM", "cc"
    start: int  # character range of the field's value (the rest of its line)
    end: int
    cite: int | None = None  # a field of a header flattened onto one line: its label's start (flat_headers.py)


def _alternation(words) -> str:
    return "|".join(r"[ \t]+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)  # the lexicon is fixed: compile once, not per call
def _field_pattern() -> re.Pattern:
    words = LEX.sender_fields | LEX.recipient_fields
    single = [w for w in words if " " not in w]
    multi = [w for w in words if " " in w]
    labels = r"(" + _alternation(single) + r")[ \t]*:"  # "TO:": a one-word label needs its colon
    if multi:
        labels = r"(?:" + labels + r"|(" + _alternation(multi) + r")\b[ \t]*:?)"  # "MEMORANDUM FOR X"
    return re.compile(r"(?im)^[ \t]*" + labels + r"[ \t]*(\S[^\n]*?)[ \t]*$")


COPY_LINE = 80  # a line of a copy list ("Director, Federal Bureau of Investigation") is short; prose is not


def copy_list(text: str) -> tuple[int, int] | None:
    """Character range of the last copy list ("cc: Hon. Ann Lee / Director / Northshire Police /
    Idris Pemberton ..."): the "cc:" line and the short lines under it, blank ones included, up to
    the first line of prose; None when the text has no copy list. Copies go at a document's foot, so
    the last one is taken, and a long line ends it."""
    found = list(re.finditer(r"(?im)^[ \t]*(?:" + _alternation(LEX.copy_fields) + r")[ \t]*:[ \t]*", text))
    if not found:
        return None
    start = end = found[-1].end()
    for line in re.finditer(r"[^\n]*\n?", text[start:]):
        if len(line.group().strip()) > COPY_LINE or not line.group():
            break
        end = start + line.end()
    return start, end


def header_fields(text: str) -> list[HeaderField]:
    """The header block's fields in text order; empty when the top of the text has no header block. A copy list is not a header field: see `copy_list`."""
    return list(_header_fields(text[:HEADER_SPAN]))


@lru_cache(maxsize=8)  # asked several times per document (speaker, letterhead, claims)
def _header_fields(text: str) -> tuple[HeaderField, ...]:
    fields = []
    for found in _field_pattern().finditer(text):
        label = found.group(1) or found.group(2)
        key = " ".join(label.lower().split())
        role = "sender" if key in LEX.sender_fields else "recipient"
        fields.append(HeaderField(role, label, found.start(found.lastindex), found.end(found.lastindex)))
    roles = {f.role for f in fields}
    standalone = any(" " in " ".join(f.label.split()) for f in fields)
    if roles == {"sender", "recipient"} or standalone:
        return tuple(fields)
    flat = flat_headers.flat_fields(text, HEADER_SPAN)  # "DATE: ... TO: Ann Lee ... FROM: ..." on one line
    return tuple(
        HeaderField(role, label, start, end, cite) for role, label, cite, start, end in flat if role in PARTIES
    )


def is_field_line(line: str) -> bool:
    """Whether a line starts a header field or a copy list ("FROM: ...", "cc: ..."): a name's block ends there."""
    copy = r"(?i)^[ \t]*(?:" + _alternation(LEX.copy_fields) + r")[ \t]*:"
    return bool(_field_pattern().match(line) or re.match(copy, line))
