"""Refuse Cypher that could write before it reaches a backend (defence in depth with read-only sessions)."""

from __future__ import annotations

import re

from graph.store import ReadOnlyQueryError

_STRINGS_AND_COMMENTS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.DOTALL)
_WRITE_WORDS = re.compile(
    r"\b(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|ALTER|COPY|IMPORT|EXPORT|INSTALL|LOAD|ATTACH|DETACH|USE|"
    r"BEGIN|COMMIT|ROLLBACK|CHECKPOINT|FOREACH|GRANT|REVOKE|DENY|START|STOP|TERMINATE)\b",
    re.IGNORECASE,
)


def strip_literals(cypher: str) -> str:
    """The query with string literals, quoted names and comments blanked, so keywords inside them don't count."""
    return _STRINGS_AND_COMMENTS.sub(" ", cypher)


def ensure_read_only(cypher: str) -> None:
    """Raise ReadOnlyQueryError when a query has several statements or any write/admin clause."""
    code = strip_literals(cypher).strip().rstrip(";")
    if not code.strip():
        raise ReadOnlyQueryError("the query is empty")
    if ";" in code:
        raise ReadOnlyQueryError("only one statement per query is allowed in the read-only console")
    match = _WRITE_WORDS.search(code)
    if match:
        raise ReadOnlyQueryError(
            f"refused: the console is read-only and this query uses {match.group(1).upper()}; "
            "load or remove data with `kflow load` / `kflow remove` instead"
        )
