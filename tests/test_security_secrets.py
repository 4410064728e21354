"""Neo4j credentials come only from the environment (or the URI) and never reach output, logs or exports.

The password is made up per run; the servers are a closed port (down) and the local test server.
"""

from __future__ import annotations

import logging
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.neo4j_connect import parse_spec
from graph.neo4j_server import free_port
from graph.stores import describe, unprotected_server_warning
from kflow.cli import main

KFLOW = str(Path(sys.executable).with_name("kflow"))
COMMANDS = [
    ["stats"],
    ["query", "RETURN 1"],
    ["trace", "Northshire Police", "University of Eastmere"],
    ["remove", "source:0000000000000000"],
]


def _password() -> str:
    return "pw-" + secrets.token_hex(12)


def test_a_down_server_never_shows_the_password(tmp_path: Path):
    password = _password()
    down = f"bolt://127.0.0.1:{free_port()}"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "NEO4J_USER": "investigator", "NEO4J_PASSWORD": password}
    out = tmp_path / "graph.ttl"
    specs = [down, down.replace("bolt://", f"bolt://investigator:{password}@")]
    for spec in specs:
        for args in [
            *COMMANDS,
            ["export", "-o", str(out)],
            ["load", str(tmp_path), "--no-extract"],
            ["sync", "--from", spec, "--to", f"embedded:{tmp_path / 'copy'}"],
        ]:
            store_args = [] if args[0] == "sync" else ["--store", spec]
            run = subprocess.run(
                [KFLOW, *args, *store_args], capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path
            )
            assert run.returncode != 0, (args, run.stdout)
            assert "Traceback" not in run.stderr, run.stderr
            assert password not in run.stdout + run.stderr, f"{args} printed the password"
            assert "cannot reach Neo4j" in run.stderr or "error:" in run.stderr, run.stderr
    assert not out.exists(), "a failed export left a file behind"
    leaked = [p for p in tmp_path.rglob("*") if p.is_file() and password.encode() in p.read_bytes()]
    assert not leaked, f"the password was written to {leaked}"


@pytest.mark.neo4j
def test_driver_debug_logs_and_exports_never_hold_the_password(neo4j_store, tmp_path: Path, monkeypatch, caplog):
    """Against a live server (auth off, so any credentials are accepted) with every logger at DEBUG."""
    password = _password()
    monkeypatch.setenv("NEO4J_USER", "investigator")
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    uri = neo4j_store.connection.uri
    runner = CliRunner()
    caplog.set_level(logging.DEBUG)
    logging.getLogger("neo4j").setLevel(logging.DEBUG)
    out = tmp_path / "graph.nt"
    runs = [
        runner.invoke(main, [*args, "--store", uri])
        for args in (["stats"], ["query", "RETURN 1 AS one"], ["export", "-f", "nt", "-o", str(out)])
    ]
    assert all(r.exit_code == 0 for r in runs), [r.output for r in runs]
    assert any("neo4j" in r.name for r in caplog.records), "driver debug logging was not captured"
    assert password not in caplog.text
    assert all(password not in r.output for r in runs)
    assert out.exists() and password.encode() not in out.read_bytes()


def test_an_unprotected_server_off_this_machine_gets_a_warning():
    assert "without credentials" in unprotected_server_warning("bolt://10.20.30.40:7687", None)
    assert "without credentials" in unprotected_server_warning("neo4j://graph.newsroom.example:7687", None)
    for local in ("bolt://127.0.0.1:7687", "bolt://localhost:7687", "bolt://[::1]:7687", "bolt://127.8.9.10"):
        assert unprotected_server_warning(local, None) is None
    assert unprotected_server_warning("bolt://10.20.30.40:7687", ("investigator", "x")) is None


@pytest.mark.neo4j
def test_the_local_test_server_is_on_loopback_so_no_warning(neo4j_uri):
    run = subprocess.run([KFLOW, "stats", "--store", neo4j_uri], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and "warning:" not in run.stderr, run.stderr


# Passwords with the characters a URI parser takes as delimiters; the last is percent-encoded '@'.
URI_PASSWORDS = {
    "pw@rd-7": "pw@rd-7",
    "pw/rd-7": "pw/rd-7",
    "pw:rd-7": "pw:rd-7",
    "pw#rd-7": "pw#rd-7",
    "pw?rd@x/y:z#w": "pw?rd@x/y:z#w",
    "pw%40rd-7": "pw@rd-7",
}


@pytest.mark.parametrize("written", list(URI_PASSWORDS))
def test_a_password_with_uri_delimiters_is_neither_printed_nor_misread(written: str):
    """`describe` (what is printed) and `parse_spec` (what is sent) split the URI in one place."""
    expected = URI_PASSWORDS[written]
    spec = f"bolt://investigator:{written}@db.newsroom.example:7687?database=inquiry"
    shown = describe(spec)
    assert shown == "bolt://db.newsroom.example:7687?database=inquiry"
    connection = parse_spec(spec, environ={})
    assert connection.auth == ("investigator", expected)
    assert (connection.uri, connection.database) == ("bolt://db.newsroom.example:7687", "inquiry")
    assert written not in repr(connection) and expected not in repr(connection)


def test_a_down_server_never_shows_a_password_with_uri_delimiters(tmp_path: Path):
    password = "pw@" + secrets.token_hex(6) + "/x:y#z"
    spec = f"bolt://investigator:{password}@127.0.0.1:{free_port()}"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    run = subprocess.run(
        [KFLOW, "sync", "--from", spec, "--to", f"embedded:{tmp_path / 'copy'}"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=tmp_path,
    )
    assert run.returncode != 0 and "cannot reach Neo4j" in run.stderr, run.stderr
    output = run.stdout + run.stderr
    for fragment in password.replace("@", " ").replace("/", " ").replace(":", " ").replace("#", " ").split():
        assert fragment not in output, f"{fragment!r} of the password was printed: {output}"
