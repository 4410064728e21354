"""A letter's own layout where no sign-off or header field says who wrote it (UK committee papers).

Committee evidence volumes print each letter under a heading line, "Letter to the Clerk of the
Committee from the Parliamentary Relations and Devolution Team" / "Letter from the Clerk to all
Departments" (`citations.py` reads the line's parties). Such a heading at the top of the text names
the text itself: the letter the signature, "this letter" and the salutation speak of is that one. (Its
recipient as who "your letter" was sent by was tried: on real dev it drew more wrong claims than right,
"your letter" clustering with other letters of the text.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.model import Node
from loaders.extract import citations
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

OWN_ALIAS = "this letter"


def adopt_heading_letter(run: DocumentRun, letters: list[citations.CitedLetter]) -> None:
    """After the reports are named: a citation line at the top of the text is the document being read."""
    if run.own_document is not None:
        return
    heading = next((letter for letter in letters if letter.sentence.start < citations.HEAD_SPAN), None)
    if heading is None or heading.report.mention.node is None:
        return
    node = heading.report.mention.node
    run.own_document = run.add_node(Node(node.id, node.label, node.name, [OWN_ALIAS], {}))


def writers_own_reply(run: DocumentRun, token: Token) -> bool:
    """ "We apologise for the delay in providing our response": in an addressed letter, the writer's own
    bare "response" / "reply" (no "to the consultation") is the letter being read."""
    if run.addressee is None or token.lemma_.lower() not in LEX.own_documents:
        return False
    children = list(token.children)
    return any(c.dep_ == "poss" and c.lower_ in LEX.first_person_possessives for c in children) and not any(
        c.dep_ in ("prep", "acl", "relcl", "compound", "amod") for c in children
    )
