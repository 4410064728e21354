"""Two people and their two offices of one body: "Senators Ann Lee (D-OR) and Tom Cole (R-KY), Chairman and
Ranking Member of the Senate Committee on Civic Affairs, ...".

Congressional releases name a committee's chair and ranking member together, the names coordinated and the
offices coordinated in one apposition after them. The parser hangs the offices on the second name (or makes
"Chairman" a third conjunct), so at most the second person was placed at the committee. Read by the words as
written: two or more coordinated person names (each with an optional party tag), a comma, "the" or not, as many
coordinated offices (`office_titles`, `role_nouns`), "of (the)" and a body the text names: each person is a
MEMBER_OF that body. A count of offices that differs from the count of names ("Ann Lee and Tom Cole, members of
X") is left to the other readings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from loaders.extract.mentions import Mention
    from loaders.extract.rules import DocumentRun

CONFIDENCE = 0.8  # as a name's own ", chairman of X," apposition
_JOINERS = frozenset({"and", ","})


def member_claims(run: DocumentRun) -> None:
    """After the sentence pass: each of the coordinated people is a MEMBER_OF the body their offices name."""
    by_start = {(m.doc_index, m.start): m for m in run.parse.mentions if m.node is not None}
    drawn = {(c.from_id, c.to_id) for c in run.claims if c.type == "MEMBER_OF"}
    seen: set[int] = set()  # a later conjunct is no list's first name ("B and C" inside "A, B and C")
    for mention in run.parse.mentions:
        if mention.kind != "person" or mention.node is None or id(mention) in seen:
            continue
        people, end = _coordinated_people(run.parse.docs[mention.doc_index], mention, by_start)
        seen |= {id(p) for p in people}
        if len(people) < 2:
            continue
        body = _body_of_offices(run.parse.docs[mention.doc_index], end, len(people), mention.doc_index, by_start)
        if body is None or body.node is None or body.node.label != "Agency":
            continue
        for person in people:
            if (person.node.id, body.node.id) not in drawn:
                drawn.add((person.node.id, body.node.id))
                run.add_membership(person, body.node, None, CONFIDENCE)


def _coordinated_people(
    doc: Doc, first: Mention, by_start: dict[tuple[int, int], Mention]
) -> tuple[list[Mention], int]:
    """The person names coordinated from `first` on ("A (D-OR), B and C"), and the token after the last."""
    people, end = [first], _past_party_tag(doc, first.end)
    while end < len(doc) and doc[end].lower_ in _JOINERS:
        after = end + 1
        if doc[end].text == "," and after < len(doc) and doc[after].lower_ == "and":
            after += 1  # "A, B, and C"
        following = by_start.get((first.doc_index, after))
        if following is None or following.kind != "person" or following.sentence != first.sentence:
            break
        people.append(following)
        end = _past_party_tag(doc, following.end)
    return people, end


def _is_office_word(word: str) -> bool:
    """ "Chairman", "ranking", "member", "Vice Chair": an office title as capitalised or not, or a job noun."""
    return word in LEX.office_titles or word.title() in LEX.office_titles or word.lower() in LEX.role_nouns


def _past_party_tag(doc: Doc, i: int) -> int:
    """Past a "(D-OR)" / "(R-Ky.)" after a name: a short bracket with a hyphen inside."""
    if i < len(doc) and doc[i].text == "(":
        close = next((k for k in range(i + 1, min(i + 8, len(doc))) if doc[k].text == ")"), None)
        if close is not None and any(t.text == "-" for t in doc[i + 1 : close]):
            return close + 1
    return i


def _body_of_offices(
    doc: Doc, i: int, count: int, doc_index: int, by_start: dict[tuple[int, int], Mention]
) -> Mention | None:
    """ ", Chairman and Ranking Member of the X," from token `i`: the body, when there are `count` offices."""
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    offices, in_office = 0, False
    while i < len(doc) and doc[i].lower_ != "of":
        token = doc[i]
        if _is_office_word(token.text):
            offices += 0 if in_office else 1
            in_office = True
        elif token.lower_ == "and" or token.text == ",":
            in_office = False
        else:
            return None
        i += 1
    if offices != count or i + 1 >= len(doc):
        return None
    i += 1
    body = by_start.get((doc_index, i))  # the tagger's body may or may not take in "the"
    if body is None and doc[i].lower_ == "the":
        body = by_start.get((doc_index, i + 1))
    if body is None or body.kind != "agency":
        return None
    closing = doc[body.end] if body.end < len(doc) else None
    return body if closing is None or closing.is_punct else None
