"""Later mentions of bodies and the offices of bodies, read off the parse after names are resolved.

Real prose names a body once and then writes "the audit office", and names an office by its body
without its holder's name ("The Northshire Police Deputy Director requested that ..."). Two general
readings, each abstaining when the text leaves a choice open:

- **Definite descriptions** ("the audit office", "the standards committee"): "the", lower-case
  modifiers and a body head word, no name of its own, refer to the body named most recently whose
  name ends in that head word and has every modifier. The one-word forms ("the department") are
  `generic_bodies` (mentions.py); here at least one modifier is needed, since "the office" alone is
  as often a room.
- **Offices** (`office_nouns`): a title written beside a body the text names ("the NCA Deputy
  Director", "Deputy Director of Northshire Police", "Head of the audit office") is the office's
  holder: with a name in apposition ("Head of the audit office, Sir James Hale,") that person is a
  MEMBER_OF the body; without one, a Person named by the office (the node `_resolve_roles` makes for
  gazetteer roles, so both spellings meet) who is a MEMBER_OF the body, and who acts in the sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from graph.model import Node, node_id
from graph.names import name_key
from loaders.extract import office_bodies, titled_names
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Mention, names_a_body
from loaders.extract.token_filter import tokens_with

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

BODY_PREPOSITIONS = ("of", "at", "for")  # "Deputy Director of X", "head of the unit at X"
DEFINITE_CONFIDENCE = 0.8
HOLDER_CONFIDENCE = 0.8
MEMBER_CONFIDENCE = 0.75


def _body_word(lower: str) -> bool:
    return lower in LEX.body_words


def _office_noun(lemma: str) -> bool:
    return lemma.lower() in LEX.office_nouns


def read(run: DocumentRun) -> None:
    """Add definite-description and office mentions to the run's parse, and their memberships."""
    for doc_index, doc in enumerate(run.parse.docs):
        for token in tokens_with(doc, LOWER, _body_word):
            if run.parse.sentence_index(doc_index, token) is not None:
                _definite_body(run, doc_index, token)
    for doc_index, doc in enumerate(run.parse.docs):
        for token in tokens_with(doc, LEMMA, _office_noun):
            if run.parse.sentence_index(doc_index, token) is not None:
                _office(run, doc_index, doc, token)


def _free(run: DocumentRun, doc_index: int, tokens) -> bool:
    return all(run.parse.at(doc_index, t) is None for t in tokens)


def _definite_body(run: DocumentRun, doc_index: int, token: Token) -> None:
    """ "the audit office" -> the "... Audit Office" named last."""
    head = token.text.lower()
    if token.tag_ not in ("NN",) or head not in LEX.body_words or not token.is_lower:
        return
    lefts = list(token.lefts)
    if not lefts or lefts[0].lower_ != "the" or lefts[0].dep_ != "det":
        return
    modifiers = [t for t in lefts[1:] if t.dep_ in ("compound", "amod")]
    if not modifiers or len(modifiers) != len(lefts) - 1 or not all(t.is_lower and t.is_alpha for t in modifiers):
        return
    span = token.doc[lefts[0].i : token.i + 1]
    if not _free(run, doc_index, span):
        return
    wanted = {t.lower_ for t in modifiers}
    sentence = run.parse._sentence_of[(doc_index, run.parse.sent_start(doc_index, token))]
    body = run.ctx.latest_body(
        lambda b: name_key(b.name).split()[-1:] == [head] and wanted <= set(name_key(b.name).split()), sentence
    )
    if body is None:
        return
    mention = Mention("generic", doc_index, span.start, span.end, sentence, span.text, confidence=DEFINITE_CONFIDENCE)
    mention.node = run.x.resolver.body_node(body)
    run.parse.add(mention)


def _qualified(doc: Doc, token: Token) -> Token:
    """The title's head: "General" of "Inspector General" (the parser hangs the job noun and the "of" phrase on the
    qualifier), else the office noun itself."""
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is not None and after.lower_ in LEX.title_qualifiers and token.head.i == after.i:
        return after
    return token


