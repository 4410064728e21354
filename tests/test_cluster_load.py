"""`kflow load --cluster`: a real Dask LocalCluster (2 worker processes) reads and extracts, one process writes.

The cluster's store must equal a serial load's (claim ids and all), survive a worker killed mid-job
with nothing lost or duplicated, and add nothing on a rerun.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import dask
import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from graph.embedded import EmbeddedStore
from kflow.cli import main
from loaders.distributed import (
    EXTRACTION_WORKER_CONFIG,
    ClusterError,
    ClusterSpecError,
    cluster_client,
    load_on_cluster,
    parse_cluster,
)
from loaders.extract import default_extractor
from loaders.pipeline import load_paths
from tests.cluster_helpers import hang_extractor, poison_extractor, synthetic_corpus

pytestmark = pytest.mark.slow
DOCUMENTS = 120


def _export(store: EmbeddedStore) -> tuple[list, list]:
    nodes = sorted((n.id, n.label, n.name, tuple(n.aliases)) for b in store.iter_nodes() for n in b)
    claims = sorted(
        (c.id, c.type, c.from_id, c.to_id, c.source_id, c.date_start) for b in store.iter_claims() for c in b
    )
    return nodes, claims


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return synthetic_corpus(tmp_path_factory.mktemp("cluster") / "docs", DOCUMENTS)


@pytest.fixture(scope="module")
def serial(corpus: Path, tmp_path_factory) -> tuple[list, list]:
    store = EmbeddedStore(tmp_path_factory.mktemp("serial") / "db")
    report = load_paths([corpus], store, default_extractor(), workers=1)
    assert report.count("loaded") == DOCUMENTS
    exported = _export(store)
    store.close()
    return exported


@pytest.fixture(scope="module")
def client():
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield client


def test_cluster_load_equals_serial_and_rerun_adds_nothing(corpus, serial, client, tmp_path):
    store = EmbeddedStore(tmp_path / "db")
    seen = []
    report = load_on_cluster([corpus], store, client, progress=seen.append)
    assert report.count("loaded") == DOCUMENTS and not report.failed
    assert len(seen) == DOCUMENTS  # progress for every file of the job
    assert [Path(f.path).name for f in report.files] == sorted(p.name for p in corpus.iterdir())
    assert _export(store) == serial and len(serial[1]) > DOCUMENTS * 10
    again = load_on_cluster([corpus], store, client)
    assert again.count("unchanged") == DOCUMENTS and again.claims_added == 0 and again.nodes_added == 0
    assert _export(store) == serial
    store.close()


def test_worker_killed_mid_job_loses_and_duplicates_nothing(corpus, serial, client, tmp_path):
    store = EmbeddedStore(tmp_path / "db")
    victim = next(iter(client.run(os.getpid).values()))
    killed_at: list[int] = []

    def kill_once(_result) -> None:
        done = len(progress)
        if not killed_at and done >= 2:
            os.kill(victim, signal.SIGKILL)
            killed_at.append(done)

    progress: list = []
    report = load_on_cluster(
        [corpus], store, client, progress=lambda r: (progress.append(r), kill_once(r)), files_per_task=2
    )
    assert killed_at and killed_at[0] < DOCUMENTS - 10, "the kill must land while most of the job is still to do"
    assert victim not in client.run(os.getpid).values()  # the worker really died (its nanny started another)
    assert report.count("loaded") == DOCUMENTS and not report.failed
    assert _export(store) == serial  # nothing lost, nothing duplicated (ids are the serial load's)
    assert store.counts().total_claims == len(serial[1])
    store.close()


@pytest.mark.parametrize(
    ("word", "extractor_factory", "reason"),
    [
        ("POISON", poison_extractor, "every worker that tried it died"),  # a parser that crashes its process
        ("HANG", hang_extractor, "ran past 3 s"),  # a parser stuck in C code: the watchdog ends the worker
    ],
)
def test_a_file_that_breaks_every_worker_is_reported_once_and_the_rest_load(
    tmp_path, monkeypatch, word, extractor_factory, reason
):
    """With allowed-failures 0 a task fails at its first worker death: the run holding the bad file kills one
    worker, its files are retried one by one, the bad file kills a second and is reported; the third worker
    loads the rest (3 workers, so the test never waits on the nannies' restarts). A worker thread cannot take
    the per-file alarm, so a hung file is ended by a watchdog at its files' time limit (3 s here)."""
    monkeypatch.setenv("KFLOW_FILE_TIMEOUT", "3")
    folder = synthetic_corpus(tmp_path / "docs", 6, sentences=1)
    (folder / "doc0003.txt").write_text(f"Synthetic. {word} the worker.", encoding="utf-8")
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(n_workers=3, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
        EmbeddedStore(tmp_path / "db") as store,
    ):
        report = load_on_cluster([folder], store, client, files_per_task=3, extractor_factory=extractor_factory)
    failed = report.failed
    assert [Path(f.path).name for f in failed] == ["doc0003.txt"]
    assert reason in failed[0].reason
    assert report.count("loaded") == 5 and len(report.files) == 6


@pytest.mark.parametrize("spec", ["local:0", "local:x", "scheduler:8786", "tcp://", "http://host:1"])
def test_bad_cluster_spec_is_one_clear_line(spec, tmp_path):
    with pytest.raises(ClusterSpecError, match="--cluster"):
        parse_cluster(spec)
    result = CliRunner().invoke(
        main, ["load", str(tmp_path), "--store", f"embedded:{tmp_path / 'db'}", "--cluster", spec]
    )
    assert result.exit_code != 0 and "--cluster" in result.output and "Traceback" not in result.output


def test_cli_load_on_a_running_scheduler(tmp_path, client, monkeypatch):
    """`--cluster tcp://...` (the fixture's scheduler: one cluster start for the module, CI has 2 cores)."""
    folder = synthetic_corpus(tmp_path / "docs", 4, sentences=2)
    db = tmp_path / "db"
    address = client.scheduler.address
    assert address.startswith("tcp://")
    result = CliRunner().invoke(main, ["load", str(folder), "--store", f"embedded:{db}", "--cluster", address])
    assert result.exit_code == 0, result.output
    assert "4 loaded, 0 already in the store, 0 failed" in result.output
    with EmbeddedStore(db) as store:
        assert store.counts().total_claims > 8
    monkeypatch.setenv("KFLOW_CLUSTER_TIMEOUT", "2")
    unreachable = CliRunner().invoke(
        main, ["load", str(folder), "--store", f"embedded:{db}", "--cluster", "tcp://127.0.0.1:9"]
    )
    assert unreachable.exit_code != 0 and "cannot reach the Dask scheduler" in unreachable.output


def test_a_cluster_without_workers_fails_clearly_instead_of_waiting_forever(tmp_path, monkeypatch):
    folder = synthetic_corpus(tmp_path / "docs", 2, sentences=1)
    monkeypatch.setenv("KFLOW_CLUSTER_TIMEOUT", "1")
    with (
        LocalCluster(n_workers=0, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as empty,
        EmbeddedStore(tmp_path / "db") as store,
    ):
        with pytest.raises(ClusterError, match="no workers"):
            load_on_cluster([folder], store, empty)
        assert store.counts().total_claims == 0


def _worker_settings() -> tuple:
    return tuple(dask.config.get(key) for key in EXTRACTION_WORKER_CONFIG)


def test_local_cluster_workers_run_without_the_stack_sampling_profiler():
    """`--cluster local:N` workers take EXTRACTION_WORKER_CONFIG (profiler off, slow ticks), and only they do:
    the client's own process is back to Dask's defaults once the cluster is gone."""
    with cluster_client("local:1") as client:
        settings = client.run(_worker_settings)
    assert list(settings.values()) == [tuple(EXTRACTION_WORKER_CONFIG.values())]
    assert dask.config.get("distributed.worker.profile.enabled") is True
