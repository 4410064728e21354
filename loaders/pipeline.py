"""Files to stored graph: read, extract, resolve, store, one Source per transaction.

Each file is handled on its own: a bad file is reported and skipped, never half-stored, and
the files around it still load. A Source already in the store (same bytes) is skipped, which
makes re-running an interrupted load finish the rest.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.pool
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from graph.model import Batch, Claim, ModelError, Node
from graph.store import GraphStore
from loaders.document import Document, Extraction, ReadError
from loaders.extract.base import Extractor, NullExtractor
from loaders.ignore_files import IGNORE_FILE, IgnoreFileError, ignore_rule
from loaders.readers import read_document, supported_extensions
from loaders.readers.common import file_sha256
from loaders.time_limit import Deadline, FileTimeout, file_timeout

SKIPPED_SUFFIXES = (".meta.yaml",)
FILES_PER_TASK = 16  # files a worker reads and extracts per task
TASKS_AHEAD_PER_WORKER = 3  # tasks in flight per worker: both stay busy, the writer's backlog stays bounded
BATCH_CHARS = 100_000  # text extracted in one batch; larger documents go alone


@dataclass
class FileResult:
    path: str
    status: str  # loaded | unchanged | failed | skipped (a link out of a loaded folder) | ignored (.kflowignore)
    source_id: str | None = None
    nodes_added: int = 0
    claims_added: int = 0
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class LoadReport:
    files: list[FileResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def nodes_added(self) -> int:
        return sum(f.nodes_added for f in self.files)

    @property
    def claims_added(self) -> int:
        return sum(f.claims_added for f in self.files)


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[FileResult]]:
    """Files to read (folders walked, sidecars and hidden files left out) and failures for bad paths.

    In a walked folder, a symbolic link whose target lies outside the folder is skipped with a reason
    (status "skipped"): loading a folder must not store /etc/passwd because a link points there. A
    file named explicitly may be a link anywhere; the reader still takes only regular files. Entries
    that are not regular files (FIFOs, devices, sockets) are kept so that the reader refuses them by name.
    Files a `.kflowignore` in the folder excludes are reported with status "ignored"
    (`loaders/ignore_files.py`); a `.kflowignore` that cannot be used fails its whole folder.
    """
    files: list[Path] = []
    failures: list[FileResult] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            failures.append(FileResult(str(path), "failed", reason="no such file or directory"))
        elif path.is_dir():
            found, not_read = _walk_folder(path)
            files += found
            failures += not_read
        else:
            files.append(path)
    return files, failures


def _walk_folder(folder: Path) -> tuple[list[Path], list[FileResult]]:
    """The documents under `folder` to read, and a result for each one not read (or for the folder)."""
    try:
        ignored = ignore_rule(folder)
    except IgnoreFileError as error:
        return [], [FileResult(str(folder), "failed", reason=str(error))]
    found = sorted(p for p in folder.rglob("*") if not p.is_dir() and _is_document(p, folder))
    not_read = [FileResult(str(p), "ignored", reason=IGNORE_FILE) for p in found if ignored(p)]
    found = [p for p in found if not ignored(p)]
    if not found:
        because = f"no readable files (kflow reads {', '.join(supported_extensions())})"
        because += f"; {len(not_read)} ignored by {IGNORE_FILE}" if not_read else ""
        return [], [*not_read, FileResult(str(folder), "failed", reason=because)]
    root, files = folder.resolve(), []
    for entry in found:
        outside = _link_outside(entry, root)
        if outside:
            not_read.append(FileResult(str(entry), "skipped", reason=outside))
        else:
            files.append(entry)
    return files, not_read


def _link_outside(entry: Path, root: Path) -> str | None:
    """Why `entry` (found under `root`) is not read: a link resolving outside the folder, or a link loop."""
    if not entry.is_symlink():
        return None
    try:
        target = entry.resolve(strict=False)
    except (OSError, RuntimeError):
        return "symbolic link that cannot be resolved (a loop?); skipped"
    if not target.is_relative_to(root):
        return f"symbolic link to {target}, outside the folder being loaded; skipped (name the file itself to load it)"
    return None


def _is_document(path: Path, root: Path) -> bool:
    relative = path.relative_to(root)
    if any(part.startswith(".") for part in relative.parts) or path.name.endswith(SKIPPED_SUFFIXES):
        return False
    return path.suffix.lower() in supported_extensions()


def source_node(document: Document) -> Node:
    props = {
        "path": str(document.path),
        "sha256": document.sha256,
        "title": document.title,
        "published": document.published,
        "published_precision": document.published_precision,
        "loaded_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "media_type": document.media_type,
        "text": document.text,
        "url": document.url,
        "note": document.note,
        "publisher": document.publisher,
        "reliability": document.reliability,
        "credibility": document.credibility,
    }
    return Node(
        document.source_id,
        "Source",
        document.title or document.path.name,
        props={k: v for k, v in props.items() if v is not None},
    )


def mention_claims(document: Document, extraction: Extraction) -> list[Claim]:
    """Source -MENTIONS-> node for every node a claim of this document touches, citing its first claim.
    Denials (negated claims) mention nothing: what they name is mentioned by the extractor's own
    MENTIONS claims when it is a mention in the text, as when the denial was not kept."""
    first: dict[str, Claim] = {}
    for claim in extraction.claims:
        if claim.negated:
            continue
        for end in (claim.from_id, claim.to_id):
            if not end.startswith("source:"):
                first.setdefault(end, claim)
    return [
        Claim(
            "MENTIONS",
            document.source_id,
            node,
            document.source_id,
            c.sentence,
            c.char_start,
            c.char_end,
            c.confidence,
            "pipeline.mentions",
            page=c.page,
        )
        for node, c in first.items()
    ]


def document_batch(document: Document, extractor: Extractor) -> Batch:
    return extracted_batch(document, extractor.extract(document))


def extracted_batch(document: Document, found: Extraction) -> Batch:
    """The Source, the reader's structured claims and the extractor's `found`, with their MENTIONS."""
    extraction = Extraction()
    extraction.extend(document.structured)
    extraction.extend(found)
    nodes = [source_node(document), *extraction.nodes]
    return Batch(nodes, [*extraction.claims, *mention_claims(document, extraction)])


def _read(path: Path, published: str | None, deadline: Deadline) -> Document | FileResult:
    try:
        with deadline.running():
            return read_document(path, published)
    except ReadError as error:
        return FileResult(str(path), "failed", reason=error.reason)
    except FileTimeout as error:
        return FileResult(str(path), "failed", reason=str(error))
    except Exception as error:  # a reader bug on a hostile file fails that file, never the whole load
        return FileResult(
            str(path), "failed", reason=f"unexpected reader error ({type(error).__name__}: {error}); please report it"
        )


def _extract(document: Document, extractor: Extractor, deadline: Deadline) -> Batch | FileResult:
    try:
        with deadline.running():
            return document_batch(document, extractor)
    except (ModelError, ReadError) as error:
        return FileResult(
            str(document.path), "failed", document.source_id, reason=f"extraction produced invalid data: {error}"
        )
    except FileTimeout as error:
        return FileResult(str(document.path), "failed", document.source_id, reason=str(error))
    except Exception as error:  # an extractor bug on one text fails that file, never the whole load
        return FileResult(
            str(document.path),
            "failed",
            document.source_id,
            reason=f"unexpected extraction error ({type(error).__name__}: {error}); please report it",
        )


def _store(document: Document, batch: Batch, store: GraphStore) -> FileResult:
    if store.has_source(document.source_id):
        return FileResult(str(document.path), "unchanged", document.source_id, warnings=document.warnings)
    try:
        result = store.upsert(batch)
    except ModelError as error:
        return FileResult(
            str(document.path), "failed", document.source_id, reason=f"extraction produced invalid data: {error}"
        )
    return FileResult(
        str(document.path),
        "loaded",
        document.source_id,
        result.nodes_added,
        result.claims_added,
        warnings=document.warnings,
    )


def _deadline(path: Path) -> Deadline | FileResult:
    try:
        return Deadline(file_timeout())
    except ValueError as error:
        return FileResult(str(path), "failed", reason=str(error))


def _read_in_time(path: Path, published: str | None) -> tuple[Document, Deadline] | FileResult:
    """Read one file under its time limit; the deadline goes on to bound extraction too."""
    deadline = _deadline(path)
    if isinstance(deadline, FileResult):
        return deadline
    document = _read(path, published, deadline)
    return document if isinstance(document, FileResult) else (document, deadline)


def prepare_file(path: Path, extractor: Extractor, published: str | None = None) -> tuple[Document, Batch] | FileResult:
    """Read and extract one file under the per-file time limit (`loaders.time_limit`); no store needed."""
    read = _read_in_time(path, published)
    if isinstance(read, FileResult):
        return read
    document, deadline = read
    batch = _extract(document, extractor, deadline)
    return batch if isinstance(batch, FileResult) else (document, batch)


def load_file(path: Path, store: GraphStore, extractor: Extractor, published: str | None = None) -> FileResult:
    """Reading and extraction share one time limit; storing is not cut short. Stored sources are not re-extracted."""
    read = _read_in_time(path, published)
    if isinstance(read, FileResult):
        return read
    document, deadline = read
    if store.has_source(document.source_id):
        return FileResult(str(path), "unchanged", document.source_id, warnings=document.warnings)
    batch = _extract(document, extractor, deadline)
    return batch if isinstance(batch, FileResult) else _store(document, batch, store)


def load_paths(
    paths: Iterable[str | Path],
    store: GraphStore,
    extractor: Extractor | None = None,
    published: str | None = None,
    progress: Callable[[FileResult], None] | None = None,
    workers: int = 1,
) -> LoadReport:
    """Load files and folders into `store`; the report says, per file, what landed or why not.

    With `workers` > 1, reading and extraction run in that many forked processes while this
    process alone writes to the store, one Source per transaction, in file order.
    """
    extractor = extractor or NullExtractor()
    files, failures = expand_paths(paths)
    report = LoadReport(list(failures))
    for result in _results(files, store, extractor, published, workers):
        report.files.append(result)
        if progress:
            progress(result)
    return report


def _results(
    files: list[Path], store: GraphStore, extractor: Extractor, published: str | None, workers: int
) -> Iterator[FileResult]:
    if workers <= 1 or len(files) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for path in files:
            yield load_file(path, store, extractor, published)
        return
    pending = []
    for path in files:
        unchanged = _already_stored(path, store)
        if unchanged:
            yield unchanged
        else:
            pending.append(path)
    if not pending:
        return
    for prepared in prepare_files(pending, extractor, published, workers):
        yield prepared if isinstance(prepared, FileResult) else _store(*prepared, store)


def prepare_files(
    files: list[Path], extractor: Extractor, published: str | None, workers: int
) -> Iterator[tuple[Document, Batch] | FileResult]:
    """`prepare_file` over many files in `workers` forked processes, results in file order.

    Each task is a run of up to FILES_PER_TASK consecutive files (`prepare_run`), fewer when there
    are few files, so both workers stay busy while spaCy parses several documents per call.
    """
    extractor.warm()  # the model and caches load now, before forking, so workers share them
    global _WORKER_JOB
    _WORKER_JOB = (extractor, published)
    size = max(1, min(FILES_PER_TASK, len(files) // (workers * 4)))
    runs = [files[i : i + size] for i in range(0, len(files), size)]
    with _forked_pool(workers) as pool:
        yield from _in_order_with_bounded_backlog(pool, runs, workers * TASKS_AHEAD_PER_WORKER)


def _in_order_with_bounded_backlog(
    pool: multiprocessing.pool.Pool, runs: list[list[Path]], ahead: int
) -> Iterator[tuple[Document, Batch] | FileResult]:
    """Results in file order, with at most `ahead` tasks queued or finished but not yet consumed.
    `Pool.imap` runs every task as fast as the workers can and buffers the results until the writer
    takes them: when extraction outpaces writing, the writer's memory grew with the corpus."""
    queued = deque(pool.apply_async(_prepare_in_worker, (run,)) for run in runs[:ahead])
    upcoming = iter(runs[ahead:])
    while queued:
        results = queued.popleft().get()
        following = next(upcoming, None)
        if following is not None:
            queued.append(pool.apply_async(_prepare_in_worker, (following,)))
        yield from results


