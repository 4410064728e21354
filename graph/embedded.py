"""The embedded default store on LadybugDB: an on-disk graph in one directory, no server.

Writes go through `COPY ... FROM` Arrow tables inside one explicit transaction per batch, so a
batch lands whole or not at all. Ladybug's COPY aborts the process on a duplicate primary key,
so every id is checked against an in-memory index of stored ids before a COPY is issued; only
one read-write process may hold the directory, which keeps that index truthful.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import ladybug
import pyarrow as pa

from graph import confidence_page
from graph.aliases import surviving_aliases
from graph.arrow_tables import CLAIM_COLUMNS, ClaimColumns, NodeColumns, batch_from_columns, node_table
from graph.bulk_journal import BulkJournal, BulkMarks
from graph.console_process import run_console_query
from graph.correction_record import CORRECTION_COLUMNS
from graph.corrections import restamp
from graph.cypher_dialect import EMBEDDED, for_backend
from graph.cypher_guard import ensure_read_only, query_memory_mb, query_timeout_seconds
from graph.model import Batch, Claim, ClaimLink, ModelError, Node
from graph.names import name_key
from graph.records import RECORD_COLUMNS, RECORD_LABEL
from graph.schema import SCHEMA
from graph.search.embedded_search import EmbeddedSearchHooks
from graph.store import (
    Counts,
    QueryResult,
    RemovalResult,
    StoreError,
    Subgraph,
    UpsertResult,
)

DEFAULT_PATH = "./kflow-data"
READ_OPEN_WAIT_SECONDS = 30.0  # how long a read-only open waits for a writer's checkpoint to finish
# What a read-only open meets while a writer is mid-checkpoint or mid-append to the WAL (a torn
# last record, `_is_torn_wal`): passing states, retried; after a crash, recovered.
_WRITER_AT_WORK = (
    "checkpoint recovery is pending",
    "Primary-key index contains an invalid local node offset",  # a read-only open mid-checkpoint: retried
    "graph.lbdb.wal with size 0",  # the WAL emptied by a checkpoint ending while the reader opened it (CI)
)
log = logging.getLogger(__name__)
BULK_ROWS = 20_000  # new nodes + claims from which a batch is written as a journaled bulk write
# Below this many new rows a batch is written with parameterised CREATE, not COPY: each small COPY
# leaves ~8 MB in Ladybug's buffer pool (a 200-document load reached 9 GB), CREATE stays flat.
CREATE_ROWS = 5_000
CHECKPOINT_BYTES = 256 * 1024 * 1024  # fold the WAL into the main file every 256 MB, not after each bulk batch
_LADYBUG_TYPES = {
    "string": "STRING",
    "date": "STRING",
    "bool": "BOOLEAN",
    "int": "INT64",
    "float": "DOUBLE",
    "strings": "STRING[]",
}
DEFAULT_NEIGHBOURHOOD_TYPES = list(SCHEMA.analysed_types)
# Claim properties added after stores existed: a writable open adds the column; a read-only open of
# an older store reads them as missing (no status; asserted).
MIGRATED_CLAIM_PROPERTIES = ("status", "polarity")
_Copy = tuple[str, Callable[[], pa.Table], str]  # table name, builder of its COPY input, COPY options


def _node_columns(label: str) -> dict[str, str]:
    return SCHEMA.nodes[label].all_properties


def _schema_statements() -> list[str]:
    statements = []
    for label in SCHEMA.nodes:
        cols = ", ".join(f"{name} {_LADYBUG_TYPES[kind]}" for name, kind in _node_columns(label).items())
        statements.append(f"CREATE NODE TABLE IF NOT EXISTS {label}({cols}, PRIMARY KEY(id))")
        for name, kind in SCHEMA.nodes[label].properties.items():  # stores made before a property was declared
            statements.append(f"ALTER TABLE {label} ADD IF NOT EXISTS {name} {_LADYBUG_TYPES[kind]}")
    claim_cols = ", ".join(f"{name} {_LADYBUG_TYPES[kind]}" for name, kind in SCHEMA.claim_properties.items())
    for edge in SCHEMA.edges:
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in SCHEMA.edge_pairs(edge))
        statements.append(f"CREATE REL TABLE IF NOT EXISTS {edge}({pairs}, {claim_cols})")
        for name in MIGRATED_CLAIM_PROPERTIES:  # stores made before corrections (status) or denials (polarity)
            statements.append(f"ALTER TABLE {edge} ADD IF NOT EXISTS {name} STRING")
    correction_cols = ", ".join(f"{name} {kind}" for name, kind in CORRECTION_COLUMNS.items())
    statements.append(f"CREATE NODE TABLE IF NOT EXISTS Correction({correction_cols}, PRIMARY KEY(id))")
    record_cols = ", ".join(f"{name} {kind}" for name, kind in RECORD_COLUMNS.items())
    statements.append(f"CREATE NODE TABLE IF NOT EXISTS {RECORD_LABEL}({record_cols}, PRIMARY KEY(id))")
    return statements


def node_from_record(record: dict[str, Any]) -> Node:
    """A Node from a backend record (a dict of the node's stored properties plus its label)."""
    label = record.get("_LABEL") or record["label"]
    own = SCHEMA.nodes[label].properties
    props = {k: record[k] for k in own if record.get(k) is not None}
    return Node(record["id"], label, record["name"], list(record.get("aliases") or []), props)


def claim_from_record(record: dict[str, Any], edge_type: str, from_id: str, to_id: str) -> Claim:
    values = {k: record.get(k) for k in CLAIM_COLUMNS}
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
        self._journal = BulkJournal(self.path)
        if read_only and self._journal.pending() is not None:
            _recover_if_no_writer(self.path)
        self._db = _open_database(self.path, read_only, (cache_mb or 0) * 1024 * 1024)
        self._conn = ladybug.Connection(self._db)
        if read_only:
            self._wait_for_schema((cache_mb or 0) * 1024 * 1024)
        self._timeout_ms = query_timeout_ms
        self._conn.set_query_timeout(query_timeout_ms)
        if not read_only:
            for statement in _schema_statements():
                self._conn.execute(statement)
        self._node_ids: dict[str, set[str]] | None = None
        self._claim_ids: set[str] | None = None
        self._search = None if read_only else EmbeddedSearchHooks(self.path)  # full-text index, graph/search/
        unfinished = None if read_only else self._journal.pending()
        if unfinished is not None:
            self._undo(unfinished)

    def _wait_for_schema(self, buffer_pool_bytes: int) -> None:
        """A reader that opens a store while its first writer is still creating the tables sees a
        catalogue without them (and keeps the catalogue it opened with): reopen until the Source
        table, there since the first kflow store, exists, or say the store is still being created."""
        give_up = time.monotonic() + READ_OPEN_WAIT_SECONDS
        while "Source" not in {row[0] for row in self._conn.execute("CALL show_tables() RETURN name")}:
            if time.monotonic() >= give_up:
                raise StoreError(
                    f"the store at {self.path} has no kflow tables yet: another process is creating it, "
                    f"or it is not a kflow store; retry when that load has started writing"
                )
            self._conn.close()
            self._db.close()
            time.sleep(0.2)
            self._db = _open_database(self.path, True, buffer_pool_bytes)
            self._conn = ladybug.Connection(self._db)

    # -- writing -----------------------------------------------------------------------------

    def upsert(self, batch: Batch) -> UpsertResult:
        self._ensure_writable()
        claims = ClaimColumns.of(batch.claims)
        if len(set(claims.ids)) != len(claims) or len({n.id for n in batch.nodes}) != len(batch.nodes):
            batch = batch.deduplicated()
            claims = ClaimColumns.of(batch.claims)
        node_ids, claim_ids = self._known_ids()
        self._check_references({n.id for n in batch.nodes}, claims, node_ids)
        new_nodes = [n for n in batch.nodes if n.id not in node_ids[n.label]]
        updates = self._node_updates([n for n in batch.nodes if n.id in node_ids[n.label]])
        by_label = _group(new_nodes, lambda n: n.label)
        node_tables = {label: node_table(label, nodes) for label, nodes in by_label.items()}
        result = self._write(
            node_tables, {label: [n.id for n in nodes] for label, nodes in by_label.items()}, updates, claims
        )
        self._search.index_batch(batch)
        return result

    def upsert_columns(self, nodes: pa.Table, claims: pa.Table) -> UpsertResult:
        """Bulk upsert from Arrow tables (columns named as `Node` and `Claim` fields; node
        properties as columns): the same rules and result as `upsert`, without a Python object
        per row, for imports of millions of claims. Rows repeating an id take the `upsert` path.
        The claims are checked in a second thread while the nodes are (both mostly Arrow
        kernels, which release the GIL), since nothing else uses the second core before the COPYs."""
        self._ensure_writable()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kflow-check-claims") as checker:
            checking = checker.submit(_checked_claim_columns, claims)
            node_columns = NodeColumns.from_arrow(nodes)
            node_ids, claim_ids = self._known_ids()
            repeated_nodes = node_columns.has_duplicates()
            if not repeated_nodes:
                labels = node_columns.table["label"].to_pylist()
                seen = (
                    [i in node_ids[label] for i, label in zip(node_columns.ids, labels)]
                    if any(node_ids.values())
                    else []
                )
                seen_rows = [n for n, was_seen in enumerate(seen) if was_seen]
                new_rows = (
                    [n for n, was_seen in enumerate(seen) if not was_seen] if seen_rows else list(range(len(labels)))
                )
                node_tables = node_columns.tables(new_rows) if new_rows else {}
            claim_columns, repeated_claims = checking.result()
        if repeated_nodes or repeated_claims:
            return self.upsert(batch_from_columns(nodes, claims))
        self._check_references(set(node_columns.ids), claim_columns, node_ids)
        updates = self._node_updates(node_columns.to_nodes(seen_rows)) if seen_rows else []
        new_ids = {label: table["id"].to_pylist() for label, table in node_tables.items()}
        result = self._write(node_tables, new_ids, updates, claim_columns)
        self._search.index_columns(nodes, claims)
        return result

    def _write(
        self,
        node_tables: dict[str, pa.Table],
        new_node_ids: dict[str, list[str]],
        updates: list[Node],
        claims: ClaimColumns,
    ) -> UpsertResult:
        """Write checked input: as one transaction, or journaled COPYs for a bulk batch."""
        node_ids, claim_ids = self._known_ids()
        new_claims = claims.without(claim_ids)
        claim_tables = new_claims.by_table()
        copies: list[_Copy] = [(label, partial(_ready, table), "") for label, table in node_tables.items()]
        copies += [(edge, build, f"(from='{a}', to='{b}')") for (edge, a, b), build in claim_tables.items()]
        added = sum(map(len, new_node_ids.values()))
        if added + len(new_claims) >= BULK_ROWS:
            self._write_bulk(copies, updates, self._marks_before(list(node_tables), list(claim_tables), updates))
        else:
            self._write_in_one_transaction(copies, updates, create=added + len(new_claims) < CREATE_ROWS)
        for label, ids in new_node_ids.items():
            node_ids[label].update(ids)
        claim_ids.update(new_claims.ids)
        restamp(self, new_claims.ids)  # a reloaded claim gets back the status its corrections give it
        return UpsertResult(added, len(updates), len(new_claims), len(claims) - len(new_claims))

    def _write_in_one_transaction(self, copies: list[_Copy], updates: list[Node], create: bool = False) -> None:
        self._execute("BEGIN TRANSACTION")
        try:
            if create:
                self._apply_by_create(copies, updates)
            else:
                self._apply(copies, updates)
            self._execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _apply(self, copies: list[_Copy], updates: list[Node]) -> None:
        """Nodes first (claims refer to them), then node updates, then claims. The next COPY's
        table is built in a second thread while LadybugDB (which releases the GIL) copies the
        current one: at a million claims it leaves half a core idle that the filtering can use."""
        node_copies = [c for c in copies if c[0] in SCHEMA.nodes]
        ordered = node_copies + [c for c in copies if c[0] not in SCHEMA.nodes]
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kflow-copy-input") as builder:
            upcoming = builder.submit(ordered[0][1]) if ordered else None
            for n, (table, _, options) in enumerate(ordered):
                data = upcoming.result()
                upcoming = builder.submit(ordered[n + 1][1]) if n + 1 < len(ordered) else None
                if n == len(node_copies):
                    self._write_node_updates(updates)
                self._copy(table, data, options)
        if len(ordered) == len(node_copies):
            self._write_node_updates(updates)

    def _apply_by_create(self, copies: list[_Copy], updates: list[Node]) -> None:
        """The small-batch twin of `_apply`: the same rows, nodes first, written by `UNWIND ... CREATE`."""
        node_copies = [c for c in copies if c[0] in SCHEMA.nodes]
        for table, build, _ in node_copies:
            self._create_nodes(table, build())
        self._write_node_updates(updates)
        for table, build, options in copies:
            if table not in SCHEMA.nodes:
                self._create_relationships(table, options, build())

    def _create_nodes(self, label: str, data: pa.Table) -> None:
        columns = _filled_columns(data)
        properties = ", ".join(f"{c}: r.{c}" for c in columns)
        self._execute(
            f"UNWIND $rows AS r CREATE (:{label} {{{properties}}})", {"rows": data.select(columns).to_pylist()}
        )

    def _create_relationships(self, edge: str, options: str, data: pa.Table) -> None:
        from_label, to_label = _COPY_ENDS.fullmatch(options).groups()  # type: ignore[union-attr]
        columns = _filled_columns(data)
        rows = data.select(columns).rename_columns([_END_KEYS.get(c, c) for c in columns]).to_pylist()
        properties = ", ".join(f"{c}: r.{c}" for c in columns if c not in _END_KEYS)
        self._execute(
            f"UNWIND $rows AS r MATCH (a:{from_label} {{id: r.end_from}}), (b:{to_label} {{id: r.end_to}}) "
            f"CREATE (a)-[:{edge} {{{properties}}}]->(b)",
            {"rows": rows},
        )

    def _write_node_updates(self, updates: list[Node]) -> None:
        for node in updates:
            self._write_node_update(node)

    def _write_bulk(self, copies: list[_Copy], updates: list[Node], marks: BulkMarks) -> None:
        """Each COPY commits on its own (a third faster at a million claims than one transaction);
        the journal's marks undo the batch if any step fails, here or after a crash."""
        self._journal.begin(marks)
        try:
            self._apply(copies, updates)
        except BaseException:
            self._node_ids = self._claim_ids = None
            self._undo(marks)
            raise
        self._journal.finish()

    def _marks_before(
        self, labels: list[str], rel_tables: list[tuple[str, str, str]], updates: list[Node]
    ) -> BulkMarks:
        stored = {n.id: n for n in self._get_nodes([n.id for n in updates])}
        return BulkMarks(
            {label: self._max_offset(f"MATCH (n:{label}) RETURN max(offset(ID(n)))") for label in labels},
            [
                (edge, a, b, self._max_offset(f"MATCH (:{a})-[r:{edge}]->(:{b}) RETURN max(offset(ID(r)))"))
                for edge, a, b in rel_tables
            ],
            [stored[n.id] for n in updates],
        )

    def _max_offset(self, cypher: str) -> int:
        found = self._scalar(cypher)
        return -1 if found is None else int(found)

    def _undo(self, marks: BulkMarks) -> None:
        """Delete what an unfinished bulk batch appended and restore what it updated, in one
        transaction; idempotent, so a crash during the undo is undone again on the next open."""
        self._execute("BEGIN TRANSACTION")
        try:
            for edge, a, b, mark in marks.rel_marks:
                self._execute(f"MATCH (:{a})-[r:{edge}]->(:{b}) WHERE offset(ID(r)) > $mark DELETE r", {"mark": mark})
            for label, mark in marks.node_marks.items():
                self._execute(f"MATCH (n:{label}) WHERE offset(ID(n)) > $mark DETACH DELETE n", {"mark": mark})
            for node in marks.prior_nodes:
                self._write_node_update(node)
            self._execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        self._journal.finish()

    @staticmethod
    def _check_references(batch_node_ids: set[str], claims: ClaimColumns, node_ids: dict[str, set[str]]) -> None:
        """Every claim end is in the batch or stored; the error names the first claim that is not."""
        stored = _StoredIds(node_ids)
        missing = {e for e in claims.ends().difference(batch_node_ids) if e not in stored}
        if missing:
            raise claims.missing_end(missing)

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
        """Every property of the node's type is set, so a restored prior state drops later additions."""
        props = {
            "aliases": node.aliases,
            "keys": node.keys,
            **{k: node.props.get(k) for k in SCHEMA.nodes[node.label].properties},
        }
        assignments = ", ".join(f"n.{k} = ${k}" for k in props)
        self._execute(f"MATCH (n:{node.label}) WHERE n.id = $id SET {assignments}", {"id": node.id, **props})

    def remove_source(self, source_id: str) -> RemovalResult:
        self._ensure_writable()
        if not self.has_source(source_id):
            raise StoreError(f"no source {source_id!r} in the store")
        self._search.unindex(self.get_node(source_id))  # first: a failed removal is re-indexed by the next search
        self._execute("BEGIN TRANSACTION")
        try:
            claims = self._scalar("MATCH ()-[r]->() WHERE r.source_id = $s RETURN count(r)", {"s": source_id})
            quoted: dict[str, list[str]] = defaultdict(list)  # node id -> sentences of the removed claims about it
            for a, b, sentence in self._rows(
                "MATCH (a)-[r]->(b) WHERE r.source_id = $s RETURN a.id, b.id, r.sentence", {"s": source_id}
            ):
                quoted[a].append(sentence)
                quoted[b].append(sentence)
            touched = list(quoted)
            source = self._get_nodes([source_id])[0]
            self._execute("MATCH ()-[r]->() WHERE r.source_id = $s DELETE r", {"s": source_id})
            orphans = [
                row[0]
                for row in self._rows(
                    "MATCH (n) WHERE n.id IN $ids AND NOT EXISTS { MATCH (n)-[]-() } RETURN n.id", {"ids": touched}
                )
            ]
            orphans = [i for i in orphans if i != source_id]
            self._execute("MATCH (n) WHERE n.id IN $ids DELETE n", {"ids": orphans})
            self._drop_aliases_of_removed_source(source, quoted, set(orphans))
            # DETACH: a claim another source made about this Source node goes with it, as on Neo4j
            self._execute("MATCH (s:Source) WHERE s.id = $id DETACH DELETE s", {"id": source_id})
            self._execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        self._node_ids = self._claim_ids = None
        return RemovalResult(source_id, claims, len(orphans))

    def _drop_aliases_of_removed_source(self, source: Node, quoted: dict[str, list[str]], gone: set[str]) -> None:
        """Surviving nodes lose the aliases only the removed Source backed (graph/aliases.py)."""
        titles = [source.name, source.props.get("title")]
        survivors = [n for n in self._get_nodes(sorted(set(quoted) - gone - {source.id})) if n.aliases]
        for node in survivors:

            def still_quoted(alias: str, node_id: str = node.id) -> bool:
                return bool(
                    self._rows(
                        "MATCH (a)-[r]-(b) WHERE a.id = $id AND contains(lower(r.sentence), $alias) RETURN r.id LIMIT 1",
                        {"id": node_id, "alias": alias.lower()},
                    )
                )

            kept = surviving_aliases(node, quoted[node.id], titles, still_quoted)
            if kept != node.aliases:
                self._write_node_update(Node(node.id, node.label, node.name, kept, node.props))

    # -- reading -----------------------------------------------------------------------------

    def get_node(self, node_id: str) -> Node | None:
        found = self._get_nodes([node_id])
        return found[0] if found else None

    def _get_nodes(self, ids: list[str]) -> list[Node]:
        nodes = []
        for label, group in _group(ids, SCHEMA.label_of).items():
            if label is None:
                continue
            # UNWIND + {id: i} looks each id up in the primary-key index; `WHERE n.id IN $ids` scans
            # the table per id (20k ids: 0.06 s against 1.4 s)
            for (record,) in self._rows(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN n", {"ids": group}):
                nodes.append(node_from_record(record))
        return nodes

    def find_nodes(self, name: str, label: str | None = None, limit: int = 20) -> list[Node]:
        key = name_key(name)
        if not key:
            return []
        pattern = f"(n:{label})" if label else "(n)"
        if label and label not in SCHEMA.nodes:
            raise ModelError("label", f"unknown node type {label!r}")
        exact = self._rows(
            f"MATCH {pattern} WHERE list_contains(n.keys, $k) RETURN n LIMIT $limit", {"k": key, "limit": limit}
        )
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

    def claims_touching(
        self,
        node_ids: list[str],
        edge_types: list[str] | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[Claim]:
        """Claims with either end in `node_ids`, without fetching nodes: lets analysis expand a
        neighbourhood hop by hop and fetch only the nodes it shows."""
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
            query = (
                f"MATCH (a)-[r:{'|'.join(types)}]->(b) WHERE {end}.id IN {ids}{extra} RETURN r, label(r), a.id, b.id"
            )
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
            found = self._match_either_end(
                types or list(SCHEMA.edges), "$body_ids", extra, {**params, "body_ids": [body]}
            )
        else:
            found = self._match_claims(types or list(SCHEMA.edges), " AND ".join(clauses) or "true", params, limit)
        ordered = sorted(found, key=lambda c: (c.date_start or "9999", c.id))
        return ordered[:limit] if limit else ordered

    def claims_by_confidence(
        self,
        types: list[str],
        status: str | None = None,
        source_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Claim]:
        """One page in review order (graph/confidence_page.py). Each type gives only its first
        offset+limit, so no more than that leaves the database and the merged page is exact."""
        where, params = confidence_page.page_filter(status, source_id)
        found = self._match_claims(types, where, params, limit and offset + limit, confidence_page.ORDER)
        found.sort(key=confidence_page.sort_key)
        return found[offset : offset + limit] if limit else found[offset:]

    def count_by_confidence(self, types: list[str], status: str | None = None, source_id: str | None = None) -> int:
        """How many claims `claims_by_confidence` pages through (the review queue's "of N")."""
        unknown = [t for t in types if t not in SCHEMA.edges]
        if unknown:
            raise ModelError("edge_types", f"unknown edge type(s) {', '.join(unknown)}")
        where, params = confidence_page.page_filter(status, source_id)
        return sum(self._scalar(f"MATCH (a)-[r:{t}]->(b) WHERE {where} RETURN count(r)", params) for t in types)

    def _match_claims(
        self,
        types: list[str],
        where: str,
        params: dict[str, Any],
        limit: int | None = None,
        order: str = "coalesce(r.date_start, '9999'), r.id",
    ) -> list[Claim]:
        unknown = [t for t in types if t not in SCHEMA.edges]
        if unknown:
            raise ModelError("edge_types", f"unknown edge type(s) {', '.join(unknown)}")
        claims = []
        for edge_type in types:
            # per-type top N in the same order as the final sort, so the merged top N is exact
            order_by = f" ORDER BY {order} LIMIT $limit" if limit else ""
            query = f"MATCH (a)-[r:{edge_type}]->(b) WHERE {where} RETURN r, a.id, b.id{order_by}"
            for record, from_id, to_id in self._rows(query, {**params, **({"limit": limit} if limit else {})}):
                claims.append(claim_from_record(record, edge_type, from_id, to_id))
        return claims

    def counts(self) -> Counts:
        nodes = {label: self._scalar(f"MATCH (n:{label}) RETURN count(n)") for label in SCHEMA.nodes}
        claims = {edge: self._scalar(f"MATCH ()-[r:{edge}]->() RETURN count(r)") for edge in SCHEMA.edges}
        return Counts(nodes, claims)

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """One console query: guarded, then run in a fenced child process (graph/console_process.py) on a
        read-only open of this store, so it cannot exhaust this process's memory, crash it, or hold
        the shared connection other app sessions use."""
        cypher = for_backend(cypher, EMBEDDED)  # the other backend's spellings of common functions (docs/neo4j.md)
        ensure_read_only(cypher)
        try:
            seconds, memory_mb = query_timeout_seconds(), query_memory_mb()
        except ValueError as error:
            raise StoreError(str(error)) from None
        return run_console_query(self.path / "graph.lbdb", cypher, params, seconds, memory_mb)

    def _rollback(self) -> None:
        """Roll back the open transaction; a statement that failed inside it may have ended it already."""
        try:
            self._execute("ROLLBACK")
        except RuntimeError as error:
            if "No active transaction" not in str(error):
                raise

    def has_source(self, source_id: str) -> bool:
        return bool(self._rows("MATCH (s:Source) WHERE s.id = $id RETURN s.id", {"id": source_id}))

    def source_ids(self) -> list[str]:
        """The Sources' ids alone (`sources` carries every document's text)."""
        return [r[0] for r in self._rows("MATCH (s:Source) RETURN s.id")]

    def sources(self) -> list[Node]:
        rows = self._rows("MATCH (s:Source) RETURN s ORDER BY s.id")
        return [node_from_record(r[0]) for r in rows]

    def iter_nodes(self, batch_size: int = 10_000, labels: Sequence[str] | None = None) -> Iterator[list[Node]]:
        """Pages by internal row offset, like iter_claims (ORDER BY/SKIP took 156 s for 250k nodes)."""
        for label in labels or SCHEMA.nodes:
            last = self._scalar(f"MATCH (n:{label}) RETURN max(offset(ID(n)))")
            for start in range(0, -1 if last is None else last + 1, batch_size):
                rows = self._rows(
                    f"MATCH (n:{label}) WHERE offset(ID(n)) >= $lo AND offset(ID(n)) < $hi RETURN n",
                    {"lo": start, "hi": start + batch_size},
                )
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
                    claims.append(
                        claim_from_record(
                            record,
                            edge_type,
                            node_ids[source["table"]][source["offset"]],
                            node_ids[target["table"]][target["offset"]],
                        )
                    )
                if claims:
                    yield claims

    def iter_claim_links(self, batch_size: int = 10_000) -> Iterator[list[ClaimLink]]:
        """Every claim's type, ends, Source and date, paged like iter_claims. LadybugDB stores columns
        apart and keeps each page it reads, so leaving out the sentence and evidence columns keeps a
        whole-store read (cross-document resolution after every load) to a few narrow columns."""
        for edge_type in SCHEMA.edges:
            last = self._scalar(f"MATCH ()-[r:{edge_type}]->() RETURN max(offset(ID(r)))")
            for start in range(0, -1 if last is None else last + 1, batch_size):
                rows = self._rows(
                    f"MATCH (a)-[r:{edge_type}]->(b) WHERE offset(ID(r)) >= $lo AND offset(ID(r)) < $hi "
                    "RETURN a.id, b.id, r.source_id, r.date_start, r.date_precision",
                    {"lo": start, "hi": start + batch_size},
                )
                if rows:
                    yield [ClaimLink(edge_type, *row) for row in rows]

    def claim_counts_by_source(self) -> dict[str, int]:
        """Claims per source id, so `sync` can copy whole Sources in pages of about one size."""
        return {source_id: count for source_id, count in self._rows("MATCH ()-[r]->() RETURN r.source_id, count(r)")}

    def claims_of_sources(self, source_ids: list[str]) -> list[Claim]:
        """Every claim made by these Sources (one scan per edge type for the whole group)."""
        if not source_ids:
            return []
        return self._match_claims(list(SCHEMA.edges), "r.source_id IN $source_ids", {"source_ids": list(source_ids)})

    def claims_by_id(self, claim_ids: list[str]) -> list[Claim]:
        """The stored claims with these ids (any type, any status)."""
        if not claim_ids:
            return []
        return self._match_claims(list(SCHEMA.edges), "r.id IN $ids", {"ids": list(claim_ids)})

    def _node_ids_by_internal_id(self) -> dict[int, list[str | None]]:
        """Node ids indexed by Ladybug's internal (table, offset) ids."""
        tables = {
            name: table_id for table_id, name in self._rows("CALL show_tables() WHERE type = 'NODE' RETURN id, name")
        }
        by_table: dict[int, list[str | None]] = {}
        for label in SCHEMA.nodes:
            rows = self._rows(f"MATCH (n:{label}) RETURN offset(ID(n)), n.id")
            ids: list[str | None] = [None] * (max((r[0] for r in rows), default=-1) + 1)
            for offset, node_id in rows:
                ids[offset] = node_id
            by_table[tables[label]] = ids
        return by_table

    # -- corrections (graph/corrections.py decides what they mean) ---------------------------

    def save_correction(self, record: dict[str, Any]) -> None:
        self._ensure_writable()
        assignments = ", ".join(f"k.{name} = ${name}" for name in CORRECTION_COLUMNS if name != "id")
        self._execute(f"MERGE (k:Correction {{id: $id}}) SET {assignments}", record)

    def load_corrections(self) -> list[dict[str, Any]]:
        try:
            rows = self._rows("MATCH (k:Correction) RETURN k ORDER BY k.at, k.id")
        except RuntimeError as error:  # a store made before corrections, opened read-only
            if "Correction" in str(error):
                return []
            raise
        return [{name: record.get(name) for name in CORRECTION_COLUMNS} for (record,) in rows]

    def set_claim_status(self, claim_ids: list[str], status: str | None) -> None:
        self._ensure_writable()
        for edge in SCHEMA.edges:
            self._execute(
                f"MATCH ()-[r:{edge}]->() WHERE r.id IN $ids SET r.status = $status",
                {"ids": claim_ids, "status": status},
            )

    # -- investigator's records (graph/records.py; grades and investigations give them meaning) --

    def save_records(self, rows: list[dict[str, Any]]) -> None:
        self._ensure_writable()
        assignments = ", ".join(f"k.{name} = ${name}" for name in RECORD_COLUMNS if name != "id")
        for row in rows:
            self._execute(f"MERGE (k:{RECORD_LABEL} {{id: $id}}) SET {assignments}", row)

    def load_records(self, kind: str | None = None) -> list[dict[str, Any]]:
        where, params = ("WHERE k.kind = $kind ", {"kind": kind}) if kind else ("", None)
        try:
            rows = self._rows(f"MATCH (k:{RECORD_LABEL}) {where}RETURN k ORDER BY k.at, k.id", params)
        except RuntimeError as error:  # a store made before records, opened read-only
            if RECORD_LABEL in str(error):
                return []
            raise
        return [{name: record.get(name) for name in RECORD_COLUMNS} for (record,) in rows]

    def delete_record(self, record_id: str) -> None:
        self._ensure_writable()
        self._execute(f"MATCH (k:{RECORD_LABEL}) WHERE k.id = $id DELETE k", {"id": record_id})

    def close(self) -> None:
        if self._search is not None:
            self._search.close()
        self._conn.close()
        self._db.close()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ----------------------------------------------------------------------------

    def _known_ids(self) -> tuple[dict[str, set[str]], set[str]]:
        if self._node_ids is None or self._claim_ids is None:
            self._node_ids = {
                label: {r[0] for r in self._rows(f"MATCH (n:{label}) RETURN n.id")} for label in SCHEMA.nodes
            }
            self._claim_ids = {r[0] for r in self._rows("MATCH ()-[r]->() RETURN r.id")}
        return self._node_ids, self._claim_ids

    def _ensure_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")

    def _copy(self, table: str, data: pa.Table, options: str = "") -> None:
        """COPY the table's non-empty columns only (naming them): an all-null column still costs
        Ladybug a pass (date_text, role, page at a million claims: half a second)."""
        empty = [
            c
            for c in data.column_names
            if c not in ("from", "to", "id") and data.num_rows and data[c].null_count == data.num_rows
        ]
        if empty:
            data = data.drop_columns(empty)
            properties = ", ".join(c for c in data.column_names if c not in ("from", "to"))
            table = f"{table}({properties})"
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


def _open_database(path: Path, read_only: bool, buffer_pool_bytes: int) -> ladybug.Database:
    """Open the directory's database. A read-only open is refused while a checkpoint is unfinished
    (Ladybug's shadow file) or the WAL's last record is half written: while a writer is at work,
    retry; after a crash, finish the recovery with a brief read-write open (only possible when no
    writer holds the store)."""
    give_up = time.monotonic() + READ_OPEN_WAIT_SECONDS
    next_recovery = 0.0
    while True:
        try:
            return ladybug.Database(
                str(path / "graph.lbdb"),
                read_only=read_only,
                checkpoint_threshold=CHECKPOINT_BYTES,
                buffer_pool_size=buffer_pool_bytes,
            )
        except RuntimeError as error:
            if not read_only and _is_torn_wal(error):
                return _open_after_torn_wal(path, buffer_pool_bytes)
            if not (read_only and (_is_torn_wal(error) or any(sign in str(error) for sign in _WRITER_AT_WORK))):
                raise StoreError(_explain_open_error(path, error)) from None
        now = time.monotonic()
        if now >= give_up:
            raise StoreError(
                f"the store at {path} is being checkpointed or written by another process and stayed so for "
                f"{READ_OPEN_WAIT_SECONDS:.0f} s; retry when that load or import has finished"
            )
        if now >= next_recovery:
            _recover_if_no_writer(path)
            next_recovery = now + 2.0
        else:
            time.sleep(0.2)


def _is_torn_wal(error: RuntimeError) -> bool:
    """A torn last record fails its checksum, or ends before its stated length."""
    message = str(error)
    return "the WAL file is corrupted" in message or (
        "Reading past the end of the file" in message and ".wal" in message
    )


def _open_after_torn_wal(path: Path, buffer_pool_bytes: int) -> ladybug.Database:
    """A writer killed while appending to the WAL leaves its last record torn. Records are appended in
    commit order and a transaction counts only once its commit record is whole, so replaying up to
    the tear restores every committed transaction and drops only the one that was being written
    (kflow's bulk journal then undoes any half-applied batch). Ladybug refuses such a WAL by
    default; keep a copy of it beside the store, for forensics, then replay up to the tear."""
    wal = path / "graph.lbdb.wal"
    kept = path / f"graph.lbdb.wal.torn-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{os.getpid()}"
    if wal.exists():
        shutil.copy2(wal, kept)
    try:
        database = ladybug.Database(
            str(path / "graph.lbdb"),
            checkpoint_threshold=CHECKPOINT_BYTES,
            buffer_pool_size=buffer_pool_bytes,
            throw_on_wal_replay_failure=False,
        )
    except RuntimeError as error:
        raise StoreError(_explain_open_error(path, error)) from None
    log.warning(
        "the store at %s was left by a writer that stopped mid-write; replayed its log up to the "
        "unfinished transaction and kept the original log as %s",
        path,
        kept.name,
    )
    return database


def _recover_if_no_writer(path: Path) -> None:
    """Undo a bulk batch, or finish a checkpoint, that a crashed writer left half done, unless a
    writer is still at work (then a reader sees the batch as far as it got, and the writer
    finishes or undoes it)."""
    with contextlib.suppress(StoreError):
        EmbeddedStore(path).close()


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


def _checked_claim_columns(claims: pa.Table) -> tuple[ClaimColumns, bool]:
    """Claims checked, their ends collected (cached on the columns), and whether an id repeats."""
    columns = ClaimColumns.from_arrow(claims)
    columns.ends()
    return columns, len(set(columns.ids)) != len(columns)


_COPY_ENDS = re.compile(r"\(from='(\w+)', to='(\w+)'\)")
_END_KEYS = {"from": "end_from", "to": "end_to"}


def _filled_columns(data: pa.Table) -> list[str]:
    """Columns with at least one value (and the ids and ends always): all-null ones stay unset."""
    return [c for c in data.column_names if c in ("from", "to", "id") or data[c].null_count < data.num_rows]


def _ready(table: pa.Table) -> pa.Table:
    return table
