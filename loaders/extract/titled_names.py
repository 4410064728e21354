"""People named with their office: "Ranking Member Collins", "Senator McCaskill", "Rep. Darrell Issa".

US testimony, letters and releases name members of Congress and officials by office and surname. Three
faults kept them apart or lost them (issue #13, round 6: titles):

- the tagger read part of the title as a body ("Ranking" ORG + "Member Collins" PERSON), so the person
  was named "Member Collins";
- a surname with a capital inside ("McCaskill", "DeWine", "O'Brien") is no title-case word, so
  `nlp.kflow_titled_people` did not read "Senator McCaskill" as a person at all;
- a lone surname no full name in the text backs was named as written, title and all, so "Ranking Member
  Collins" and "Member Collins" (or "Chairman Hale" and a later "Hale") were two people.

An office title before a surname is the person's role and an alias, never part of the name. Title
words come from the lexicon's `office_titles` only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from graph.model import Node, node_id
from graph.names import name_key
from loaders.extract.entity_spans import respan_entities
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from loaders.extract.mentions import DocumentParse, Mention
    from loaders.extract.rules import DocumentRun

_INITIAL = re.compile(r"[A-Z]\.")  # a middle initial: "E."
_SURNAME = re.compile(r"[A-Z][a-z'’]*[A-Z]?[a-z]+")  # "McCaskill", "O'Brien", "DeWine"; not "OIG's"


def name_shaped(text: str) -> bool:
    """A capitalised name word, also one with a capital inside ("McCaskill"); never an all-capitals word."""
    return text.istitle() or bool(_SURNAME.fullmatch(text))


def title_only_tokens(doc: Doc, offices: frozenset[str]) -> set[int]:
    """Tokens of entities made only of office title words ("Ranking" tagged ORG before "Member Collins"):
    such an entity is the first word of a title, not a body, so the title run may start there."""
    return {
        t.i
        for e in doc.ents
        if e.label_ != "PERSON" and all(t.text in offices for t in e)
        for t in e  # an entity of titles only: no body word in it
    }


def body_without_trailing_title(doc: Doc, offices: frozenset[str], name_word: Callable[[Token], bool]) -> Doc:
    """US releases put the body before the office and the name after it: "House Committee on Roads Chairman
    Ann Lee", "Department of Civic Affairs Secretary Moss". The tagger often reads the body and the title (and
    a lone surname after it) as one organisation, so the person lost the title and the body gained it. Such an
    entity keeps only the body when a body head-word stays in it: a surname it held becomes a person with the
    title; a name after it is read with the title by `kflow_titled_people`."""
    return respan_entities(doc, lambda ent: _body_and_titled_name(ent, offices, name_word))


def _body_and_titled_name(ent: Span, offices: frozenset[str], name_word: Callable[[Token], bool]) -> list[Span] | None:
    if ent.label_ == "PERSON":
        return None
    doc = ent.doc
    surname = _count_from_end(ent, 0, lambda t: _inner_name_word(t, offices), limit=min(2, len(ent) - 2))
    surname += _first_name_before_initial(ent, surname, offices)
    titles = _count_from_end(ent, surname, lambda t: t.text in offices, limit=len(ent) - surname - 1)
    if not titles:  # no title before the name words: a title may still close the entity ("X Committee Chairman")
        surname = 0
        titles = _count_from_end(ent, 0, lambda t: t.text in offices, limit=len(ent) - 1)
    body = ent[: len(ent) - surname - titles]
    after = past_spaces(doc, ent.end)
    named_after = after < len(doc) and (
        doc[after].ent_type_ == "PERSON" and doc[after].ent_iob_ == "B" or name_word(doc[after])
    )
    if not (
        titles
        and (surname or named_after)
        and any(t.text.lower() in LEX.body_words for t in body)
        and body[-1].is_title  # "Office of [Inspector Gencral]": a body never ends in "of"
    ):
        return None
    kept = [Span(doc, body.start, body.end, label=ent.label_)]
    return [*kept, Span(doc, body.end, ent.end, label="PERSON")] if surname else kept


def body_before_party_tagged_name(doc: Doc, offices: frozenset[str]) -> Doc:
    """ "Chair of the Senate Committee on Harbour Works Ann Lee (D-OR)": the tagger may run the member's name (or
    its first word) into the body's entity. A party tag ("(D-OR)", "(R-Ky.)") belongs to a person, never to a
    body, so the one or two name words closing an organisation right before it (or before a person entity right
    before it) are the person's: the body keeps the rest when a body word stays in it."""
    ents, changed = list(doc.ents), False
    for k, ent in enumerate(ents):
        if ent.label_ == "PERSON":
            continue
        following = ents[k + 1] if k + 1 < len(ents) and ents[k + 1].start == ent.end else None
        person_after = following if following is not None and following.label_ == "PERSON" else None
        surname = (  # "... Infrastructure Peter] DeFazio (D-OR)": a surname the tagger left untagged
            person_after is None
            and ent.end < len(doc)
            and not doc[ent.end].ent_type_
            and _inner_name_word(doc[ent.end], offices)
        )
        end = person_after.end if person_after else ent.end + 1 if surname else ent.end
        if not party_tag_at(doc, end):
            continue
        inside = 1 if surname or person_after else 2  # a given name alone when the surname stands outside
        names = _count_from_end(ent, 0, lambda t: _inner_name_word(t, offices), limit=min(inside, len(ent) - 2))
        body = ent[: len(ent) - names]
        if not names or not any(t.text.lower() in LEX.body_words for t in body) or not body[-1].is_title:
            continue
        ents[k] = Span(doc, body.start, body.end, label=ent.label_)
        person = Span(doc, body.end, end, label="PERSON")
        if person_after is not None:
            ents[k + 1] = person
        else:
            ents.insert(k + 1, person)
        changed = True
    if changed:
        doc.ents = ents
    return doc


