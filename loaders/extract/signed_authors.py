"""The person who signs a letter wrote it: AUTHORED beside the signature's SENT.

`own_document._signed_claims` draws only SENT from a signature ("Yours sincerely, / Ann Lee"), since a
minister's letter may be drafted by officials. The gold files and the way investigators cite letters
("Ann Lee's letter of 5 May") credit the signatory as its writer (on real dev gold, 24 of 29 letters a
person sent are also that person's AUTHORED), so the signatory is drawn as author too, at the signature's
line and date, under its own rule name. Only a person: a body under the name is the letter's sender's
body, not its writer, and an unsigned text is left alone.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

SIGNED_RULE = "rules.signature.writer"  # own_document's signatory SENT claim
RULE = "rules.signature.author"
CONFIDENCE = 0.75  # below the signature's SENT (0.85): who drafted it is not on the page


def author_claims(run: DocumentRun) -> None:
    """One AUTHORED per signatory SENT claim of a person, on the same line and date."""
    if run.speaker is None:  # a signature sets the speaker first: no speaker, no signatory claim to read
        return
    drawn = {(c.type, c.from_id, c.to_id) for c in run.claims}
    for claim in list(run.claims):
        if claim.type != "SENT" or not claim.extractor.startswith(SIGNED_RULE) or claim.negated:
            continue
        if run.nodes.get(claim.from_id) is None or run.nodes[claim.from_id].label != "Person":
            continue
        if ("AUTHORED", claim.from_id, claim.to_id) in drawn:
            continue
        drawn.add(("AUTHORED", claim.from_id, claim.to_id))
        run.claims.append(dataclasses.replace(claim, type="AUTHORED", confidence=CONFIDENCE, extractor=RULE, id=""))
