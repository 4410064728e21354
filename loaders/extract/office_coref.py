"""An office a text names once with its holder and then by its title alone: "David Neal, the Independent
Chief Inspector of Borders and Immigration, ..." and, before or after, "The Chief Inspector has sent ...".

Real reports introduce an office holder once (a name with a capitalised title in apposition) and then
write only "the Chief Inspector", "the Ombudsman", "the Inspector General". Those later titles named no
one, so the flows told of them lost their actor. Here a definite, capitalised title whose words are all
words of one holder's title, ending in the same head word, is that holder, within one document and only
when exactly one holder carries such a title. An office the text wrote once with its body and no name ("a
letter to the Inspector General of the Department of X", `offices.py`'s holder) is such a holder too: a later
bare "the Inspector General" is that office's holder, unless a second office with the title is in play. A
title whose head is a body head word ("the Ombudsman, Mr Rob Kettle") also makes its holder a MEMBER_OF the
one body the text names ending in that word.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from graph.model import Node
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Mention

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

TITLE_CONFIDENCE = 0.75  # a title read as its holder
MEMBER_CONFIDENCE = 0.7
_TITLE_DEPS = {"compound", "amod"}
_DEFINITE = {"the"}
_NOT_OFFICE = {"PERSON", "GPE", "LOC", "DATE", "FAC"}


@dataclass(frozen=True)
class Holder:
    person: Mention
    title: tuple[str, ...]  # the title's capitalised words before any "of": ("Independent", "Chief", "Inspector")
    start: int  # the title's token range (its own words are not a later mention)
    end: int


def _title_of(token: Token) -> tuple[tuple[str, ...], int, int] | None:
    """The capitalised words of a title ending at `token` ("the Independent Chief Inspector"), or None."""
    if not token.is_title or token.pos_ not in ("PROPN", "NOUN"):
        return None
    words = [c for c in token.lefts if c.dep_ in _TITLE_DEPS and c.is_title]
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.lefts):
        return None  # "Tom Hale, Inspector" in a signature block is no definite office
    start = min([token.i, *(c.i for c in words)])
    span = token.doc[start : token.i + 1]
    if any(not t.is_title or t.ent_type_ in _NOT_OFFICE for t in span):
        return None
    if not any(t.lower_ in LEX.office_nouns or t.text in LEX.body_heads for t in span):
        return (
            None  # an office word ("Inspector") or a body head ("Ombudsman"); "Ann Lee, The Thornmere Examiner" is none
        )
    return tuple(t.text for t in token.doc[start : token.i + 1]), start, token.i + 1


def _holders(run: DocumentRun) -> list[Holder]:
    """Named people with a definite capitalised title in apposition, on either side of the name."""
    found = []
    for mention in run.parse.mentions:
        if mention.kind != "person" or mention.node is None or mention.node.label != "Person":
            continue
        doc = run.parse.docs[mention.doc_index]
        head = doc[mention.end - 1]
        candidates = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            candidates.append(head.head)  # "the Ombudsman, Mr Rob Kettle"
        if mention.start >= 2 and doc[mention.start - 1].text == ",":
            candidates.append(doc[mention.start - 2])  # the same, where the parser saw no apposition
        for token in candidates:
            if run.parse.at(mention.doc_index, token) is not None:
                continue  # a title the rules already read ("the Home Secretary, Ann Lee")
            title = _title_of(token)
            if title is not None:
                found.append(Holder(mention, *title))
    return found


def _unnamed_holders(run: DocumentRun) -> list[Holder]:
    """Offices written with their body and no name ("a letter to the Inspector General of the Department of X",
    `offices.py`): the holder is a Person named by the office, whom a later bare "the Inspector General" means."""
    found = []
    for mention in run.parse.mentions:
        node = mention.node
        if mention.kind != "role" or mention.context is None or node is None or node.label != "Person":
            continue
        span = run.parse.docs[mention.doc_index][mention.start : mention.end]
        if all(t.is_title for t in span):
            found.append(Holder(mention, tuple(t.text for t in span), mention.start, mention.end))
    return found


def _later_title(doc: Doc, i: int) -> tuple[int, int] | None:
    """The capitalised run after "the" ending at token i, when i is its last capitalised word."""
    if not doc[i].is_title or i + 1 < len(doc) and (doc[i + 1].is_title or doc[i + 1].lower_ == "of"):
        return None
    start = i
    while start > 0 and doc[start - 1].is_title and doc[start - 1].lower_ not in _DEFINITE:
        start -= 1
    if start == 0 or doc[start - 1].lower_ not in _DEFINITE:
        return None
    return start, i + 1


def link_titles(run: DocumentRun) -> None:
    """Read each later bare title as its one holder (a person mention), then the body-head memberships."""
    holders = _holders(run) + _unnamed_holders(run)
    if not holders:
        return
    for doc_index, doc in enumerate(run.parse.docs):
        for token in doc:
            span = _later_title(doc, token.i)
            if span is None or any(run.parse.at(doc_index, doc[k]) for k in range(*span)):
                continue
            words = [doc[k].text for k in range(*span)]
            matching = {
                h.person.node.id: h
                for h in holders
                if h.title[-1] == words[-1]
                and set(words) <= set(h.title)
                and not (h.person.doc_index == doc_index and h.start <= span[0] < h.end)
            }
            if len(matching) != 1 or run.parse.sentence_index(doc_index, token) is None:
                continue
            holder = next(iter(matching.values()))
            run.parse.add(
                Mention(
                    "person",
                    doc_index,
                    span[0],
                    span[1],
                    run.parse.sentence_of(doc_index, token).index,
                    " ".join(words),
                    node=holder.person.node,
                    confidence=TITLE_CONFIDENCE,
                )
            )
    _body_memberships(run, holders)


def _body_memberships(run: DocumentRun, holders: list[Holder]) -> None:
    """ "the Ombudsman, Mr Rob Kettle": the holder of a title that is a body head word belongs to the one
    body the text names ending in that word."""
    for holder in holders:
        head = holder.title[-1]
        if head not in LEX.body_heads:
            continue
        bodies = {n.id: n for n in run.nodes.values() if n.label == "Agency" and n.name.split()[-1:] == [head]}
        body = _one_body(list(bodies.values()))
        if body is None:
            continue
        person = holder.person.node.id
        if any(c.type == "MEMBER_OF" and c.from_id == person and c.to_id == body.id for c in run.claims):
            continue
        run._member_of(holder.person, body, " ".join(holder.title), MEMBER_CONFIDENCE)


def _one_body(bodies: list[Node]) -> Node | None:
    """The one body, or the longest when every other is its tail ("Health Service Ombudsman" cut from
    "Parliamentary and Health Service Ombudsman Scrutiny" is the same body); else None."""
    if not bodies:
        return None
    longest = max(bodies, key=lambda b: len(b.name))
    if all(longest.name.endswith(" " + b.name) or b is longest for b in bodies):
        return longest
    return None
