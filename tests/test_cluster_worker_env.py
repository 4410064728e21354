"""A LocalCluster started by `kflow load --cluster local:N` runs its workers in the environment extraction needs.

Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536; under it a worker spent 15-20 % more CPU per
document than a forked worker (bench/probe_dask_worker.py), so kflow's cluster leaves it unset.
"""

from __future__ import annotations

import os

import pytest

from loaders.distributed import cluster_client

pytestmark = pytest.mark.slow


def _worker_env() -> dict[str, str | None]:
    return {name: os.environ.get(name) for name in ("MALLOC_TRIM_THRESHOLD_", "OMP_NUM_THREADS")}


def test_local_workers_keep_glibc_default_trim_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)  # an earlier cluster's nanny may have set it here
    with cluster_client("local:1") as client:
        (env,) = client.run(_worker_env).values()
    assert env["MALLOC_TRIM_THRESHOLD_"] is None
    assert env["OMP_NUM_THREADS"] == "1"  # Dask's other worker settings stay
    assert "MALLOC_TRIM_THRESHOLD_" not in os.environ  # nor does starting the cluster set it in this process
