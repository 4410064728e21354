"""Initial load of a large corpus into a fresh Neo4j database with `neo4j-admin database import full`.

Why: the transactional path (`UNWIND ... MERGE`, graph/neo4j_store.py) checks every claim against
the stored graph and writes about 3,400 claims/s; the offline importer writes the store files
directly, many times faster, but only into an empty database that no server is running. So a big
first load goes: extract into any store (or tables), write CSV files with headers generated from
`graph/schema.yaml`, import them into a fresh data directory, start the server; the server's
constraints and indexes are created when kflow first opens it (`Neo4jStore._ensure_schema`), and
later, incremental loads take the transactional path as usual.

Everything written matches what `Neo4jStore` writes: one label per node, `id`, `name`, `aliases`,
`keys` and the label's schema properties; one relationship per claim, of the claim's type, with
every claim property. Dates are ISO strings, as the driver stores them.
"""

from __future__ import annotations

import csv
import os
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.model import Claim, Node
from graph.neo4j_server import JVM_FLAGS, _which_java, ensure_jars, write_config
from graph.schema import SCHEMA

ADMIN_MAIN_CLASS = "org.neo4j.cli.AdminTool"  # neo4j-admin's entry point, in neo4j-command-line.jar
ARRAY_DELIMITER = "\x1f"  # ASCII unit separator: never in an alias or a key, unlike ';' (the importer's default)
IMPORT_TYPES = {"string": "string", "date": "string", "bool": "boolean", "int": "long", "float": "double"}
DATABASE = "neo4j"  # Community Edition holds one user database


class BulkImportError(RuntimeError):
    """The importer refused the files or the target; the message carries its last lines."""


@dataclass
class CsvFiles:
    """The header and data files per node label and per claim type, as `--nodes` / `--relationships` want them."""

    folder: Path
    nodes: dict[str, tuple[Path, Path]] = field(default_factory=dict)
    claims: dict[str, tuple[Path, Path]] = field(default_factory=dict)
    node_count: int = 0
    claim_count: int = 0

    def arguments(self, root: Path | None = None) -> list[str]:
        """The importer's input options; with `root`, paths as the importer will see them there (a container)."""

        def where(path: Path) -> str:
            return str(root / path.relative_to(self.folder)) if root else str(path)

        return [f"--nodes={label}={where(h)},{where(d)}" for label, (h, d) in self.nodes.items()] + [
            f"--relationships={edge}={where(h)},{where(d)}" for edge, (h, d) in self.claims.items()
        ]


def node_header(label: str) -> list[str]:
    """`id:ID` (one id space: ids carry their label's prefix), name, the arrays, then the label's properties.

    >>> node_header("Person")
    ['id:ID', 'name:string', 'aliases:string[]', 'keys:string[]', 'role:string']
    """
    own = [f"{name}:{IMPORT_TYPES[kind]}" for name, kind in SCHEMA.nodes[label].properties.items()]
    return ["id:ID", "name:string", "aliases:string[]", "keys:string[]", *own]


def claim_header() -> list[str]:
    """`:START_ID`, `:END_ID`, then every claim property with its type (the same for every claim type).

    >>> claim_header()[:4]
    [':START_ID', ':END_ID', 'id:string', 'source_id:string']
    """
    return [":START_ID", ":END_ID", *(f"{name}:{IMPORT_TYPES[kind]}" for name, kind in SCHEMA.claim_properties.items())]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ARRAY_DELIMITER.join(str(v) for v in value)
    return str(value)


def node_row(node: Node) -> list[str]:
    own = [node.props.get(name) for name in SCHEMA.nodes[node.label].properties]
    return [_cell(v) for v in (node.id, node.name, node.aliases, node.keys, *own)]


def claim_row(claim: Claim) -> list[str]:
    return [_cell(v) for v in (claim.from_id, claim.to_id, *(getattr(claim, k) for k in SCHEMA.claim_properties))]


