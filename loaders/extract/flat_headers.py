"""A memo header flattened onto one line: "DATE: May 18, 2012 TO: Ann Lee Chief X FROM: Tom Briggs ... SUBJECT: ...".

PDF and OCR text layers often run a memo's header block together with its first paragraph, so the
labelled lines `headers.header_fields` reads at line starts become one line. The labels are still there,
in capitals with their colons: each field's value runs to the next label. A line counts only when it holds
both a sender and a recipient label in capitals near the top, so prose with "to:" in it never does. The
last field runs into the prose; it ends where a capitalised word opens a lower-case run ("... Improper
Payment Review This report presents ...") or at a full stop. Labels are lexicon data (`sender_fields`,
`recipient_fields`, `copy_fields`, `subject_fields`, `header_other_fields`).
"""

from __future__ import annotations

import re
from functools import cache

from loaders.extract.lexicon import LEX

SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "to", "a", "an", "at", "by", "with"})
MAX_VALUE = 200  # characters: a field's value is a name and a title, or a subject; never a page


@cache
def _labels() -> re.Pattern:
    """Every header label in capitals with its colon ("TO:", "AUDIT NUMBER:", "MEMORANDUM FOR")."""
    words = LEX.sender_fields | LEX.recipient_fields | LEX.copy_fields | LEX.subject_fields | LEX.header_other_fields
    upper = sorted((w.upper() for w in words), key=len, reverse=True)
    colon = "|".join(r"[ \t]+".join(map(re.escape, w.split())) for w in upper if " " not in w or "FOR" not in w)
    standalone = "|".join(r"[ \t]+".join(map(re.escape, w.split())) for w in upper if " " in w and "FOR" in w)
    alternatives = rf"\b(?:({colon})[ \t]*:" + (rf"|({standalone})\b" if standalone else "") + ")"
    return re.compile(alternatives)


def _role(label: str) -> str | None:
    key = " ".join(label.lower().split())
    if key in LEX.sender_fields:
        return "sender"
    if key in LEX.recipient_fields:
        return "recipient"
    return "subject" if key in LEX.subject_fields else None


_SENTENCE_END = re.compile(r"[a-z][.!?]\s")


def _party_value(value: str) -> bool:
    """ "Ann Lee Chief X": a party field's value opens with a capital and holds no sentence end."""
    words = value.split()
    return bool(words) and words[0][0].isupper() and not _SENTENCE_END.search(value)


def prose_start(value: str) -> int:
    """Where a flattened field's value runs into prose: before the capitalised word that opens a
    lower-case run ("Review This report presents"), or at a full stop; else its end."""
    stop = re.search(r"[.!?](?:\s|$)", value)
    end = stop.start() if stop else len(value)
    words = list(re.finditer(r"\S+", value[:end]))
    for previous, word in zip(words, words[1:]):
        text = word.group()
        if text[0].islower() and text.lower() not in SMALL_WORDS and previous.group()[0].isupper():
            return previous.start()
    return end


def flat_fields(text: str, span: int) -> list[tuple[str, str, int, int, int]]:
    """(role, label, label start, value start, value end) of the first line in `text[:span]` holding a
    sender and a recipient label in capitals; role is sender, recipient, subject or None (another label)."""
    for line in re.finditer(r"[^\n]+", text[:span]):
        if ":" not in line.group():
            continue
        found = list(_labels().finditer(line.group()))
        roles = [_role(m.group(1) or m.group(2)) for m in found]
        if "sender" not in roles or "recipient" not in roles or _SENTENCE_END.search(line.group()[: found[0].start()]):
            continue  # a header opens its line (after a letterhead or a page number), never after a sentence
        fields = []
        for index, (label, role) in enumerate(zip(found, roles)):
            start = label.end()
            end = found[index + 1].start() if index + 1 < len(found) else len(line.group())
            value = line.group()[start:end]
            if index + 1 == len(found):
                end = start + prose_start(value)
            lead = len(value) - len(value.lstrip())
            value_end = line.start() + start + len(line.group()[start:end].rstrip())
            if role in ("sender", "recipient") and not _party_value(value):
                return []  # "TO: nobody else.": a party field names someone, in capitals, in no sentence
            if line.start() + start + lead < value_end and end - start <= MAX_VALUE:
                name = label.group(1) or label.group(2)
                fields.append((role, name, line.start() + label.start(), line.start() + start + lead, value_end))
        return fields
    return []


def subject(text: str, span: int) -> str | None:
    """The flattened header's SUBJECT value ("Fiscal Year 2011 X Improper Payment Review"): what the memo is called."""
    found = [f for f in flat_fields(text, span) if f[0] == "subject"]
    return text[found[0][3] : found[0][4]] if found else None
