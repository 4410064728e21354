"""The member named after "Title of the Body", US style: "Chair of the House Committee on Harbour Works Ann Lee
(D-OR) sent ...".

The name closes its title's phrase with no comma, and the party tag after it says it is a legislator's.
`detached_names.name_closing_title_phrase` makes the person the verb's party; nothing placed the person at the
body the title names. Read by the words as written: office words (`office_titles`, `role_nouns`), "of", "the" or
not, a body the text names, the person's name right after it and a party tag: the person is a MEMBER_OF the body.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from loaders.extract.lexicon import LEX
from loaders.extract.titled_names import party_tag_at

if TYPE_CHECKING:
    from loaders.extract.mentions import Mention
    from loaders.extract.rules import DocumentRun

CONFIDENCE = 0.8  # as ", chairman of X," in apposition


def member_claims(run: DocumentRun) -> None:
    """After the sentence pass: "Title of the Body Name (D-OR)" places the name at the body."""
    ending_at = {(m.doc_index, m.end): m for m in run.parse.mentions if m.kind == "agency" and m.node is not None}
    drawn = {(c.from_id, c.to_id) for c in run.claims if c.type == "MEMBER_OF"}
    for person in run.parse.mentions:
        if person.kind != "person" or person.node is None:
            continue
        doc = run.parse.docs[person.doc_index]
        if not party_tag_at(doc, person.end):
            continue
        body = ending_at.get((person.doc_index, person.start))
        if body is None or body.node.label != "Agency" or not _title_of_before(run, body):
            continue
        if (person.node.id, body.node.id) not in drawn:
            drawn.add((person.node.id, body.node.id))
            run.add_membership(person, body.node, None, CONFIDENCE)


def _title_of_before(run: DocumentRun, body: Mention) -> bool:
    """ "Ranking Member of the" / "Chair of" right before the body's name."""
    doc = run.parse.docs[body.doc_index]
    i = body.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 1 or doc[i].lower_ != "of":
        return False
    word = doc[i - 1].text
    return word in LEX.office_titles or word.lower() in LEX.role_nouns
