"""The embedded default store on LadybugDB: an on-disk graph in one directory, no server.

Writes go through `COPY ... FROM` Arrow tables inside one explicit transaction per batch, so a
batch lands whole or not at all. Ladybug's COPY aborts the process on a duplicate primary key,
so every id is checked against an in-memory index of stored ids before a COPY is issued; only
one read-write process may hold the directory, which keeps that index truthful.
"""

from __future__ import annotations

import os
from collections import defaultdict
from operator import attrgetter
from pathlib import Path
from typing import Any, Iterator

import ladybug
import pyarrow as pa

from graph.cypher_guard import ensure_read_only, query_timeout_seconds, timeout_message
from graph.model import Batch, Claim, ModelError, Node
from graph.names import name_key
from graph.schema import SCHEMA
from graph.store import (
    Counts,
    QueryResult,
    ReadOnlyQueryError,
    RemovalResult,
    StoreError,
    Subgraph,
    UpsertResult,
)

DEFAULT_PATH = "./kflow-data"
CHECKPOINT_BYTES = 256 * 1024 * 1024  # fold the WAL into the main file every 256 MB, not after each bulk batch
_LADYBUG_TYPES = {"string": "STRING", "date": "STRING", "bool": "BOOLEAN", "int": "INT64", "float": "DOUBLE", "strings": "STRING[]"}
_ARROW_TYPES = {"string": pa.string(), "date": pa.string(), "bool": pa.bool_(), "int": pa.int64(), "float": pa.float64(), "strings": pa.list_(pa.string())}
_CLAIM_COLUMNS = [name for name in SCHEMA.claim_properties]
DEFAULT_NEIGHBOURHOOD_TYPES = [t for t in SCHEMA.edges if t != "MENTIONS"]


def _node_columns(label: str) -> dict[str, str]:
    return SCHEMA.nodes[label].all_properties


def _schema_statements() -> list[str]:
    statements = []
    for label in SCHEMA.nodes:
        cols = ", ".join(f"{name} {_LADYBUG_TYPES[kind]}" for name, kind in _node_columns(label).items())
        statements.append(f"CREATE NODE TABLE IF NOT EXISTS {label}({cols}, PRIMARY KEY(id))")
    claim_cols = ", ".join(f"{name} {_LADYBUG_TYPES[kind]}" for name, kind in SCHEMA.claim_properties.items())
    for edge in SCHEMA.edges:
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in SCHEMA.edge_pairs(edge))
        statements.append(f"CREATE REL TABLE IF NOT EXISTS {edge}({pairs}, {claim_cols})")
    return statements


def node_from_record(record: dict[str, Any]) -> Node:
    """A Node from a backend record (a dict of the node's stored properties plus its label)."""
    label = record.get("_LABEL") or record["label"]
    own = SCHEMA.nodes[label].properties
    props = {k: record[k] for k in own if record.get(k) is not None}
    return Node(record["id"], label, record["name"], list(record.get("aliases") or []), props)


def claim_from_record(record: dict[str, Any], edge_type: str, from_id: str, to_id: str) -> Claim:
    values = {k: record.get(k) for k in _CLAIM_COLUMNS}
    return Claim(type=edge_type, from_id=from_id, to_id=to_id, **values)


def _date_filter(alias: str, since: str | None, until: str | None) -> tuple[str, dict[str, Any]]:
    """Overlap of a claim's [date_start, date_end] with [since, until]; undated claims drop out."""
    clauses, params = [], {}
    if since:
        clauses.append(f"{alias}.date_end >= $since")
        params["since"] = since
    if until:
        clauses.append(f"{alias}.date_start <= $until")
        params["until"] = until
    return " AND ".join(clauses), params


