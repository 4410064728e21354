"""A congressional committee report says who brought it to the House by a fixed formula under its title:
"Mr. Thompson, from the Committee on Governmental Affairs, submitted the following R E P O R T". The member
SENT the report (the document being read) and the committee AUTHORED it; the member is a MEMBER_OF the
committee (read already by the role pass). Only a member and a committee the text's names resolved count."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.model import Node
from graph.names import name_key

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

CONFIDENCE = 0.85
_HEAD = 4000  # the formula stands on the title page
_FORMULA = re.compile(
    r"(?P<member>(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][\w'\u2019-]+(?:\s+of\s+[A-Z][\w-]+)?)"
    r",\s+from\s+the\s+(?P<committee>[A-Z][^,\n]{3,120}?),\s+submitted\s+the\s+following\s+"
    r"(?P<kind>R\s?E\s?P\s?O\s?R\s?T\b|[Rr]eport\b)"
)


def _named(run: DocumentRun, label: str, text: str) -> Node | None:
    """The node of that label whose name or an alias is the text (or, for a person, ends in its surname)."""
    key = name_key(text)
    for node in run.nodes.values():
        if node.label == label and key in {name_key(n) for n in (node.name, *node.aliases)}:
            return node
    return None


def formula_claims(run: DocumentRun) -> None:
    """SENT by the member and AUTHORED by the committee, citing the formula's sentence, dated by the document."""
    match = _FORMULA.search(run.document.text[:_HEAD])
    if match is None:
        return
    member = _named(run, "Person", match.group("member"))
    committee = _named(run, "Agency", match.group("committee"))
    sentence = next((s for s in run.parse.sentences if s.start <= match.start() < max(s.end, s.start + 1)), None)
    if sentence is None or (member is None and committee is None):
        return
    document = run._document_report(kind="report")
    written = re.sub(r"\s", "", match.group("kind")).upper()  # "R E P O R T": what the title page calls it
    document.aliases = sorted({*document.aliases, written})
    date = run._document_date()
    for edge, party in (("SENT", member), ("AUTHORED", committee)):
        if party is not None:
            run.claims.append(
                run._claim(edge, party.id, document.id, sentence, CONFIDENCE, "rules.committee_report", date)
            )
