"""A body's report named by "of": "the report of the McCarthy Committee", "the report of the Advisory Group on X".

"report by X" and "report from X" already name an author. "of" is looser -- "the report of the inquiry", "a report
of the meeting" name what the report is of -- so its object is the author only when it is a body (an Agency) whose
name ends in a reporting head (committee, group, tribunal, board, commission, inquiry: `report_of_heads` in data/lexicon/words.yaml),
and only when nothing else in the phrase names an author. Which nouns read "of" so is data: the `body_author` role
in nominals.yaml. Round 4 tried this without the head and author guards and it came out even on real dev.

A person is the author too: "the Report of Mr. Hooper", "the Report of Mr Justice O'Neill", "the report of the
inspector of mines" (parliamentary questions and answers name an inspector's or a judge's report so). What a report
is *of* when it is not its writer is an event or a matter ("a report of the meeting", "a report of Mr X's death"),
never a person standing alone as the object.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from loaders.extract import relations
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Token

    from graph.model import Node
    from loaders.extract.reports import ReportMention

CONFIDENCE = 0.75


def reports_as_body(name: str) -> bool:
    """A body name ending in a reporting head ("first Mann Committee", "Advisory Group on Openness in X")."""
    words = name.lower().replace(",", " ").split()
    cut = next((i for i, w in enumerate(words) if i and w in ("on", "of", "for", "in")), len(words))
    core = " ".join(words[:cut])  # "Group on X", "Committee of the Whitley Council": the head precedes "on" / "of"
    return any(core == h or core.endswith(" " + h) for h in LEX.report_of_heads)


def in_quotes(token: Token) -> bool:
    """Inside an open quotation in its sentence (straight or curly quotes)."""
    sent = token.sent
    before = token.doc[sent.start : token.i].text_with_ws  # doc.text[sent.start_char : token.idx], unjoined doc
    return (before.count('"') + before.count("\u201c") - before.count("\u201d")) % 2 == 1


def of_body_authors(
    report: ReportMention,
    target: Node,
    refs: Callable[[Token], list[relations.Ref]],
    found: list[relations.RawClaim],
) -> list[relations.RawClaim]:
    """AUTHORED for each reporting body or person a `body_author` preposition of the report's noun names, when no
    author is."""
    preps = LEX.document(report.lemma).preps("body_author")
    if not preps or any(c.type == "AUTHORED" for c in found):
        return []  # "the report by X of the Committee": X wrote it
    if in_quotes(report.head):
        return []  # "The Protection of X—Report of the Study Group": part of a quoted title, not its own report
    return [
        relations.RawClaim("AUTHORED", author, target, report.head, min(CONFIDENCE, author.confidence), "report.of")
        for o in relations.prep_objects(report.head, set(preps))
        for author in refs(o)
        if author.node.label == "Agency" and reports_as_body(author.node.name) or author.node.label == "Person"
    ]
