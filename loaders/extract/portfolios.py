"""Ministers named by their portfolio: "the Minister of Agriculture", "the Minister for the Cabinet Office, Ann Lee".

A `portfolio_titles` word ("Minister") followed by "of" / "for" and a portfolio is an office of the body that runs that
portfolio: the body named in the text whose name is a `portfolio_bodies` noun ("Ministry",
"Department", "Office": `portfolio_heads`) with every word of the portfolio ("Ministry of Agriculture"), or the body
the portfolio itself names ("for the Cabinet Office"). The role mention then stands for:

- the person written beside it after a comma ("the Minister for the Cabinet Office, the Rt Hon
  Francis Maude MP"), who is a MEMBER_OF the body;
- else the office's holder, a Person named by the office ("Minister of Agriculture") whose
  membership `offices.memberships` draws once the holder acts in a claim.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph.model import Node, node_id
from graph.names import name_key
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Mention, names_a_body

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from loaders.extract.rules import DocumentRun

PORTFOLIO_PREPOSITIONS = ("of", "for")
MAX_TITLE_WORDS = 4  # "the Rt Hon" before the name the parser tags
MEMBER_CONFIDENCE = 0.75
MINOR_WORDS = frozenset({"the", "and", "of", "for"})
PORTFOLIO_HEADS = frozenset(h.lower() for h in LEX.portfolio_heads)  # "Ministry", "Department", "Office"


def read(run: DocumentRun) -> None:
    """Re-read each role mention written with its portfolio (after roles are resolved)."""
    for mention in [m for m in run.parse.mentions if m.kind == "role" and _portfolio_title(m)]:
        doc = run.parse.docs[mention.doc_index]
        found = _portfolio(run, mention, doc)
        if found is None:
            continue
        title, body, end = found
        person = _named_beside(run, mention, doc, end)
        if person is not None:
            stand_in, mention.node = mention.node, person.node
            _forget(run, stand_in)
            if not any(
                c.type == "MEMBER_OF" and c.from_id == person.node.id and c.to_id == body.id for c in run.claims
            ):
                run._member_of(person, run.add_node(body), title, MEMBER_CONFIDENCE)
            continue
        mention.node = Node(
            node_id("Person", f"{title} of {body.name}"),
            "Person",
            title,
            [f"{body.name} {title}"],
            {"role": f"{title}, {body.name}"},
        )
        mention.context = run.add_node(body).id  # the office's body, for offices.memberships


def _portfolio_title(mention: Mention) -> bool:
    words = mention.text.lower().split()
    return bool(words) and words[-1] in LEX.portfolio_titles


def _portfolio(run: DocumentRun, mention: Mention, doc: Doc) -> tuple[str, Node, int] | None:
    """(title, body, token end of the title) for "Minister of Agriculture", else None."""
    if mention.end + 1 >= len(doc) or doc[mention.end].lower_ not in PORTFOLIO_PREPOSITIONS:
        return None
    start = mention.end + 1
    if doc[start].lower_ == "the":
        start += 1
    if start >= len(doc):  # "Minister for the" ends the text: no portfolio named
        return None
    named = run.parse.at(mention.doc_index, doc[start])
    if (
        named is not None
        and named.kind == "agency"
        and named.node is not None
        and named.start == start
        and names_a_body(named.node.name)  # not the parser's "Civic Affairs": a portfolio, not a body
    ):
        body, end = named.node, named.end  # "Minister for the Cabinet Office"
    else:
        end = start
        while end < len(doc) and doc[end].sent == doc[start].sent and (doc[end].is_title or doc[end].lower_ == "and"):
            end += 1
        while end > start and doc[end - 1].lower_ == "and":
            end -= 1
        if end == start:
            return None
        words = {w for w in name_key(doc[start:end].text).split() if w not in MINOR_WORDS}
        bodies = [
            b
            for b in run.ctx.bodies.values()
            if name_key(b.name).split()[:1]
            and name_key(b.name).split()[0] in PORTFOLIO_HEADS
            and words <= set(name_key(b.name).split())
        ]
        if len(bodies) != 1:
            return None  # no body runs that portfolio in this text, or more than one could
        body = run.x.resolver.body_node(bodies[0])
    title = " ".join(t.text for t in doc[mention.start : end])
    return title[:1].upper() + title[1:], body, end


def _named_beside(run: DocumentRun, mention: Mention, doc: Doc, end: int) -> Mention | None:
    """ "the Minister for the Cabinet Office, the Rt Hon Francis Maude MP": the person after the comma."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    for token in doc[end + 1 : end + 1 + MAX_TITLE_WORDS]:
        person = run.parse.at(mention.doc_index, token)
        if person is not None:
            return person if person.kind == "person" and person.node is not None else None
        if not (token.lower_ == "the" or token.is_title):
            return None
    return None


def _forget(run: DocumentRun, stand_in: Node | None) -> None:
    """The office holder `_resolve_roles` made for a title whose person the text names: no one else now."""
    if stand_in is None or stand_in.label != "Person" or any(m.node is stand_in for m in run.parse.mentions):
        return
    run.claims[:] = [c for c in run.claims if c.from_id != stand_in.id]
    run.nodes.pop(stand_in.id, None)
