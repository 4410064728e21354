"""Office holders named as a group are people, not a body: "the Chairmen and Ranking Members of the Senate and
House Committees on X". The tagger marks "the Chairmen and Ranking Members" as an organisation; its words are
all plural offices (`role_nouns`, `staff_nouns`), so the tag is dropped and the group reads as the body it
belongs to ("members of X" -> X, as `staff_nouns` do)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span

from loaders.extract.lexicon import LEX

_FUNCTION_POS = ("DET", "CCONJ", "PUNCT")


def _singular(word: str) -> str:
    """ "Chairmen" -> "chairman", "Members" -> "member": the tagger leaves capitalised plurals unlemmatised."""
    lower = word.lower()
    if lower.endswith("men"):
        return lower[:-3] + "man"
    return lower[:-1] if lower.endswith("s") and not lower.endswith("ss") else lower


def _is_role_group(span: Span) -> bool:
    """Every word an office noun or an office title ("Ranking"), at least one a plural office noun."""
    words = [t for t in span if t.pos_ not in _FUNCTION_POS]
    offices = LEX.role_nouns | LEX.staff_nouns
    plural = [t for t in words if _singular(t.text) in offices and _singular(t.text) != t.lower_]
    return bool(plural) and all(_singular(t.text) in offices or t.text in LEX.office_titles for t in words)


@Language.factory("kflow_role_groups")
def _make_role_groups(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """A component after NER that drops organisation tags made only of plural office words."""

    def mark(doc: Doc) -> Doc:
        ents = list(doc.ents)
        groups = [e for e in ents if e.label_ == "ORG" and _is_role_group(e)]
        if groups:
            doc.ents = [e for e in ents if e not in groups]
            for token in (t for g in groups for t in g if t.pos_ not in _FUNCTION_POS):
                token.lemma_ = _singular(token.text)  # read as the office nouns they are ("members of X")
        return doc

    return mark