def _office(run: DocumentRun, doc_index: int, doc: Doc, token: Token) -> None:
    if token.lemma_.lower() not in LEX.office_nouns or token.pos_ not in ("NOUN", "PROPN") or token.tag_ in ("NNS",):
        return
    token = _qualified(doc, token)
    if run.parse.at(doc_index, token) is not None:
        return
    start = token.i
    modifiers = {w.lower() for w in LEX.role_modifiers} | LEX.office_nouns
    sent_start = run.parse.sent_start(doc_index, token)
    while start > sent_start and doc[start - 1].lower_ in modifiers and run.parse.at(doc_index, doc[start - 1]) is None:
        start -= 1
    if start == token.i and doc[start].lower_ not in LEX.office_nouns:
        return
    body = _body_beside(run, doc_index, doc, start, token)
    if body is None or body.label != "Agency" or not names_a_body(body.name):
        return  # "Secretary of State", "Director of National Intelligence": an office's own name
    title = " ".join(t.text for t in doc[start : token.i + 1])
    title = title[:1].upper() + title[1:]
    sentence = run.parse._sentence_of[(doc_index, sent_start)]
    named = [
        m
        for c in token.children
        if c.dep_ == "appos"
        for m in [run.parse.at(doc_index, c)]
        if m is not None and m.kind == "person" and m.node is not None
    ]
    before = titled_names.named_before(run.parse, doc_index, token)  # "Rep. Darrell Issa, Chairman of X"
    if named or before:  # "Head of the audit office, Sir James Hale, said": the person holds it
        for person in [*named, *before]:
            if not _member_claimed(run, person.node.id, body.id):
                run._member_of(person, body, title, MEMBER_CONFIDENCE, evidence=sentence)
        for person in before:  # the office stands for its holder: "a letter to X, Chairman of Y" is to X
            run.parse.add(Mention("role", doc_index, start, token.i + 1, sentence, title, node=person.node))
        return
    if any(t.ent_type_ == "PERSON" for t in doc[token.i + 1 : token.i + 2]):
        return  # "Deputy Director Ann Lee": the name is the person (people.py)
    holder = Node(
        node_id("Person", f"{title} of {body.name}"),
        "Person",
        title,
        [f"{body.name} {title}", f"{title} of {body.name}", office_bodies.written_alias(title, body)]
        + ([f"{title} of the {body.name}"] if doc[token.i + 1 : token.i + 3].text.lower() == "of the" else []),
        {"role": f"{title}, {body.name}"},
    )
    mention = Mention("role", doc_index, start, token.i + 1, sentence, title, confidence=HOLDER_CONFIDENCE)
    mention.node = holder
    mention.context = body.id  # the office's body, for `memberships`
    run.parse.add(mention)


def memberships(run: DocumentRun) -> None:
    """After the sentence pass: an office holder that acts in a claim is a MEMBER_OF its body, cited where
    the text first writes the office beside the body. One that does nothing is left out (the text only
    names the office: "Head of the Civil Service" is a title, not an event)."""
    acting = {c.from_id for c in run.claims} | {c.to_id for c in run.claims}
    for mention in run.parse.mentions:
        holder = mention.node
        if mention.kind != "role" or holder is None or mention.context not in run.nodes or holder.id not in acting:
            continue
        if not _member_claimed(run, holder.id, mention.context):
            run._member_of(mention, run.nodes[mention.context], holder.name, MEMBER_CONFIDENCE)


def _body_beside(run: DocumentRun, doc_index: int, doc: Doc, start: int, token: Token) -> Node | None:
    """The body written before the title ("the NCA Deputy Director") or in its of / at phrase."""
    if start > run.parse.sent_start(doc_index, token):
        before = run.parse.at(doc_index, doc[start - 1])
        if before is not None and before.kind in ("agency", "generic") and before.node is not None:
            return before.node
    # a qualified title takes its body from "of" only: "the Inspector General for Tax Administration" names a body
    preps = ("of",) if token.lower_ in LEX.title_qualifiers else BODY_PREPOSITIONS
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in preps):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            found = run.parse.at(doc_index, obj)
            if found is not None and found.kind in ("agency", "generic") and found.node is not None:
                return found.node
    return office_bodies.body_after_comma(run, doc_index, doc, token)  # "the Clerk, Public Administration Committee"


def _member_claimed(run: DocumentRun, person_id: str, body_id: str) -> bool:
    return any(c.type == "MEMBER_OF" and c.from_id == person_id and c.to_id == body_id for c in run.claims)
