"""Refuse Cypher that could write before it reaches a backend (defence in depth with read-only sessions).

Besides write clauses, `CALL` is allowed only for subqueries and a short list of read-only
procedures: an unknown procedure may write (`db.createLabel`, `apoc.*`), change a server setting
(`dbms.setConfigValue`) or, on LadybugDB, lift the console's own time limit (`CALL timeout=0`),
none of which a read-only transaction stops. The console's time limit is `query_timeout_seconds()`.
"""

from __future__ import annotations

import os
import re

from graph.store import ReadOnlyQueryError

_STRINGS_AND_COMMENTS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.DOTALL)
_WRITE_WORDS = re.compile(
    r"\b(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|ALTER|COPY|IMPORT|EXPORT|INSTALL|LOAD|ATTACH|DETACH|USE|"
    r"BEGIN|COMMIT|ROLLBACK|CHECKPOINT|FOREACH|GRANT|REVOKE|DENY|START|STOP|TERMINATE)\b",
    re.IGNORECASE,
)


# Lower-case names; Neo4j 5 and LadybugDB procedures that only read the schema or the server's identity.
READ_PROCEDURES = frozenset({
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.info", "db.ping", "dbms.components",
    "db.schema.visualization", "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
    "db.index.fulltext.querynodes", "db.index.fulltext.queryrelationships",
    "show_tables", "table_info", "show_connection", "db_version", "show_functions", "current_setting",
})
_CALL = re.compile(r"\bCALL\b\s*(\{|\([^()]*\)\s*\{|[A-Za-z_][\w.]*\s*=?|)", re.IGNORECASE)
QUERY_TIMEOUT_S = 30


def query_timeout_seconds() -> float:
    """The console's per-query limit: env `KFLOW_QUERY_TIMEOUT` seconds (default 30); ValueError if malformed."""
    raw = os.environ.get("KFLOW_QUERY_TIMEOUT", "").strip()
    if not raw:
        return QUERY_TIMEOUT_S
    try:
        seconds = float(raw)
    except ValueError:
        raise ValueError(f"KFLOW_QUERY_TIMEOUT={raw!r} is not a number of seconds") from None
    if not seconds > 0:
        raise ValueError(f"KFLOW_QUERY_TIMEOUT={raw!r} must be positive")
    return seconds


def timeout_message(seconds: float) -> str:
    return (f"query cancelled: it ran longer than the {seconds:g}-second limit (KFLOW_QUERY_TIMEOUT); "
            "narrow it (a LIMIT, a label, fewer hops) or raise the limit")


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
    for call in _CALL.finditer(code):
        _check_call(call.group(1).strip())


def _check_call(target: str) -> None:
    if target.endswith("{"):
        return  # a subquery: its clauses were checked with the rest of the query
    if target.endswith("="):
        raise ReadOnlyQueryError(f"refused: the console is read-only and `CALL {target.rstrip('= ')}=...` changes a setting")
    if target.lower() not in READ_PROCEDURES:
        shown = target or "(a quoted name)"
        raise ReadOnlyQueryError(
            f"refused: the console is read-only and {shown} is not a read-only procedure it may call "
            f"(allowed: {', '.join(sorted(READ_PROCEDURES))})"
        )