def write_csv(nodes: Iterable[Iterable[Node]], claims: Iterable[Iterable[Claim]], folder: Path | str) -> CsvFiles:
    """Write node and claim batches (as `GraphStore.iter_nodes` / `iter_claims` give them) to CSV under `folder`.

    Headers are separate files, so the data files can be split or streamed by other tools.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = CsvFiles(folder)
    with _Writers(folder) as writers:
        for batch in nodes:
            for node in batch:
                writers.row(f"node-{node.label}", node_header(node.label), node_row(node))
                files.node_count += 1
        for batch in claims:
            for claim in batch:
                writers.row(f"claim-{claim.type}", claim_header(), claim_row(claim))
                files.claim_count += 1
    for name, pair in writers.written.items():
        kind, type_name = name.split("-", 1)
        (files.nodes if kind == "node" else files.claims)[type_name] = pair
    return files


class _Writers:
    """One open CSV writer per node label / claim type, created on first row (a type with no rows has no file)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.open: dict[str, tuple[Any, Any]] = {}
        self.written: dict[str, tuple[Path, Path]] = {}

    def row(self, name: str, header: list[str], row: list[str]) -> None:
        if name not in self.open:
            head, data = self.folder / f"{name}.header.csv", self.folder / f"{name}.csv"
            with open(head, "w", newline="", encoding="utf-8") as f:
                csv.writer(f).writerow(header)
            handle = open(data, "w", newline="", encoding="utf-8")  # noqa: SIM115 (closed in __exit__)
            self.open[name] = (handle, csv.writer(handle))
            self.written[name] = (head, data)
        self.open[name][1].writerow(row)

    def __enter__(self) -> _Writers:
        return self

    def __exit__(self, *exc: object) -> None:
        for handle, _ in self.open.values():
            handle.close()


def import_command(files: CsvFiles, *, threads: int | None = None) -> list[str]:
    """The importer's arguments after `neo4j-admin` (the same for the docker image's neo4j-admin)."""
    options = [
        "database",
        "import",
        "full",
        *files.arguments(),
        "--multiline-fields=true",  # a Source's text and a sentence may span lines
        "--ignore-empty-strings=true",  # an empty cell is an absent property, as `SET n += {k: null}` leaves it
        "--array-delimiter=U+001F",
        "--overwrite-destination=true",
        "--skip-bad-relationships=false",
        "--skip-duplicate-nodes=false",
        "--bad-tolerance=0",
        "--report-file=" + str(files.folder / "import.report"),
    ]
    if threads:
        options.append(f"--threads={threads}")
    return [*options, DATABASE]


def import_into_home(
    files: CsvFiles, home: Path | str, *, heap: str = "1g", threads: int | None = None, timeout: float = 3600
) -> str:
    """Run `neo4j-admin database import full` from the Maven-assembled jars into `home` (a fresh server home
    for `graph.neo4j_server.LocalNeo4jServer`, which must not be running); the importer's output.

    The import replaces the `neo4j` database in `home`; start the server on `home` afterwards.
    """
    home = Path(home).resolve()
    if (home / "data" / "databases" / DATABASE).exists() and _server_holds(home):
        raise BulkImportError(f"a Neo4j server is running on {home}; stop it first (the import needs it offline)")
    write_config(home, bolt_port=7687)  # the server rewrites it with its own port at start
    lib = ensure_jars()
    command = [
        _which_java(),
        f"-Xmx{heap}",
        *JVM_FLAGS,
        "-cp",
        f"{lib}/*",
        ADMIN_MAIN_CLASS,
        *import_command(files, threads=threads),
    ]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    result = subprocess.run(command, cwd=home, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-15:])
        raise BulkImportError(f"neo4j-admin database import full failed (exit {result.returncode}):\n{tail}")
    return output


def _server_holds(home: Path) -> bool:
    from graph.neo4j_server import _home_in_use

    return _home_in_use(home)


def store_batches(store: Any) -> tuple[Iterator[list[Node]], Iterator[list[Claim]]]:
    """A store's nodes and claims, streamed in batches, for `write_csv`."""
    return store.iter_nodes(), store.iter_claims()
