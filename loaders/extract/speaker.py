"""Who "I" is in a first-person document: a witness statement's maker, a letter's signatory.

Statements, letters, e-mails and parliamentary answers are written in the first person ("It was
sent to me by Dr Penrose", "I forwarded the audit to the Chief Executive"); without knowing who
"I" is, every such transfer is lost. The speaker is read only from what such documents
conventionally state: a statement's heading or opening ("Witness statement of Ann Lee",
"I, Ann Lee, will say"), a written answer's "Answered by: Ann Lee", or the name under a sign-off ("Yours sincerely, / Ann Lee"). A document
that states none of these has no speaker, and its "I" stays unresolved (a news article's quoted
"I" belongs to whoever is quoted, not to the article).
"""

from __future__ import annotations

import re
from functools import lru_cache

from loaders.extract import closing_signature
from loaders.extract.lexicon import LEX


def _phrases(phrases: tuple[str, ...]) -> str:
    """A regex alternation of phrases, any whitespace between their words."""
    return "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in phrases)


_TITLE = (
    r"(?:(?i:the\s+)?(?i:" + "|".join(map(re.escape, LEX.person_titles)) + r")\.?\s+)?"
)  # "OF THE HONORABLE ANN LEE"
_INITIAL = r"[A-Z]\.?(?=[ \t])"  # "Michael E. Horowitz", "K Mulvaney": an initial is part of a name
_WORD = r"[A-Z][\w'\u2019-]+"
_NAME = (  # one line: a signature's next line is a job title
    rf"((?:{_WORD}|{_INITIAL})(?:[ \t]+(?:{_WORD}|{_INITIAL})){{0,2}}[ \t]+{_WORD})"
)
_STATEMENT = re.compile(r"(?i:\b(?:" + _phrases(LEX.statement_headings) + r")\s+of)\s+" + _TITLE + _NAME)
_LINE_STATEMENT = re.compile(  # "Testimony of Ann Lee" / "Written Testimony of": at a line's start, never in prose
    r"(?m)^[ \t]*(?:[A-Z][\w-]*[ \t]+){0,2}(?i:(?:"
    + _phrases(LEX.line_statement_headings)
    + r")\s+of)\s+"
    + _TITLE
    + _NAME
)
_I_COMMA = re.compile(r"(?:^|\n)\s*I,\s+" + _TITLE + _NAME + r"\s*,")
_ANSWERED = re.compile(  # a written answer's "Answered by: Ann Lee": the answer below is hers ("I have placed ...")
    r"(?im)^[ \t]*(?:" + _phrases(LEX.answer_fields) + r")[ \t]*:?[ \t]+" + _TITLE + r"(?-i:" + _NAME + r")"
)
_SIGN_OFF = re.compile(
    r"(?im)^[ \t]*(?:" + _phrases(LEX.sign_offs) + r")[ \t]*,?[ \t]*\n"
    r"(?:[ \t]*\n)*[ \t]*" + _TITLE + r"(?-i:" + _NAME + r")[ \t]*$"
)
_SHORT_NAME = rf"((?:{_WORD}|{_INITIAL})(?:[ \t]+{_INITIAL})?[ \t]+{_WORD})"  # "K Mulvaney", "Ann B. Lee"
_SIGN_OFF_INLINE = re.compile(  # a flattened letter: "Yours sincerely K Mulvaney Information Access Team" on one line
    r"(?im)^[ \t]*(?:"
    + _phrases(tuple(s for s in LEX.sign_offs if " " in s))
    + r")[ \t]*,?[ \t]+"
    + _TITLE
    + r"(?-i:"
    + _SHORT_NAME
    + r")(?=[ \t,]|$)"
)
SIGNATURE_LINES = 3  # lines under the signed name that may give a job title and a body
HEADING_SPAN = 600  # characters from the top where a statement's heading or opening is looked for


def document_speaker(text: str) -> str | None:
    """The name of the person the document speaks as, or None. The statement forms win over a
    sign-off (a statement may quote a letter), and a heading must come in the first 600 characters;
    of several sign-offs the first counts (a reply quotes the message it answers below its own)."""
    head = text[:HEADING_SPAN]
    for pattern in (_I_COMMA, _STATEMENT, _LINE_STATEMENT):
        found = pattern.search(head)
        if found:
            return _plain(found.group(1))
    answered = _ANSWERED.search(text)
    if answered:
        return _plain(answered.group(1))
    signed = _sign_off(text)  # the first: an e-mail reply quotes the earlier message, and its sign-off, below
    if signed:
        return _plain(signed.group(1))
    closing = closing_signature.closing_name(text)  # a letter printed without its "Yours sincerely"
    return closing.name if closing else None


def sign_off_start(text: str) -> int | None:
    """Where the first sign-off ("Sincerely,") starts: the signed name follows it; None if unsigned."""
    signed = _sign_off(text)
    if signed:
        return signed.start()
    closing = closing_signature.closing_name(text)
    return max(0, closing.line_start - 1) if closing else None  # before the name line, as a sign-off is


def heading_start(text: str) -> int | None:
    """Where a heading or opening naming the speaker starts ("Statement of Ann Lee", "I, Ann Lee,"); None if none."""
    head = text[:HEADING_SPAN]
    found = [m.start() for m in (pattern.search(head) for pattern in (_I_COMMA, _STATEMENT, _LINE_STATEMENT)) if m]
    return min(found) if found else None


def signature_block(text: str) -> tuple[int, int] | None:
    """Character range of the lines under the signed name ("Information Officer / Brackwater Water
    Authority"), where a signatory's body is written; None when the document is not signed."""
    signed = _sign_off(text)
    if not signed:
        closing = closing_signature.closing_name(text)
        return (closing.end, closing.block_end) if closing else None
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


@lru_cache(maxsize=4)
def _sign_off(text: str) -> re.Match | None:
    """The first sign-off with the signed name: on the lines under it ("Yours sincerely, / Ann Lee"), or
    on its own line when the text is flattened ("Yours sincerely K Mulvaney Information Access Team").
    Kept for the last few texts: the passes ask for a document's sign-off several times (two searches of
    the whole text each)."""
    found = [m for m in (_SIGN_OFF.search(text), _SIGN_OFF_INLINE.search(text)) if m]
    return min(found, key=lambda m: m.start()) if found else None


def _plain(name: str) -> str:
    """ "DR ANN LEE" (a heading in capitals) -> "Ann Lee"; "Ann Lee MP" -> "Ann Lee"."""
    words = name.title().split() if name.isupper() else name.split()
    while len(words) > 2 and words[0].rstrip(".").lower() in LEX.title_keys:
        words = words[1:]
    while len(words) > 2 and words[-1].rstrip(".,") in LEX.post_nominals:  # "Ann Lee MP" signs as Ann Lee
        words = words[:-1]
    return " ".join(words)
