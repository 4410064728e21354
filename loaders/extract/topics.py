"""Topics: the phrase a knowledge statement is about, normalised into a reusable Topic name.

"about child sexual exploitation in Rotherham" -> "child sexual exploitation in Rotherham";
"about CSE in the town" -> acronyms expanded and "the town" made the place the text is about;
"of the abuse" (a bare definite noun) -> the topic the text last named, if any.
"""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract.lexicon import LEX

CUT_DEPS = {"relcl", "acl", "advcl", "appos", "punct", "parataxis", "ccomp", "aux"}
LEADING_DROPS = {"det", "poss", "predet", "nummod", "quantmod"}
MAX_WORDS = 10


def is_temporal(token: Token) -> bool:
    """A DATE token, or a bare year the NER left unlabelled ("between 2000 and 2014")."""
    return token.ent_type_ == "DATE" or token.like_num and len(token.text) == 4 and token.text[:2] in ("18", "19", "20")


def _names_a_party(prep: Token) -> bool:
    """ "... with the council", "... to Harlow Vale Police": a body or person the statement is addressed to."""
    return prep.lower_ in ("with", "to", "by") and any(
        o.dep_ == "pobj" and o.ent_type_ in ("ORG", "PERSON") for o in prep.children
    )


def is_temporal_prep(prep: Token) -> bool:
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    return prep.lower_ in LEX.time_prepositions or bool(objects) and all(is_temporal(o) for o in objects)


def topic_tokens(token: Token) -> list[Token]:
    """The noun phrase under `token`, without clauses, appositions and leading determiners."""
    keep: list[Token] = []

    def wanted(child: Token) -> bool:
        if child.dep_ in CUT_DEPS or is_temporal(child) or child.dep_ in ("advmod", "npadvmod"):
            return False
        if child.dep_ == "prep":
            return not is_temporal_prep(child) and not _names_a_party(child)
        return True

    def walk(t: Token) -> None:
        for child in t.lefts:
            if wanted(child):
                walk(child)
        keep.append(t)
        for child in t.rights:
            if wanted(child):
                walk(child)

    walk(token)
    while keep and (_leading_drop(keep[0]) or keep[0].is_punct or keep[0].lower_ in ("same", "very")):
        keep = keep[1:]
    return keep


def _leading_drop(token: Token) -> bool:
    """ "the", "its", "their": a determiner or possessive pronoun says which, not what. A possessor noun stays
    with its "'s" ("the FAA's failure" -> "FAA's failure"; dropping it left "'s failure")."""
    if token.dep_ == "amod" and token.lower_ in LEX.letter_topic_prepositions:
        return True  # "concerning delays" misparsed as a modifier: the preposition is no part of the topic
    if token.dep_ != "poss":
        return token.dep_ in LEADING_DROPS
    return token.tag_ == "PRP$" or not any(c.dep_ == "case" for c in token.children)


def is_anaphoric(token: Token) -> bool:
    """ "the abuse", "this crime": a bare definite noun that points back to a topic already named."""
    dets = [c for c in token.lefts if c.dep_ == "det"]
    others = [
        c
        for c in token.children
        if c.dep_ not in ("det", "punct")
        and not (c.dep_ == "amod" and c.lower_ in ("same", "very", "such"))
        and not (c.dep_ == "prep" and is_temporal_prep(c))
    ]
    return (
        bool(dets)
        and dets[0].lower_ in ("the", "this", "that", "such")
        and not others
        and token.lemma_.lower() in LEX.anaphoric_nouns
    )


def topic_name(token: Token, acronyms: dict[str, str], place: str | None) -> str | None:
    """The Topic name for the phrase headed by `token`, or None when it is no usable topic."""
    if token.lower_ in LEX.non_topics or token.pos_ == "PRON" or token.tag_ in ("WDT", "WP") or is_temporal(token):
        return None  # "told X on Wednesday": a time, not what was told
    tokens = topic_tokens(token)
    words: list[str] = []
    skip_until = -1
    for t in tokens:
        if t.i <= skip_until:
            continue
        if t.text in acronyms:
            words.append(acronyms[t.text])
        elif (
            t.lemma_.lower() in LEX.place_nouns
            and place
            and t.i > 0
            and t.doc[t.i - 1].lower_ == "the"
            and t.dep_ == "pobj"
        ):
            words[-1:] = [place] if words and words[-1].lower() == "the" else [*words[-1:], place]
        elif t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "ORG", "PERSON", "NORP"):
            words.append(t.text)
        else:
            words.append(t.lower_)
    if not words or len(words) > MAX_WORDS:
        return None
    text = " ".join(words).replace(" 's", "'s").replace(" ,", ",")
    return text if any(c.isalpha() for c in text) else None
