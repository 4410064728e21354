"""Two body names the tagger cut from one: "Public Service" + "Electric and Gas Company" is one company.

English prose never writes two bodies side by side with nothing between them (a list has a comma or "and", an
address block a line break), so two ORG spans that touch, separated by one space only, are one name the tagger
split at a head word ("Service") inside it, when both parts end in a head word or a company suffix (so "... Office of
Inspector General" + "Washington" from an address line stays apart). Gazetteer matches are left alone.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from loaders.extract.lexicon import LEX

HEADS_AND_SUFFIXES = frozenset([*LEX.body_heads, *LEX.company_suffixes])


def _touching(first: Span, second: Span) -> bool:
    return (
        first.end == second.start
        and first.label_ == second.label_ == "ORG"
        and not first.ent_id_
        and not second.ent_id_
        and first.doc[first.end - 1].whitespace_ == " "
        and second[0].orth_ not in LEX.articles
        and second[0].is_title
        and first[-1].orth_ in LEX.body_heads  # cut at a head word inside the name ("Public Service")
        and second[-1].orth_ in HEADS_AND_SUFFIXES  # and the rest is a body's name too, not a place or a line
    )


@Language.factory("kflow_adjacent_bodies")
def _make_adjacent_bodies(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def mark(doc: Doc) -> Doc:
        ents = list(doc.ents)
        joined: list[Span] = []
        for ent in ents:
            if joined and _touching(joined[-1], ent):
                joined[-1] = Span(doc, joined[-1].start, ent.end, label="ORG")
            else:
                joined.append(ent)
        if len(joined) != len(ents):
            doc.ents = filter_spans(joined)
        return doc

    return mark
