"""Which body heard a testimony when its heading's "before" names no body the tagger read (issue #13, round 8).

`document_frame._statement_audience` reads "Statement of Ann Lee before the Committee on Y". Two common
layouts state the audience where that reading finds no body:

- a cover line above the heading, the heading itself saying no "before" ("GAO Testimony Before the
  Subcommittee on X, Committee on Y ... Statement of Ann Lee, Director"): the bodies written one after
  another right after "Before the" (`audience_headings` in words.yaml: testimony, statement, remarks);
- an audience printed in capitals, which the tagger reads as no body ("Before the / COMMITTEE ON HARBOUR
  WORKS / U.S. SENATE"): the paragraph under "Before the", when it opens with a committee's head word, is
  that body, named in title case and also as written.

Either way the testimony (the document being read) was RECEIVED by the narrowest body named
(`statement_members.narrowest`), cited from "Before the" to the end of the audience's name.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from loaders.extract import letterhead_offices, own_document, speaker
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Mention

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

RULE = "testimony.audience"
CHAIN_GAP = re.compile(r"^[\s,;]*(?:and\s+)?(?:the\s+)?$")  # between two bodies of one audience: ", ", " and the "
MAX_NAME_WORDS = 14  # "Committee on Homeland Security and Governmental Affairs" wrapped over lines


@cache
def _cover_pattern() -> re.Pattern:
    words = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(LEX.audience_headings))
    audiences = "|".join(map(re.escape, sorted(LEX.statement_audiences)))
    return re.compile(r"(?i)\b(?:" + words + r")\s+(?:" + audiences + r")\s+")


def _cover_line(text: str, heading: int) -> re.Match | None:
    """ "Testimony Before the" above the statement's heading (within the top span), or None."""
    return _cover_pattern().search(text, 0, min(heading, speaker.HEADING_SPAN))


def _chained_bodies(run: DocumentRun, start: int, end: int) -> list[Mention]:
    """The bodies written one after another from `start` ("the Subcommittee on X, Committee on Y"): the first
    must open there, each next one follow after a comma or "and"; anything else ends the audience."""
    text = run.document.text
    bodies = sorted(
        (
            m
            for m in run.parse.mentions
            if m.kind == "agency" and m.node is not None and start <= own_document.mention_start(run, m) < end
        ),
        key=lambda m: own_document.mention_start(run, m),
    )
    chained: list[Mention] = []
    position = start
    for body in bodies:
        at = own_document.mention_start(run, body)
        if not CHAIN_GAP.match(text[position:at]):
            break
        chained.append(body)
        position = at + len(body.text)
    return chained


def _capitals_body(run: DocumentRun, span: tuple[int, int]) -> Mention | None:
    """The audience paragraph in capitals ("COMMITTEE ON HOMELAND SECURITY AND / GOVERNMENT AFFAIRS") as a
    body, when it opens with a committee head word and nothing in it was tagged."""
    text = run.document.text
    raw = text[span[0] : span[1]]
    words = raw.split()
    if not words or len(words) > MAX_NAME_WORDS or not " ".join(words).isupper():
        return None
    if LEX.body_heads.get(words[0].capitalize()) != "committee":
        return None
    written = " ".join(words)
    node = run.x.resolver.agency(letterhead_offices.title_case(written), run.ctx)
    node.aliases = sorted({*node.aliases, written})
    start = span[0] + len(raw) - len(raw.lstrip())
    first_line = raw.strip().split("\n")[0].rstrip()  # a short line is parsed alone: the mention is its first line
    return letterhead_offices.mention_at(run, start, start + len(first_line), run.add_node(node))


def fallback_audience(
    run: DocumentRun, heading: int, span: tuple[int, int] | None
) -> tuple[list[Mention], tuple[int, int]] | None:
    """(the audience's bodies, the lines to cite) when the heading's own span names no tagged body; None if
    neither layout is there. `span` is `statement_members.audience_span` (None: the heading says no "before")."""
    text = run.document.text
    if span is not None:
        body = _capitals_body(run, span)
        if body is None:
            return None
        start = _before_line(text, heading, span[0])
        return [body], (start, span[0] + len(text[span[0] : span[1]].rstrip()))
    cover = _cover_line(text, heading)
    if cover is None:
        return None
    bodies = _chained_bodies(run, cover.end(), heading)
    if not bodies:
        return None
    cover_start = text.rfind("\n", 0, cover.start()) + 1
    last = bodies[-1]
    end = own_document.mention_start(run, last) + len(last.text)
    return bodies, (cover_start, end)


def _before_line(text: str, heading: int, audience: int) -> int:
    """Where the cited lines open: the line of the last "before" above the audience paragraph."""
    audiences = "|".join(map(re.escape, sorted(LEX.statement_audiences)))
    found = list(re.finditer(r"(?i)\b(?:" + audiences + r")\b", text[heading:audience]))
    return text.rfind("\n", 0, heading + found[-1].start()) + 1 if found else audience