def party_tag_at(doc: Doc, i: int) -> bool:
    """ "(D-OR)", "(R-Ky.)", "(I-VT)" at token `i`: a US legislator's party and state after the name."""
    return (
        i + 3 < len(doc) and doc[i].text == "(" and doc[i + 1].text in ("D", "R", "I") and doc[i + 2].text in ("-", "–")
    )


def _count_from_end(ent: Span, skip: int, accepts: Callable[[Token], bool], limit: int) -> int:
    """How many tokens before the last `skip` ones of the entity `accepts` takes, reading leftwards, at most `limit`."""
    count = 0
    while count < limit and accepts(ent[len(ent) - skip - 1 - count]):
        count += 1
    return count


def _first_name_before_initial(ent: Span, surname: int, offices: frozenset[str]) -> int:
    """1 when the two name words closing the entity are a middle initial and a surname ("Michael E. Horowitz")
    and a first name stands before them: the full name is three words, so "Department of Justice Inspector
    General Michael E. Horowitz" keeps "Department of Justice" as the body."""
    if surname != 2 or len(ent) < 6 or not _INITIAL.fullmatch(ent[-2].text):
        return 0
    return int(_inner_name_word(ent[-3], offices))


def _inner_name_word(token: Token, offices: frozenset[str]) -> bool:
    """A person's name word inside an organisation's entity: a capitalised proper noun, no title, no body word."""
    return (
        token.tag_ == "NNP"  # "Recommendations" (NNPS) closing "Office of Inspector General Recommendations" is none
        and name_shaped(token.text)
        and token.text not in offices
        and token.text.lower() not in LEX.body_words
        and token.text not in LEX.not_name_words
    )


def titled_holder_after(parse: DocumentParse, doc_index: int, body: Mention) -> Mention | None:
    """The titled person a body's name modifies: "[Northshire Rail Commission] (NRC) Chairman Tom Cole",
    "[House Committee on Roads] Chairman Ann Lee". The parser often makes the body the verb's subject or the
    preposition's object and the person its apposition or a second subject, so the body sent or received
    what its chairman did; the body is the person's affiliation (`body_before_title`), the person the party."""
    doc = parse.docs[doc_index]
    i = past_spaces(doc, body.end)
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 1].is_upper:
        i = past_spaces(doc, i + 3)  # "(NRC)": the body's acronym
    holder = parse.at(doc_index, doc[i]) if i < len(doc) else None
    if holder is None or holder.kind != "person" or holder.start != i:
        return None
    return holder if body_before_title(parse, doc_index, holder) is body else None


def body_before_title(parse: DocumentParse, doc_index: int, person: Mention) -> Mention | None:
    """The body named right before a person's office title ("[EPA] Administrator Ray Moss", "[Northshire Rail
    Commission] (NRC) Chairman Tom Cole"): the person's body, however the parser hung the two."""
    doc = parse.docs[doc_index]
    if doc[person.start].text not in LEX.office_titles:
        return None
    j = person.start - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j >= 3 and doc[j].text == ")" and doc[j - 2].text == "(" and doc[j - 1].is_upper:
        j -= 3
    body = parse.at(doc_index, doc[j]) if j >= 0 else None
    return body if body is not None and body.kind == "agency" and body.end == j + 1 else None


