"""Highlighted windows of a document's text around the places a query matched.

Shaped in Python from the stored text of the few hits shown (not a search: the engine already chose
the documents), so both backends give the same snippets with offsets a viewer can open at.
"""

from __future__ import annotations

import re

from graph.search.base import Snippet

_SPACES = re.compile(r"\s+")
CONTEXT_CHARS = 90
MAX_SNIPPETS = 3


def snippets(text: str, pattern: re.Pattern[str], limit: int = MAX_SNIPPETS) -> list[Snippet]:
    """Up to `limit` windows, each from CONTEXT_CHARS before a match to CONTEXT_CHARS after it,
    merged matches inside one window all marked; empty when the text does not contain a match
    (e.g. the match was in the title)."""
    found = []
    matches = list(pattern.finditer(text))
    used, shown_to = 0, 0
    while used < len(matches) and len(found) < limit:
        first = matches[used]
        lo = max(shown_to, first.start() - CONTEXT_CHARS)
        if lo > shown_to:  # start at a word, not inside one
            space = text.find(" ", lo, first.start())
            lo = space + 1 if space >= 0 else lo
        hi = min(len(text), first.end() + CONTEXT_CHARS)
        parts: list[tuple[str, bool]] = [("…" if lo else "", False)]
        cursor = lo
        while used < len(matches) and matches[used].start() < hi:
            m = matches[used]
            parts += [(text[cursor : m.start()], False), (m.group(0), True)]
            cursor, hi = m.end(), max(hi, m.end())
            used += 1
        if hi < len(text):  # end at a word, not inside one
            space = text.rfind(" ", cursor, hi)
            hi = space if space >= 0 else hi
        parts.append((text[cursor:hi] + ("…" if hi < len(text) else ""), False))
        found.append(Snippet(_flat(parts), first.start(), first.end()))
        shown_to = hi
    return found


def _flat(parts: list[tuple[str, bool]]) -> tuple[tuple[str, bool], ...]:
    """Whitespace runs (line breaks) shown as one space; empty plain parts dropped."""
    return tuple((_SPACES.sub(" ", text), hit) for text, hit in parts if text or hit)
