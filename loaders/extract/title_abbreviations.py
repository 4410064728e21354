"""Keeps "my right hon. Friend", "the Rt. Hon. Ann Lee" and "Sen. Lee" inside one sentence.

The tokenizer splits "hon." into "hon" and ".", and the parser reads that full stop as a sentence
end: Hansard's "My right hon. Friend the Home Secretary presented the report" became "My right hon."
and "Friend the Home Secretary presented the report", and the claim cited half a sentence. Marking
the next word as no sentence start before the parser does not hold (the parser's tree overrides it),
so the parser reads the full stop of a title abbreviation (`title_abbreviations` in the lexicon) as a
space. The text keeps its length, so every offset still indexes the document and claims cite the
sentence as written. A title abbreviation followed by a word on the same line never ends a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from loaders.extract.lexicon import LEX


@lru_cache(maxsize=1)
def _title_stop() -> re.Pattern:
    words = "|".join(
        sorted((re.escape(w) for w in LEX.title_abbreviations | LEX.name_abbreviations), key=len, reverse=True)
    )
    return re.compile(rf"\b(?i:{words})(\.)(?=[ \t]+[\w(])")


def blank_title_stops(text: str) -> str:
    """`text` with the full stop of each title abbreviation before a word turned into a space (same length)."""
    if "." not in text:
        return text
    return _title_stop().sub(lambda m: m.group(0)[:-1] + " ", text)
