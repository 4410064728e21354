"""Which bodies a statement's heading places its maker in, and which body of its audience heard it.

A testimony's heading gives the witness's posts as appositions: "Statement of Michael Lee, Chair,
Council of X, Inspector General, Department of Y before the Senate Committee on Z, Subcommittee on W".
Every body in that apposition (between the name and "before") is one the maker is a MEMBER_OF; a
heading whose apposition names only a title ("OF THE HONORABLE ANN LEE / INSPECTOR GENERAL") under the
body printed above it ("DEPARTMENT OF X / OFFICE OF INSPECTOR GENERAL") places the maker in that body.
The audience is the narrowest body the heading names after "before": the subcommittee, not the
committee or the chamber it belongs to.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from loaders.extract import letterhead_offices, own_document, speaker
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Mention

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

APPOSITION_WORDS = 3  # words between a comma (or line start) and a body in the apposition: "U.S.", "the"
APPOSITION_PART = 10  # words in one part of a heading's appositions: "Council of the Inspectors General on ..."
MEMBER_CONFIDENCE = 0.8


def _audience_word(text: str) -> re.Match | None:
    return re.search(r"(?i)\b(?:" + "|".join(map(re.escape, sorted(LEX.statement_audiences))) + r")\b", text)


def audience_span(text: str, heading: int) -> tuple[int, int] | None:
    """Where a statement's heading names its audience: after "before" in the heading's paragraph, or, when
    "before the" stands on a line of its own ("Statement of Ann Lee / before the / Committee on Y"), in the
    paragraph under it; None when the heading says no "before"."""
    head = text[heading : heading + speaker.HEADING_SPAN]
    before = _audience_word(head)
    if before is None:
        return None
    line_start = head.rfind("\n", 0, before.start()) + 1
    line_end = head.find("\n", before.end())
    alone = len(head[line_start : line_end if line_end != -1 else len(head)].split()) <= 2  # "before the"
    if "\n\n" in head[: before.start()] and not alone:
        return None  # "before" in prose below the heading
    start = before.end()
    if alone and line_end != -1:  # the audience is the paragraph under the "before the" line
        start = line_end + len(head[line_end:]) - len(head[line_end:].lstrip())
    end = head.find("\n\n", start)
    return heading + start, heading + (end if end != -1 else len(head))


def narrowest(bodies: list[Mention]) -> Mention:
    """The audience a statement was given to: a subcommittee over its committee, a committee over its chamber."""

    def rank(body: Mention) -> int:
        words = body.node.name.split()
        if words and LEX.body_heads.get(words[0]) == "committee":  # "Subcommittee on X", "Committee on Y"
            return 0 if words[0].lower().startswith("sub") else 1
        return 2 if any(LEX.body_heads.get(w) == "committee" for w in words) else 3

    return min(bodies, key=rank)


def heading_members(run: DocumentRun) -> None:
    """The statement's maker is a MEMBER_OF every body in their heading's apposition (else the body above it)."""
    text = run.document.text
    heading = speaker.heading_start(text)
    if heading is None or run.speaker is None or run.document.media_type in own_document.READ_BY_READERS:
        return
    name = _name_in_heading(text, heading, run.speaker.name)
    if name is None:
        return
    start = name.end()
    head = text[start : heading + speaker.HEADING_SPAN]
    stops = [len(head), *(i for i in (head.find("\n\n"),) if i != -1)]
    before = _audience_word(head)
    stops += [before.start()] if before else []
    end = _apposition_end(text, start, start + min(stops))
    bodies = [
        b
        for b in _bodies(run, start, end)
        if _in_apposition(text[start : own_document.mention_start(run, b)]) and _headed(b)
    ]
    if not bodies and _names_post(
        " ".join(text[start : start + min(stops)].split()[:APPOSITION_PART])
    ):  # "ANN LEE / INSPECTOR GENERAL": the post's body is above
        above = _body_above(run, heading)
        bodies = [above] if above is not None else []
    line_start = text.rfind("\n", 0, name.start()) + 1
    cite_end = line_start + len(text[line_start:end].rstrip())
    sentence = next((s for s in run.parse.sentences if s.end > name.start()), None)
    if sentence is None:
        return
    cited = replace(sentence, start=line_start, end=cite_end, text=text[line_start:cite_end])
    for body in bodies:  # cites the heading from the name's line to "before" ("ANN LEE / INSPECTOR GENERAL")
        node = run.add_node(body.node)
        claim = run._claim("MEMBER_OF", run.speaker.id, node.id, cited, MEMBER_CONFIDENCE, "rules.heading.member")
        run.claims.append(claim)


def _name_in_heading(text: str, heading: int, name: str) -> re.Match | None:
    """Where the heading writes its maker's name, in whatever case ("OF THE HONORABLE PHYLLIS K. FONG")."""
    pattern = r"\s+".join(map(re.escape, name.split()))
    return re.compile(pattern, re.IGNORECASE).search(text, heading, heading + speaker.HEADING_SPAN)


def _bodies(run: DocumentRun, start: int, end: int) -> list[Mention]:
    found = [
        m
        for m in run.parse.mentions
        if m.kind == "agency" and m.node is not None and start <= own_document.mention_start(run, m) < end
    ]
    return sorted(found, key=lambda m: own_document.mention_start(run, m))


def _apposition_end(text: str, start: int, end: int) -> int:
    """Where the heading's appositions stop: at the first comma- or line-separated part too long to be a
    post or a body's name (a heading run on into the text, as in a page flattened to one line)."""
    offset = start
    for part in re.split(r"([,\n])", text[start:end]):
        if len(part.split()) > APPOSITION_PART:
            return offset
        offset += len(part)
    return end


def _names_post(apposition: str) -> bool:
    """Whether the words after the maker's name give a post ("Inspector General", "Director"): a heading
    that names none ("Witness statement of Ann Lee" under the inquiry's name) says nothing of their body."""
    words = {w.strip(",.").lower() for w in apposition.split()}
    posts = {w.lower() for w in (*LEX.office_titles, *LEX.job_words)}
    return bool(words & posts)


def _headed(body: Mention) -> bool:
    """A body's name with a head word ("Department of X", "Council of Y"): not a post's field the tagger
    read as a body ("Director, Acquisition and Sourcing Management")."""
    heads = {*LEX.body_heads, *LEX.portfolio_heads}
    return any(word in heads for word in body.node.name.split())


def _in_apposition(before: str) -> bool:
    """ "Ann Lee, Director, U.S. Department of X": a body opening a comma- or line-separated part."""
    part = re.split(r"[,\n]", before)[-1]
    return len(before) > len(part) and len(part.split()) <= APPOSITION_WORDS


def _body_above(run: DocumentRun, heading: int) -> Mention | None:
    """The body printed above a statement's heading ("UNITED STATES DEPARTMENT OF X / OFFICE OF INSPECTOR
    GENERAL"): the first body there, narrowed to the office on the line under it."""
    bodies = [b for b in _bodies(run, 0, heading) if not letterhead_offices.is_country(b)]
    if not bodies or bodies[0].node.name.split()[-1].lower() in LEX.hearing_heads:
        return None  # "THE X INQUIRY / Witness statement of Ann Lee, Director": the body that heard it
    return letterhead_offices.narrowed(run, bodies[0], (0, heading), own_document.mention_start(run, bodies[0]))
