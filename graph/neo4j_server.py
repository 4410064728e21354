"""A real Neo4j 5.26 LTS Community server built from Maven Central jars.

Why: tests (and users without Docker) need a genuine Bolt server, not a mock.
``neo4j-server/pom.xml`` pins the version; ``mvn dependency:copy-dependencies``
copies ~120 MB of jars into ``neo4j-server/lib`` (``~/.m2`` caches them across
runs) and we start ``org.neo4j.server.CommunityEntryPoint`` in one JVM, with
the flags Neo4j's own launcher would pass.

Usage::

    with LocalNeo4jServer(tmp_home, free_port()) as srv:
        GraphDatabase.driver(srv.uri, auth=None)

or ``python -m graph.neo4j_server --port 7687`` in the foreground.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import deque
from pathlib import Path
from types import TracebackType
from typing import Self

NEO4J_VERSION = "5.26.31"  # must match <neo4j.version> in neo4j-server/pom.xml
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
DEFAULT_HEAP = "512m"
DEFAULT_PAGECACHE = "128m"
STARTUP_TIMEOUT = 120.0
LOG_NAME = "neo4j-console.log"  # stdout+stderr of the JVM, inside the home dir

# What Neo4j 5.26's bin/neo4j adds via server.jvm.additional (minus AlwaysPreTouch,
# which would commit the whole heap up front). The --add-opens are required on 17+.
JVM_FLAGS: tuple[str, ...] = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
)


def default_project_root() -> Path:
    """The repo root (parent of ``graph/``), where ``neo4j-server/`` lives."""
    return Path(__file__).resolve().parent.parent


def _which_java() -> str:
    """``$JAVA_HOME/bin/java`` if set, else ``java`` on PATH; 5.26 needs Java 17 or 21."""
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home, "bin", "java")) if java_home else shutil.which("java")
    if not java or not Path(java).exists():
        raise RuntimeError("Java 17 or 21 is required to run Neo4j 5.26 (no `java` on PATH and no JAVA_HOME).")
    out = subprocess.run([java, "-version"], check=False, capture_output=True, text=True).stderr
    m = re.search(r'version "(\d+)', out)
    if not m or m.group(1) not in ("17", "21"):
        raise RuntimeError(f"Neo4j 5.26 supports Java 17 and 21 only; {java} reports: {out.strip()[:200]}")
    return java


def ensure_jars(project_root: Path | str | None = None) -> Path:
    """Return ``neo4j-server/lib``, running Maven only if it is missing or the pom changed."""
    root = Path(project_root) if project_root else default_project_root()
    return fetch_maven_jars(root / "neo4j-server", "neo4j-*.jar", f"the Neo4j {NEO4J_VERSION} jars")


def ensure_apoc_jars(project_root: Path | str | None = None) -> Path:
    """Return ``neo4j-server/apoc/lib``: APOC core and its dependencies (``--with-apoc``)."""
    root = Path(project_root) if project_root else default_project_root()
    return fetch_maven_jars(root / "neo4j-server" / "apoc", "apoc-core-*.jar", "the APOC core jars")


def fetch_maven_jars(srv: Path, expected: str, what: str) -> Path:
    """``srv/lib`` filled by ``mvn dependency:copy-dependencies`` from ``srv/pom.xml``, only if it is
    missing or the pom changed. Builds into ``lib.tmp`` and renames, so an interrupted download
    never looks complete; an flock serialises parallel callers (e.g. pytest-xdist workers).
    """
    srv = srv.resolve()  # Maven resolves a relative output directory against the pom's folder
    pom = srv / "pom.xml"
    lib = srv / "lib"
    stamp = lib / ".pom.sha256"
    digest = hashlib.sha256(pom.read_bytes()).hexdigest()
    if stamp.is_file() and stamp.read_text().strip() == digest:
        return lib
    mvn = shutil.which("mvn")
    if not mvn:
        raise RuntimeError(f"Maven (`mvn`) is required to fetch {what} into {lib}.")
    with open(srv / ".lib.lock", "w") as lock:
        try:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        except ImportError:  # Windows: no lock, accept the race
            pass
        if stamp.is_file() and stamp.read_text().strip() == digest:  # another process did it
            return lib
        tmp = srv / "lib.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        cmd = [mvn, "-q", "-B", "-f", str(pom), "dependency:copy-dependencies", f"-Dneo4j.lib.dir={tmp}"]
        res = subprocess.run(cmd, check=False, capture_output=True, text=True)
        if res.returncode != 0 or not any(tmp.glob(expected)):
            tail = "\n".join((res.stdout + res.stderr).splitlines()[-40:])
            raise RuntimeError(f"`{' '.join(cmd)}` failed (exit {res.returncode}):\n{tail}")
        (tmp / ".pom.sha256").write_text(digest + "\n")
        shutil.rmtree(lib, ignore_errors=True)
        tmp.rename(lib)
    return lib


def write_config(
    home: Path | str,
    bolt_port: int,
    http_port: int | None = None,
    pagecache: str = DEFAULT_PAGECACHE,
    unrestricted_procedures: str | None = None,
) -> Path:
    """Write ``home/conf/neo4j.conf`` for a loopback-only, auth-off, small-memory test server.

    Strict validation stays on (an unknown or duplicated key is fatal), so only real 5.x keys.
    ``http_port=None`` disables the HTTP connector (faster start, one port fewer to collide).
    Heap is a JVM flag (``-Xmx``): ``server.memory.heap.*`` is only read by bin/neo4j.
    """
    conf_dir = Path(home) / "conf"
    conf_dir.mkdir(parents=True, exist_ok=True)
    lines = [
        "server.default_listen_address=127.0.0.1",
        "server.default_advertised_address=127.0.0.1",
        "server.bolt.enabled=true",
        f"server.bolt.listen_address=127.0.0.1:{bolt_port}",
        "server.bolt.tls_level=DISABLED",
        f"server.http.enabled={'true' if http_port else 'false'}",
        f"server.http.listen_address=127.0.0.1:{http_port or 7474}",
        "server.https.enabled=false",
        "dbms.routing.enabled=false",
        "dbms.security.auth_enabled=false",
        "dbms.usage_report.enabled=false",
        "server.bolt.telemetry.enabled=false",
        "client.allow_telemetry=false",
        f"server.memory.pagecache.size={pagecache}",
        "dbms.memory.transaction.total.max=256m",
        # Defaults preallocate a 256 MiB tx log per database: 512 MiB per throwaway test home.
        "db.tx_log.preallocate=false",
        "db.tx_log.rotation.size=32m",
        "db.tx_log.rotation.retention_policy=2 files",
        # Netty's 5 s quiet period, paid twice, made every stop take ~10 s. Internal key
        # (valid in 5.26.31; strict validation will say so loudly if a future pin drops it).
        "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
        "server.config.strict_validation.enabled=true",
    ]
    if unrestricted_procedures:  # APOC's meta procedures read internals: they run only when unrestricted
        lines.append(f"dbms.security.procedures.unrestricted={unrestricted_procedures}")
    path = conf_dir / "neo4j.conf"
    path.write_text("\n".join(lines) + "\n")
    return path


def install_apoc(plugins: Path, project_root: Path | str | None = None) -> None:
    """Copy APOC core and its dependencies into a server's plugins directory (where Neo4j looks for
    procedures); files already there are kept."""
    for jar in ensure_apoc_jars(project_root).glob("*.jar"):
        if not (plugins / jar.name).exists():
            shutil.copy2(jar, plugins / jar.name)


def free_port() -> int:
    """A currently free loopback TCP port (tiny race window; fine for tests)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _port_in_use(port: int) -> bool:
    """True if something already listens on 127.0.0.1:port (we would talk to *it*, not ours)."""
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _home_in_use(home: Path) -> bool:
    """True if a live Neo4j holds ``data/databases/store_lock`` (a POSIX lock, visible via lockf)."""
    lock = home / "data" / "databases" / "store_lock"
    try:
        import fcntl

        with open(lock, "r+b") as f:
            fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.lockf(f, fcntl.LOCK_UN)
    except (ImportError, FileNotFoundError):
        return False
    except OSError:
        return True
    return False


