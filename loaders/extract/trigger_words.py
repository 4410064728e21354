"""Trigger-word gating: a pass that cannot draw anything without a word is not run on a text without it.

Most construction passes (referrals, "brought to the attention of", "X chaired by Y", ...) test every verb of
every sentence, yet each reads only a verb or noun of its own word lists. A pass declares those lists with
`triggered_by` (each a callable over `LEX`, the same list the pass matches on, so the two cannot drift); the
document's words (every token's lowercased form and lowercased lemma, read once from the parse's string
arrays) then decide once per document whether the pass can fire (`DocumentWords.fires`).

A group goes in a pass's triggers only where the pass provably returns nothing, and changes nothing, unless a
token of the text is one of its words: a test that comes before any reference is resolved (`refs` and
`topic_of` add nodes) and that compares one token's lemma or form with the list. Several groups: each needs
one of its words."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

WordGroup = Callable[[], Iterable[str]]
Pass = TypeVar("Pass", bound=Callable)
_ATTRIBUTE = "trigger_groups"
_MEMO = "trigger_words"


def triggered_by(*groups: WordGroup) -> Callable[[Pass], Pass]:
    """Declare the word lists a pass needs (the function itself is returned unchanged)."""

    def declare(function: Pass) -> Pass:
        setattr(function, _ATTRIBUTE, groups)
        return function

    return declare


def document_words(docs: Iterable[Doc]) -> frozenset[str]:
    """Every token's lowercased form and lowercased lemma, from the docs' string arrays (no Token made; a set of
    the hashes, not `Doc.count_by`, which counts every token into a Counter)."""
    words: set[str] = set()
    for doc in docs:
        strings = doc.vocab.strings
        lower, lemma = doc.to_array([LOWER, LEMMA]).T.tolist() if len(doc) else ([], [])
        words.update(strings[key] for key in set(lower))
        words.update(strings[key].lower() for key in set(lemma))
    return frozenset(words)


class DocumentWords:
    """One document's words, and which declared passes they let fire (decided once per pass)."""

    def __init__(self, docs: Iterable[Doc]):
        self.words = document_words(docs)
        self._verdicts: dict[Callable, bool] = {}

    def has_any(self, group: Iterable[str]) -> bool:
        """Whether a token of the text is one of the words (compared lowercased)."""
        group = tuple(group)
        return not self.words.isdisjoint(group) or any(w.lower() in self.words for w in group)

    def fires(self, function: Callable) -> bool:
        """False only when a pass declared with `triggered_by` lacks a word of one of its groups."""
        verdict = self._verdicts.get(function)
        if verdict is None:
            groups = getattr(function, _ATTRIBUTE, ())
            verdict = self._verdicts[function] = all(self.has_any(group()) for group in groups)
        return verdict

    def gated(self, function: Callable, *args, unfired=()):
        """`function(*args)` where it can fire on this text, else `unfired` (what it gives on a text without its words)."""
        verdict = self._verdicts.get(function)  # `fires`, its kept verdict read here: asked for every verb
        if verdict is None:
            verdict = self.fires(function)
        return function(*args) if verdict else unfired


def of(run: DocumentRun) -> DocumentWords:
    """The document's words, made on first use and kept in the run's memo."""
    found = run.memo.get(_MEMO)
    if found is None:
        found = run.memo[_MEMO] = DocumentWords(run.parse.docs)
    return found
