"""Who answers for which body in a written parliamentary answer, read off its header lines.

A written answer is laid out as fields: "Question to the Home Office:", "Answered by Tom Tugendhat -
Minister of State (Home Office) (Security)", "Answered by: Victoria Atkins" under a title line
"Home Office: Departmental Records". The minister answers for the department: the person on an
`answer_fields` line is a MEMBER_OF the body written on that line, else of the body the question was
put to (the body that opens one of the first lines, "Home Office: ..." / "Question to the Home Office:").
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from graph.names import name_key
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Mention, Sentence, names_a_body

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

CONFIDENCE = 0.8
HEAD_LINES = 8
_ASKED = re.compile(
    r"^\s*(?:question to\s+)?(?:the\s+)?(?P<body>[^:]+?)\s*:", re.I
)  # the header block of a written answer: title, date, asker, the body asked


def _start(run: DocumentRun, mention: Mention) -> int:
    return run.parse.offsets[mention.doc_index] + run.parse.docs[mention.doc_index][mention.start].idx


def _field(line: str) -> bool:
    words = line.strip().lower()
    return any(re.match(rf"{re.escape(f)}\b:?\s+\S", words) for f in LEX.answer_fields)


def _lines(text: str) -> list[tuple[int, int, str]]:
    found, offset = [], 0
    for line in text.split("\n"):
        found.append((offset, offset + len(line), line))
        offset += len(line) + 1
    return found


def _asked_body(run: DocumentRun, lines: list[tuple[int, int, str]]) -> Mention | None:
    """The body the question was put to: one that opens a header line ("Home Office: ...", "Question to the X:")."""
    header = [(s, line) for s, _e, line in lines if line.strip()][:HEAD_LINES]
    bodies = [m for m in run.parse.mentions if m.kind == "agency" and m.node is not None and names_a_body(m.node.name)]
    for start, line in header:
        match = _ASKED.match(line)
        if match is None:
            continue
        at = start + match.start("body")
        found = next((m for m in bodies if _start(run, m) == at and name_key(m.text) == name_key(match["body"])), None)
        if found is not None:
            return found
    return None


def member_claims(run: DocumentRun) -> None:
    """After the sentence pass: each answering person is a MEMBER_OF the body they answer for."""
    lines = _lines(run.document.text)
    fields = [(s, e) for s, e, line in lines if _field(line)]
    if not fields:
        return
    asked = None
    for start, end in fields:
        on_line = sorted(
            (m for m in run.parse.mentions if m.node is not None and start <= _start(run, m) < end),
            key=lambda m: _start(run, m),
        )
        person = next((m for m in on_line if m.kind == "person"), None)
        if person is None:
            continue
        body = next(
            (
                m
                for m in on_line
                if m.kind == "agency" and _start(run, m) > _start(run, person) and names_a_body(m.node.name)
            ),
            None,
        )
        if body is None:
            asked = asked or _asked_body(run, lines)
            body = asked
        if body is None or any(
            c.type == "MEMBER_OF" and c.from_id == person.node.id and c.to_id == body.node.id for c in run.claims
        ):
            continue
        run.add_node(body.node)
        line = _line_sentence(run, person, start, end)
        run.claims.append(run._claim("MEMBER_OF", person.node.id, body.node.id, line, CONFIDENCE, "rules.role"))


def _line_sentence(run: DocumentRun, person: Mention, start: int, end: int) -> Sentence:
    """The whole answer line as the evidence: the splitter may cut "Minister of State (Home Office) (Security)"
    after the first bracket, and the line is what says whom the minister answers for."""
    text = run.document.text[start:end]
    lead, trail = len(text) - len(text.lstrip()), len(text) - len(text.rstrip())
    return replace(run.parse.sentences[person.sentence], start=start + lead, end=end - trail, text=text.strip())
