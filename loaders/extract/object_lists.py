"""Lists of sent documents read off the word order: "sent a copy of its letter, an unredacted version of the
agency report, and the whistleblower's comments to X".

The small parser often gets such a list wrong: it hangs the second item inside the first as an apposition
("an unredacted version" under "letter"), or the third under the second, so the tree's conjuncts
(`relations.arguments`) miss items. Between the verb's first object and the phrase that closes the list
("to X", "from X", the end of the clause) the words are the items themselves, cut at commas and "and" / "or";
each item's head noun is one more object of the verb. The list stops at a recipient or sender preposition
(what comes after it is another pairing: "sent X to Y and Z to W"), at a verb (a clause of its own: "which it
had received", "dated 5 May"), at a matter preposition ("a letter about the flooding, the closures and ...":
a list of topics, not of documents) and at a semicolon, colon or bracket.
"""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract.lexicon import LEX

_CUTS = {",", "and", "or"}  # what separates the items of a list
_JOINERS = {"and", "or"}  # one of them must stand among the cuts: "the report, the Harbour Review," is an apposition
_STOPS = {";", ":", "(", ")", "-", "--", "\u2013", "\u2014"}
_ITEM_HEADS = ("NOUN", "PROPN")


def participle_modifier(token: Token) -> bool:
    """ "..., redacted versions of the reports": the parser reads a participle opening a list item as a second
    verb with the item's noun as its object; with no subject, right after a comma or "and", and right before
    a bare noun, it only modifies that noun."""
    doc = token.doc
    return (
        token.pos_ == "VERB"
        and token.tag_ in ("VBD", "VBN")
        and token.dep_ == "conj"
        and 0 < token.i < len(doc) - 1
        and doc[token.i - 1].lower_ in _CUTS
        and doc[token.i + 1].pos_ == "NOUN"
        and doc[token.i + 1].dep_ == "dobj"
        and doc[token.i + 1].head.i == token.i
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
    )


def _is_closing(token: Token, closing: set[str]) -> bool:
    return token.dep_ in ("prep", "agent", "dative") and token.lower_ in closing


def _describes_item(prep: Token, closing: set[str], sent_end: int) -> bool:
    """ "a copy of the letter to the President, redacted versions of X, and Y to Z": a recipient phrase inside
    an item (what the document is called) when at least two more items, cut by commas, and a closing phrase
    of their own follow it. "sent X to Y, and Z to W" (one item after it) pairs each with its own."""
    doc, after = prep.doc, prep.right_edge.i + 1
    if after >= sent_end or doc[after].lower_ != ",":
        return False
    commas = 0
    for i in range(after + 1, sent_end):
        token = doc[i]
        if _is_closing(token, closing):
            return commas >= 1
        if token.lower_ == ",":
            commas += 1
        elif token.pos_ in ("VERB", "AUX") and not participle_modifier(token) or token.lower_ in _STOPS:
            return False
    return False


def _ends_list(token: Token) -> bool:
    """A verb (a clause of its own), a matter preposition or a stop."""
    verb = token.pos_ in ("VERB", "AUX") and not participle_modifier(token)
    return verb or token.lower_ in LEX.letter_topic_prepositions or token.lower_ in _STOPS


def _list_end(first: Token, closing: set[str]) -> int:
    """The index where the list that opens with `first` ends: the first closing preposition, verb, matter
    preposition or stop after it (or the sentence's end)."""
    doc, sent_end = first.doc, first.sent.end
    i = first.i + 1
    while i < sent_end:
        token = doc[i]
        if _is_closing(token, closing):
            if not _describes_item(token, closing, sent_end):
                return i
        elif _ends_list(token):
            return i
        i += 1
    return i


def _head_of(doc, start: int, end: int) -> Token | None:
    """The item's head: the first noun of tokens start..end whose own head lies outside them."""
    for i in range(start, end):
        token = doc[i]
        if not start <= token.head.i < end or token.head.i == token.i:
            if participle_modifier(token):
                return doc[i + 1]  # "redacted versions of X": the noun the participle modifies
            return token if token.pos_ in _ITEM_HEADS else None
    return None


def listed_objects(objects: list[Token], closing: set[str]) -> list[Token]:
    """The head nouns of the list the verb's first object opens, those not in `objects` already ([] when the
    first object stands alone). `closing` are the prepositions that end the list (the frame's recipients and
    senders)."""
    if not objects:
        return []
    first = min(objects, key=lambda t: t.i)
    doc = first.doc
    start, end = first.left_edge.i, _list_end(first, closing)
    cuts = [i for i in range(first.i + 1, end) if doc[i].lower_ in _CUTS]
    if not any(doc[i].lower_ in _JOINERS for i in cuts):
        return []
    known = {t.i for t in objects}
    found: list[Token] = []
    bounds = [start - 1, *cuts, end]
    for left, right in zip(bounds, bounds[1:]):
        if right - left <= 1:
            continue  # ", and": two cuts side by side
        head = _head_of(doc, left + 1, right)
        if head is None or head.i in known or head.i <= first.i:
            continue
        if head.dep_ == "conj" and head.head.i in known:
            continue  # a conjunct of an item already read: its references fan out to it
        known.add(head.i)
        found.append(head)
    return found


def paired_objects(
    recipients: list[Token], closing: set[str], conjuncts: list[Token] = ()
) -> list[tuple[Token, list[Token]]]:
    """ "sent the report to X and the comments to Y": the parser coordinates "the comments" with X, the first
    recipient (or, after a comma, hangs it on the verb: `conjuncts`), and hangs "to Y" on it. Each such conjunct with a
    recipient phrase of its own is one more object, paired with its own recipients (the caller keeps only those
    that are documents)."""
    pairs = []
    for token in [*(c for r in recipients for c in r.conjuncts), *conjuncts]:
        if token.dep_ not in ("conj", "dobj") or token.pos_ not in _ITEM_HEADS:
            continue
        own = [
            o
            for p in token.children
            if p.dep_ == "prep" and p.lower_ in closing
            for o in p.children
            if o.dep_ == "pobj"
        ]
        if own:
            pairs.append((token, [o for r in own for o in (r, *r.conjuncts)]))
    return pairs
