"""The review queue in a real browser (Playwright, Debian's Chromium), on the embedded store and on Neo4j.

The FICTIONAL Northshire world of tests/test_analysis.py (synthetic: no real body or person) is stored;
a claim is rejected in the app; then `kflow query` shows it stored with status rejected, `kflow trace`
and `kflow export` leave it out, a reload of its source keeps it rejected, and a revert made in the
app brings it back. Under CI=true these tests never skip.
"""

from __future__ import annotations

import json
import subprocess

import pytest
from app_browser import KFLOW, Session, browser_for_tests, kflow_serve
from playwright.sync_api import expect

from graph.model import Batch
from graph.stores import open_store
from tests.test_analysis import EASTMERE, POLICE, S1, claims, nodes
from tests.test_corrections import SENT_STUDY

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser():
    with browser_for_tests() as b:
        yield b


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def spec(request, tmp_path):
    if request.param == "embedded":
        return f"embedded:{tmp_path / 'kflow-data'}"
    request.getfixturevalue("neo4j_store")  # the session's server, wiped
    return request.getfixturevalue("neo4j_uri")


def _kflow(*args: str) -> str:
    done = subprocess.run([str(KFLOW), *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _status(spec: str, claim_id: str) -> object:
    out = _kflow(
        "query", f"MATCH ()-[r:SENT]->() WHERE r.id = '{claim_id}' RETURN r.status AS status", "--store", spec, "--json"
    )
    (row,) = [json.loads(line) for line in out.splitlines()]
    return row["status"]


def _reload(spec: str) -> None:
    store = open_store(spec)
    try:
        store.remove_source(S1)
        store.upsert(Batch(nodes(), claims()))
    finally:
        store.close()


def test_reject_in_the_app_then_query_trace_export_reload_and_revert(browser, spec, tmp_path):
    store = open_store(spec)
    store.upsert(Batch(nodes(), claims()))
    (sent,) = [c for c in store.claims(types=["SENT"]) if c.sentence == SENT_STUDY]
    store.close()
    key = sent.id.replace(":", "_")
    assert sent.id in _kflow("trace", EASTMERE, POLICE, "--json", "--store", spec)

    with kflow_serve(spec, tmp_path / "serve.log", {"KFLOW_APP_DATA": str(tmp_path / "app-data")}) as url:
        session = Session(browser, url)
        try:
            session.open("review")
            page = session.page
            session.fill("Reviewer", "Synthetic Reviewer")
            session.fill("Reason (kept with each decision)", "the study went the other way")
            page.locator(f".st-key-review_reject_{key} button").click()
            session.settle()
            page.get_by_text(f"Rejected {sent.id}").first.wait_for(timeout=30_000)
            expect(page.locator(f".st-key-review_row_{key}")).to_have_count(0, timeout=30_000)  # left the queue
            session.screenshot("app-review-rejected")

            assert _status(spec, sent.id) == "rejected"
            assert sent.id not in _kflow("trace", EASTMERE, POLICE, "--json", "--store", spec)
            assert sent.id not in _kflow("timeline", "--json", "--store", spec)
            assert sent.id.split(":")[1] not in _kflow("export", "-f", "nt", "--store", spec)
            history = [json.loads(line) for line in _kflow("review", "history", "--json", "--store", spec).splitlines()]
            assert [(h["kind"], h["who"], h["why"]) for h in history] == [
                ("reject", "Synthetic Reviewer", "the study went the other way")
            ]

            _reload(spec)
            assert _status(spec, sent.id) == "rejected"
            assert sent.id not in _kflow("trace", EASTMERE, POLICE, "--json", "--store", spec)

            session.open("review")
            session.fill("Reviewer", "Synthetic Reviewer")
            page.get_by_text("History of corrections").click()
            page.locator(f".st-key-review_revert_{history[0]['id'].replace(':', '_')} button").click()
            session.settle()
            session.screenshot("app-review-reverted")
            page.get_by_text(f"Reverted {history[0]['id']}").first.wait_for(timeout=30_000)
            assert _status(spec, sent.id) is None
            assert sent.id in _kflow("trace", EASTMERE, POLICE, "--json", "--store", spec)
            assert not page.get_by_test_id("stException").count()
            assert session.foreign_requests() == []
        finally:
            session.close()
