"""SIGKILL a running `kflow load` at random points: the store stays consistent and a re-run completes it."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore

KFLOW = str(Path(sys.executable).with_name("kflow"))
FILES = 24
ROWS = 150
KILLS = 3


def _write_registers(folder: Path) -> None:
    """Synthetic correspondence registers among fictional bodies: claims without NLP, so loads are quick."""
    folder.mkdir()
    rng = random.Random(11)
    for f in range(FILES):
        lines = ["date,from,to,title,reference"]
        for r in range(ROWS):
            year = 1995 + rng.randrange(25)
            lines.append(
                f"{year}-0{1 + r % 9}-1{r % 9},Northshire Body {rng.randrange(60):03d},"
                f"Eastmere Office {rng.randrange(60):03d},Synthetic letter {f}-{r},REF-{f}-{r}"
            )
        (folder / f"register-{f:03d}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _load(folder: Path, store_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [KFLOW, "load", str(folder), "--no-extract", "--store", f"embedded:{store_dir}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _claims_per_source(store_dir: Path) -> Counter:
    store = EmbeddedStore(store_dir)
    try:
        sources = {s.id for s in store.sources()}
        per_source = Counter(c.source_id for batch in store.iter_claims(50_000) for c in batch)
        assert set(per_source) <= sources, "a claim outlives its Source"
        return Counter({s: per_source.get(s, 0) for s in sources})
    finally:
        store.close()


def _wait_for_store(process: subprocess.Popen, store_dir: Path) -> float:
    """Seconds until the load created its store (startup and imports come first)."""
    started = time.monotonic()
    while not (store_dir / "graph.lbdb").exists() and process.poll() is None:
        time.sleep(0.02)
    return time.monotonic() - started


@pytest.mark.slow
def test_killed_loads_leave_a_consistent_store_that_reloads_to_the_clean_counts(tmp_path: Path):
    folder = tmp_path / "registers"
    _write_registers(folder)
    clean_load = _load(folder, tmp_path / "clean")
    _wait_for_store(clean_load, tmp_path / "clean")
    writing_started = time.monotonic()
    assert clean_load.wait() == 0
    writing_seconds = time.monotonic() - writing_started
    clean = _claims_per_source(tmp_path / "clean")
    assert len(clean) == FILES

    rng = random.Random(5)
    survived = 0
    for attempt in range(KILLS):
        store_dir = tmp_path / f"killed-{attempt}"
        process = _load(folder, store_dir)
        _wait_for_store(process, store_dir)  # a kill before the store exists would test nothing
        time.sleep(rng.uniform(0.0, writing_seconds * 0.8))
        process.send_signal(signal.SIGKILL)
        process.wait()
        if not (store_dir / "graph.lbdb").exists():
            continue
        partial = _claims_per_source(store_dir)
        for source_id, n in partial.items():
            assert n == clean[source_id], f"{source_id} has {n} of its {clean[source_id]} claims: a half-written source"
        assert _load(folder, store_dir).wait() == 0
        assert _claims_per_source(store_dir) == clean
        survived += 1
    assert survived == KILLS