@contextmanager
def _forked_pool(workers: int) -> Iterator[multiprocessing.pool.Pool]:
    """A fork pool whose workers never garbage-collect what they inherited. A forked child that
    finalises a parent's object tied to the open store (LadybugDB's C++ state and threads do not
    survive fork) segfaults: seen as a worker dying mid-parse and a load hanging. So the parent
    collects its garbage, then freezes every live object out of the collector's reach (the
    pattern the `gc.freeze` documentation gives for fork), and unfreezes once the workers exist."""
    gc.collect()
    gc.freeze()
    try:
        pool = multiprocessing.get_context("fork").Pool(workers)
    finally:
        gc.unfreeze()
    with pool:
        yield pool


def _already_stored(path: Path, store: GraphStore) -> FileResult | None:
    """Skip a file whose bytes are already a Source, without reading it in a worker (sources are content-addressed).

    Hashing obeys the reader's rules and limits: only a regular file within the size limit (checked by
    `stat` before opening) is hashed, streamed in chunks, under the per-file time limit. A file refused
    here is not failed here: the worker's reader refuses it again with the reason.
    """
    deadline = _deadline(path)
    if isinstance(deadline, FileResult):
        return deadline
    try:
        with deadline.running():
            digest = file_sha256(path)
    except (ReadError, FileTimeout):
        return None
    source_id = f"source:{digest[:16]}"
    return FileResult(str(path), "unchanged", source_id) if store.has_source(source_id) else None


