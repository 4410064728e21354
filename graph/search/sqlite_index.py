"""A SQLite FTS5 full-text index of Sources, in one file beside the embedded store.

Contentless (`content=''`): the text lives once, in the graph; the index holds only tokens, so it
costs a fraction of the text's size. SQLite 3.40 (this platform's) cannot delete a contentless
row by id, so a row is deleted by giving FTS5 the title and text it was indexed with: the title is
kept in `docs`, the text is the Source's (content-addressed: the same id is always the same text).
`facets` holds what the filters need from the graph: each document's claim types and the nodes its
claims touch. Every write is its own short transaction, so a reader never waits long.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from graph.search.base import SearchError, SearchFilters, SearchHit

FILE_NAME = "search.sqlite"
BUSY_TIMEOUT_MS = 30_000
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS docs(rowid INTEGER PRIMARY KEY, source_id TEXT UNIQUE NOT NULL, "
    "title TEXT NOT NULL DEFAULT '', path TEXT, media_type TEXT, published TEXT)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS docs_text USING fts5(title, text, content='', prefix='2 3', "
    "tokenize='unicode61 remove_diacritics 2')",  # prefix indexes: 'ab*' in ~0.1 s, not seconds
    "CREATE TABLE IF NOT EXISTS facets(kind TEXT NOT NULL, value TEXT NOT NULL, source_id TEXT NOT NULL, "
    "PRIMARY KEY(kind, value, source_id)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS facets_by_source ON facets(source_id)",
)
TITLE_WEIGHT = 4.0  # bm25 weight of a title match against one in the text


@dataclass(frozen=True)
class IndexedDoc:
    source_id: str
    title: str
    text: str
    path: str | None = None
    media_type: str | None = None
    published: str | None = None


class SqliteTextIndex:
    """The index file; `SqliteTextIndex(store_dir)` opens or creates `store_dir/search.sqlite`."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / FILE_NAME
        try:
            # one connection shared by the store's threads (the app serves each session in its own
            # thread, a load may write from a worker thread); the lock keeps their statements apart
            self._db = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
            self._lock = threading.RLock()
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")  # no fsync per document; a lost commit is re-indexed
            for statement in _SCHEMA:
                self._db.execute(statement)
        except sqlite3.Error as error:
            raise SearchError(f"cannot open the search index {self.path}: {error}") from None

    def add(self, docs: Iterable[IndexedDoc]) -> int:
        """Index documents not yet indexed (or re-index one whose title changed); returns how many
        were written. Idempotent: a document already indexed with this title is left alone."""
        written = 0
        with self._transaction():
            for doc in docs:
                row = self._db.execute("SELECT rowid, title FROM docs WHERE source_id = ?", (doc.source_id,)).fetchone()
                if row and row[1] == doc.title:
                    continue
                if row:
                    self._delete_row(row[0], row[1], doc.text)
                cursor = self._db.execute(
                    "INSERT INTO docs(source_id, title, path, media_type, published) VALUES (?, ?, ?, ?, ?)",
                    (doc.source_id, doc.title, doc.path, doc.media_type, doc.published),
                )
                self._db.execute(
                    "INSERT INTO docs_text(rowid, title, text) VALUES (?, ?, ?)",
                    (cursor.lastrowid, doc.title, doc.text),
                )
                written += 1
        return written

    def add_facets(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """(kind, value, source_id) rows: kind `type` (a claim type) or `node` (a node a claim touches)."""
        with self._transaction():
            self._db.executemany("INSERT OR IGNORE INTO facets(kind, value, source_id) VALUES (?, ?, ?)", rows)

    def remove(self, source_id: str, text: str) -> bool:
        """Drop a document (given the text it was indexed with) and its facets."""
        with self._transaction():
            row = self._db.execute("SELECT rowid, title FROM docs WHERE source_id = ?", (source_id,)).fetchone()
            if row:
                self._delete_row(row[0], row[1], text)
            self._db.execute("DELETE FROM facets WHERE source_id = ?", (source_id,))
        return row is not None

    def clear(self) -> None:
        """Empty the index (to rebuild it when it holds documents the store no longer has)."""
        with self._transaction():
            self._db.execute("DELETE FROM docs")
            self._db.execute("DELETE FROM facets")
            self._db.execute("INSERT INTO docs_text(docs_text) VALUES ('delete-all')")

    def source_ids(self) -> set[str]:
        with self._lock:
            return {r[0] for r in self._db.execute("SELECT source_id FROM docs")}

    def search(self, match: str, filters: SearchFilters, limit: int) -> list[SearchHit]:
        """The best `limit` hits, without snippets: the text is the graph's, which the caller reads."""
        where, params = ["docs_text MATCH ?"], [match]
        if filters.since:
            where.append("d.published >= ?")
            params.append(filters.since)
        if filters.until:
            where.append("d.published <= ?")
            params.append(filters.until)
        if filters.media_types:
            where.append(f"d.media_type IN ({_marks(filters.media_types)})")
            params += filters.media_types
        for kind, values in (("node", filters.entity_ids), ("type", filters.claim_types)):
            if values:
                where.append(
                    f"d.source_id IN (SELECT source_id FROM facets WHERE kind = ? AND value IN ({_marks(values)}))"
                )
                params += [kind, *values]
        sql = (
            f"SELECT d.source_id, d.title, -bm25(docs_text, {TITLE_WEIGHT}, 1.0) AS score, d.path, d.published, "
            f"d.media_type FROM docs_text JOIN docs d ON d.rowid = docs_text.rowid WHERE {' AND '.join(where)} "
            "ORDER BY score DESC, d.source_id LIMIT ?"
        )
        try:
            with self._lock:
                rows = self._db.execute(sql, [*params, limit]).fetchall()
        except sqlite3.OperationalError as error:
            raise SearchError(f"the search index refused the query: {error}") from None
        return [SearchHit(*row) for row in rows]

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _delete_row(self, rowid: int, title: str, text: str) -> None:
        self._db.execute(
            "INSERT INTO docs_text(docs_text, rowid, title, text) VALUES ('delete', ?, ?, ?)", (rowid, title, text)
        )
        self._db.execute("DELETE FROM docs WHERE rowid = ?", (rowid,))

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db, self._lock)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error): two processes indexing the same missing
    document cannot both decide it is missing."""

    def __init__(self, db: sqlite3.Connection, lock: threading.RLock):
        self._db = db
        self._lock = lock

    def __enter__(self) -> None:
        self._lock.acquire()
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._lock.release()
            raise

    def __exit__(self, kind, error, trace) -> None:
        try:
            self._db.execute("COMMIT" if kind is None else "ROLLBACK")
        finally:
            self._lock.release()


def _marks(values: Iterable[object]) -> str:
    return ", ".join("?" for _ in values)
