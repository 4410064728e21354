"""One console query for both backends: the common functions in either spelling, and a clear
message for what only one backend has.

Why: Cypher written for Neo4j (`type(r)`, `toInteger(x)`) failed on the embedded store with
"function TYPE does not exist", and LadybugDB's spelling (`label(r)`) failed on Neo4j. The
rewrite is by name only, outside string literals and backquoted names; what cannot be renamed
(shortest paths, `WHERE n:Label`, `startNode`) is refused before the query runs, saying what to
write instead. The table of differences is in docs/neo4j.md.
"""

from __future__ import annotations

import re

from graph.store import StoreError

EMBEDDED = "embedded"
NEO4J = "neo4j"

# Neo4j name -> LadybugDB name: same meaning, different spelling.
_TO_EMBEDDED = {
    "type": "label",
    "tointeger": "to_int64",
    "tofloat": "to_double",
    "tostring": "to_string",
    "split": "string_split",
    "elementid": "id",
}
_TO_NEO4J = {
    "to_int64": "toInteger",
    "to_double": "toFloat",
    "to_string": "toString",
    "string_split": "split",
}

# Constructs one backend lacks: (pattern, which backend lacks it, what to write there instead).
_ONLY_ONE_BACKEND = [
    (
        re.compile(r"\b(all)?shortestpath\s*\(", re.I),
        EMBEDDED,
        "shortestPath() is Neo4j Cypher; on the embedded store write MATCH p = (a)-[* SHORTEST 1..6]-(b)",
    ),
    (
        re.compile(r"\b(startnode|endnode)\s*\(", re.I),
        EMBEDDED,
        "startNode()/endNode() are Neo4j Cypher; on the embedded store name the ends in the pattern: (a)-[r]->(b)",
    ),
    (
        re.compile(r"\bwhere\s+(not\s+)?\w+\s*:\s*\w+", re.I),
        EMBEDDED,
        "a label test in WHERE (n:Label) is Neo4j Cypher; on the embedded store write label(n) = 'Label'",
    ),
    (
        re.compile(r"\*\s*(all\s+)?shortest\b", re.I),
        NEO4J,
        "-[* SHORTEST 1..6]- is LadybugDB Cypher; on Neo4j write MATCH p = shortestPath((a)-[*..6]-(b))",
    ),
]

_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`")
_CALL = re.compile(r"\b([A-Za-z_][A-Za-z0-9_]*)(\s*\()")
_RELATIONSHIP_VARIABLE = re.compile(r"\[\s*([A-Za-z_][A-Za-z0-9_]*)")


def for_backend(cypher: str, backend: str) -> str:
    """`cypher` with the other backend's function names renamed; StoreError for a construct
    `backend` lacks (read-only checks still apply to the result)."""
    code = _LITERAL.sub(lambda m: " " * len(m.group()), cypher)  # literals blanked for matching only
    for pattern, lacking, advice in _ONLY_ONE_BACKEND:
        if lacking == backend and pattern.search(code):
            raise StoreError(f"backend-specific Cypher: {advice} (docs/neo4j.md lists the differences)")
    relationships = set(_RELATIONSHIP_VARIABLE.findall(code))
    pieces, last = [], 0
    for literal in [*_LITERAL.finditer(cypher), None]:
        end = literal.start() if literal else len(cypher)
        pieces.append(_rename(cypher[last:end], backend, relationships))
        if literal:
            pieces.append(literal.group())
            last = literal.end()
    return "".join(pieces)


_LABEL_CALL = re.compile(r"\blabel\s*\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)", re.I)


def _rename(code: str, backend: str, relationships: set[str]) -> str:
    """Rename the calls in a stretch of code outside literals."""
    if backend == EMBEDDED:
        return _CALL.sub(lambda m: _TO_EMBEDDED.get(m.group(1).lower(), m.group(1)) + m.group(2), code)
    code = _LABEL_CALL.sub(  # LadybugDB's label() is a node's one label or a relationship's type
        lambda m: f"type({m.group(1)})" if m.group(1) in relationships else f"labels({m.group(1)})[0]", code
    )
    return _CALL.sub(lambda m: _TO_NEO4J.get(m.group(1).lower(), m.group(1)) + m.group(2), code)
