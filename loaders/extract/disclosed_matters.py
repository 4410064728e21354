"""The matter a whistleblower disclosed, as one topic. An oversight release tells of one matter again and again
in different words: "alerted the President and Congress that officials at X failed to ...", "a whistleblower
disclosed to OSC that ...", "the Army's report substantiated the whistleblower's allegations", "these serious
allegations". Each that-clause's first noun phrase ("officials at an Army facility") names no topic; the
text's own name for the matter does: its definite mentions ("the whistleblower's allegations", "these
allegations", "their disclosures") become one Topic, named as the text names it, with every mention an alias.

Only in a text that tells of a whistleblower and names the matter so. Then (`matter_claims`, per verb):
- a that-clause told or disclosed ("alerted X that ...", "disclosed to OSC that ...") is about the matter:
  the told (and a discloser) KNEW_ABOUT it, in place of the clause's noun phrase;
- "X substantiated / investigated the whistleblower's allegations": X KNEW_ABOUT the matter ("the Army's
  report substantiated ...": the report's owner; "an investigation by X substantiated ...": its maker);
- "X found / determined / concluded that ..." (`concluding_verbs`): the investigating body knew the matter, as the
  release tells one matter in many words ("the Navy's investigation found that inventory ... was unaccounted for");
- an unnamed whistleblower ("A whistleblower disclosed ...") is the Person "the whistleblower"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.attrs import LEMMA
from spacy.tokens import Token

from graph.model import Node, node_id
from loaders.extract import clause_matters, letter_tellings, relations
from loaders.extract.lexicon import LEX
from loaders.extract.token_filter import tokens_with
from loaders.extract.trigger_words import triggered_by

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

_POINTING = frozenset({"the", "these", "this", "those", "their", "his", "her"})
_TELLING_TOPIC = 0.7
_CACHE = "_disclosed_matter"


def is_mention(token: Token) -> bool:
    """ "the whistleblower's allegations", "these serious allegations", "whistleblower allegations", "their
    disclosures": a matter noun the text points back with, not one it introduces ("an allegation that ...")."""
    if token.lemma_.lower() not in LEX.matter_nouns or token.pos_ != "NOUN":
        return False
    left = [c for c in token.children if c.i < token.i]
    if any(c.lemma_.lower() in LEX.discloser_nouns and c.dep_ in ("poss", "compound") for c in left):
        return True
    pointing = [c for c in left if c.dep_ in ("det", "poss") and c.lower_ in _POINTING]
    right = [
        c for c in token.children if c.i > token.i and c.dep_ != "punct" and c.lower_ != "to" and not _says_more(c)
    ]
    return bool(pointing) and not right


def _says_more(clause: Token) -> bool:
    """ "the concerns, which were subsequently confirmed by X": a relative clause on a relative pronoun says what
    became of the matter already named; an "allegations that X failed to ..." clause introduces one instead."""
    return clause.dep_ == "relcl" and any(c.tag_ == "WDT" and c.lower_ == "which" for c in clause.children)


def mention_words(token: Token) -> str:
    """The mention as written, its prepositional tail aside: "the whistleblower's allegations"."""
    start = min([token.i, *(c.left_edge.i for c in token.children if c.i < token.i)])
    return token.doc[start : token.i + 1].text.replace("\u2019", "'")


def _discloser_noun(lemma: str) -> bool:
    return lemma.lower() in LEX.discloser_nouns


def matter_node(run: DocumentRun) -> Node | None:
    """The text's one whistleblower matter, once per document; None when the text tells of no whistleblower
    or never names the matter by a pointing mention."""
    if _CACHE in run.__dict__:
        return run.__dict__[_CACHE]
    node = None
    if any(next(tokens_with(doc, LEMMA, _discloser_noun), None) is not None for doc in run.parse.docs):
        tokens = [t for doc in run.parse.docs for t in doc]
        words = list(dict.fromkeys(mention_words(t) for t in tokens if is_mention(t)))
        clauses = clause_matters.clause_names(tokens)  # "disclosed that X failed to inspect mines"
        if words or clauses:
            owned = [w for w in words if any(n in w.lower() for n in LEX.discloser_nouns)]
            name = (clauses or owned or words)[0]
            aliases = [w for w in [*clauses, *words] if w != name]
            node = run.add_node(Node(node_id("Topic", f"{name} {run.document.source_id}"), "Topic", name, aliases))
    run.__dict__[_CACHE] = node
    return node


def whistleblower_ref(run: DocumentRun, token: Token) -> relations.Ref | None:
    """ "A whistleblower", "the whistleblowers": the unnamed Person the release is about (a named one, "NRC
    engineer Ann Lee", is found by the names)."""
    if token.lemma_.lower() not in LEX.discloser_nouns or any(c.pos_ == "PROPN" for c in token.children):
        return None
    name = f"the {token.lower_}" if token.tag_ == "NNS" else f"the {token.lemma_.lower()}"
    node = run.add_node(
        Node(node_id("Person", f"{name} {run.document.source_id}"), "Person", name, [token.lemma_.lower()])
    )
    return relations.Ref(node, 0.7, token)


