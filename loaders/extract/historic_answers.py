"""Whom a historic Hansard answer speaks for: the department of the office the question was put to.

"Mr. Rooker asked the Secretary of State for the Environment whether ..." is answered, under a name line
("Mr. Heseltine"), or with no name line under its numbered question (`debate_turns`), for the Department of the Environment: the answering minister is a MEMBER_OF it. Which
department an office answers for, and while it existed, is data (`asked_offices` in
data/historic_departments.yaml). A Lords office line names the department itself: "The Parliamentary
Under-Secretary of State, Home Office (Lord Bassam of Brighton)". The evidence is the office line, else the
answer's sentence saying "my Department"; an answer that never says "my Department" draws nothing, since on real
dev the answerer of a plain name line was as often a minister the gold does not tie to the asked department.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from graph.model import Node
    from loaders.extract.mentions import Sentence
    from loaders.extract.rules import DocumentRun

DATA_FILE = Path(__file__).with_name("data") / "historic_departments.yaml"
CONFIDENCE = 0.75
_MY_DEPARTMENT = re.compile(r"\bmy Department\b", re.I)


@dataclass(frozen=True)
class AskedOffice:
    office: str
    body: str
    since: int | None
    until: int | None

    def held_in(self, year: int | None) -> bool:
        """The department answered for this office in `year` (any year when the document is undated)."""
        return year is None or (self.since or year) <= year <= (self.until or year)


@cache
def asked_offices() -> tuple[AskedOffice, ...]:
    """The offices a question is put to, longest first (so "... for Trade and Industry" beats a prefix)."""
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")).get("asked_offices") or []
    found = [AskedOffice(str(r["office"]), str(r["body"]), r.get("from"), r.get("to")) for r in raw]
    return tuple(sorted(found, key=lambda o: len(o.office), reverse=True))


@cache
def _asked(office: str) -> re.Pattern:
    """ "asked (the) <office>", compiled once per office."""
    return re.compile(rf"\basked\s+(?:the\s+)?{re.escape(office)}\b")


def _year(run: DocumentRun) -> int | None:
    published = run.document.published or ""
    return int(published[:4]) if published[:4].isdigit() else None


def _sentence_at(run: DocumentRun, at: int) -> Sentence | None:
    return next((s for s in run.parse.sentences if s.start <= at < s.end), None)


def _office_line_body(run: DocumentRun, label: str) -> Node | None:
    """ "The Parliamentary Under-Secretary of State, Home Office (Lord Y)": the body after the office's comma."""
    if not label.startswith("The ") or "," not in label:
        return None
    tail = label.split("(")[0].rsplit(",", 1)[1].strip()
    body = run.x.resolver.gazetteer.lookup(tail)
    return run.x.resolver.body_node(body) if body else None


def member_claims(run: DocumentRun) -> None:
    """After the sentence pass: the first answering speaker after "asked the <office>" is a MEMBER_OF its body."""
    if not run.turns:
        return  # no speaker turns: no answer to tie (checked first, as finding the office is the cost)
    text = run.document.text
    asked = (
        next(
            (
                (match, office)
                for office in asked_offices()
                if office.held_in(_year(run))
                for match in [_asked(office.office).search(text)]
                if match
            ),
            None,
        )
        if "asked" in text
        else None
    )  # no "asked": no office to match (the offices are many; a pattern each)
    for turn, person in run.turns:
        label = text[turn.label_start : turn.label_end]
        body = _office_line_body(run, label)
        line = _sentence_at(run, turn.label_start)
        evidence = line and replace(line, start=turn.label_start, end=turn.label_end, text=label)
        if body is None:
            if asked is None or (turn.start if turn.asked else turn.label_start) < asked[0].end():
                continue
            gazetteer_body = run.x.resolver.gazetteer.lookup(asked[1].body)
            if gazetteer_body is None:
                continue
            mine = _MY_DEPARTMENT.search(text, turn.start, turn.end)
            if mine is None:
                return  # no "my Department": who answers may be a junior minister of another office (kept even on dev)
            body = run.x.resolver.body_node(gazetteer_body)
            evidence = _sentence_at(run, mine.start())
        if evidence is None or any(
            c.type == "MEMBER_OF" and c.from_id == person.id and c.to_id == body.id for c in run.claims
        ):
            return
        run.add_node(person)
        run.add_node(body)
        run.claims.append(run._claim("MEMBER_OF", person.id, body.id, evidence, CONFIDENCE, "rules.role"))
        return  # the first answer only: later turns are supplementaries by other members
