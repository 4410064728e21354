"""A date written once after coordinated verbs dates each of them: "X wrote to Y and warned Z in May 2014".

`relations.dates_for` keeps a date inside its own clause, and the parser hangs a trailing date on the
last verb of a coordination, so the first verb's claims ("X wrote to Y") went undated. When two verbs
share one subject (the later one has no subject of its own) and the date comes after both, it closes
the whole coordination: the earlier verb borrows it. A verb with its own date keeps that one.
"""

from __future__ import annotations

from spacy.tokens import Token

from loaders.dates import DateValue
from loaders.extract import relations

_SUBJECTS = {"nsubj", "nsubjpass"}
_VERBS = {"VERB", "AUX"}


def coordinated_verb_date(
    verb: Token, date_spans: list[tuple[int, int, DateValue]], exclude: set[int]
) -> DateValue | None:
    """The date of a later verb coordinated with `verb` under one subject, written after both, else None."""
    for other in verb.conjuncts:
        if other.i < verb.i or other.pos_ not in _VERBS:
            continue
        if any(c.dep_ in _SUBJECTS for c in other.children):
            continue  # "X wrote to Y, and Z replied in May": another subject's clause
        trailing = [d for d in date_spans if d[0] > other.i and d[0] not in exclude]
        date = relations.dates_for(other, trailing, exclude)
        if date is not None:
            return date
    return None
