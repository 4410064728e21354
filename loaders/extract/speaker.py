"""Who "I" is in a first-person document: a witness statement's maker, a letter's signatory.

Statements, letters, e-mails and parliamentary answers are written in the first person ("It was
sent to me by Dr Penrose", "I forwarded the audit to the Chief Executive"); without knowing who
"I" is, every such transfer is lost. The speaker is read only from what such documents
conventionally state: a statement's heading or opening ("Witness statement of Ann Lee",
"I, Ann Lee, will say"), or the name under a sign-off ("Yours sincerely, / Ann Lee"). A document
that states none of these has no speaker, and its "I" stays unresolved (a news article's quoted
"I" belongs to whoever is quoted, not to the article).
"""

from __future__ import annotations

import re

_TITLE = r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Professor|Prof|Sir|Dame|Cllr|Councillor)\.?\s+)?"
_NAME = r"([A-Z][\w'\u2019-]+(?:[ \t]+[A-Z][\w'\u2019-]+){1,3})"  # one line: a signature's next line is a job title
_STATEMENT = re.compile(r"(?i:\b(?:witness\s+statement|statement|affidavit|evidence)\s+of)\s+" + _TITLE + _NAME)
_I_COMMA = re.compile(r"(?:^|\n)\s*I,\s+" + _TITLE + _NAME + r"\s*,")
_SIGN_OFF = re.compile(
    r"(?im)^[ \t]*(?:yours\s+(?:sincerely|faithfully|truly)|kind\s+regards|best\s+regards|with\s+best\s+wishes|regards)[ \t]*,?[ \t]*\n"
    r"(?:[ \t]*\n)*[ \t]*" + _TITLE + r"(?-i:" + _NAME + r")[ \t]*$"
)
FIRST_PERSON = {"i", "me", "myself"}
FIRST_PERSON_PLURAL = {"we", "us", "ourselves"}  # the body a signed letter is written for
SIGNATURE_LINES = 3  # lines under the signed name that may give a job title and a body


def document_speaker(text: str) -> str | None:
    """The name of the person the document speaks as, or None. The statement forms win over a
    sign-off (a statement may quote a letter), and a heading must come in the first 600 characters;
    of several sign-offs the first counts (a reply quotes the message it answers below its own)."""
    head = text[:600]
    for pattern in (_I_COMMA, _STATEMENT):
        found = pattern.search(head)
        if found:
            return _plain(found.group(1))
    signed = _SIGN_OFF.search(text)  # the first: an e-mail reply quotes the earlier message, and its sign-off, below
    return _plain(signed.group(1)) if signed else None


def signature_block(text: str) -> tuple[int, int] | None:
    """Character range of the lines under the signed name ("Information Officer / Brackwater Water
    Authority"), where a signatory's body is written; None when the document is not signed."""
    signed = _SIGN_OFF.search(text)
    if not signed:
        return None
    start = signed.end()
    end = start
    for _ in range(SIGNATURE_LINES):
        newline = text.find("\n", end + 1)
        if newline == -1:
            return start, len(text)
        if not text[end:newline].strip():
            break
        end = newline
    return start, end


def _plain(name: str) -> str:
    """"DR ANN LEE" (a heading in capitals) -> "Ann Lee"."""
    words = name.title().split() if name.isupper() else name.split()
    while len(words) > 2 and words[0].rstrip(".").lower() in _TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


_TITLE_WORDS = {"mr", "mrs", "ms", "miss", "mx", "dr", "professor", "prof", "sir", "dame", "cllr", "councillor"}
