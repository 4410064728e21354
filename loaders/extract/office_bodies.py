"""An office written with its body after a comma, as addresses and citations write it.

"the Clerk, Public Administration Committee", "the Principal Clerk, Table Office dated 27 January
2000": the title's body is the name right after the comma, written without an article. A list
("sent it to the Chief Executive, the Audit Office and the council") writes its items with articles
and joins them with "and", so a body with an article, or followed by "and" / "or", is not read as
the office's body.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from graph.model import Node

if TYPE_CHECKING:
    from loaders.extract.relations import Ref
    from loaders.extract.rules import DocumentRun

LIST_WORDS = ("and", "or")


def body_after_comma(run: DocumentRun, doc_index: int, doc: Doc, token: Token) -> Node | None:
    """The body named right after "Title," (no article before it, no "and" after it), else None."""
    if token.i + 2 >= token.sent.end or doc[token.i + 1].text != ",":
        return None
    mention = run.parse.at(doc_index, doc[token.i + 2])
    if mention is None or mention.kind != "agency" or mention.node is None or mention.start != token.i + 2:
        return None
    after = doc[mention.end : mention.end + 2]
    if any(t.lower_ in LIST_WORDS for t in after):
        return None
    return mention.node


def written_alias(title: str, body: Node) -> str:
    """ "Clerk, Public Administration Committee": the office as an address line writes it."""
    return f"{title}, {body.name}"


def without_holders_bodies(parties: dict[str, Ref]) -> dict[str, Ref]:
    """A letter "from the Clerk, X Committee" is the Clerk's: the body written beside an office holder
    among the same parties is the holder's affiliation, not a second sender."""
    bodies = {r.node.props.get("role", "").rsplit(", ", 1)[-1] for r in parties.values() if r.node.label == "Person"}
    return {k: r for k, r in parties.items() if not (r.node.label == "Agency" and r.node.name in bodies)}
