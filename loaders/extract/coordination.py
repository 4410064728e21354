"""Coordinated names read off the word order: "A, B and C", "A and the B".

The parser often gets a coordination of multi-word names wrong (it hangs "Northshire Police and
Brackenridge County Council" as nested modifiers, or the second recipient inside the first name), so
the tree alone (`relations.coordinated`) misses conjuncts. Between named mentions, though, the words
are only commas, "and", "or" and determiners; a list of mentions joined so, with one "and" or "or"
among the joints, is one coordination whatever the tree says.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from loaders.extract.mentions import DocumentParse, Mention

_JOINERS = {",", "and", "or"}
_DETERMINERS = {"the"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_FINITE = {"VBD", "VBZ", "VBP", "MD"}  # a verb that opens a clause of its own
_KINDS = {"agency", "person", "role", "generic"}  # actors; a report or a topic is never listed with them


def _joint(parse: DocumentParse, doc_index: int, left: Mention, right: Mention) -> set[str] | None:
    """The joining words between two mentions, or None when anything else stands between them."""
    doc = parse.docs[doc_index]
    words = {doc[i].lower_ for i in range(left.end, right.start)}
    if not words or not words <= _JOINERS | _DETERMINERS or not words & _JOINERS:
        return None
    return words


def _next(parse: DocumentParse, doc_index: int, mention: Mention, step: int) -> Mention | None:
    """The nearest actor mention to the right (step 1) or left (-1) within the sentence, over joining words."""
    doc = parse.docs[doc_index]
    start, end = parse.sentence_bounds(doc_index, mention.start)  # `Token.sent` would build a span each step
    i = mention.end if step > 0 else mention.start - 1
    while start <= i < end and doc[i].lower_ in _JOINERS | _DETERMINERS:
        i += step
    if not start <= i < end:
        return None
    found = parse.at(doc_index, doc[i])
    if found is None or found.kind not in _KINDS or found is mention or _modifies_common_noun(doc, found):
        return None
    return found


def _modifies_common_noun(doc: Doc, mention: Mention) -> bool:
    """ "A and NSPCC chief executive B": the body names B's post, it is no conjunct; its last word hangs on a
    common noun after it ("executive", "officials"), where a name the parser cut in two hangs on a proper noun."""
    roots = [t for t in doc[mention.start : mention.end] if not mention.start <= t.head.i < mention.end]
    return any(
        t.dep_ in ("compound", "poss", "nmod") and t.head.i >= mention.end and t.head.pos_ == "NOUN" for t in roots
    )


def conjuncts(parse: DocumentParse, doc_index: int, mention: Mention) -> list[Mention]:
    """The other mentions coordinated with `mention` by word order ([] when it stands alone)."""
    if mention.kind not in _KINDS:
        return []
    chain, joints = [mention], []
    for step in (-1, 1):
        current = mention
        while (other := _next(parse, doc_index, current, step)) is not None:
            left, right = (other, current) if step < 0 else (current, other)
            words = _joint(parse, doc_index, left, right)
            if words is None:
                break
            joints.append(words)
            chain.append(other)
            current = other
    if not any(w & {"and", "or"} for w in joints):
        return []  # "the department's head, Ana Ruiz": an apposition, not a list
    return chain[1:]


def same_clause(token: Token, other: Token) -> bool:
    """False when `other` is the subject of another verb than `token`'s ("sent it to A, and B wrote back"),
    whether the parser says so or (reading ", and B criticised it" as a third recipient) only the finite
    verb right after B does."""
    if token.dep_ in _SUBJECTS:
        return other.dep_ not in _SUBJECTS or other.head.i == token.head.i
    after = other.right_edge.i + 1
    if after < len(other.doc) and other.doc[after].tag_ in _FINITE:
        return False
    return other.dep_ not in _SUBJECTS
