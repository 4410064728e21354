"""Load-page logic: read an uploaded document with the CLI's readers and pipeline, let an
investigator accept or reject each extracted claim, then store it: the claims unticked are stored
too, rejected through the corrections layer (graph/corrections.py), so every decision lives in the
graph with who made it, and a later upload of the same document starts them unticked.

The old side file (`annotations.jsonl`, dashboards/annotations.py) is only read now: a claim it
rejected starts unticked, and storing it makes that rejection a correction."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from dashboards.annotations import Annotations
from graph import corrections
from graph.corrected import raw_store
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


REJECTED_ON_LOAD = "unticked on the Load page"


def rejected_before(staged: Staged, store: GraphStore | None, annotations: Annotations) -> set[str]:
    """Claims of this document rejected before: stored with status rejected, or in the old side file."""
    stored = raw_store(store).claims_by_id([c.id for c in staged.claims]) if store is not None else []
    return {c.id for c in stored if c.status == "rejected"} | (annotations.rejected() & {c.id for c in staged.claims})


def store_accepted(staged: Staged, accepted_ids: set[str], store: GraphStore, by: str | None = None) -> UpsertResult:
    """Store the document with every claim; those not accepted are rejected (recorded corrections)."""
    result = store.upsert(accepted_batch(staged, accepted_ids))
    rejected = [c for c in staged.claims if c.id not in accepted_ids]
    if rejected:
        store.upsert(Batch(_nodes_of(staged, rejected), rejected))
        already = {c.id for c in store.claims_by_id([c.id for c in rejected]) if c.status == "rejected"}
        for claim in rejected:
            if claim.id not in already:
                corrections.reject_claim(store, claim.id, by=by or reviewer_or_app(), reason=REJECTED_ON_LOAD)
    return result


def reviewer_or_app() -> str:
    return os.environ.get("USER") or "kflow app"


def _nodes_of(staged: Staged, claims: list[Claim]) -> list[Node]:
    needed = {c.from_id for c in claims} | {c.to_id for c in claims}
    return [n for n in staged.batch.nodes if n.id in needed]
