"""Interrupted, concurrent and watched loads on the embedded store (SYNTHETIC registers of fictional bodies).

Resumable: a killed `kflow load` re-run skips the Sources already stored (by sha256) and finishes the
rest. Concurrent: a second writer is refused with a clear message while the first finishes whole.
Watched: the app's cached read-only store sees a load that happened after it was opened.
"""

from __future__ import annotations

import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.store import StoreError
from tests.test_crash_safety import FILES, KFLOW, _claims_per_source, _write_registers


def _run_load(folder: Path, store_dir: Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [KFLOW, "load", str(folder), "--no-extract", "--store", f"embedded:{store_dir}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def _sources_so_far(store_dir: Path) -> int:
    """Sources a reader sees now (a read-only open is allowed beside the writer); 0 before the store exists."""
    try:
        reader = EmbeddedStore(store_dir, read_only=True)
    except StoreError:
        return 0
    try:
        return len(reader.sources())
    finally:
        reader.close()


@pytest.fixture(scope="module")
def registers(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reliability") / "registers"
    _write_registers(folder)
    return folder


@pytest.mark.slow
def test_a_rerun_after_a_kill_skips_the_finished_sources_and_loads_the_rest(registers: Path, tmp_path: Path):
    store_dir = tmp_path / "store"
    process = _run_load(registers, store_dir)
    deadline = time.monotonic() + 60
    while _sources_so_far(store_dir) < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    process.send_signal(signal.SIGKILL)
    process.wait()
    finished = set(_claims_per_source(store_dir))
    assert 3 <= len(finished) < FILES, f"the kill came too late to test a resume ({len(finished)} of {FILES} loaded)"

    rerun = _run_load(registers, store_dir)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    summary = re.search(r"(\d+) loaded, (\d+) already in the store, (\d+) failed", out)
    assert summary and summary.groups() == (str(FILES - len(finished)), str(len(finished)), "0"), out
    assert len(_claims_per_source(store_dir)) == FILES


@pytest.mark.slow
def test_a_second_writer_is_refused_clearly_and_the_first_load_completes(registers: Path, tmp_path: Path):
    store_dir = tmp_path / "store"
    first = _run_load(registers, store_dir)
    deadline = time.monotonic() + 60
    while not (store_dir / "graph.lbdb").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    second = _run_load(registers, store_dir)
    out2, err2 = second.communicate(timeout=300)
    out1, err1 = first.communicate(timeout=300)
    assert first.returncode == 0, err1
    if second.returncode != 0:  # refused: one line naming the cause, nothing else done
        assert "in use by another kflow process" in err2 and "Traceback" not in err2, err2
        assert err2.strip().splitlines()[-1].startswith("error:"), err2
    else:  # serialised: the later one found everything already stored
        assert f"0 loaded, {FILES} already in the store" in out2, out2
    per_source = _claims_per_source(store_dir)
    assert len(per_source) == FILES and all(per_source.values())


def test_the_app_store_sees_a_load_made_after_it_was_opened(registers: Path, tmp_path: Path, monkeypatch):
    """A LadybugDB reader keeps its opening snapshot; dashboards.context reopens when the files change."""
    from dashboards import context

    store_dir = tmp_path / "store"
    one = tmp_path / "one"
    one.mkdir()
    (one / "register-000.csv").write_bytes((registers / "register-000.csv").read_bytes())
    assert _run_load(one, store_dir).wait() == 0
    monkeypatch.setenv("KFLOW_STORE", f"embedded:{store_dir}")
    context._cached_store.clear()
    stale = EmbeddedStore(store_dir, read_only=True)
    assert len(context.get_store().sources()) == 1

    assert _run_load(registers, store_dir).wait() == 0
    try:
        seen_by_stale = len(stale.sources())
    except Exception:  # noqa: BLE001 (observed: the writer's checkpoint rewrote pages under it, UnicodeDecodeError)
        seen_by_stale = None
    assert seen_by_stale in (1, None), "Ladybug readers now see later commits: the reopen may be dropped"
    assert len(context.get_store().sources()) == FILES
    stale.close()
    context._cached_store.clear()
