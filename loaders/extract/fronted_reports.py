"""A study report to a recipient in a phrase opening its clause is the clause subject's: "In its initial
report to OSC, ED did not substantiate ...", "In a March 2013 report to Congress, the Office of Management
and Budget calculated ...". The subject wrote the report and sent it to the recipient, who received it.

Correspondence nouns have had this reading since the letters rounds (`rules._fronted_writer`: "In a letter to
Y, X warned ..."); a study noun ("report", "review") gets it only with a recipient ("to OSC"), since "In the
2002 review, the council found" names no author. What the clause says of the subject may be denied ("did not
substantiate"): the report was still made, so a plain denial of the main verb keeps the claims; a modal,
conditional or asked clause ("In its report to Congress, the agency will say") draws nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Token

from loaders.extract import relations, reports
from loaders.extract.lexicon import LEX

RULE = "report.fronted"
PARTIES = ("Agency", "Person")
RefsOf = Callable[[Token], Iterable[relations.Ref]]


def fronted_report_claims(
    report: reports.ReportMention, target: relations.Ref, refs: RefsOf
) -> list[relations.RawClaim]:
    """AUTHORED and SENT by the clause subject; RECEIVED by the recipient only when the clause is denied (an
    asserted clause's recipient is read by the frame itself, `report.to`)."""
    if report.lemma not in LEX.study_kinds:
        return []  # correspondence: rules._fronted_writer; a study only, checked first as it is cheapest
    head = report.head
    recipients = reports.correspondents(head, LEX.document(report.lemma).preps("recipient"))
    if not recipients:
        return []
    from loaders.extract.rules import _fronted_writer, _own_or_unowned  # rules imports this module

    writer = _fronted_writer(head)
    if writer is None or not _own_or_unowned(head, writer):
        return []
    mood = relations.statement_mood(writer.head)
    if mood not in (relations.ASSERTED, relations.NEGATED):
        return []
    found = []
    for author in (r for r in refs(writer) if r.node.label in PARTIES):
        for claim_type in ("AUTHORED", "SENT"):
            found.append(relations.RawClaim(claim_type, author, target, head, min(0.75, author.confidence), RULE))
    if not found or mood == relations.ASSERTED:
        return found
    for recipient in (r for o in recipients for r in refs(o) if r.node.label in PARTIES):
        found.append(relations.RawClaim("RECEIVED", recipient, target, head, min(0.75, recipient.confidence), RULE))
    return found
