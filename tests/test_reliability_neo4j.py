"""Neo4j under faults (SYNTHETIC registers): killed loads, a server stopped mid-load, transient lock errors.

Killed loads use the session server; the stopped server is this module's own LocalNeo4jServer, so the
shared one is never disturbed. Counts are compared with a clean load into the embedded store.
"""

from __future__ import annotations

import functools
import logging
import random
import re
import signal
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from graph.neo4j_store import Neo4jStore
from loaders.extract.base import NullExtractor
from loaders.pipeline import load_paths
from tests.test_crash_safety import FILES, KFLOW, _claims_per_source, _write_registers

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]
KILLS = 3


def _load(folder: Path, spec: str) -> subprocess.Popen:
    return subprocess.Popen(
        [KFLOW, "load", str(folder), "--no-extract", "--store", spec],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _per_source(uri: str) -> Counter:
    """Claims per Source; fails if a claim outlives its Source."""
    with Neo4jStore.from_uri(uri, read_only=True) as store:
        sources = {s.id for s in store.sources()}
        per_source = Counter(c.source_id for batch in store.iter_claims(50_000) for c in batch)
    assert set(per_source) <= sources, "a claim outlives its Source"
    return Counter({s: per_source.get(s, 0) for s in sources})


def _source_count(uri: str) -> int:
    """Sources stored so far (one read; safe while a load writes, unlike _per_source's two reads)."""
    with Neo4jStore.from_uri(uri, read_only=True) as store:
        return store.counts().nodes["Source"]


def _assert_whole_sources(partial: Counter, clean: Counter) -> None:
    for source_id, n in partial.items():
        assert n == clean[source_id], f"{source_id} has {n} of its {clean[source_id]} claims: a half-written batch"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Counter]:
    """The registers and the claims per Source of a clean embedded load, the reference for every count."""
    root = tmp_path_factory.mktemp("neo4j-reliability")
    _write_registers(root / "registers")
    assert (
        subprocess.run(
            [KFLOW, "load", str(root / "registers"), "--no-extract", "--store", f"embedded:{root / 'clean'}"],
            capture_output=True,
        ).returncode
        == 0
    )
    clean = _claims_per_source(root / "clean")
    assert len(clean) == FILES
    return root / "registers", clean


def test_killed_loads_into_neo4j_leave_whole_sources_and_reload_to_the_clean_counts(neo4j_store, corpus):
    folder, clean = corpus
    uri = neo4j_store.connection.uri
    rng = random.Random(7)
    survived = 0
    for _ in range(KILLS):
        neo4j_store.wipe()
        process = _load(folder, uri)
        time.sleep(rng.uniform(1.0, 4.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        partial = _per_source(uri)
        _assert_whole_sources(partial, clean)
        rerun = _load(folder, uri)
        out, err = rerun.communicate(timeout=600)
        assert rerun.returncode == 0, err
        assert f"{len(partial)} already in the store" in out, out
        assert _per_source(uri) == clean
        survived += 1
    assert survived == KILLS


def _with_lock_timeout(write_config, *args, **kwargs) -> Path:
    """The test server's config with a 1 s lock wait, so a held lock becomes a TransientError quickly."""
    path = write_config(*args, **kwargs)
    path.write_text(path.read_text() + "db.lock.acquisition.timeout=1s\n")
    return path


@pytest.fixture
def own_server(tmp_path, monkeypatch):
    from graph import neo4j_server
    from graph.neo4j_server import LocalNeo4jServer, ensure_jars, free_port

    monkeypatch.setattr(neo4j_server, "write_config", functools.partial(_with_lock_timeout, neo4j_server.write_config))
    try:
        ensure_jars()
        server = LocalNeo4jServer(tmp_path / "neo4j-home", free_port(), timeout=120).start()
    except RuntimeError as error:
        pytest.fail(f"this test's own Neo4j server did not start: {error}", pytrace=False)
    yield server
    server.stop()


def test_a_server_stopped_mid_load_is_one_clear_error_and_the_rerun_completes(own_server, corpus):
    folder, clean = corpus
    uri = own_server.uri
    process = _load(folder, uri)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and _source_count(uri) < 3:
        time.sleep(0.2)
    own_server.stop()
    out, err = process.communicate(timeout=120)
    assert process.returncode != 0 and "Traceback" not in err, err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Neo4j" in errors[0], err

    own_server.start()
    partial = _per_source(uri)
    assert 3 <= len(partial) < FILES
    _assert_whole_sources(partial, clean)
    rerun = _load(folder, uri)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert re.search(rf"{FILES - len(partial)} loaded, {len(partial)} already in the store, 0 failed", out), out
    assert _per_source(uri) == clean


def test_a_transient_lock_timeout_is_retried_by_the_driver(own_server, corpus, caplog):
    """Another client holds a lock the load needs for longer than the server's lock timeout: the
    server answers with a TransientError, the driver retries the whole transaction, the load lands."""
    folder, clean = corpus
    files = sorted(folder.iterdir())
    store = Neo4jStore.from_uri(own_server.uri)
    assert not load_paths(files[:1], store, NullExtractor()).failed
    with GraphDatabase.driver(own_server.uri, auth=None) as driver:
        holding, release = threading.Event(), threading.Event()

        def hold_every_node() -> None:
            with driver.session() as session, session.begin_transaction() as tx:
                tx.run("MATCH (n) SET n.synthetic_lock = true").consume()
                holding.set()
                release.wait(30)
                tx.rollback()

        holder = threading.Thread(target=hold_every_node)
        holder.start()
        holding.wait(30)
        threading.Timer(3.0, release.set).start()
        caplog.set_level(logging.WARNING, logger="neo4j")
        started = time.monotonic()
        report = load_paths(files[1:3], store, NullExtractor())
        holder.join(30)
    store.close()
    assert not report.failed, [f.reason for f in report.failed]
    assert time.monotonic() - started >= 2.5, "the load never waited for the lock"
    assert any("retried" in r.getMessage() for r in caplog.records), [r.getMessage() for r in caplog.records]
    assert _per_source(own_server.uri) == Counter({s: clean[s] for s in _per_source(own_server.uri)})