def past_spaces(doc: Doc, i: int) -> int:
    """The next token that is not whitespace ("Rep  Darrell": the blanked full stop leaves a space token)."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def surname_node(node: Node, name: str, surface: str, scope: str) -> Node | None:
    """The Person for a lone surname written after an office title ("Ranking Member Collins") that no full
    name in the text backs: named by the surname, the titled form an alias, so every mention of the
    surname, titled or not, is one person. Titles before a plural member noun ("Ranking Members") name a
    group of offices, no person: None. Any other node ("Ms Okafor", a full name) is returned as it is.

    A lone surname says who is meant only within its text (two documents' "Chairman Collins" may be two
    people), so the node's id is scoped to the document (`scope`, its source id); joining two texts'
    surname people is for cross-document resolution (`kflow duplicates`), where an investigator decides."""
    words = surface.split()
    lead = words[:-1]
    if len(name.split()) != 1 or words[-1:] != [name] or not lead or not all(w in LEX.office_titles for w in lead):
        return node
    if name.lower() in LEX.member_address_nouns and name.lower().endswith("s"):
        return None
    if name_key(node.name) != name_key(surface):  # resolved to a full name, or named otherwise
        return node
    return Node(surname_id(name, scope), "Person", name, sorted({*node.aliases, surface.strip()} - {name}))


def surname_id(surname: str, scope: str) -> str:
    """The id of a surname-only person of one document (see `surname_node`)."""
    return node_id("Person", f"{surname} {scope.split(':')[-1]}")


def named_before(parse: DocumentParse, doc_index: int, office: Token) -> list[Mention]:
    """The named person an office is in apposition to ("Rep. Darrell Issa, Chairman of the House Committee on
    X"): that person holds the office, so the office is no unnamed holder of its own beside them."""
    if office.dep_ != "appos" or office.head.i >= office.i:
        return []
    mention = parse.at(doc_index, office.head)
    return [mention] if mention is not None and mention.kind == "person" and mention.node is not None else []


HONORIFIC_OPENERS = ("honorable", "honourable")
HONORABLE_CONFIDENCE = 0.7


@Language.factory("kflow_honorable_lines")
def _make_honorable_lines(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """An address block flattened onto one line, "The Honorable Rod Lee Deputy Attorney General United States
    Department of X", is tagged as one body (or one person running into the body's first word). Its name (up to
    the first office title) is a person, its title words a title, and the rest, when it names a body by a head
    word, the body."""

    def mark(doc: Doc) -> Doc:
        return respan_entities(doc, lambda ent: _honorable_parts(doc, ent))

    return mark


def _honorable_parts(doc: Doc, ent: Span) -> list[Span] | None:
    start = ent.start + (ent[0].lower_ == "the")
    if ent.label_ not in ("ORG", "PERSON") or start >= ent.end or doc[start].lower_ not in HONORIFIC_OPENERS:
        return None
    name_end = start + 1
    while name_end < ent.end and (name_shaped(doc[name_end].text) or _initial(doc[name_end].text)):
        if doc[name_end].text in LEX.office_titles:
            break
        name_end += 1
    body_start = name_end
    while body_start < ent.end and doc[body_start].text in LEX.office_titles:
        body_start += 1
    names = [t for t in doc[start + 1 : name_end] if not _initial(t.text)]
    if len(names) < 2 or body_start == name_end or body_start == ent.end:
        return None  # no full name, or no title after it, or the title ends it (`address_people`): no flattened line
    person = Span(doc, ent.start, name_end, label="PERSON")
    body = doc[body_start : ent.end]
    heads = any(t.text in LEX.body_heads for t in body)
    return [person, Span(doc, body_start, ent.end, label="ORG")] if len(body) >= 2 and heads else [person]


def _initial(text: str) -> bool:
    return len(text) == 2 and text[0].isupper() and text[1] == "."


def honorable_members(run: DocumentRun) -> None:
    """ "The Honorable Rod Lee Deputy Attorney General United States Department of X" on one line: the person
    named is a MEMBER_OF the body right after their title words (`kflow_honorable_lines` split the line)."""
    for mention in [m for m in run.parse.mentions if m.kind == "person" and m.node is not None]:
        doc = run.parse.docs[mention.doc_index]
        if doc[mention.start + (doc[mention.start].lower_ == "the")].lower_ not in HONORIFIC_OPENERS:
            continue
        end = mention.end
        while end < len(doc) and doc[end].text in LEX.office_titles:
            end += 1
        body = run.parse.at(mention.doc_index, doc[end]) if mention.end < end < len(doc) else None
        if body is not None and body.kind == "agency" and body.node is not None and body.start == end:
            run._member_of(mention, run.add_node(body.node), doc[mention.end : end].text, HONORABLE_CONFIDENCE)
