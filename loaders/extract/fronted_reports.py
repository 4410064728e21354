"""A study report to a recipient in a phrase opening its clause is the clause subject's: "In its initial
report to OSC, ED did not substantiate ...", "In a March 2013 report to Congress, the Office of Management
and Budget calculated ...". The subject wrote the report and sent it to the recipient, who received it.

Correspondence nouns have had this reading since the letters rounds (`rules._fronted_writer`: "In a letter to
Y, X warned ..."); a study noun ("report", "review") gets it only with a recipient ("to OSC"), since "In the
2002 review, the council found" names no author. What the clause says of the subject may be denied ("did not
substantiate"): the report was still made, so a plain denial of the main verb keeps the claims; a modal,
conditional or asked clause ("In its report to Congress, the agency will say") draws nothing.

Documents a body issues (`issued_documents`: orders, notices, bulletins) are the clause subject's without a
recipient: "In the Compliance Order issued to X, EPA alleges that ...", "In the Bulletin, the NRC requested that
...". A regulator cites its own order or bulletin as where it says what it says; AUTHORED only (who it went to,
and whether it was published, the phrase does not say)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Token

from loaders.extract import relations, reports
from loaders.extract.lexicon import LEX
from loaders.extract.numbered_documents import numbered_noun

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


ISSUER_RULE = "report.fronted_issuer"


def fronted_issuer_claims(
    report: reports.ReportMention, target: relations.Ref, refs: RefsOf
) -> list[relations.RawClaim]:
    """AUTHORED by the clause subject of "In the Order ..., X alleges": asserted clauses only (a denied one may be
    about someone else's order: "In the Order, the company did not ...")."""
    kind = report.lemma if report.lemma in LEX.issued_documents else numbered_noun(report.name or "")
    if kind not in LEX.issued_documents:
        return []  # "In the Bulletin 2001-001, ...": a numbered name's noun says its kind
    mention = report.mention
    head = report.head.doc[mention.start : mention.end].root  # a name's last word may hang inside it ("2001-001")
    from loaders.extract.rules import _fronted_writer, _own_or_unowned  # rules imports this module

    writer = _fronted_writer(head)
    if writer is None or not _own_or_unowned(head, writer) or writer.dep_ != "nsubj":
        return []
    if relations.statement_mood(writer.head) != relations.ASSERTED:
        return []
    return [
        relations.RawClaim("AUTHORED", author, target, head, min(0.75, author.confidence), ISSUER_RULE)
        for author in refs(writer)
        if author.node.label == "Agency"
    ]
