"""The Neo4j backend: the GraphStore protocol over the official driver (Bolt), for a team server.

Each `upsert` is one managed write transaction (the driver retries transient failures), made of
batched `UNWIND $rows ... MERGE` statements, so a batch lands whole or not at all. The price of
that guarantee is that one upsert must fit in the server's transaction memory
(`dbms.memory.transaction.total.max`): loaders upsert per document, and bulk callers (`kflow
sync`, the benchmark) send batches of tens of thousands of claims; a batch too big for the server
fails with a StoreError and leaves nothing behind. Labels and relationship types come only from
the schema; every value travels as a query parameter.

A node sighting is merged with the stored node (aliases united, missing properties filled) in
Python, from the node as read inside the same transaction. Claims are safe under concurrent
writers (MERGE on the claim id, unique by constraint); two writers merging new aliases into the
same node at the same moment can lose one writer's aliases (read committed isolation).
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import pyarrow as pa
from neo4j import READ_ACCESS, GraphDatabase, ManagedTransaction
from neo4j import graph as neo4j_graph
from neo4j.exceptions import ClientError, DriverError, Neo4jError, TransientError

from graph import confidence_page
from graph.aliases import surviving_aliases
from graph.arrow_tables import batch_from_columns
from graph.correction_record import CORRECTION_COLUMNS
from graph.corrections import restamp
from graph.cypher_dialect import NEO4J, for_backend
from graph.cypher_guard import ensure_read_only, query_timeout_seconds, timeout_message
from graph.model import Batch, Claim, ClaimLink, ModelError, Node
from graph.names import name_key
from graph.neo4j_connect import Connection, explain, parse_spec
from graph.neo4j_values import (
    CLAIM_DATE_PROPERTIES,
    from_neo4j_date,
    node_date_properties,
    to_neo4j_date,
    with_native_dates,
    with_string_dates,
)
from graph.records import RECORD_COLUMNS, RECORD_LABEL
from graph.schema import SCHEMA
from graph.store import Counts, QueryResult, ReadOnlyQueryError, RemovalResult, StoreError, Subgraph, UpsertResult

CLIENT_DEADLINE_GRACE_S = 2  # past KFLOW_QUERY_TIMEOUT, so the server's own timeout can answer first

DEFAULT_BATCH_SIZE = 10_000
DEFAULT_NEIGHBOURHOOD_TYPES = list(SCHEMA.analysed_types)
_CLAIM_PROPERTIES = list(SCHEMA.claim_properties)
_CLAIM_RETURN = "r {.*} AS r, type(r) AS type, startNode(r).id AS a, endNode(r).id AS b"
T = TypeVar("T")
SOURCE_TEXT_INDEX = "kflow_source_text"

# The driver logs each transaction retry as a warning; without this an unconfigured program (the CLI)
# would print them through logging's last-resort handler. Applications that configure logging still see them.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


NAMES_INDEX = "kflow_names"  # full-text over every node's name and aliases (docs/neo4j.md)


def schema_statements() -> dict[str, str]:
    """By name, every constraint and index kflow keeps (the one place they are declared, docs/neo4j.md):
    uniqueness of `id` for every label and claim type, a range index on each label's `name`, the
    full-text index `kflow_names` on name and aliases, and an index on each claim type's source."""
    statements = {
        f"kflow_{label}_id": f"CREATE CONSTRAINT kflow_{label}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in SCHEMA.nodes
    }
    for label in SCHEMA.nodes:
        statements[f"kflow_{label}_name"] = f"CREATE INDEX kflow_{label}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)"
    statements[NAMES_INDEX] = (
        f"CREATE FULLTEXT INDEX {NAMES_INDEX} IF NOT EXISTS FOR (n:{'|'.join(SCHEMA.nodes)}) ON EACH [n.name, n.aliases]"
    )
    for edge in SCHEMA.edges:
        statements[f"kflow_{edge}_id"] = (
            f"CREATE CONSTRAINT kflow_{edge}_id IF NOT EXISTS FOR ()-[r:{edge}]-() REQUIRE r.id IS UNIQUE"
        )
        statements[f"kflow_{edge}_source"] = (
            f"CREATE INDEX kflow_{edge}_source IF NOT EXISTS FOR ()-[r:{edge}]-() ON (r.source_id)"
        )
    statements[SOURCE_TEXT_INDEX] = (  # full-text search over documents (graph/search/neo4j_search.py)
        f"CREATE FULLTEXT INDEX {SOURCE_TEXT_INDEX} IF NOT EXISTS FOR (s:Source) ON EACH [s.title, s.text] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}"  # accents folded, as in FTS5
    )
    statements["kflow_Correction_id"] = (
        "CREATE CONSTRAINT kflow_Correction_id IF NOT EXISTS FOR (k:Correction) REQUIRE k.id IS UNIQUE"
    )
    statements[f"kflow_{RECORD_LABEL}_id"] = (
        f"CREATE CONSTRAINT kflow_{RECORD_LABEL}_id IF NOT EXISTS FOR (k:{RECORD_LABEL}) REQUIRE k.id IS UNIQUE"
    )
    return statements


