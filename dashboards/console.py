"""Cypher-console logic: example queries per dialect, results as a table, and the nodes they name."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from graph.schema import SCHEMA
from graph.store import QueryResult

LADYBUG_EXAMPLES = {
    "Count nodes by type": "MATCH (n) RETURN label(n) AS type, count(*) AS n ORDER BY n DESC",
    "Who sent which document, when": "MATCH (a)-[r:SENT]->(d:Report) RETURN a.name AS sender, d.name AS document, r.date_start AS date, r.sentence AS quote ORDER BY date LIMIT 50",
    "Agencies (as nodes)": "MATCH (a:Agency) RETURN a LIMIT 50",
    "Shortest connection between two agencies": "MATCH p = (a:Agency)-[* SHORTEST 1..6]-(b:Agency) WHERE a.id < b.id RETURN a.name, b.name, length(p) AS hops LIMIT 20",
    "Low-confidence claims": "MATCH (a)-[r]->(b) WHERE r.confidence < 0.6 RETURN label(r) AS type, a.name, b.name, r.confidence, r.sentence LIMIT 50",
}
NEO4J_EXAMPLES = {
    "Count nodes by type": "MATCH (n) RETURN labels(n)[0] AS type, count(*) AS n ORDER BY n DESC",
    "Who sent which document, when": "MATCH (a)-[r:SENT]->(d:Report) RETURN a.name AS sender, d.name AS document, r.date_start AS date, r.sentence AS quote ORDER BY date LIMIT 50",
    "Agencies (as nodes)": "MATCH (a:Agency) RETURN a LIMIT 50",
    "Shortest connection between two agencies": "MATCH (a:Agency), (b:Agency) WHERE a.id < b.id MATCH p = shortestPath((a)-[*..6]-(b)) RETURN a.name, b.name, length(p) AS hops LIMIT 20",
    "Low-confidence claims": "MATCH (a)-[r]->(b) WHERE r.confidence < 0.6 RETURN type(r) AS type, a.name, b.name, r.confidence, r.sentence LIMIT 50",
}


def examples(dialect: str) -> dict[str, str]:
    return NEO4J_EXAMPLES if dialect.lower().startswith("neo4j") else LADYBUG_EXAMPLES


def _node_id(value: Any) -> str | None:
    """The kflow id of a node-like value (a record dict or a driver node), else None."""
    candidate = None
    if isinstance(value, dict) or hasattr(value, "get") and hasattr(value, "labels"):
        candidate = value.get("id")
    if (
        isinstance(candidate, str)
        and SCHEMA.label_of(candidate)
        and "_SRC" not in (value if isinstance(value, dict) else {})
    ):
        return candidate
    return None


def node_ids(result: QueryResult) -> list[str]:
    """Ids of the nodes a result returns (whole nodes, or nodes inside lists and paths), first-seen order."""
    found: dict[str, None] = {}

    def visit(value: Any) -> None:
        node = _node_id(value)
        if node:
            found.setdefault(node)
        elif isinstance(value, (list, tuple)):
            for item in value:
                visit(item)
        elif isinstance(value, dict):
            for item in value.values():
                if isinstance(item, (list, dict)):
                    visit(item)

    for row in result.rows:
        for cell in row:
            visit(cell)
    return list(found)


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        value = {k: v for k, v in value.items() if k not in ("keys", "text", "_ID")}
    return json.dumps(value, default=str, ensure_ascii=False)


def table(result: QueryResult) -> pd.DataFrame:
    """The result as a table; nodes, relationships and lists become JSON text (keys shown once)."""
    columns = [c if result.columns.count(c) == 1 else f"{c} ({i})" for i, c in enumerate(result.columns)]
    return pd.DataFrame([[_cell(v) for v in row] for row in result.rows], columns=columns)