class EmbeddedStore:
    """GraphStore on a LadybugDB directory (default `./kflow-data`)."""

    dialect = "LadybugDB Cypher (Kùzu dialect: typed tables, label(r), -[* SHORTEST 1..6]-)"

    def __init__(
        self,
        path: str | os.PathLike = DEFAULT_PATH,
        read_only: bool = False,
        query_timeout_ms: int = 30_000,
        cache_mb: int | None = None,
    ):
        """`cache_mb` caps LadybugDB's page cache (default: its own share of RAM); a streaming
        reader such as the RDF export sets it so its memory stays flat in the size of the graph."""
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not (self.path / "graph.lbdb").exists():
            raise StoreError(f"no kflow store at {self.path}; load documents first (`kflow load PATH`)")
        self.path.mkdir(parents=True, exist_ok=True)
        try:
            self._db = ladybug.Database(
                str(self.path / "graph.lbdb"),
                read_only=read_only,
                checkpoint_threshold=CHECKPOINT_BYTES,
                buffer_pool_size=(cache_mb or 0) * 1024 * 1024,
            )
        except RuntimeError as error:
            raise StoreError(_explain_open_error(self.path, error)) from None
        self._conn = ladybug.Connection(self._db)
        self._timeout_ms = query_timeout_ms
        self._conn.set_query_timeout(query_timeout_ms)
        if not read_only:
            for statement in _schema_statements():
                self._conn.execute(statement)
        self._node_ids: dict[str, set[str]] | None = None
        self._claim_ids: set[str] | None = None

    # -- writing -----------------------------------------------------------------------------

    def upsert(self, batch: Batch) -> UpsertResult:
        self._ensure_writable()
        batch = batch.deduplicated()
        node_ids, claim_ids = self._known_ids()
        stored = _StoredIds(node_ids)
        batch.check_references(stored)
        new_nodes = [n for n in batch.nodes if n.id not in node_ids[n.label]]
        updates = self._node_updates([n for n in batch.nodes if n.id in node_ids[n.label]])
        new_claims = [c for c in batch.claims if c.id not in claim_ids]
        self._execute("BEGIN TRANSACTION")
        try:
            for label, nodes in _group(new_nodes, lambda n: n.label).items():
                self._copy(label, _node_table(label, nodes))
            for node in updates:
                self._write_node_update(node)
            for (edge_type, from_label, to_label), claims in _group_claims_by_table(new_claims).items():
                self._copy(edge_type, _claim_table(claims), f"(from='{from_label}', to='{to_label}')")
            self._execute("COMMIT")
        except BaseException:
            self._execute("ROLLBACK")
            raise
        for node in new_nodes:
            node_ids[node.label].add(node.id)
        claim_ids.update(c.id for c in new_claims)
        return UpsertResult(len(new_nodes), len(updates), len(new_claims), len(batch.claims) - len(new_claims))

    def _node_updates(self, sightings: list[Node]) -> list[Node]:
        """Stored nodes that a new sighting changes (new aliases or newly known properties)."""
        stored = {n.id: n for n in self._get_nodes([n.id for n in sightings])}
        changed = []
        for node in sightings:
            merged = stored[node.id].merged_with(node)
            if merged.aliases != stored[node.id].aliases or merged.props != stored[node.id].props:
                changed.append(merged)
        return changed

    def _write_node_update(self, node: Node) -> None:
        props = {"aliases": node.aliases, "keys": node.keys, **node.props}
        assignments = ", ".join(f"n.{k} = ${k}" for k in props)
        self._execute(f"MATCH (n:{node.label}) WHERE n.id = $id SET {assignments}", {"id": node.id, **props})

    def remove_source(self, source_id: str) -> RemovalResult:
        self._ensure_writable()
        if not self.has_source(source_id):
            raise StoreError(f"no source {source_id!r} in the store")
        self._execute("BEGIN TRANSACTION")
        try:
            claims = self._scalar("MATCH ()-[r]->() WHERE r.source_id = $s RETURN count(r)", {"s": source_id})
            touched = [row[0] for row in self._rows(
                "MATCH (a)-[r]->(b) WHERE r.source_id = $s RETURN DISTINCT b.id UNION "
                "MATCH (a)-[r]->(b) WHERE r.source_id = $s RETURN DISTINCT a.id", {"s": source_id})]
            self._execute("MATCH ()-[r]->() WHERE r.source_id = $s DELETE r", {"s": source_id})
            orphans = [row[0] for row in self._rows(
                "MATCH (n) WHERE n.id IN $ids AND NOT EXISTS { MATCH (n)-[]-() } RETURN n.id", {"ids": touched})]
            orphans = [i for i in orphans if i != source_id]
            self._execute("MATCH (n) WHERE n.id IN $ids DELETE n", {"ids": orphans + [source_id]})
            self._execute("COMMIT")
        except BaseException:
            self._execute("ROLLBACK")
            raise
        self._node_ids = self._claim_ids = None
        return RemovalResult(source_id, claims, len(orphans))

    # -- reading -----------------------------------------------------------------------------

    def get_node(self, node_id: str) -> Node | None:
        found = self._get_nodes([node_id])
        return found[0] if found else None

    def _get_nodes(self, ids: list[str]) -> list[Node]:
        nodes = []
        for label, group in _group(ids, SCHEMA.label_of).items():
            if label is None:
                continue
            for (record,) in self._rows(f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n", {"ids": group}):
                nodes.append(node_from_record(record))
        return nodes

    def find_nodes(self, name: str, label: str | None = None, limit: int = 20) -> list[Node]:
        key = name_key(name)
        if not key:
            return []
        pattern = f"(n:{label})" if label else "(n)"
        if label and label not in SCHEMA.nodes:
            raise ModelError("label", f"unknown node type {label!r}")
        exact = self._rows(f"MATCH {pattern} WHERE list_contains(n.keys, $k) RETURN n LIMIT $limit", {"k": key, "limit": limit})
        if exact:
            return [node_from_record(r[0]) for r in exact]
        partial = self._rows(
            f"WITH $k AS k MATCH {pattern} WHERE any(x IN n.keys WHERE x CONTAINS k) RETURN n ORDER BY size(n.name), n.id LIMIT $limit",
            {"k": key, "limit": limit},
        )
        return [node_from_record(r[0]) for r in partial]

    def neighbourhood(self, node_ids, hops=1, since=None, until=None, edge_types=None, max_nodes=5000) -> Subgraph:
        sub = Subgraph()
        sub.nodes.update({n.id: n for n in self._get_nodes(list(node_ids))})
        frontier = set(sub.nodes)
        types = edge_types or DEFAULT_NEIGHBOURHOOD_TYPES
        for _ in range(max(hops, 0)):
            if not frontier or len(sub.nodes) >= max_nodes:
                break
            found = self._claims_touching(sorted(frontier), types, since, until)
            new_ids = set()
            for claim in found:
                sub.claims.setdefault(claim.id, claim)
                new_ids.update({claim.from_id, claim.to_id} - sub.nodes.keys())
            new_ids = set(sorted(new_ids)[: max(max_nodes - len(sub.nodes), 0)])
            sub.nodes.update({n.id: n for n in self._get_nodes(sorted(new_ids))})
            frontier = new_ids
        sub.claims = {k: c for k, c in sub.claims.items() if c.from_id in sub.nodes and c.to_id in sub.nodes}
        return sub

    def claims_touching(self, node_ids: list[str], edge_types: list[str] | None = None,
                        since: str | None = None, until: str | None = None) -> list[Claim]:
        """Claims with either end in `node_ids`, without fetching nodes: lets analysis expand a
        neighbourhood hop by hop and fetch only the nodes it shows (proposed protocol method)."""
        if not node_ids:
            return []
        return self._claims_touching(list(node_ids), list(edge_types or DEFAULT_NEIGHBOURHOOD_TYPES), since, until)

    def _claims_touching(self, ids: list[str], types: list[str], since, until) -> list[Claim]:
        date_where, params = _date_filter("r", since, until)
        extra = f" AND {date_where}" if date_where else ""
        return self._match_either_end(types, "$ids", extra, {"ids": ids, **params})

    def _match_either_end(self, types: list[str], ids: str, extra: str, params: dict[str, Any]) -> list[Claim]:
        """Claims with either end in `ids`, one query per end: an `OR` of the two ends makes
        Ladybug scan every relationship (seconds at 1M claims); each end alone uses the id index."""
        unknown = [t for t in types if t not in SCHEMA.edges]
        if unknown:
            raise ModelError("edge_types", f"unknown edge type(s) {', '.join(unknown)}")
        found: dict[str, Claim] = {}
        for end in ("a", "b"):
            query = f"MATCH (a)-[r:{'|'.join(types)}]->(b) WHERE {end}.id IN {ids}{extra} RETURN r, label(r), a.id, b.id"
            for record, edge_type, from_id, to_id in self._rows(query, params):
                found.setdefault(record["id"], claim_from_record(record, edge_type, from_id, to_id))
        return list(found.values())

    def claims(self, types=None, body=None, since=None, until=None, source_id=None, limit=None) -> list[Claim]:
        clauses, params = [], {}
        if source_id:
            clauses.append("r.source_id = $source_id")
            params["source_id"] = source_id
        date_where, date_params = _date_filter("r", since, until)
        if date_where:
            clauses.append(date_where)
            params.update(date_params)
        if body:
            extra = "".join(f" AND {c}" for c in clauses)
            found = self._match_either_end(types or list(SCHEMA.edges), "$body_ids", extra, {**params, "body_ids": [body]})
        else:
            found = self._match_claims(types or list(SCHEMA.edges), " AND ".join(clauses) or "true", params, limit)
        ordered = sorted(found, key=lambda c: (c.date_start or "9999", c.id))
        return ordered[:limit] if limit else ordered

    def _match_claims(self, types: list[str], where: str, params: dict[str, Any], limit: int | None = None) -> list[Claim]:
        unknown = [t for t in types if t not in SCHEMA.edges]
        if unknown:
            raise ModelError("edge_types", f"unknown edge type(s) {', '.join(unknown)}")
        claims = []
        for edge_type in types:
            # per-type top N in the same order as the final sort, so the merged top N is exact
            order = " ORDER BY coalesce(r.date_start, '9999'), r.id LIMIT $limit" if limit else ""
            query = f"MATCH (a)-[r:{edge_type}]->(b) WHERE {where} RETURN r, a.id, b.id{order}"
            for record, from_id, to_id in self._rows(query, {**params, **({"limit": limit} if limit else {})}):
                claims.append(claim_from_record(record, edge_type, from_id, to_id))
        return claims

    def counts(self) -> Counts:
        nodes = {label: self._scalar(f"MATCH (n:{label}) RETURN count(n)") for label in SCHEMA.nodes}
        claims = {edge: self._scalar(f"MATCH ()-[r:{edge}]->() RETURN count(r)") for edge in SCHEMA.edges}
        return Counts(nodes, claims)

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        ensure_read_only(cypher)
        try:
            seconds = query_timeout_seconds()
        except ValueError as error:
            raise StoreError(str(error)) from None
        self._conn.set_query_timeout(max(int(seconds * 1000), 1))
        self._execute("BEGIN TRANSACTION READ ONLY")
        try:
            result = self._conn.execute(cypher, params or {})
            columns = result.get_column_names()
            rows = result.get_all()
        except RuntimeError as error:
            message = str(error)
            if "read-only" in message:
                raise ReadOnlyQueryError(f"refused: the console is read-only ({message})") from None
            if message.startswith("Interrupted"):
                raise StoreError(timeout_message(seconds)) from None
            raise StoreError(f"query failed: {message}") from None
        finally:
            self._end_read_transaction()
            self._conn.set_query_timeout(self._timeout_ms)
        return QueryResult(columns, rows)

    def _end_read_transaction(self) -> None:
        try:
            self._execute("ROLLBACK")
        except RuntimeError as error:
            if "No active transaction" not in str(error):  # an interrupted query was rolled back already
                raise

    def has_source(self, source_id: str) -> bool:
        return bool(self._rows("MATCH (s:Source) WHERE s.id = $id RETURN s.id", {"id": source_id}))

    def sources(self) -> list[Node]:
        rows = self._rows("MATCH (s:Source) RETURN s ORDER BY s.id")
        return [node_from_record(r[0]) for r in rows]

    def iter_nodes(self, batch_size: int = 10_000) -> Iterator[list[Node]]:
        """Pages by internal row offset, like iter_claims (ORDER BY/SKIP took 156 s for 250k nodes)."""
        for label in SCHEMA.nodes:
            last = self._scalar(f"MATCH (n:{label}) RETURN max(offset(ID(n)))")
            for start in range(0, -1 if last is None else last + 1, batch_size):
                rows = self._rows(f"MATCH (n:{label}) WHERE offset(ID(n)) >= $lo AND offset(ID(n)) < $hi RETURN n", {"lo": start, "hi": start + batch_size})
                if rows:
                    yield [node_from_record(r[0]) for r in rows]

    def iter_claims(self, batch_size: int = 10_000) -> Iterator[list[Claim]]:
        """Pages by internal row offset (an `ORDER BY ... SKIP` re-sorts per page: 485 s for 1M claims)
        and without joining the node tables: ends come from the relationship's internal ids, mapped
        to node ids once, so memory stays bounded by the node count and the page size, not the
        claim count. Order is storage order, not id order."""
        node_ids = self._node_ids_by_internal_id()
        for edge_type in SCHEMA.edges:
            last = self._scalar(f"MATCH ()-[r:{edge_type}]->() RETURN max(offset(ID(r)))")
            for start in range(0, -1 if last is None else last + 1, batch_size):
                rows = self._rows(
                    f"MATCH ()-[r:{edge_type}]->() WHERE offset(ID(r)) >= $lo AND offset(ID(r)) < $hi RETURN r",
                    {"lo": start, "hi": start + batch_size},
                )
                claims = []
                for (record,) in rows:
                    source, target = record["_SRC"], record["_DST"]
                    claims.append(claim_from_record(
                        record, edge_type, node_ids[source["table"]][source["offset"]], node_ids[target["table"]][target["offset"]]
                    ))
                if claims:
                    yield claims

    def _node_ids_by_internal_id(self) -> dict[int, list[str | None]]:
        """Node ids indexed by Ladybug's internal (table, offset) ids."""
        tables = {name: table_id for table_id, name in self._rows("CALL show_tables() WHERE type = 'NODE' RETURN id, name")}
        by_table: dict[int, list[str | None]] = {}
        for label in SCHEMA.nodes:
            rows = self._rows(f"MATCH (n:{label}) RETURN offset(ID(n)), n.id")
            ids: list[str | None] = [None] * (max((r[0] for r in rows), default=-1) + 1)
            for offset, node_id in rows:
                ids[offset] = node_id
            by_table[tables[label]] = ids
        return by_table

    def close(self) -> None:
        self._conn.close()
        self._db.close()

    def __enter__(self) -> "EmbeddedStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ----------------------------------------------------------------------------

    def _known_ids(self) -> tuple[dict[str, set[str]], set[str]]:
        if self._node_ids is None or self._claim_ids is None:
            self._node_ids = {label: {r[0] for r in self._rows(f"MATCH (n:{label}) RETURN n.id")} for label in SCHEMA.nodes}
            self._claim_ids = {r[0] for r in self._rows("MATCH ()-[r]->() RETURN r.id")}
        return self._node_ids, self._claim_ids

    def _ensure_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")

    def _copy(self, table: str, data: pa.Table, options: str = "") -> None:
        self._conn.execute(f"COPY {table} FROM $data {options}".strip(), {"data": data})

    def _execute(self, cypher: str, params: dict[str, Any] | None = None) -> None:
        self._conn.execute(cypher, params or {})

    def _rows(self, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        return self._conn.execute(cypher, params or {}).get_all()

    def _scalar(self, cypher: str, params: dict[str, Any] | None = None) -> Any:
        return self._rows(cypher, params)[0][0]


class _StoredIds:
    """Membership over the per-label id sets without copying them into one set per batch."""

    def __init__(self, by_label: dict[str, set[str]]):
        self._by_label = by_label

    def __contains__(self, node_id: object) -> bool:
        label = SCHEMA.label_of(node_id) if isinstance(node_id, str) else None
        return label is not None and node_id in self._by_label[label]


def _explain_open_error(path: Path, error: RuntimeError) -> str:
    message = " ".join(str(error).split())  # one line: Ladybug appends a docs link on a line of its own
    if "lock" in message.lower():
        return f"the store at {path} is in use by another kflow process ({message}); wait for it to finish or use another --store"
    return f"cannot open the store at {path}: {message}"


def _group(items, key) -> dict[Any, list]:
    groups: dict[Any, list] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return groups


def _group_claims_by_table(claims: list[Claim]) -> dict[tuple[str, str, str], list[Claim]]:
    """Claims grouped by (edge type, from label, to label): one COPY per relationship table pair."""
    labels = SCHEMA.labels_by_prefix
    groups: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        groups[(c.type, labels[c.from_id.partition(":")[0]], labels[c.to_id.partition(":")[0]])].append(c)
    return groups


def _node_table(label: str, nodes: list[Node]) -> pa.Table:
    columns = _node_columns(label)
    data: dict[str, list] = {
        "id": [n.id for n in nodes],
        "name": [n.name for n in nodes],
        "aliases": [n.aliases for n in nodes],
        "keys": [n.keys for n in nodes],
    }
    for name in columns:
        if name not in data:
            data[name] = [n.props.get(name) for n in nodes]
    return pa.table({name: pa.array(data[name], type=_ARROW_TYPES[kind]) for name, kind in columns.items()})


_CLAIM_ARROW_TYPES = {"from": pa.string(), "to": pa.string(), **{n: _ARROW_TYPES[t] for n, t in SCHEMA.claim_properties.items()}}


def _claim_table(claims: list[Claim]) -> pa.Table:
    columns = {"from": "from_id", "to": "to_id", **{name: name for name in _CLAIM_COLUMNS}}
    return pa.table({column: _arrow_column(claims, attribute, _CLAIM_ARROW_TYPES[column]) for column, attribute in columns.items()})


def _arrow_column(items: list, attribute: str, arrow_type: pa.DataType) -> pa.Array:
    """One column straight from the objects' attributes; an all-empty column costs nothing."""
    values = list(map(attrgetter(attribute), items))
    if values.count(None) == len(values):
        return pa.nulls(len(values), arrow_type)
    return pa.array(values, type=arrow_type)