@triggered_by(lambda: LEX.discloser_nouns)  # none: no matter (`matter_node`), the claims as they were
def matter_claims(
    run: DocumentRun, verb: Token, refs: relations.RefsOf, raw: list[relations.RawClaim]
) -> list[relations.RawClaim]:
    """The verb's claims with a told that-clause's topic read as the matter, and the matter's knowers added."""
    matter = matter_node(run)
    if matter is None or relations.is_negated_or_hedged(verb):
        return raw
    lemma = verb.lemma_.lower()
    frame = LEX.frames.get(lemma)
    # a plain negation inside the told clause is what was told ("alerted them that inspectors were not trained");
    # a hedged one ("may have") tells nothing (told_matters.py, coordinated_preps.py)
    clauses = [c for c in relations.children_of(verb, "ccomp") if relations.statement_mood(c) != relations.HEDGED]
    told_clause = bool(clauses) and (lemma in LEX.disclosing_verbs or (frame is not None and frame.tells))
    found = []
    for claim in raw:
        if told_clause and claim.type == "KNEW_ABOUT" and claim.object.node.label == "Topic":
            claim = relations.RawClaim(
                "KNEW_ABOUT", claim.subject, relations.Ref(matter, _TELLING_TOPIC, claim.object.token), verb,
                min(claim.confidence, _TELLING_TOPIC), f"{claim.rule}+matter",
            )  # fmt: skip
        found.append(claim)
    knowers: list[relations.Ref] = []
    if told_clause and frame is not None and frame.tells:  # "alerted the President and Congress that ..."
        told = [*relations.children_of(verb, "dobj"), *relations.prep_objects(verb, set(frame.recipients))]
        told += letter_tellings.told_recipients(verb)  # "sent a letter to A and B alerting them that ..."
        knowers += _people(run, told, refs)
    # what was disclosed may be a denial ("disclosed that controllers do not comply"): any that-clause
    alleged = lemma in LEX.disclosing_verbs and relations.children_of(verb, "ccomp") or clause_matters.alleges(verb)
    if alleged or lemma in LEX.disclosing_verbs and _names_matter(verb):
        knowers += _people(run, relations.subjects_of(verb), refs)
        places = [verb, *relations.children_of(verb, "dobj")]  # "disclosed [the allegations to OSC]"
        knowers += _people(run, [t for p in places for t in relations.prep_objects(p, {"to"})], refs)
    elif lemma in LEX.confirming_verbs and _names_matter(verb):
        knowers += _people(run, relations.subjects_of(verb), refs, owners=True)
    elif lemma in LEX.concluding_verbs and _finds_facts(verb):  # "the Navy found that ..."
        knowers += [k for k in _finders(run, verb, refs) if not _known_before(run, k.node, matter)]
    have = {(c.subject.node.id, c.object.node.id) for c in found if c.type == "KNEW_ABOUT"}
    for knower in {k.node.id: k for k in knowers}.values():
        if (knower.node.id, matter.id) not in have:
            topic = relations.Ref(matter, _TELLING_TOPIC, verb)
            confidence = min(knower.confidence, _TELLING_TOPIC)
            found.append(relations.RawClaim("KNEW_ABOUT", knower, topic, verb, confidence, f"matter.{lemma}"))
    return found


def _names_matter(verb: Token) -> bool:
    """ "substantiated the whistleblower's allegations", "investigated allegations that X failed to ..." """
    objects = relations.children_of(verb, "dobj")
    return any(is_mention(o) or clause_matters.alleged_clauses(o) for o in objects)


def _finds_facts(verb: Token) -> bool:
    """ "found that inventory ... was unaccounted for": a that-clause about what happened, not a verdict on a report
    or on the allegations ("found that the VA's findings were not reasonable", "concluded that the whistleblower's
    allegations were unsubstantiated"), which is the finder's view of another's work."""
    clauses = [
        c
        for c in relations.children_of(verb, "ccomp")
        if c.pos_ in ("VERB", "AUX") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ]
    judged = LEX.matter_nouns | LEX.findings | LEX.document_nouns
    return any(
        not any(s.lemma_.lower() in judged for s in relations.children_of(c, "nsubj", "nsubjpass")) for c in clauses
    )


def _known_before(run: DocumentRun, knower: Node, matter: Node) -> bool:
    """The text already said the knower knew the matter: a later finding repeats it ("The FAA also found ...")."""
    return any(c.type == "KNEW_ABOUT" and c.from_id == knower.id and c.to_id == matter.id for c in run.claims)


def _finders(run: DocumentRun, verb: Token, refs: relations.RefsOf) -> list[relations.Ref]:
    """Who found: the verb's own subject ("FAA found that ..."), or the maker of the study that found ("The
    Navy's investigation found", "The audit by HHS OIG found"). A participle's borrowed subject ("substantiated
    the allegations, finding that ...") and the owner of a body ("the FAA's Office of Audit") are left out."""
    subjects = relations.children_of(verb, "nsubj")
    studies = [s for s in subjects if s.lemma_.lower() in LEX.study_kinds]
    makers = [r for s in studies for p in relations.children_of(s, "poss") for r in refs(p) if r.node.label == "Agency"]
    makers += [r for s in studies for r in _study_agents(s, refs)]
    return makers + _people(run, [s for s in subjects if s not in studies], refs)


def _people(run: DocumentRun, tokens: list[Token], refs: relations.RefsOf, owners: bool = False) -> list[relations.Ref]:
    """Bodies and people the tokens name; an unnamed whistleblower; with `owners`, a report's owner ("the
    Army's report")."""
    found = []
    for token in (c for t in tokens for c in relations.coordinated(t)):
        own = whistleblower_ref(run, token)
        found += [own] if own else [r for r in refs(token) if r.node.label in ("Agency", "Person")]
        if owners and not own:
            found += [r for p in relations.children_of(token, "poss") for r in refs(p) if r.node.label == "Agency"]
    return found


def _study_agents(token: Token, refs: relations.RefsOf) -> list[relations.Ref]:
    """ "An investigation by the Air Force substantiated ...", "the audit by HHS OIG found that ...": who made the
    study that confirmed or concluded knew what it found."""
    if token.lemma_.lower() not in LEX.study_kinds:
        return []
    agents = relations.prep_objects(token, {"by"})
    return [r for a in agents for r in refs(a) if r.node.label in ("Agency", "Person")]
