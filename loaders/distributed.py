"""Reading and extraction on a Dask cluster, one writer: `kflow load --cluster`.

Why Dask: a corpus of 10^6 documents is tens of core-hours of extraction; `dask.distributed`
already schedules tasks over a fleet, restarts lost workers and reruns their tasks, so kflow
only says what a task is. A task is a run of files (`prepare_run`, the same code as `--workers`);
every worker loads the spaCy pipeline once, in a worker plugin, and returns `(Document, Batch)`
pairs to this process, which alone writes them, in file order, one Source per transaction.

Resuming: files whose bytes are already a Source are skipped before any task is sent (sources
are content-addressed), and a batch is stored only if its Source is still missing, so a rerun or
a task retried after a lost worker never duplicates anything. A worker that dies mid-task has its
task rerun on another (the scheduler's `distributed.scheduler.allowed-failures`); a run of files
that keeps killing workers is split into single files, so the one file that kills every worker is
reported once, as failed, and the rest still load.

Workers open the paths they are given: on a LocalCluster that is any local folder; on a remote
cluster the files must be on storage every worker mounts at the same path (docs/scale.md).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import dask
from distributed import Client, Future, KilledWorker, LocalCluster, WorkerPlugin, get_worker

from graph.model import Batch
from graph.store import GraphStore
from loaders.document import Document
from loaders.extract.base import Extractor, NullExtractor
from loaders.pipeline import FILES_PER_TASK, FileResult, LoadReport, _already_stored, _store, expand_paths, prepare_run
from loaders.readers.common import env_int
from loaders.time_limit import file_timeout

PLUGIN_NAME = "kflow-extractor"
WATCHDOG_EXIT_CODE = 70  # a worker ended by its watchdog (EX_SOFTWARE): files that overran their time limit
CONNECT_TIMEOUT_S = 30  # seconds to reach a scheduler (env KFLOW_CLUSTER_TIMEOUT)
TASKS_AHEAD_PER_WORKER = 3  # tasks in flight per worker thread: workers stay busy, the writer's backlog stays bounded
# Worker settings for CPU-bound extraction. Dask's statistical profiler samples every thread's stack every
# 10 ms and the event loop ticks every 20 ms; both take the GIL from spaCy. Off / slowed they gave 8-9 %
# more tokens/s at 1 and 2 workers (bench/bench_scale.py, quiet machine). Remote workers take the same
# settings from their environment (docs/scale.md, docker-compose.yml).
# The nanny also starts each worker with MALLOC_TRIM_THRESHOLD_=65536, which makes glibc hand freed heap
# back to the OS at once and fixes its mmap threshold: spaCy's short-lived arrays then cost page faults and
# system calls on every batch, 15-20 % more CPU per document than a forked worker (bench/probe_dask_worker.py,
# almost all of it system time). None leaves glibc's own adaptive default, as the forked workers have it.
EXTRACTION_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}

Prepared = tuple[Document, Batch] | FileResult


class ClusterError(RuntimeError):
    """The cluster cannot do the job (no scheduler, no workers); what is stored so far stays, a rerun resumes."""


class ClusterSpecError(ClusterError):
    """A `--cluster` value that names no cluster kflow can start or reach."""


class ExtractorPlugin(WorkerPlugin):
    """Loads the extractor once per worker process (spaCy's model is ~1 s and ~200 MB to load)."""

    name = PLUGIN_NAME

    def __init__(self, extract: bool = True, factory: Callable[[], Extractor] | None = None):
        self.extract = extract
        self.factory = factory  # an importable function making another extractor (tests, plug-in extractors)
        self.extractor: Extractor | None = None

    def setup(self, worker) -> None:  # noqa: ANN001 (distributed.Worker; typed loosely upstream)
        from loaders.extract import default_extractor

        make = self.factory or (default_extractor if self.extract else NullExtractor)
        self.extractor = make()
        self.extractor.warm()


def prepare_on_worker(paths: list[str], published: str | None, seconds_per_file: int) -> list[Prepared]:
    """A task: read and extract a run of files with this worker's extractor (see `prepare_run`).

    A task runs in a worker thread, where the per-file alarm of `--workers` cannot be set, so a
    watchdog ends the worker process when the run overruns its files' time limits together; the
    scheduler then treats it as a lost worker, and `prepare_on_cluster` narrows it down to the
    one file that overruns, reported as failed like a file that crashes every worker.
    """
    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, ExtractorPlugin) and plugin.extractor is not None
    with worker_watchdog(seconds_per_file * len(paths), paths):
        return prepare_run([Path(p) for p in paths], plugin.extractor, published)


@contextmanager
def worker_watchdog(seconds: float, paths: list[str]) -> Iterator[None]:
    """End this worker process if the block is still running after `seconds` (a hung parser or a
    pathological file: Python cannot interrupt another thread stuck in C code)."""

    def overrun() -> None:
        print(
            f"kflow: {len(paths)} file(s) from {paths[0]} still unfinished after {seconds:.0f} s; "
            "ending this worker so they are retried one by one",
            file=sys.stderr,
            flush=True,
        )
        os._exit(WATCHDOG_EXIT_CODE)

    timer = threading.Timer(seconds, overrun)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def parse_cluster(spec: str) -> tuple[str, int | str]:
    """`local:N` -> ("local", N); `tcp://host:port` (or tls://, ws://) -> ("remote", address).

    >>> parse_cluster("local:2")
    ('local', 2)
    >>> parse_cluster("tcp://scheduler:8786")
    ('remote', 'tcp://scheduler:8786')
    """
    if spec.startswith("local:"):
        count = spec.removeprefix("local:")
        if not count.isdigit() or not 1 <= int(count) <= 256:
            raise ClusterSpecError(f"--cluster {spec!r}: local:N needs N workers, a whole number from 1 to 256")
        return "local", int(count)
    if spec.split("://", 1)[0] in ("tcp", "tls", "ws", "wss") and "://" in spec and spec.split("://", 1)[1]:
        return "remote", spec
    raise ClusterSpecError(
        f"--cluster {spec!r}: expected local:N (a LocalCluster of N worker processes) "
        "or a scheduler address such as tcp://scheduler:8786"
    )


