"""Topics named by a phrase of several words: "information received in relation to child abuse allegations".

Official prose rarely says "about": it says "in relation to", "relating to", "with regard to", "in
respect of". The parser builds each as a chain of tokens (prep "in" -> pobj "relation" -> prep "to" ->
pobj T; acl "relating" -> prep "to" -> pobj T), so a one-word preposition list cannot hold them. The
phrases are data (`topic_phrases` in words.yaml); this module finds the object at the chain's end.
"""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract.lexicon import LEX


def _chain_end(first: Token, words: list[str]) -> Token | None:
    """The object of the phrase `words` that starts at `first`, following the parse from word to word."""
    token = first
    for word in words[1:]:
        token = next((c for c in token.children if c.lower_ == word), None)
        if token is None:
            return None
    return next((c for c in token.children if c.dep_ == "pobj"), None)


def phrase_topics(token: Token) -> list[Token]:
    """Objects of the topic phrases hanging on `token` ("in relation to T", "relating to T")."""
    found = []
    for phrase in LEX.topic_phrases:
        words = phrase.split()
        for child in token.children:
            if child.lower_ == words[0] and child.dep_ in ("prep", "acl", "amod", "advcl", "advmod"):
                end = _chain_end(child, words)
                if end is not None:
                    found.append(end)
    return found