def node_from_record(props: dict[str, Any], label: str) -> Node:
    """A Node from stored properties; a value kflow cannot read is one StoreError naming the node."""
    owner = f"{label} node {props.get('id')!r}"
    own = with_string_dates(
        {k: props[k] for k in SCHEMA.nodes[label].properties if props.get(k) is not None},
        node_date_properties(label),
        owner,
    )
    try:
        return Node(props["id"], label, props["name"], list(props.get("aliases") or []), own)
    except (ModelError, KeyError, TypeError) as error:
        raise StoreError(f"{owner} cannot be read: {error}") from None


def claim_from_record(record: Any) -> Claim:
    """A Claim from a stored relationship; a value kflow cannot read is one StoreError naming the claim."""
    owner = f"{record['type']} claim {record['r'].get('id')!r}"
    props = with_string_dates({k: record["r"].get(k) for k in _CLAIM_PROPERTIES}, CLAIM_DATE_PROPERTIES, owner)
    try:
        return Claim(type=record["type"], from_id=record["a"], to_id=record["b"], **props)
    except (ModelError, TypeError) as error:
        raise StoreError(f"{owner} cannot be read: {error}") from None


class Neo4jStore:
    """GraphStore on a Neo4j 5 server; `from_uri("bolt://localhost:7687?database=kflow")`."""

    dialect = "Neo4j Cypher (Neo4j 5: labels(n), type(r), shortestPath(), read-only console)"

    def __init__(self, connection: Connection, read_only: bool = False, batch_size: int = DEFAULT_BATCH_SIZE):
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.connection = connection
        self.read_only = read_only
        self.batch_size = batch_size
        self._driver = GraphDatabase.driver(
            connection.uri,
            auth=connection.auth,
            user_agent="kflow",
            connection_timeout=10.0,
            notifications_min_severity="OFF",
        )
        try:
            with self._errors():
                self._driver.verify_connectivity()  # fails at once (no transaction retries) when down or refused
            self._read(lambda tx: tx.run("RETURN 1").consume())  # and the database exists
            if not read_only:
                self._ensure_schema()
        except StoreError:
            self._driver.close()
            raise

    @classmethod
    def from_uri(cls, uri: str, read_only: bool = False, batch_size: int = DEFAULT_BATCH_SIZE) -> Neo4jStore:
        """Connect to the server a store spec names (see `graph.neo4j_connect.parse_spec`)."""
        try:
            connection = parse_spec(uri)
        except ValueError as error:
            raise StoreError(str(error)) from None
        return cls(connection, read_only=read_only, batch_size=batch_size)

    def _ensure_schema(self) -> None:
        """Create the constraints and indexes that are missing (one round trip when all exist)."""
        existing = self._read(
            lambda tx: {r["name"] for kind in ("CONSTRAINTS", "INDEXES") for r in tx.run(f"SHOW {kind} YIELD name")}
        )
        for name, statement in schema_statements().items():
            if name not in existing:
                with self._errors():
                    self._driver.execute_query(statement, database_=self.connection.database)
        self._write(_migrate_string_dates)

    # -- writing -----------------------------------------------------------------------------

    def upsert(self, batch: Batch) -> UpsertResult:
        self._ensure_writable()
        batch = batch.deduplicated()
        result = self._write(lambda tx: self._upsert(tx, batch))
        if result.claims_added:
            restamp(self, [c.id for c in batch.claims])  # a reloaded claim gets back its corrected status
        return result

    def upsert_columns(self, nodes: pa.Table, claims: pa.Table) -> UpsertResult:
        """Bulk input as Arrow tables, checked like the embedded store's; written as the nodes,
        then claims `batch_size` at a time, one transaction each (a server's transaction memory
        caps one transaction), so an interrupted import is completed by running it again."""
        self._ensure_writable()
        batch = batch_from_columns(nodes, claims).deduplicated()
        outside = {i for c in batch.claims for i in (c.from_id, c.to_id, c.source_id)} - {n.id for n in batch.nodes}
        batch.check_references(
            {n.id for n in self._read(lambda tx: self._fetch_nodes(tx, outside))}
        )  # refuse before writing
        totals = [0, 0, 0, 0]
        parts = [Batch(batch.nodes[i : i + self.batch_size], []) for i in range(0, len(batch.nodes), self.batch_size)]
        parts += [
            Batch([], batch.claims[i : i + self.batch_size]) for i in range(0, len(batch.claims), self.batch_size)
        ]
        for part in parts:
            done = self.upsert(part)
            totals = [
                a + b
                for a, b in zip(totals, (done.nodes_added, done.nodes_updated, done.claims_added, done.claims_skipped))
            ]
        return UpsertResult(*totals)

    def _upsert(self, tx: ManagedTransaction, batch: Batch) -> UpsertResult:
        in_batch = {n.id for n in batch.nodes}
        ends = {i for c in batch.claims for i in (c.from_id, c.to_id, c.source_id)} - in_batch
        batch.check_references({n.id for n in self._fetch_nodes(tx, ends)})
        stored = {n.id: n for n in self._fetch_nodes(tx, in_batch)}
        new_nodes = [n for n in batch.nodes if n.id not in stored]
        updated = [
            m
            for m in (stored[n.id].merged_with(n) for n in batch.nodes if n.id in stored)
            if m.aliases != stored[m.id].aliases or m.props != stored[m.id].props
        ]
        for label, nodes in _group(new_nodes + updated, lambda n: n.label).items():
            statement = f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n += row.props"
            self._run_batched(tx, statement, [{"id": n.id, "props": _node_props(n)} for n in nodes])
        added = 0
        for (edge, a_label, b_label), claims in _group(batch.claims, _claim_key).items():
            statement = (
                f"UNWIND $rows AS row MATCH (a:{a_label} {{id: row.from_id}}) MATCH (b:{b_label} {{id: row.to_id}}) "
                f"MERGE (a)-[r:{edge} {{id: row.props.id}}]->(b) ON CREATE SET r += row.props"
            )
            rows = [
                {
                    "from_id": c.from_id,
                    "to_id": c.to_id,
                    "props": with_native_dates({k: getattr(c, k) for k in _CLAIM_PROPERTIES}, CLAIM_DATE_PROPERTIES),
                }
                for c in claims
            ]
            added += self._run_batched(tx, statement, rows)
        return UpsertResult(len(new_nodes), len(updated), added, len(batch.claims) - added)

    def _run_batched(self, tx: ManagedTransaction, statement: str, rows: list[dict[str, Any]]) -> int:
        """Send rows `batch_size` at a time; the number of relationships created."""
        created = 0
        for start in range(0, len(rows), self.batch_size):
            try:
                summary = tx.run(statement, rows=rows[start : start + self.batch_size]).consume()
            except TransientError as error:
                if "MemoryPool" in (error.code or ""):  # retrying the same oversized batch cannot help
                    raise StoreError(explain(error, self.connection)) from None
                raise
            created += summary.counters.relationships_created
        return created

    def remove_source(self, source_id: str) -> RemovalResult:
        self._ensure_writable()
        return self._write(lambda tx: self._remove_source(tx, source_id))

    def _remove_source(self, tx: ManagedTransaction, source_id: str) -> RemovalResult:
        if tx.run("MATCH (s:Source {id: $id}) RETURN count(s) AS n", id=source_id).single()["n"] == 0:
            raise StoreError(f"no source {source_id!r} in the store")
        source = self._fetch_nodes(tx, [source_id])[0]
        quoted: dict[str, list[str]] = defaultdict(list)  # node id -> sentences of the removed claims about it
        for edge in SCHEMA.edges:
            for record in tx.run(
                f"MATCH (a)-[r:{edge}]->(b) WHERE r.source_id = $s RETURN a.id AS a, b.id AS b, r.sentence AS s",
                s=source_id,
            ):
                quoted[record["a"]].append(record["s"])
                quoted[record["b"]].append(record["s"])
        claims, touched = 0, set()
        for edge in SCHEMA.edges:
            record = tx.run(
                f"MATCH (a)-[r:{edge}]->(b) WHERE r.source_id = $s WITH a, b, r DELETE r "
                "RETURN count(*) AS n, collect(DISTINCT a.id) + collect(DISTINCT b.id) AS ids",
                s=source_id,
            ).single()
            claims += record["n"]
            touched.update(record["ids"])
        touched.discard(source_id)
        orphans = 0
        for label, ids in _group(sorted(touched), SCHEMA.label_of).items():
            orphans += tx.run(
                f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) WHERE NOT EXISTS {{ (n)--() }} DELETE n RETURN count(*) AS n",
                ids=ids,
            ).single()["n"]
        tx.run("MATCH (s:Source {id: $id}) DETACH DELETE s", id=source_id).consume()
        self._drop_aliases_of_removed_source(tx, source, quoted)
        return RemovalResult(source_id, claims, orphans)

    def _drop_aliases_of_removed_source(
        self, tx: ManagedTransaction, source: Node, quoted: dict[str, list[str]]
    ) -> None:
        """Surviving nodes lose the aliases only the removed Source backed (graph/aliases.py)."""
        titles = [source.name, source.props.get("title")]
        for node in self._fetch_nodes(tx, sorted(set(quoted) - {source.id})):  # orphans are gone already
            if not node.aliases:
                continue

            def still_quoted(alias: str, node_id: str = node.id, label: str = node.label) -> bool:
                query = f"MATCH (a:{label} {{id: $id}})-[r]-() WHERE toLower(r.sentence) CONTAINS $alias RETURN r.id LIMIT 1"
                return tx.run(query, id=node_id, alias=alias.lower()).single() is not None

            kept = surviving_aliases(node, quoted[node.id], titles, still_quoted)
            if kept != node.aliases:
                updated = Node(node.id, node.label, node.name, kept, node.props)
                tx.run(
                    f"MATCH (n:{node.label} {{id: $id}}) SET n += $props", id=node.id, props=_node_props(updated)
                ).consume()

    # -- reading -----------------------------------------------------------------------------

    def get_node(self, node_id: str) -> Node | None:
        found = self._read(lambda tx: self._fetch_nodes(tx, [node_id]))
        return found[0] if found else None

    def _fetch_nodes(self, tx: ManagedTransaction, ids: Iterable[str]) -> list[Node]:
        nodes = []
        for label, group in _group(ids, SCHEMA.label_of).items():
            if label is None:
                continue
            for record in tx.run(
                f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN n {{.*}} AS n ORDER BY n.id", ids=group
            ):
                nodes.append(node_from_record(record["n"], label))
        return nodes

    def find_nodes(self, name: str, label: str | None = None, limit: int = 20) -> list[Node]:
        if label and label not in SCHEMA.nodes:
            raise ModelError("label", f"unknown node type {label!r}")
        key = name_key(name)
        if not key:
            return []
        pattern = f"(n:{label})" if label else "(n)"
        exact = (
            f"MATCH {pattern} WHERE $k IN n.keys RETURN n {{.*}} AS n, labels(n) AS labels ORDER BY n.id LIMIT $limit"
        )
        partial = (
            f"MATCH {pattern} WHERE any(x IN n.keys WHERE x CONTAINS $k) "
            "RETURN n {.*} AS n, labels(n) AS labels ORDER BY size(n.name), n.id LIMIT $limit"
        )

        def work(tx: ManagedTransaction) -> list[Node]:
            records = list(tx.run(exact, k=key, limit=limit)) or list(tx.run(partial, k=key, limit=limit))
            return [node_from_record(r["n"], _schema_label(r["labels"])) for r in records]

        return self._read(work)

    def neighbourhood(self, node_ids, hops=1, since=None, until=None, edge_types=None, max_nodes=5000) -> Subgraph:
        types = _check_types(edge_types or DEFAULT_NEIGHBOURHOOD_TYPES)

        def work(tx: ManagedTransaction) -> Subgraph:
            sub = Subgraph()
            sub.nodes.update({n.id: n for n in self._fetch_nodes(tx, node_ids)})
            frontier = set(sub.nodes)
            for _ in range(max(hops, 0)):
                if not frontier or len(sub.nodes) >= max_nodes:
                    break
                new_ids: set[str] = set()
                for claim in self._touching(tx, sorted(frontier), types, since, until):
                    sub.claims.setdefault(claim.id, claim)
                    new_ids.update({claim.from_id, claim.to_id} - sub.nodes.keys())
                new_ids = set(sorted(new_ids)[: max(max_nodes - len(sub.nodes), 0)])
                sub.nodes.update({n.id: n for n in self._fetch_nodes(tx, sorted(new_ids))})
                frontier = new_ids
            sub.claims = {k: c for k, c in sub.claims.items() if c.from_id in sub.nodes and c.to_id in sub.nodes}
            return sub

        return self._read(work)

    def claims_touching(
        self,
        node_ids: list[str],
        edge_types: list[str] | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[Claim]:
        """Claims with either end in `node_ids`, without fetching nodes (the analysis fast path)."""
        types = _check_types(edge_types or DEFAULT_NEIGHBOURHOOD_TYPES)
        return self._read(lambda tx: self._touching(tx, list(node_ids), types, since, until)) if node_ids else []

    def _touching(
        self,
        tx: ManagedTransaction,
        ids: list[str],
        types: list[str],
        since,
        until,
        extra: str = "",
        params: dict[str, Any] | None = None,
    ) -> list[Claim]:
        """One index seek per label of the given ids, then both directions of each node's claims."""
        where, date_params = _date_filter(since, until)
        found: dict[str, Claim] = {}
        for label, group in _group(ids, SCHEMA.label_of).items():
            if label is None:
                continue
            query = (
                f"UNWIND $ids AS id MATCH (n:{label} {{id: id}})-[r:{'|'.join(types)}]-() "
                f"WHERE {' AND '.join(filter(None, [where, extra])) or 'true'} RETURN DISTINCT {_CLAIM_RETURN}"
            )
            for record in tx.run(query, ids=group, **date_params, **(params or {})):
                claim = claim_from_record(record)
                found.setdefault(claim.id, claim)
        return list(found.values())

    def claims(self, types=None, body=None, since=None, until=None, source_id=None, limit=None) -> list[Claim]:
        types = _check_types(types or list(SCHEMA.edges))
        order = lambda c: (c.date_start or "9999", c.id)  # noqa: E731 (the one sort key both branches share)
        if body:
            extra, params = ("r.source_id = $source_id", {"source_id": source_id}) if source_id else ("", {})
            found = sorted(
                self._read(lambda tx: self._touching(tx, [body], types, since, until, extra, params)), key=order
            )
            return found[:limit] if limit else found
        where, params = _date_filter(since, until)
        if source_id:
            where = " AND ".join(filter(None, [where, "r.source_id = $source_id"]))
            params["source_id"] = source_id
        query = (
            f"MATCH ()-[r:{'|'.join(types)}]->() WHERE {where or 'true'} RETURN {_CLAIM_RETURN} "
            f"ORDER BY coalesce({_as_date('r.date_start')}, date('9999-12-31')), r.id"
            + (" LIMIT $limit" if limit else "")
        )
        return self._read(lambda tx: [claim_from_record(r) for r in tx.run(query, **params, limit=limit)])

    def claims_by_confidence(
        self,
        types: list[str],
        status: str | None = None,
        source_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Claim]:
        """One page in review order (graph/confidence_page.py), sorted and cut by the server."""
        where, params = confidence_page.page_filter(status, source_id)
        query = (
            f"MATCH ()-[r:{'|'.join(_check_types(types))}]->() WHERE {where} RETURN {_CLAIM_RETURN} "
            f"ORDER BY {confidence_page.ORDER} SKIP $offset" + (" LIMIT $limit" if limit else "")
        )
        return self._read(
            lambda tx: [claim_from_record(r) for r in tx.run(query, **params, offset=offset, limit=limit)]
        )

    def count_by_confidence(self, types: list[str], status: str | None = None, source_id: str | None = None) -> int:
        """How many claims `claims_by_confidence` pages through (the review queue's "of N")."""
        where, params = confidence_page.page_filter(status, source_id)
        query = f"MATCH ()-[r:{'|'.join(_check_types(types))}]->() WHERE {where} RETURN count(r) AS n"
        return self._read(lambda tx: tx.run(query, **params).single()["n"])

    def counts(self) -> Counts:
        def work(tx: ManagedTransaction) -> Counts:
            nodes = {label: tx.run(f"MATCH (n:{label}) RETURN count(n) AS n").single()["n"] for label in SCHEMA.nodes}
            claims = {
                edge: tx.run(f"MATCH ()-[r:{edge}]->() RETURN count(r) AS n").single()["n"] for edge in SCHEMA.edges
            }
            return Counts(nodes, claims)

        return self._read(work)

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run one read-only query; the guard refuses obvious writes, the server's read access mode the rest.

        The server's transaction timeout only stops a query at its checkpoints (a `reduce` building a
        string ran 148 s past a 3 s limit), so the caller also gets a client-side deadline: the query
        runs in a worker thread and the caller is answered at the limit whatever the server does."""
        cypher = for_backend(cypher, NEO4J)  # the other backend's spellings of common functions (docs/neo4j.md)
        ensure_read_only(cypher)
        try:
            seconds = query_timeout_seconds()  # env KFLOW_QUERY_TIMEOUT, as in the embedded store
        except ValueError as error:
            raise StoreError(str(error)) from None

        def work() -> QueryResult:
            # An explicit transaction, not execute_read: a memory-limit error is "transient" and would be retried.
            with (
                self._errors(),
                self._driver.session(database=self.connection.database, default_access_mode=READ_ACCESS) as session,
            ):
                try:
                    with session.begin_transaction(timeout=seconds) as tx:
                        result = tx.run(cypher, params or {})
                        return QueryResult(
                            list(result.keys()), [[_plain(v) for v in record.values()] for record in result]
                        )
                except Neo4jError as error:
                    code = error.code or ""
                    if "TransactionTimedOut" in code or "MemoryPoolOutOfMemory" in code:
                        raise StoreError(_server_limit_message(error, seconds)) from None
                    raise

        outcome: dict[str, Any] = {}

        def run() -> None:
            try:
                outcome["result"] = work()
            except BaseException as error:  # handed to the caller's thread below
                outcome["error"] = error

        worker = threading.Thread(target=run, name="kflow-console-query", daemon=True)
        worker.start()
        worker.join(seconds + CLIENT_DEADLINE_GRACE_S)
        if worker.is_alive():
            raise StoreError(
                timeout_message(seconds) + "; the server may still be working on it until its own "
                "limits stop it (db.transaction.timeout, db.memory.transaction.max)"
            )
        if "error" in outcome:
            raise outcome["error"]
        return outcome["result"]

    def has_source(self, source_id: str) -> bool:
        return self._read(
            lambda tx: tx.run("MATCH (s:Source {id: $id}) RETURN count(s) AS n", id=source_id).single()["n"] > 0
        )

    def sources(self) -> list[Node]:
        records = self._read(lambda tx: list(tx.run("MATCH (s:Source) RETURN s {.*} AS s ORDER BY s.id")))
        return [node_from_record(r["s"], "Source") for r in records]

    def iter_nodes(self, batch_size: int = 10_000, labels: Sequence[str] | None = None) -> Iterator[list[Node]]:
        """Every node, label by label in id order; keyset pages so each batch is one index range scan."""
        for label in labels or SCHEMA.nodes:
            query = f"MATCH (n:{label}) WHERE n.id > $after RETURN n {{.*}} AS n ORDER BY n.id LIMIT $limit"
            for records in self._pages(query, batch_size, lambda r: r["n"]["id"]):
                yield [node_from_record(r["n"], label) for r in records]

    def iter_claims(self, batch_size: int = 10_000) -> Iterator[list[Claim]]:
        for edge in SCHEMA.edges:
            query = f"MATCH ()-[r:{edge}]->() WHERE r.id > $after RETURN {_CLAIM_RETURN} ORDER BY r.id LIMIT $limit"
            for records in self._pages(query, batch_size, lambda r: r["r"]["id"]):
                yield [claim_from_record(r) for r in records]

    def iter_claim_links(self, batch_size: int = 10_000) -> Iterator[list[ClaimLink]]:
        """Every claim's type, ends, Source and date (not its sentence or evidence), in keyset pages."""
        for edge in SCHEMA.edges:
            query = (
                f"MATCH (a)-[r:{edge}]->(b) WHERE r.id > $after RETURN r.id AS id, a.id AS from_id, b.id AS to_id, "
                "r.source_id AS source_id, r.date_start AS date_start, r.date_precision AS date_precision "
                "ORDER BY r.id LIMIT $limit"
            )
            for records in self._pages(query, batch_size, lambda r: r["id"]):
                yield [
                    ClaimLink(
                        edge,
                        r["from_id"],
                        r["to_id"],
                        r["source_id"],
                        from_neo4j_date(r["date_start"], f"{edge} claim {r['id']!r}", "date_start"),
                        r["date_precision"],
                    )
                    for r in records
                ]

    def claim_counts_by_source(self) -> dict[str, int]:
        """Claims per source id, so `sync` can copy whole Sources in pages of about one size."""
        query = "MATCH ()-[r]->() RETURN r.source_id AS s, count(r) AS n"
        return self._read(lambda tx: {r["s"]: r["n"] for r in tx.run(query)})

    def claims_of_sources(self, source_ids: list[str]) -> list[Claim]:
        """Every claim made by these Sources; one query per edge type, so each uses its source_id index."""

        def work(tx: ManagedTransaction) -> list[Claim]:
            return [
                claim_from_record(r)
                for edge in SCHEMA.edges
                for r in tx.run(
                    f"MATCH ()-[r:{edge}]->() WHERE r.source_id IN $ids RETURN {_CLAIM_RETURN}", ids=list(source_ids)
                )
            ]

        return self._read(work) if source_ids else []

    def claims_by_id(self, claim_ids: list[str]) -> list[Claim]:
        """The stored claims with these ids (any type, any status); one indexed lookup per edge type."""

        def work(tx: ManagedTransaction) -> list[Claim]:
            return [
                claim_from_record(r)
                for edge in SCHEMA.edges
                for r in tx.run(
                    f"UNWIND $ids AS i MATCH ()-[r:{edge} {{id: i}}]->() RETURN {_CLAIM_RETURN}", ids=claim_ids
                )
            ]

        return self._read(work) if claim_ids else []

    def _pages(self, query: str, size: int, last_id: Callable[[Any], str]) -> Iterator[list[Any]]:
        after = ""
        while True:
            records = self._read(lambda tx: list(tx.run(query, after=after, limit=size)))
            if not records:
                return
            yield records
            after = last_id(records[-1])

    # -- corrections (graph/corrections.py decides what they mean) ---------------------------

    def save_correction(self, record: dict[str, Any]) -> None:
        self._ensure_writable()
        self._write(
            lambda tx: tx.run("MERGE (k:Correction {id: $id}) SET k += $props", id=record["id"], props=record).consume()
        )

    def load_corrections(self) -> list[dict[str, Any]]:
        query = "MATCH (k:Correction) RETURN k {.*} AS k ORDER BY k.at, k.id"
        rows = self._read(lambda tx: [r["k"] for r in tx.run(query)])
        return [{name: _plain(row.get(name)) for name in CORRECTION_COLUMNS} for row in rows]

    def set_claim_status(self, claim_ids: list[str], status: str | None) -> None:
        self._ensure_writable()

        def work(tx: ManagedTransaction) -> None:
            for edge in SCHEMA.edges:
                statement = f"UNWIND $ids AS i MATCH ()-[r:{edge} {{id: i}}]->() SET r.status = $status"
                tx.run(statement, ids=claim_ids, status=status).consume()

        self._write(work)

    # -- investigator's records (graph/records.py; grades and investigations give them meaning) --

    def save_records(self, rows: list[dict[str, Any]]) -> None:
        self._ensure_writable()
        statement = f"UNWIND $rows AS row MERGE (k:{RECORD_LABEL} {{id: row.id}}) SET k += row"
        self._write(lambda tx: tx.run(statement, rows=rows).consume())

    def load_records(self, kind: str | None = None) -> list[dict[str, Any]]:
        where = "WHERE k.kind = $kind " if kind else ""
        query = f"MATCH (k:{RECORD_LABEL}) {where}RETURN k {{.*}} AS k ORDER BY k.at, k.id"
        rows = self._read(lambda tx: [r["k"] for r in tx.run(query, kind=kind)])
        return [{name: _plain(row.get(name)) for name in RECORD_COLUMNS} for row in rows]

    def delete_record(self, record_id: str) -> None:
        self._ensure_writable()
        self._write(lambda tx: tx.run(f"MATCH (k:{RECORD_LABEL} {{id: $id}}) DELETE k", id=record_id).consume())

    def wipe(self) -> None:
        """Delete every node and relationship (constraints stay); for tests and benchmarks."""
        self._ensure_writable()
        self._write(lambda tx: tx.run("MATCH (n) DETACH DELETE n").consume())

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ----------------------------------------------------------------------------

    def _write(self, work: Callable[[ManagedTransaction], T]) -> T:
        with self._errors(), self._driver.session(database=self.connection.database) as session:
            return session.execute_write(work)

    def read_records(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Rows of a read query written by kflow itself (not the console's guarded user Cypher)."""
        return self._read(lambda tx: tx.run(cypher, params or {}).data())

    def _read(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Reads run in a READ_ACCESS session: the server itself refuses any write in them."""
        with (
            self._errors(),
            self._driver.session(database=self.connection.database, default_access_mode=READ_ACCESS) as session,
        ):
            return session.execute_read(work)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except ClientError as error:
            if (error.code or "").endswith("Statement.AccessMode"):
                raise ReadOnlyQueryError(f"refused by the server: the console is read-only ({error.message})") from None
            raise StoreError(explain(error, self.connection)) from None
        except (Neo4jError, DriverError, OSError) as error:
            raise StoreError(explain(error, self.connection)) from None

    def _ensure_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the Neo4j store at {self.connection.where} is open read-only")


def _migrate_string_dates(tx: ManagedTransaction) -> None:
    """Stores written before dates were native keep ISO strings: turn them into `DATE` (docs/neo4j.md).
    One scan finds none in a current store; a value that is no date is left for the reader to report."""
    pattern = "'[0-9]{4}-[0-9]{2}-[0-9]{2}'"
    targets = [(f"()-[x:{edge}]->()", CLAIM_DATE_PROPERTIES) for edge in SCHEMA.edges]
    targets += [(f"(x:{label})", node_date_properties(label)) for label in SCHEMA.nodes if node_date_properties(label)]
    for match, keys in targets:
        for key in keys:
            tx.run(f"MATCH {match} WHERE x.{key} IS :: STRING AND x.{key} =~ {pattern} SET x.{key} = date(x.{key})")


def _group(items: Iterable[T], key: Callable[[T], Any]) -> dict[Any, list[T]]:
    groups: dict[Any, list[T]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return groups


def _claim_key(claim: Claim) -> tuple[str, str, str]:
    return claim.type, SCHEMA.label_of(claim.from_id), SCHEMA.label_of(claim.to_id)


def _node_props(node: Node) -> dict[str, Any]:
    """Everything a node stores; unknown-now properties are null so `SET n +=` leaves them unset."""
    own = {k: node.props.get(k) for k in SCHEMA.nodes[node.label].properties}
    own = with_native_dates(own, node_date_properties(node.label))
    return {"id": node.id, "name": node.name, "aliases": node.aliases, "keys": node.keys, **own}


def _schema_label(labels: list[str]) -> str:
    found = [label for label in labels if label in SCHEMA.nodes]
    if len(found) != 1:
        raise StoreError(f"a node has labels {labels}; kflow expects exactly one of {', '.join(SCHEMA.nodes)}")
    return found[0]


def _check_types(types: Iterable[str]) -> list[str]:
    types = list(types)
    unknown = [t for t in types if t not in SCHEMA.edges]
    if unknown:
        raise ModelError("edge_types", f"unknown edge type(s) {', '.join(unknown)}")
    return types


def _date_filter(since: str | None, until: str | None) -> tuple[str, dict[str, Any]]:
    """Overlap of a claim's [date_start, date_end] with [since, until]; undated claims drop out.
    Native dates and not-yet-migrated strings compare alike (`_as_date`)."""
    clauses, params = [], {}
    if since:
        clauses.append(f"{_as_date('r.date_end')} >= $since")
        params["since"] = to_neo4j_date(since)
    if until:
        clauses.append(f"{_as_date('r.date_start')} <= $until")
        params["until"] = to_neo4j_date(until)
    return " AND ".join(clauses), params


def _as_date(expression: str) -> str:
    """Cypher for a stored date as a native DATE whether stored native or as an ISO string; null for
    anything else, so that reading the claim, not the query, reports the bad value (neo4j_values.py)."""
    return (
        f"CASE WHEN {expression} IS :: DATE THEN {expression} "
        f"WHEN {expression} =~ '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}' THEN date({expression}) END"
    )


def _plain(value: Any) -> Any:
    """Driver values as plain Python for the console: nodes and relationships become dicts."""
    if isinstance(value, neo4j_graph.Node):
        return {"_labels": sorted(value.labels), **dict(value)}
    if isinstance(value, neo4j_graph.Relationship):
        return {"_type": value.type, **dict(value)}
    if isinstance(value, neo4j_graph.Path):
        return {"nodes": [_plain(n) for n in value.nodes], "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _server_limit_message(error: Neo4jError, seconds: float) -> str:
    """The server stopped a console query at its time or memory limit: say which, and what to do."""
    if "MemoryPool" in (error.code or ""):
        return (
            "query stopped: it needed more memory than the Neo4j server allows one transaction "
            f"(db.memory.transaction.max; {error.message}); narrow it (a LIMIT, a label, fewer hops)"
        )
    return timeout_message(seconds)