def _tail(path: Path, n: int = 40) -> str:
    try:
        with open(path, errors="replace") as f:
            return "".join(deque(f, maxlen=n))
    except OSError:
        return "(no log)"


def _die_with_parent() -> None:
    """Linux: SIGTERM the JVM if the Python parent dies, so no orphan server lingers."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not glibc: just no orphan protection
        return


class LocalNeo4jServer:
    """One Neo4j JVM on 127.0.0.1, started and stopped from Python (also a context manager)."""

    def __init__(
        self,
        home_dir: Path | str | None = None,
        bolt_port: int | None = None,
        *,
        http_port: int | None = None,
        project_root: Path | str | None = None,
        heap: str = DEFAULT_HEAP,
        timeout: float = STARTUP_TIMEOUT,
        with_apoc: bool = False,
    ) -> None:
        self.home: Path | None = Path(home_dir).resolve() if home_dir else None
        self.bolt_port = bolt_port
        self.http_port = http_port
        self.project_root = Path(project_root) if project_root else default_project_root()
        self.heap = heap
        self.timeout = timeout
        self.with_apoc = with_apoc
        self.process: subprocess.Popen[bytes] | None = None
        self.startup_seconds: float | None = None

    @property
    def uri(self) -> str:
        if self.bolt_port is None:
            raise RuntimeError("server not started")
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def log_path(self) -> Path:
        if self.home is None:
            raise RuntimeError("server not started")
        return self.home / LOG_NAME

    def command(self) -> list[str]:
        """The java command line (also handy for docs and debugging).

        The server's own jars come first on the classpath: a plugin's older copy of a shared library
        (APOC brings commons-lang3 3.12) must not shadow the one Neo4j was built against."""
        assert self.home is not None
        lib = ensure_jars(self.project_root)
        return [
            _which_java(),
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            *JVM_FLAGS,
            "-cp",
            f"{lib}/*{os.pathsep}{self.home / 'plugins'}/*",
            MAIN_CLASS,
            f"--home-dir={self.home}",
            f"--config-dir={self.home / 'conf'}",
            "--console-mode",
        ]

    def start(self, home_dir: Path | str | None = None, bolt_port: int | None = None) -> Self:
        """Spawn the JVM and block until Bolt answers; RuntimeError (with log tail) otherwise.

        An existing home is reused (data kept); a stale ``run/neo4j.pid`` from a killed
        server is removed first (store locks are OS file locks, freed when the JVM died).
        """
        if self.process and self.process.poll() is None:
            raise RuntimeError(f"already running (pid {self.process.pid})")
        if home_dir is not None:
            self.home = Path(home_dir).resolve()
        if bolt_port is not None:
            self.bolt_port = bolt_port
        if self.home is None:
            raise ValueError("home_dir is required")
        if self.bolt_port is None:
            self.bolt_port = free_port()
        for port in (self.bolt_port, self.http_port):
            if port and _port_in_use(port):
                raise RuntimeError(f"port {port} on 127.0.0.1 is already in use")
        if _home_in_use(self.home):
            raise RuntimeError(f"another Neo4j is already using {self.home} (store_lock is held)")
        (self.home / "plugins").mkdir(parents=True, exist_ok=True)
        if self.with_apoc:
            install_apoc(self.home / "plugins", self.project_root)
        write_config(
            self.home, self.bolt_port, self.http_port, unrestricted_procedures="apoc.*" if self.with_apoc else None
        )
        (self.home / "run" / "neo4j.pid").unlink(missing_ok=True)
        cmd = self.command()

        # imported late: ensure_jars/write_config/main --help work without the driver
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, DriverError, Neo4jError

        t0 = time.monotonic()
        with open(self.log_path, "ab") as log:
            log.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} {' '.join(cmd)}\n".encode())
            log.flush()
            self.process = subprocess.Popen(
                cmd,
                cwd=self.home,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C goes to Python, which stops the JVM cleanly
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,  # noqa: PLW1509 (only prctl)
            )
        last_err: Exception | None = None
        with GraphDatabase.driver(self.uri, auth=None, connection_timeout=2.0) as driver:
            while True:
                code = self.process.poll()
                if code is not None:
                    self.process = None
                    raise RuntimeError(
                        f"Neo4j exited with code {code} during startup. Last lines of {self.log_path}:\n"
                        + _tail(self.log_path)
                    )
                try:
                    driver.verify_connectivity()
                    break
                except AuthError:  # Bolt answers and only refused our (absent) credentials: an auth-on server is up
                    break
                except (DriverError, Neo4jError, OSError) as exc:  # ServiceUnavailable etc. while it boots
                    last_err = exc
                if time.monotonic() - t0 > self.timeout:
                    self.stop()
                    raise RuntimeError(
                        f"Neo4j did not answer on {self.uri} within {self.timeout:.0f}s ({last_err!r}). "
                        f"Last lines of {self.log_path}:\n" + _tail(self.log_path)
                    )
                time.sleep(0.25)
        self.startup_seconds = time.monotonic() - t0
        return self

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM (Neo4j's shutdown hook checkpoints and closes the store), then SIGKILL."""
        proc, self.process = self.process, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def __enter__(self) -> Self:
        if not self.is_running():
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    """Foreground server for manual use (``make neo4j``); Ctrl-C or SIGTERM stops it cleanly."""
    root = default_project_root()
    ap = argparse.ArgumentParser(prog="python -m graph.neo4j_server", description=main.__doc__)
    ap.add_argument("--port", type=int, default=7687, help="Bolt port (default 7687)")
    ap.add_argument("--http-port", type=int, default=None, help="enable the HTTP API on this port")
    ap.add_argument("--home", type=Path, default=root / "neo4j-server" / "home", help="data/conf/logs dir (kept)")
    ap.add_argument("--heap", default=DEFAULT_HEAP, help=f"JVM heap (default {DEFAULT_HEAP})")
    ap.add_argument("--timeout", type=float, default=STARTUP_TIMEOUT, help="startup timeout in seconds")
    ap.add_argument("--fetch-only", action="store_true", help="download the jars into neo4j-server/lib and exit")
    ap.add_argument(
        "--with-apoc",
        action="store_true",
        help="add the APOC core plugin from Maven Central (schema calls of LangChain's Neo4jGraph, neo4j-graphrag)",
    )
    args = ap.parse_args(argv)
    if args.fetch_only:
        try:
            print(f"Neo4j {NEO4J_VERSION} jars in {ensure_jars(root)}", flush=True)
            if args.with_apoc:
                print(f"APOC core jars in {ensure_apoc_jars(root)}", flush=True)
        except RuntimeError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        return 0

    def _sigterm(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _sigterm)
    server = LocalNeo4jServer(
        args.home, args.port, http_port=args.http_port, heap=args.heap, timeout=args.timeout, with_apoc=args.with_apoc
    )
    try:
        print(f"Starting Neo4j {NEO4J_VERSION} (home {server.home}, log {server.log_path}) ...", flush=True)
        server.start()
        print(f"Neo4j ready in {server.startup_seconds:.1f}s: {server.uri}  (auth off; Ctrl-C to stop)", flush=True)
        while server.is_running():
            time.sleep(0.5)
        print(f"Neo4j exited on its own; see {server.log_path}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping Neo4j ...", flush=True)
        return 0
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
