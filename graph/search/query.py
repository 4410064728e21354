"""The one query syntax users type, translated for each engine.

Users type words, "quoted phrases" and word* prefixes; every part must match (AND). Each engine
has its own syntax with its own special characters (FTS5's NEAR/AND/column:, Lucene's + - && || ! ( ) ~ ^),
so a query is parsed here into parts and each part is quoted for the engine: no user input can
be read as engine syntax, and the same query means the same on both backends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.search.base import SearchError

_PART = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"[^\W_]+")  # letters and digits: FTS5's unicode61 splits at "_" too
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
MAX_PARTS = 32
MIN_PREFIX = 2  # the index keeps 2- and 3-letter prefixes; one letter would scan nearly every document


@dataclass(frozen=True)
class Part:
    """Words that must appear together in this order; `prefix`: the last one may continue."""

    words: tuple[str, ...]
    prefix: bool = False


def parse(query: str) -> list[Part]:
    """Parts of a user query. Punctuation inside words separates them (as both engines' tokenizers
    do), so `Smith's` is the phrase `Smith s`. Raises SearchError for a query with no words."""
    parts = []
    for phrase, bare in _PART.findall(query or ""):
        text = phrase if phrase else bare
        words = tuple(w.lower() for w in _WORD.findall(text))
        prefix = not phrase and text.endswith("*")
        if prefix and len(words[-1:][0] if words else "") < MIN_PREFIX:
            raise SearchError(f"a prefix needs at least {MIN_PREFIX} letters before the *: {text!r}")
        if words:
            parts.append(Part(words, prefix=prefix))
    if not parts:
        raise SearchError(f"nothing to search for in {query!r}: type one or more words")
    if len(parts) > MAX_PARTS:
        raise SearchError(f"the query has {len(parts)} parts; at most {MAX_PARTS} are searched at once")
    return parts


def fts5_match(parts: list[Part]) -> str:
    """An FTS5 MATCH string: each part a quoted phrase (implicit AND), `*` after a prefix."""
    return " ".join('"' + " ".join(p.words) + '"' + ("*" if p.prefix else "") for p in parts)


def lucene_query(parts: list[Part]) -> str:
    """A Lucene query for Neo4j's full-text index: each part required, specials escaped."""
    out = []
    for p in parts:
        words = [_LUCENE_SPECIAL.sub(r"\\\1", w) for w in p.words]
        if p.prefix and len(words) == 1:
            out.append(f"+{words[0]}*")
        elif len(words) == 1:
            out.append(f"+{words[0]}")
        else:
            out.append('+"' + " ".join(words) + '"')
    return " ".join(out)


def highlight_pattern(parts: list[Part]) -> re.Pattern[str]:
    """A regex finding each part in text the way the engines' tokenizers match it (case-insensitive,
    whole words, words of a phrase separated by non-word characters)."""
    alternatives = []
    for p in sorted(parts, key=lambda p: -len(p.words)):
        body = r"[\W_]+".join(re.escape(w) for w in p.words)
        alternatives.append(r"(?<![^\W_])" + body + (r"[^\W_]*" if p.prefix else r"(?![^\W_])"))
    return re.compile("|".join(alternatives), re.IGNORECASE)
