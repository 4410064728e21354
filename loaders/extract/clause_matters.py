"""A matter the text states only as a clause, named by the clause's predicate.

"Whistleblowers disclosed to OSC that MSHA repeatedly failed to inspect active underground and surface mines and
falsely reported them": the matter is what MSHA did, "failed to inspect active underground and surface mines",
and the text later points back to it as "the whistleblowers' allegations". A that-clause of an alleging verb
("alleged", "disclosed", "reported" by a person) or noun ("allegations that", "raised concerns that"), or of a
telling verb ("alerted the President that ..."), names the matter by its predicate: the subject, conjuncts,
subordinate clauses and phrases of time left out. Two forms are kept: the predicate's core (no auxiliaries, no
adverbs of frequency: "failed to inspect ...", "not compliant with ...") and the predicate as written ("had not
completed formal training"). The words are data (`alleging_*`, `clause_dropped_adverbs`, `duration_nouns` in
`data/lexicon/words.yaml`); `disclosed_matters.py` makes them the names of its one matter per document.
"""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract import relations, topics
from loaders.extract.lexicon import LEX

MAX_WORDS = 12  # the longest name; a longer predicate is cut at its first prepositional phrase, else not used
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_TOP_CUTS = frozenset({"mark", "cc", "conj", "advcl", "parataxis", "ccomp", "dep", "npadvmod"})
_DEEP_CUTS = frozenset({"relcl", "advcl", "parataxis", "appos", "ccomp", "npadvmod"})
_AUXILIARIES = frozenset({"aux", "auxpass"})
_KEPT_PUNCT = frozenset({"-", "/", "'s"})


def _cut_prep(prep: Token) -> bool:
    """ "during the demolitions", "for years", "without first reviewing ...": when or how, not what."""
    if topics.is_temporal_prep(prep) or any(c.dep_ == "pcomp" for c in prep.children):
        return True
    return any(o.dep_ == "pobj" and o.lemma_.lower() in LEX.duration_nouns for o in prep.children)


def _purpose(child: Token) -> bool:
    """ "falsified records to reflect ...": a to-clause after an object says why, not what ("failed to inspect")."""
    return child.dep_ in ("xcomp", "advcl") and any(c.dep_ == "dobj" and c.i < child.i for c in child.head.children)


def _kept(child: Token, top: bool, core: bool) -> bool:
    dep = child.dep_
    if dep in _SUBJECTS and top or dep in (_TOP_CUTS if top else _DEEP_CUTS) or topics.is_temporal(child):
        return False
    if top and _purpose(child):
        return False
    if dep == "punct":
        return child.text in _KEPT_PUNCT
    if dep == "cc":  # "inspect the doors and [later destroyed ...]": the conjunct hangs higher up
        return any(c.dep_ == "conj" for c in child.head.children)
    if dep == "prep":
        return not _cut_prep(child)
    if dep == "advmod" and child.lower_ in LEX.clause_dropped_adverbs:
        return False
    return not (core and top and dep in _AUXILIARIES)


def _predicate(head: Token, core: bool) -> str | None:
    kept: list[Token] = []

    def walk(token: Token, top: bool) -> None:
        kept.append(token)
        for child in token.children:
            if _kept(child, top, core):
                walk(child, False)

    walk(head, True)
    if core and head.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") for c in head.children):
        kept.remove(head)  # "were not compliant with ...": "not compliant with ..."
    kept.sort(key=lambda t: t.i)
    if not kept or len(kept) > MAX_WORDS or kept[0].is_punct:
        return None
    text = "".join(
        t.text_with_ws if i + 1 < len(kept) and kept[i + 1].i == t.i + 1 else t.text + " " for i, t in enumerate(kept)
    )
    return " ".join(text.split()).replace("\u2019", "'") or None