_WORKER_JOB: tuple[Extractor, str | None] | None = None


def _prepare_in_worker(paths: list[Path]) -> list[tuple[Document, Batch] | FileResult]:
    assert _WORKER_JOB is not None
    extractor, published = _WORKER_JOB
    return prepare_run(paths, extractor, published)


def prepare_run(
    paths: list[Path], extractor: Extractor, published: str | None = None
) -> list[tuple[Document, Batch] | FileResult]:
    """`prepare_file` on each path, with the same results, but extraction batched where it can be.

    The readable documents are extracted with `extract_batch` in groups of up to BATCH_CHARS of text.
    Each file keeps one time limit for reading and extraction: a group gets one file's limit, and a
    group that overruns it or fails is redone file by file, each with what is left of its own limit,
    so a hostile or broken file fails alone.
    """
    if len(paths) < 2:
        return [prepare_file(path, extractor, published) for path in paths]
    results: list[tuple[Document, Batch] | FileResult | None] = [None] * len(paths)
    group: list[tuple[int, Document, float]] = []  # (position, document, seconds its reading took)
    for position, path in enumerate(paths):
        deadline = _deadline(path)
        read = deadline if isinstance(deadline, FileResult) else _read(path, published, deadline)
        if isinstance(read, FileResult):
            results[position] = read
            continue
        if group and sum(len(d.text) for _, d, _ in group) + len(read.text) > BATCH_CHARS:
            _extract_group(group, extractor, results)
            group = []
        group.append((position, read, deadline.seconds - (deadline.ends - time.monotonic())))
    _extract_group(group, extractor, results)
    assert all(r is not None for r in results)
    return results  # type: ignore[return-value]


def _extract_group(group: list[tuple[int, Document, float]], extractor: Extractor, results: list) -> None:
    found = None
    if len(group) > 1:
        try:
            with Deadline(file_timeout()).running():
                found = extractor.extract_batch([document for _, document, _ in group])
        except (Exception, FileTimeout):  # invalid data, a timeout or an extractor bug: redone file by
            found = None  # file below, so the failure lands on its own file
    for i, (position, document, spent) in enumerate(group):
        if found is None:
            deadline = Deadline(file_timeout())
            deadline.ends -= spent
            results[position] = _finish(document, _extract(document, extractor, deadline))
            continue
        try:
            results[position] = (document, extracted_batch(document, found[i]))
        except (ModelError, ReadError) as error:
            results[position] = FileResult(
                str(document.path), "failed", document.source_id, reason=f"extraction produced invalid data: {error}"
            )


def _finish(document: Document, batch: Batch | FileResult) -> tuple[Document, Batch] | FileResult:
    return batch if isinstance(batch, FileResult) else (document, batch)
