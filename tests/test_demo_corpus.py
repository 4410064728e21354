"""The demo corpus in seeds/: a real multi-document case, every document with its licence sidecar and its
line in the catalogue, so `kflow demo` shows flows across documents and every text can be traced to its source."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest
import yaml
from app_browser import KFLOW, free_port

from kflow.demo_corpus import CATALOGUE, SEEDS
from loaders.pipeline import expand_paths

CASE = SEEDS / "gsa_conference_2012"
SIDECAR_KEYS = {"title", "published", "url", "publisher", "licence", "note"}


def _documents() -> list[Path]:
    return sorted(p for p in CASE.iterdir() if p.suffix == ".txt")


def _sidecar(document: Path) -> dict:
    return yaml.safe_load(document.with_name(document.name + ".meta.yaml").read_text(encoding="utf-8"))


def test_the_case_holds_at_least_twenty_documents_each_with_its_sidecar():
    documents = _documents()
    assert len(documents) >= 20, f"only {len(documents)} documents in {CASE.name}"
    for document in documents:
        meta = _sidecar(document)
        assert set(meta) >= SIDECAR_KEYS, f"{document.name}: sidecar lacks {SIDECAR_KEYS - set(meta)}"
        assert "public domain" in meta["licence"].lower(), f"{document.name}: {meta['licence']}"
        assert meta["url"].startswith(("http://", "https://")), document.name
        date.fromisoformat(str(meta["published"]))  # a full date, so the timeline can order the case
        assert document.read_text(encoding="utf-8").strip(), f"{document.name} is empty"


def test_every_document_is_in_the_catalogue_and_its_note_says_how_it_was_copied():
    catalogue = (SEEDS / CATALOGUE).read_text(encoding="utf-8")
    for document in _documents():
        assert f"`gsa_conference_2012/{document.name}`" in catalogue, f"{document.name} not in {CATALOGUE}"
        assert "verbatim" in _sidecar(document)["note"].lower(), f"{document.name}: note does not say it is verbatim"


def test_seeds_read_as_a_folder_hold_the_article_and_the_case_but_not_the_catalogue():
    files, not_read = expand_paths([SEEDS])
    names = {p.name for p in files}
    assert "000_2642609051fa25c3.txt" in names and {p.name for p in _documents()} <= names
    assert CATALOGUE not in names and not any(p.name.startswith("README") for p in files)
    assert [(r.path, r.status) for r in not_read] == [(str(SEEDS / CATALOGUE), "ignored")]


@pytest.mark.slow
def test_kflow_demo_loads_seeds_through_the_folder_path_its_kflowignore_governs(tmp_path):
    """`kflow demo` loads seeds/ as `kflow load seeds` does (no filter of its own): the load reports
    the catalogue as ignored by .kflowignore, and every other file becomes a Source."""
    spec = f"embedded:{tmp_path / 'kflow-data'}"
    log = tmp_path / "demo.log"
    env = {**os.environ, "KFLOW_APP_DATA": str(tmp_path / "app-data")}
    with log.open("w") as out:
        demo = subprocess.Popen(
            [str(KFLOW), "demo", "--store", spec, "--port", str(free_port())],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=env,
        )
    try:
        deadline = time.monotonic() + 600
        while "kflow app on http" not in log.read_text() and demo.poll() is None and time.monotonic() < deadline:
            time.sleep(1)  # the load is done once the app is announced
    finally:
        os.killpg(demo.pid, signal.SIGTERM)  # the demo's own process group (it and its streamlit)
        demo.wait(timeout=60)
    output = log.read_text()
    assert "kflow app on http" in output, output
    assert "1 ignored (.kflowignore)" in output and "0 failed" in output, output
    documents = [p for p in expand_paths([SEEDS])[0] if not p.name.endswith(".meta.yaml")]
    done = subprocess.run(
        [str(KFLOW), "query", "MATCH (s:Source) RETURN s.path", "--store", spec, "--json"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.count('"s.path"') == len(documents) and CATALOGUE not in done.stdout