def _known_objects(head: Token) -> list[Token]:
    """ "that FEMA managers were aware of this deception": a clause alleging who knew; what they knew, the "of" /
    "about" phrase, is the matter, not their awareness."""
    aware = [c for c in head.children if c.dep_ == "acomp" and c.lemma_.lower() in LEX.awareness_adjectives]
    return [o for a in aware for o in relations.prep_objects(a, {"of", "about"})] if head.lemma_ == "be" else []


def predicate_names(head: Token) -> list[str]:
    """The clause headed by `head` as a matter's names: its core, then as written (when they differ)."""
    known = _known_objects(head)
    if known:
        return [n for o in known if (n := topics.topic_name(o, {}, None))]
    return list(dict.fromkeys(n for n in (_predicate(head, True), _predicate(head, False)) if n))


def _that_clauses(token: Token, deps: tuple[str, ...]) -> list[Token]:
    return [
        c for c in token.children if c.dep_ in deps and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ]


def _by_a_person(verb: Token) -> bool:
    """ "The whistleblower reported that ...", "Ms Lee warned that ...": a person, not a body's own report."""
    return any(
        s.lemma_.lower() in LEX.discloser_nouns or s.ent_type_ == "PERSON" or s.lower_ in ("he", "she")
        for s in relations.subjects_of(verb)
    )


def alleged_clauses(token: Token) -> list[Token]:
    """Heads of the that-clauses `token` alleges: "alleged that X", "allegations that X", "raised concerns that X"."""
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN" and lemma in LEX.alleging_nouns:
        return _that_clauses(token, ("acl", "ccomp"))
    if token.pos_ != "VERB" or lemma not in LEX.alleging_verbs or relations.is_negated_or_hedged(token):
        return []
    if lemma in LEX.person_only_alleging_verbs and not _by_a_person(token):
        return []
    clauses = [c for c in token.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
    return [c for c in clauses if c.lemma_.lower() not in LEX.confirming_verbs | LEX.finding_verbs]


def alleged_objects(token: Token) -> list[Token]:
    """What an alleging noun names by a phrase: "allegations of systemic fraud", "concerns about X"."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in LEX.alleging_nouns:
        return []
    return relations.prep_objects(token, {"of", "about"})


def told_clauses(token: Token) -> list[Token]:
    """Heads of the that-clauses a telling verb tells: "alerted the President and Congress that X" (a report by a
    body, "the agency reported that its recommendations had been implemented", is its own finding)."""
    frame = LEX.frames.get(token.lemma_.lower())
    if token.pos_ != "VERB" or frame is None or not frame.tells or relations.is_negated_or_hedged(token):
        return []
    if token.lemma_.lower() in LEX.person_only_alleging_verbs and not _by_a_person(token):
        return []
    clauses = [c for c in token.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]  # "that" may be lost
    return [c for c in clauses if c.lemma_.lower() not in LEX.confirming_verbs | LEX.finding_verbs]


def clause_names(tokens: list[Token]) -> list[str]:
    """The names the text's clauses give its matter, alleged ones first, each in text order."""
    alleged: list[str] = []
    told: list[str] = []
    gate = LEX.alleging_verbs | LEX.alleging_nouns
    for token in tokens:
        lemma = token.lemma_.lower()
        if lemma in gate:
            alleged += [n for c in alleged_clauses(token) for n in predicate_names(c)]
            alleged += [n for o in alleged_objects(token) if (n := topics.topic_name(o, {}, None))]
        if lemma in LEX.frames:
            told += [n for c in told_clauses(token) for n in predicate_names(c)]
    return list(dict.fromkeys(alleged + told))


def alleges(verb: Token) -> bool:
    """ "The whistleblower alleged that X", "raised concerns that X": the verb's subject states the matter."""
    if alleged_clauses(verb):
        return True
    if any(alleged_clauses(o) for o in relations.children_of(verb, "dobj")):
        return True
    if verb.lemma_.lower() not in LEX.disclosing_verbs:
        return False
    said = [*relations.children_of(verb, "dobj"), *relations.prep_objects(verb, {"to"})]  # "disclosed allegations of X"
    return any(alleged_objects(o) for o in said)
