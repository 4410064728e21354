"""Documents known only by whose they are: "the whistleblower's comments", "its comments". In reports on
investigations the parties' written comments travel like reports (sent, filed, published), but the same
noun without an owner ("comments on the plan", "made comments") is talk, so it is a document noun only
in the plural with a possessor (`owned_documents` in nominals.yaml)."""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract.lexicon import LEX


def is_owned_document(token: Token) -> bool:
    """A plural owned-document noun with a possessor: "the whistleblowers' comments", "their comments"."""
    return (
        token.lemma_.lower() in LEX.owned_documents
        and token.tag_ in ("NNS", "NNPS")
        and any(is_possessor(c) for c in token.children)
    )


def is_possessor(child: Token) -> bool:
    """ "their", "the whistleblower's"; with a curly apostrophe ("the whistleblower’s") the parser may call
    the owner an nmod, the "’s" still marking it as the possessor."""
    return child.dep_ == "poss" or any(g.dep_ == "case" and g.tag_ == "POS" for g in child.children)
