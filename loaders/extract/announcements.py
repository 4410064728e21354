"""Publication told as an announcement: "Inspector General Ann Lee announced today the release of a public
summary of the memorandum". The verb is "announce", the document hangs on a publication event noun
("release", "publication", "launch": `publication_events`), so no verb frame reads it; the announcer is
who published the document."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Token

from loaders.extract import relations
from loaders.extract.lexicon import LEX
from loaders.extract.trigger_words import triggered_by

COMMISSION_CONFIDENCE = 0.8


def _commissioning_event(token: Token) -> bool:
    """ "the setting up of X", "the establishment of X": an event noun that brings a study into being."""
    lemma = token.lemma_.lower()
    if lemma not in LEX.commissioning_events:
        return False
    return lemma != "setting" or any(c.lower_ == "up" for c in token.children)


def commissioned_study(token: Token) -> bool:
    """An inquiry or review whose setting up is announced ("announce the setting up of a judicial inquiry"):
    a work product, as "set up an inquiry" makes one (reports._work_product)."""
    return token.dep_ == "pobj" and token.head.lower_ == "of" and _commissioning_event(token.head.head)


@triggered_by(lambda: LEX.announcing_verbs)
def commissioning_claims(verb: Token, refs: Callable[[Token], list[relations.Ref]]) -> Iterator[relations.RawClaim]:
    """COMMISSIONED from the subject of an announcing verb to the study of its "the setting up of X" object."""
    if verb.lemma_.lower() not in LEX.announcing_verbs or relations.is_negated_or_hedged(verb):
        return
    events = [o for o in relations.children_of(verb, "dobj") if _commissioning_event(o)]
    studies = [r for e in events for t in relations.prep_objects(e, {"of"}) for r in refs(t)]
    subjects = [r for s in relations.subjects_of(verb) for r in refs(s) if r.node.label in ("Agency", "Person")]
    for subject in subjects:
        for study in (s for s in studies if s.node.label == "Report"):
            confidence = min(COMMISSION_CONFIDENCE, subject.confidence, study.confidence)
            yield relations.RawClaim("COMMISSIONED", subject, study, verb, confidence, "announce.commission")


@triggered_by(lambda: LEX.announcing_verbs)
def publication_claims(verb: Token, refs: Callable[[Token], list[relations.Ref]]) -> Iterator[relations.RawClaim]:
    """PUBLISHED from the subject of an announcing verb to the documents of its "the release of X" object."""
    if verb.lemma_.lower() not in LEX.announcing_verbs or relations.is_negated_or_hedged(verb):
        return
    events = [o for o in relations.children_of(verb, "dobj") if o.lemma_.lower() in LEX.publication_events]
    documents = [r for e in events for t in relations.prep_objects(e, {"of"}) for r in refs(t)]
    subjects = relations.subjects_of(verb)
    # "The Department of Justice (DOJ) Inspector General Ann Lee announced": the parser makes the body a second
    # subject; a subject running straight into another is that one's modifier
    subjects = [s for s in subjects if not any(o.left_edge.i == s.right_edge.i + 1 for o in subjects)]
    # ... or the person an appositive of the body ("the Department of X (DX) Inspector General Ann Lee")
    subjects = [next((c for c in s.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), s) for s in subjects]
    joined = {t.i for s in subjects for t in (s, *s.conjuncts)}  # not a body named inside the subject's title
    publishers = [r for s in subjects for r in refs(s) if r.token.i in joined]
    yield from relations.published_claims(
        [p for p in publishers if p.node.label in ("Agency", "Person")],
        [d for d in documents if d.node.label == "Report"],
        verb,
        "announce.active",
    )
