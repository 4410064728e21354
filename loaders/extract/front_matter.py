"""A report's front matter: the body that wrote it, its title and its publication date, one per line.

Committee reports and government publications open with a block such as

    Public Administration and Constitutional Affairs Committee
    Parliamentary and Health Service Ombudsman Scrutiny 2020-21
    Date Published: 20 May 2022

with no verb saying who wrote or published what. Near the top of the text, a `publication_fields` line
("Date Published:", "Published") with a date, the title line above it and, above the title, a line that is
only a body's name: the title is a Report, the body AUTHORED it (citing the body's line) and PUBLISHED
it (citing the date line), both dated by that date. Without a body line nothing is drawn (a page that
only says when it was published names no publisher).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.model import Node, node_id
from loaders.dates import parse_date
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Mention, Sentence, names_a_body

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

HEAD_SPAN = 800  # characters: front matter sits at the top
CONFIDENCE = 0.8
MAX_TITLE_WORDS = 20


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, stripped line) for the non-empty lines of the head of the text."""
    found, offset = [], 0
    for line in text[:HEAD_SPAN].split("\n"):
        if line.strip():
            found.append((offset + len(line) - len(line.lstrip()), line.strip()))
        offset += len(line) + 1
    return found


def _date_line(run: DocumentRun, line: str):
    lower = line.lower()
    for field in sorted(LEX.publication_fields, key=len, reverse=True):
        match = re.match(rf"{re.escape(field)}\s*:?\s+(.+)$", lower)
        if match:
            return parse_date(line[match.start(1) :].strip(), run.published, run.precision)
    return None


def _mention_start(run: DocumentRun, mention: Mention) -> int:
    return run.parse.offsets[mention.doc_index] + run.parse.docs[mention.doc_index][mention.start].idx


def _body_line(run: DocumentRun, offset: int, line: str) -> Mention | None:
    """The body whose name is the whole line."""
    return next(
        (
            m
            for m in run.parse.mentions
            if m.kind == "agency"
            and m.node is not None
            and _mention_start(run, m) == offset
            and m.text.strip() == line
            and names_a_body(m.node.name)
        ),
        None,
    )


def _sentence_at(run: DocumentRun, offset: int) -> Sentence | None:
    return next((s for s in run.parse.sentences if s.start <= offset < max(s.end, s.start + 1)), None)


def front_matter_claims(run: DocumentRun) -> None:
    """After the sentence pass: the front matter's body AUTHORED and PUBLISHED the titled report."""
    lines = _lines(run.document.text)
    for index, (offset, line) in enumerate(lines):
        date = _date_line(run, line)
        if date is None or index < 2:
            continue
        title_offset, title = lines[index - 1]
        body = _body_line(run, *lines[index - 2])
        if body is None or len(title.split()) > MAX_TITLE_WORDS or title.endswith((".", ":")):
            return
        node = run.add_node(
            Node(
                node_id("Report", title),
                "Report",
                title,
                [],
                {"title": title, "date_start": date.start, "date_end": date.end, "date_precision": date.precision},
            )
        )
        author = run.add_node(body.node)
        for edge, cited in (("AUTHORED", lines[index - 2][0]), ("PUBLISHED", offset)):
            sentence = _sentence_at(run, cited)
            if sentence is not None:
                run.claims.append(
                    run._claim(edge, author.id, node.id, sentence, CONFIDENCE, "rules.front_matter", date)
                )
        return
