"""Phrases shaped like entities that name none (issue #13, entities round).

Plural document nouns that name no documents of their own:

"The reasons are set out in these documents" points back at the reports the text has just named: a
demonstrative with a bare plural ("these documents", "those reports") and nothing else to tell the set
apart is an anaphor, not a new set of documents. Made into a Report node it was a false entity ("documents")
and every claim on it a false edge; a plural with a count, a modifier or an owner ("these two reports",
"those inspection reports", "the council's letters") still is a set the text describes.

A "body" that opens with a person's title and name is an address block run into one line.

A lone word tagged as a person that no full name in the text, no title and no role backs ("after
Questions", "the Bill", "Windrush children", "the Forum") names nobody: texts introduce people in full.

An untitled document named only by its noun ("review") that no claim uses is not kept as a node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from graph.model import Node
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from loaders.extract.mentions import DocumentParse, Mention
    from loaders.extract.people import PersonFacts


def bare_demonstrative_plural(token: Token, lefts: list[Token]) -> bool:
    """True for "these documents" / "those reports": a plural document noun whose only left word is a
    demonstrative, with no prepositional phrase of its own ("those reports on X" describe a set)."""
    if token.tag_ not in ("NNS", "NNPS"):
        return False
    if len(lefts) != 1 or lefts[0].lower_ not in LEX.demonstratives:
        return False
    return not any(c.dep_ in ("prep", "acl", "relcl") for c in token.rights)


def addressed_person(words: list[Token]) -> bool:
    """ "The Honorable Rod Lee Deputy Director Department of X" run into one line: a "body" that opens with a
    person's title and a name is an address block, not a body's name. A possessive keeps a body named after
    a person ("Lord Chancellor's Department", "Sir John Soane's Museum")."""
    return (
        len(words) >= 3
        and words[0].text.rstrip(".") in LEX.person_titles
        and words[1].is_title
        and not any(t.tag_ == "POS" or t.lower_ in ("'s", "\u2019s") for t in words)
    )


def member_address(span: Span) -> bool:
    """ "my right hon. Friend the Home Secretary", "the hon. Member for X": the address by which members
    of a House name each other, which the tagger reads as an organisation ("Friend the")."""
    words = [t for t in span if t.pos_ != "DET"]
    if not words or words[0].lower_ not in LEX.member_address_nouns or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    if before.is_space and span.start > 1:
        before = span.doc[span.start - 2]  # "hon. Friend" reaches the parser as "hon  Friend"
    return before.lower_.rstrip(".") in LEX.member_address_marks


def unbacked_lone_name(facts: PersonFacts, node: Node, parse: DocumentParse, mention: Mention) -> bool:
    """True when a PERSON mention resolved to a one-word Person with no title ("Ms Okafor", also a title
    the sentence splitter cut off: "Mr. | Speaker"), no role and no full name in the text (a lone surname
    of a person named in full resolves to that full name)."""
    if len(node.name.split()) != 1 or facts.alias or facts.role or node.aliases:
        return False
    doc = parse.docs[mention.doc_index]
    before = doc[mention.start - 1].text.rstrip(".") if mention.start > 0 else ""
    if before in LEX.person_titles:
        return False
    longer = (m.text.split() for m in parse.mentions if m.kind == "person" and m is not mention)
    return not any(len(words) >= 2 and words[-1] == node.name for words in longer)  # "Mr Briggs ... Briggs"


def bare_document(node: Node) -> bool:
    """An untitled Report named only by its noun ("review", "letter", "inspections"): no title, modifier,
    sender, subject or date tells it from any other. Mentioned and used by no claim, it is no entity of the
    graph (every text mentions "the report"); one that is sent, received or written is kept."""
    return node.label == "Report" and "title" not in node.props and node.name == node.props.get("kind")