@contextmanager
def cluster_client(spec: str) -> Iterator[Client]:
    """A client of the cluster `spec` names; a LocalCluster lives as long as the client."""
    kind, where = parse_cluster(spec)
    if kind == "remote":
        try:
            client = Client(where, timeout=f"{env_int('KFLOW_CLUSTER_TIMEOUT', CONNECT_TIMEOUT_S)}s")
        except OSError as error:
            raise ClusterSpecError(f"--cluster {spec}: cannot reach the Dask scheduler ({error})") from None
        with client:
            yield client
        return
    with (
        dask.config.set(EXTRACTION_WORKER_CONFIG),  # read by each worker's nanny as it starts the worker
        LocalCluster(
            n_workers=int(where), threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def load_on_cluster(
    paths: Iterable[str | Path],
    store: GraphStore,
    client: Client,
    extract: bool = True,
    published: str | None = None,
    progress: Callable[[FileResult], None] | None = None,
    files_per_task: int = FILES_PER_TASK,
    extractor_factory: Callable[[], Extractor] | None = None,
) -> LoadReport:
    """Load files and folders into `store`, reading and extracting on `client`'s workers.

    The report is what `load_paths` gives for the same files: per file, what landed or why not.
    """
    files, failures = expand_paths(paths)
    report = LoadReport(list(failures))

    def record(result: FileResult) -> None:
        report.files.append(result)
        if progress:
            progress(result)

    pending: list[Path] = []
    for path in files:
        unchanged = _already_stored(path, store)
        if unchanged:
            record(unchanged)
        else:
            pending.append(path)
    if pending:
        client.register_plugin(ExtractorPlugin(extract, extractor_factory), name=PLUGIN_NAME)
        for prepared in prepare_on_cluster(client, pending, published, files_per_task):
            record(prepared if isinstance(prepared, FileResult) else _store(*prepared, store))
    return report


def prepare_on_cluster(
    client: Client, files: list[Path], published: str | None, files_per_task: int = FILES_PER_TASK
) -> Iterator[Prepared]:
    """`prepare_file` for every file on the cluster, in file order (files whose worker died: last, each alone),
    with a bounded number of tasks in flight."""
    threads = max(1, sum(client.nthreads().values()))
    seconds_per_file = file_timeout()  # this process's limit (KFLOW_FILE_TIMEOUT), enforced on every worker
    size = max(1, min(files_per_task, len(files) // (threads * 4)))
    runs = deque([str(p) for p in files[i : i + size]] for i in range(0, len(files), size))
    ahead = threads * TASKS_AHEAD_PER_WORKER
    queued: deque[tuple[list[str], Future]] = deque()

    def submit(run: list[str]) -> tuple[list[str], Future]:
        return run, client.submit(prepare_on_worker, run, published, seconds_per_file, pure=False)

    suspects: deque[str] = deque()  # files whose worker died with nothing to tell them from bystanders
    while runs or queued or suspects:
        while runs and len(queued) < ahead:
            queued.append(submit(runs.popleft()))
        if not queued:  # the rest are suspects: each runs alone, so only the file that kills a worker fails
            path = suspects.popleft()
            run, future = submit([path])
            try:
                results = _result(client, future)
            except KilledWorker as error:
                results = [
                    FileResult(
                        path,
                        "failed",
                        reason=f"every worker that tried it died or ran past {seconds_per_file} s on it ({error}); "
                        "skipped",
                    )
                ]
            finally:
                future.release()
            yield from results
            continue
        run, future = queued.popleft()
        try:
            results = _result(client, future)
        except KilledWorker:
            # a worker died under this task: the file that kills it, or a bystander queued on the same worker
            if len(run) > 1:  # find the file that kills workers: each file of the run alone, first in line
                queued.extendleft(reversed([submit([path]) for path in run]))
            else:
                suspects.append(run[0])
            continue
        except ClusterError:
            raise
        except Exception as error:  # a task that raised on the worker fails its files, never the whole load
            results = [
                FileResult(path, "failed", reason=f"worker error ({type(error).__name__}: {error}); please report it")
                for path in run
            ]
        finally:
            future.release()
        yield from results


def _result(client: Client, future: Future) -> list[Prepared]:
    """The task's result; a ClusterError when the cluster has had no worker at all for KFLOW_CLUSTER_TIMEOUT
    seconds (Dask would wait for workers forever; a job whose every worker is gone should say so)."""
    patience = env_int("KFLOW_CLUSTER_TIMEOUT", CONNECT_TIMEOUT_S)
    workerless_since: float | None = None
    while True:
        try:
            return future.result(timeout=2)
        except TimeoutError:
            if client.nthreads():
                workerless_since = None
            elif workerless_since is None:
                workerless_since = time.monotonic()
            elif time.monotonic() - workerless_since > patience:
                raise ClusterError(
                    f"the Dask cluster has had no workers for {patience} s; what is loaded is stored, "
                    "start workers and run the same command again to finish"
                ) from None
