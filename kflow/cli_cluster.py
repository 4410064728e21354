"""`kflow load --cluster`: the Dask path of `kflow load`, kept apart so the CLI starts without Dask."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from graph.store import GraphStore
from kflow.terminal import fail
from loaders.pipeline import FileResult, LoadReport


def load_with_cluster(
    paths: tuple[Path, ...],
    store: GraphStore,
    cluster: str,
    extract: bool,
    published: str | None,
    progress: Callable[[FileResult], None],
) -> LoadReport:
    """Load on the cluster `cluster` names (`local:N` or a scheduler address); a bad spec fails in one line."""
    from loaders.distributed import ClusterError, cluster_client, load_on_cluster, parse_cluster

    try:
        parse_cluster(cluster)
        with cluster_client(cluster) as client:
            return load_on_cluster(paths, store, client, extract, published, progress)
    except ClusterError as error:
        fail(str(error))
