"""Who issues a document wrote it: AUTHORED beside the `issue` frame's PUBLISHED (or SENT).

"HMIP issued an Urgent Notification", "a 2022 preliminary injunction issued by the District Court",
"the Committee's subpoena issued on April 30", "One of the first reports that I issued": a body or office
issues its own notices, orders, findings and reports. The frame reads a publication (or, addressed, a
sending); the gold files and readers also credit the issuer as the writer (real dev gold: 13 AUTHORED
edges evidenced by "issue" against 5 PUBLISHED). Not so when the text names another writer of the same
document ("the Wilson Report was issued by the Ministry"): a document that already has an author in this
text keeps it, and an unnamed issuer ("was issued today") writes nothing.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from graph.placeholders import is_placeholder

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

ISSUE_RULE = "rules.issue."  # the `issue` frame's claims (verbs.yaml), any voice or clause
RULE = "rules.issue.author"
ISSUED_TYPES = frozenset({"PUBLISHED", "SENT"})
MIN_CONFIDENCE = 0.5  # a lead below the threshold gives no author either
# A document reached through an earlier mention ("this particular report was issued by the Ministry": the
# Wilson Report; "the FAA issued several recommendations": the report last named) may be another's: on real
# dev both such issues were publications of someone else's paper, so only a document the clause names is read.
REFERRED = ("coref:definite", "coref:previous")


def author_claims(run: DocumentRun) -> None:
    """One AUTHORED per document an issuer issued, unless the document has an author already."""
    issued = [
        c
        for c in run.claims
        if c.type in ISSUED_TYPES
        and c.extractor.startswith(ISSUE_RULE)
        and not c.negated
        and c.confidence >= MIN_CONFIDENCE
        and not any(tag in c.extractor for tag in REFERRED)
    ]
    if not issued:
        return
    authored = {c.to_id for c in run.claims if c.type == "AUTHORED" and not c.negated}
    for claim in issued:
        issuer = run.nodes.get(claim.from_id)
        if claim.to_id in authored or issuer is None or is_placeholder(issuer.id, issuer.props):
            continue
        authored.add(claim.to_id)
        run.claims.append(dataclasses.replace(claim, type="AUTHORED", extractor=RULE, role=None, id=""))
