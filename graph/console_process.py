"""Run one embedded console query in a child process that is fenced in.

Why a child process: the guard (`graph/cypher_guard.py`) refuses dangerous statements before they
run, but a query the guard lets through can still exhaust memory (`UNWIND range(1, 700000000)`
grew to 7 GB) or hit an engine crash, and in the app a console query on the shared connection
held up every other session. The child opens its own READ-ONLY LadybugDB database and runs the
query in a READ ONLY transaction, with:

- an address-space limit (`RLIMIT_AS`) and a buffer pool of `KFLOW_QUERY_MEMORY_MB`, so a
  memory-hungry query fails with a clear message instead of growing without bound;
- the query timeout inside the engine and a hard deadline outside it (the child is killed);
- `HOME` and the working directory set to an empty temporary folder, so even a statement that got
  past the guard finds no extensions to load or delete under the user's home;
- a crash (a signal) ending only the child, reported as one line.

The child speaks pickle over its stdin/stdout with this module only.
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from graph.cypher_guard import memory_message, timeout_message
from graph.store import QueryResult, ReadOnlyQueryError, StoreError

STARTUP_GRACE_S = 15  # start Python, import ladybug and open the database, on a busy 2-core machine
_SLACK_BYTES = 256 * 1024 * 1024  # thread stacks and small allocations beyond the query's own memory
_MEMORY_SIGNS = ("bad_alloc", "Buffer manager exception", "Unable to allocate memory", "MemoryError", "Mmap for size")


def run_console_query(
    database: Path, cypher: str, params: dict[str, Any] | None, seconds: float, memory_mb: int
) -> QueryResult:
    """Run one (already guarded) read query on the LadybugDB file `database` in a fenced child process."""
    request = {
        "database": str(database),
        "cypher": cypher,
        "params": params or {},
        "timeout_ms": max(int(seconds * 1000), 1),
        "memory_mb": memory_mb,
    }
    with tempfile.TemporaryDirectory(prefix="kflow-console-") as home:
        env = {
            **os.environ,
            "HOME": home,
            "PYTHONPATH": _project_root() + os.pathsep + os.environ.get("PYTHONPATH", ""),
        }
        try:
            done = subprocess.run(
                [sys.executable, "-m", "graph.console_process"],
                input=pickle.dumps(request),
                capture_output=True,
                cwd=home,
                env=env,
                timeout=seconds + STARTUP_GRACE_S,
            )
        except subprocess.TimeoutExpired:  # run() has killed the child
            raise StoreError(timeout_message(seconds)) from None
    if done.returncode < 0:
        name = signal.Signals(-done.returncode).name
        raise StoreError(
            f"query stopped: the database engine crashed on it ({name}) in its own process; "
            "nothing was changed and kflow carries on. Please report the query"
        )
    try:
        kind, *payload = pickle.loads(done.stdout)
    except Exception:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise StoreError(f"query failed: the console process ended without an answer ({tail[0]})") from None
    if kind == "ok":
        return QueryResult(*payload)
    message = payload[0]
    if kind == "memory":
        raise StoreError(memory_message(memory_mb))
    if kind == "timeout":
        raise StoreError(timeout_message(seconds))
    if kind == "read-only":
        raise ReadOnlyQueryError(f"refused: the console is read-only ({message})")
    raise StoreError(f"query failed: {message}")


def _project_root() -> str:
    return str(Path(__file__).resolve().parent.parent)


def _next_power_of_two(n: int) -> int:
    return 1 << max(n - 1, 1).bit_length()


def _vm_size_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def _child() -> None:
    """The child's side: limits first, then open, run, answer."""
    import resource

    import ladybug

    request = pickle.loads(sys.stdin.buffer.read())
    database = Path(request["database"])
    memory = request["memory_mb"] * 1024 * 1024
    stored = sum(p.stat().st_size for p in database.parent.glob(database.name + "*") if p.is_file())
    # LadybugDB reserves (not uses) address space for the whole database; bound it so RLIMIT_AS can bite.
    max_db_size = _next_power_of_two(max(4 * stored, 1 << 30))
    limit = _vm_size_bytes() + max_db_size + memory + _SLACK_BYTES
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    answer: tuple
    try:
        db = ladybug.Database(
            str(database), read_only=True, buffer_pool_size=memory, max_db_size=max_db_size, max_num_threads=2
        )
        conn = ladybug.Connection(db)
        conn.set_query_timeout(request["timeout_ms"])
        conn.execute("BEGIN TRANSACTION READ ONLY")
        result = conn.execute(request["cypher"], request["params"])
        answer = ("ok", result.get_column_names(), result.get_all())
    except MemoryError:
        answer = ("memory", "MemoryError")
    except RuntimeError as error:
        message = str(error)
        if any(sign in message for sign in _MEMORY_SIGNS):
            answer = ("memory", message)
        elif message.startswith("Interrupted"):
            answer = ("timeout", message)
        elif "read-only" in message:
            answer = ("read-only", message)
        else:
            answer = ("error", message)
    except Exception as error:  # a bad parameter value and the like: an answer, never a hang
        answer = ("error", f"{type(error).__name__}: {error}")
    try:
        data = pickle.dumps(answer)
    except MemoryError:
        data = pickle.dumps(("memory", "MemoryError"))
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    os._exit(0)  # skip interpreter and engine teardown: the answer is written, nothing to save


if __name__ == "__main__":
    _child()
