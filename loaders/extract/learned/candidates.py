"""Candidate relations the rules did not draw: pairs of mentioned nodes in one sentence, with their parse features.

After the rules have run, every sentence's mentions are paired: an actor (Agency / Person) with a Report (for
SENT, RECEIVED, AUTHORED, COMMISSIONED, PUBLISHED, KNEW_ABOUT) or, for a Person, with an Agency (MEMBER_OF),
unless a rule claim of that type already links the two nodes anywhere in the document. `pair_features` describes
how the sentence connects them (the dependency path, the verb that governs it, the prepositions before the ends,
voice, order, distance, hedges), which is all the relation classifier sees.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.placeholders import is_placeholder
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:  # pragma: no cover
    from loaders.extract.mentions import Mention, Sentence
    from loaders.extract.rules import DocumentRun

from graph.model import Node
from loaders.extract.learned.features import Features

FEATURE_SET = "relation-features-v1"  # bump when a feature is added, renamed or computed differently
REPORT_TYPES = ("SENT", "RECEIVED", "AUTHORED", "COMMISSIONED", "PUBLISHED", "KNEW_ABOUT")
ACTORS = ("Agency", "Person")
MAX_DISTANCE = 40  # tokens: ends further apart in one sentence are not paired
# Pairs grow with the square of a sentence's mentions (a list of bodies gives 75 on real dev): only the closest are
# described, which bounds the cost of a long list (40 drops 2 % of the training pairs, the furthest apart).
MAX_PAIRS_PER_SENTENCE = 40


@dataclass
class Candidate:
    """One (type, actor, other) pair in one sentence: the tokens heading each end and their nodes."""

    type: str
    sentence: Sentence
    actor: Node
    actor_token: Token
    actor_confidence: float
    other: Node
    other_token: Token
    other_confidence: float


def candidates(run: DocumentRun) -> Iterator[Candidate]:
    """Every unclaimed (type, actor, report-or-agency) pair of one sentence, the closest mentions of each pair, at
    most `MAX_PAIRS_PER_SENTENCE` of them (the closest) per sentence."""
    linked = {(c.type, c.from_id, c.to_id) for c in run.claims}
    by_sentence: dict[int, list[Mention]] = {}
    for mention in run.parse.mentions:
        if mention.node is not None and not is_placeholder(mention.node.id, mention.node.props):
            by_sentence.setdefault(mention.sentence, []).append(mention)
    for index, mentions in sorted(by_sentence.items()):
        sentence = run.parse.sentences[index]
        if sentence.heading:
            continue
        best: dict[tuple[str, str, str], Candidate] = {}
        for a in mentions:
            if a.node.label not in ACTORS:
                continue
            for b in mentions:
                if b is a or b.node.id == a.node.id or b.doc_index != a.doc_index:
                    continue
                types = REPORT_TYPES if b.node.label == "Report" else ()
                if b.node.label == "Agency" and a.node.label == "Person":
                    types = ("MEMBER_OF",)
                for type_ in types:
                    if (type_, a.node.id, b.node.id) in linked:
                        continue
                    found = Candidate(
                        type_, sentence, a.node, _head(run, a), a.confidence, b.node, _head(run, b), b.confidence
                    )
                    key = (type_, a.node.id, b.node.id)
                    known = best.get(key)
                    if abs(found.actor_token.i - found.other_token.i) > MAX_DISTANCE:
                        continue
                    if known is None or _span(found) < _span(known):
                        best[key] = found
        yield from sorted(best.values(), key=_span)[:MAX_PAIRS_PER_SENTENCE]


def _head(run: DocumentRun, mention: Mention) -> Token:
    return run.parse.docs[mention.doc_index][mention.start : mention.end].root


def _span(candidate: Candidate) -> int:
    return abs(candidate.actor_token.i - candidate.other_token.i)


def pair_features(run: DocumentRun, candidate: Candidate, claimed_sentences: set[int]) -> Features:
    """What the sentence says between the two ends; every categorical feature also conjoined with the type."""
    a, b, t = candidate.actor_token, candidate.other_token, candidate.type
    up_a, top, up_b = _path(a, b)
    governor = _governor(top)
    plain: Features = {
        f"ends={candidate.actor.label}>{candidate.other.label}": 1.0,
        f"gov={governor.lemma_.lower() if governor is not None else 'none'}": 1.0,
        f"gov_frame={_frame(governor)}": 1.0,
        f"a_dep={a.dep_}": 1.0,
        f"b_dep={b.dep_}": 1.0,
        f"a_prep={_prep(a)}": 1.0,
        f"b_prep={_prep(b)}": 1.0,
        f"voice={'passive' if governor is not None and _passive(governor) else 'active'}": 1.0,
        f"actor_first={int(a.i < b.i)}": 1.0,
        f"path={'/'.join(t.dep_ for t in up_a[:3])}^{'/'.join(t.dep_ for t in up_b[:3])}": 1.0,
        f"path_len={min(len(up_a) + len(up_b), 6)}": 1.0,
        f"b_kind={candidate.other.props.get('kind', '')}": 1.0,
    }
    for token in [*up_a[1:], top, *up_b[1:]]:
        if token is not a and token is not b and token.pos_ in ("VERB", "AUX", "NOUN", "ADP", "ADJ"):
            plain[f"path_lemma={token.lemma_.lower()}"] = 1.0
    found: Features = {f"type={t}": 1.0}
    for name in plain:
        found[name] = 1.0
        found[f"{t}|{name}"] = 1.0
    span = candidate.sentence.span
    if any(x.dep_ == "neg" for x in span):
        found[f"{t}|negation"] = 1.0
    if {x.lemma_.lower() for x in span} & LEX.hedge_adverbs or any(x.tag_ == "MD" for x in span):
        found[f"{t}|hedge"] = 1.0
    if candidate.sentence.index in claimed_sentences:
        found[f"{t}|sentence_claimed"] = 1.0
    found[f"{t}|distance"] = math.log1p(abs(a.i - b.i)) / 4
    found[f"{t}|confidence"] = min(candidate.actor_confidence, candidate.other_confidence)
    return found


def _path(a: Token, b: Token) -> tuple[list[Token], Token, list[Token]]:
    """The tokens from each end up to (not including) their lowest common ancestor, and that ancestor."""
    up_a = [a, *a.ancestors]
    on_a = {t.i: n for n, t in enumerate(up_a)}
    for n, token in enumerate([b, *b.ancestors]):
        if token.i in on_a:
            return up_a[: on_a[token.i]], token, [b, *b.ancestors][:n]
    return up_a, up_a[-1], [b, *b.ancestors]


def _governor(token: Token) -> Token | None:
    """The verb the path hangs from: the common ancestor if a verb, else its nearest verb ancestor."""
    for candidate in (token, *token.ancestors):
        if candidate.pos_ in ("VERB", "AUX"):
            return candidate
    return None


def _frame(verb: Token | None) -> str:
    frame = LEX.frames.get(verb.lemma_.lower()) if verb is not None else None
    return getattr(frame, "claim", None) or "none"


def _prep(token: Token) -> str:
    """The preposition the end hangs from ("to", "by", "from", "with"), 'agent' for a passive's "by"."""
    if token.dep_ == "pobj":
        return token.head.lower_
    if token.dep_ == "poss":
        return "poss"
    return "none"


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
