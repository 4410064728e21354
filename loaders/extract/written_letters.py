"""Letters a text introduces with a verb: "X wrote to Y on 3 May (asking ...)".

No document noun names such a letter, yet it is one: X sent it, Y received it (`DocumentRun._written_to`), and a
later "the letter", "this letter" or "his letter" is that letter, not a new one. The letter is known as "letter
from X" (`letter_name`), the name a clustered letter with sender X gets (`reports.report_nodes`), so both are one
node. Which later mentions refer back to it is decided with the other documents (`reports.cluster_reports`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.attrs import LEMMA
from spacy.tokens import Token

from loaders.extract import relations, trigger_words
from loaders.extract.lexicon import LEX
from loaders.extract.token_filter import tokens_with
from loaders.extract.trigger_words import triggered_by

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

KIND = "letter"
_PARTIES = ("Agency", "Person")


@dataclass(frozen=True)
class WrittenLetter:
    """A "wrote to" clause: where it stands (sentence index, token index in its doc) and who wrote."""

    doc_index: int
    sentence: int
    position: int
    sender: str


def letter_name(sender: str) -> str:
    """The name of a letter known only by who sent it: "letter from Northshire Police"."""
    return f"{KIND} from {sender}"


@triggered_by(relations.letter_lemmas)
def parties(verb: Token, refs: relations.RefsOf) -> tuple[list[relations.Ref], list[relations.Ref]]:
    """Writers and addressees of "X wrote to Y" (a frame with `letter_to`, no object, not negated or hedged);
    no writers without an addressee ("X wrote that ..." is no letter)."""
    frame = LEX.frames.get(verb.lemma_.lower())
    if (
        frame is None
        or not frame.letter_to
        or relations.children_of(verb, "dobj")
        or relations.is_negated_or_hedged(verb)
    ):
        return [], []
    recipients = [r for t in relations.prep_objects(verb, frame.letter_to) for r in refs(t) if r.node.label in _PARTIES]
    if not recipients:
        return [], []
    senders = [r for t in relations.subjects_of(verb) for r in refs(t) if r.node.label in _PARTIES]
    return senders, recipients


def _letter_frame_lemma(lemma: str) -> bool:
    """A lemma whose frame writes a letter to someone: the only verbs `parties` reads (a verdict per word)."""
    frame = LEX.frames.get(lemma.lower())
    return frame is not None and bool(frame.letter_to)


def find(run: DocumentRun) -> list[WrittenLetter]:
    """Every "X wrote to Y" in the text, in order (one per writer), once people and bodies are resolved.
    Only the verbs of a letter-writing frame are read (`token_filter`): `parties` draws nothing from any other,
    so no Token is made for the rest of the text."""
    found: list[WrittenLetter] = []
    if not trigger_words.of(run).fires(parties):
        return found  # no verb of a letter-writing frame in the text
    for doc_index, doc in enumerate(run.parse.docs):
        refs = lambda t, d=doc_index: run.refs(d, t)  # noqa: E731
        for token in tokens_with(doc, LEMMA, _letter_frame_lemma):
            if token.pos_ not in ("VERB", "AUX"):
                continue
            sentence = run.parse.sentence_index(doc_index, token)
            if sentence is None or run.parse.sentences[sentence].heading:
                continue  # a sentence left out (no letters or digits) or a headline: never read for claims
            senders, _ = parties(token, refs)
            found += [WrittenLetter(doc_index, sentence, token.i, s.node.name) for s in senders]
    return found
