"""Load-page logic: read an uploaded document with the CLI's readers and pipeline, let an
investigator accept or reject each extracted claim, then store only what was accepted."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from dashboards.annotations import Annotations
from graph.model import Batch, Claim, Node
from graph.schema import SCHEMA
from graph.store import GraphStore, UpsertResult
from loaders.document import Document, Extraction, ReadError
from loaders.extract.base import Extractor
from loaders.pipeline import FileResult, mention_claims, prepare_file
from loaders.readers.common import file_sha256, max_file_bytes

_UNSAFE_NAME = re.compile(r"[^\w.\- ]+")


@dataclass
class Staged:
    """A read document and what extraction found in it, not yet stored."""

    document: Document
    batch: Batch

    @property
    def claims(self) -> list[Claim]:
        """The claims to review (MENTIONS are derived from them, not reviewed on their own)."""
        return [c for c in self.batch.claims if c.type in SCHEMA.analysed_types]

    @property
    def nodes(self) -> dict[str, Node]:
        return {n.id: n for n in self.batch.nodes}


def save_upload(name: str, data: bytes, folder: Path) -> Path:
    """Keep an uploaded file (the Source's provenance) under a name that cannot leave `folder`.

    Refused (ReadError) over the file size limit before anything is written. An entry already at
    that name is reused only when it is a regular file with the same bytes (compared by a streamed
    hash, never by reading a FIFO or device); the file is written without following a link.
    """
    safe = _UNSAFE_NAME.sub("_", Path(name).name).strip(" .") or "upload"
    try:
        limit = max_file_bytes()
    except ValueError as error:
        raise ReadError(safe, str(error)) from None
    if len(data) > limit:
        raise ReadError(safe, f"upload is {len(data):,} bytes, over the {limit:,}-byte limit (KFLOW_MAX_FILE_BYTES)")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / safe
    stem, suffix = path.stem, path.suffix
    number = 0
    while os.path.lexists(path) and not _holds(path, data, limit):
        number += 1
        path = folder / f"{stem}-{number}{suffix}"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o644)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return path


def _holds(path: Path, data: bytes, limit: int) -> bool:
    """Whether `path` is a regular file (not a link) holding exactly `data`."""
    if path.is_symlink():
        return False
    try:
        return file_sha256(path, limit) == hashlib.sha256(data).hexdigest()
    except ReadError:
        return False


def stage(path: Path, extractor: Extractor, published: str | None = None) -> Staged:
    """Read and extract one file exactly as `kflow load` would (its reader guard and per-file time
    limit included), without storing anything. Raises ReadError (naming the file) when it fails."""
    prepared = prepare_file(path, extractor, published)
    if isinstance(prepared, FileResult):
        raise ReadError(path, prepared.reason or "could not be read")
    return Staged(*prepared)


def accepted_batch(staged: Staged, accepted_ids: set[str]) -> Batch:
    """The Source, the accepted claims, the nodes they need and their MENTIONS; nothing rejected."""
    keep = [c for c in staged.claims if c.id in accepted_ids]
    needed = {c.from_id for c in keep} | {c.to_id for c in keep}
    nodes = [n for n in staged.batch.nodes if n.id in needed or n.id == staged.document.source_id]
    mentions = mention_claims(staged.document, Extraction(claims=keep))
    return Batch(nodes, [*keep, *mentions])


def record_decisions(staged: Staged, accepted_ids: set[str], annotations: Annotations) -> None:
    """Remember each claim's decision; done before storing so a rejection survives a failed write."""
    annotations.record([c for c in staged.claims if c.id in accepted_ids], "accepted")
    annotations.record([c for c in staged.claims if c.id not in accepted_ids], "rejected")


def store_accepted(staged: Staged, accepted_ids: set[str], store: GraphStore) -> UpsertResult:
    return store.upsert(accepted_batch(staged, accepted_ids))
