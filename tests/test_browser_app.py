"""The app in a real browser: `kflow load seeds/` + `kflow serve`, driven by Playwright on Debian's Chromium.

Nothing may leave localhost (every request is recorded); document HTML must show as text.
Under CI=true these tests never skip: a missing browser is a failure.
"""

from __future__ import annotations

import re

import pytest
from app_browser import (
    Session,
    browser_for_tests,
    click_graph_node,
    graph_frame,
    kflow_load,
    kflow_serve,
)

from kflow.demo_corpus import SEEDS

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PAGES = ["overview", "explore", "trace", "timeline", "cypher", "load", "export"]
SEED_QUOTE = "It was sent to the Home Office by the University of Luton"


@pytest.fixture(scope="module")
def browser():
    with browser_for_tests() as b:
        yield b


@pytest.fixture(scope="module")
def seed_app(tmp_path_factory):
    work = tmp_path_factory.mktemp("seed-app")
    spec = f"embedded:{work / 'kflow-data'}"
    kflow_load([SEEDS], spec)  # seeds/ as `kflow demo` loads it (its SOURCES.md is no evidence)
    with kflow_serve(spec, work / "serve.log", {"KFLOW_APP_DATA": str(work / "app-data")}) as url:
        yield url


def test_trace_shows_the_2002_hop_and_its_quote_offline(browser, seed_app):
    session = Session(browser, seed_app)
    try:
        session.open("trace")
        session.fill("From body", "University of Luton")
        session.fill("To body", "Home Office")
        page = session.page
        hop = page.get_by_text(re.compile(r"^\d+\. 2002 · .* · University of Luton → ")).first
        hop.wait_for(timeout=30_000)
        assert hop.is_visible()
        assert page.get_by_text(SEED_QUOTE).first.is_visible()
        graph_frame(page)  # the flow is drawn too
        session.screenshot("app-trace")
        for name in PAGES:
            if name == "trace":
                continue
            session.open(name)
            if name == "explore":
                session.fill("Search a body, report, person or topic", "Home Office")
                graph_frame(session.page)
                session.page.wait_for_timeout(1500)
            session.screenshot(f"app-{name}")
        assert not session.page.get_by_test_id("stException").count()
        assert session.foreign_requests() == [], session.foreign_requests()
        assert session.requests, "no requests were recorded"
    finally:
        session.close()


# Synthetic, fictional register: its names and titles carry HTML and script on purpose.
HOSTILE_REGISTER = (
    "date,from,to,title\n"
    '2005-03-01,"<img src=x onerror=""alert(1)""> Board of <b>Westmarch</b>",Northshire Police,'
    '"<script>window.__kflowXss=1</script> Memo on <i>Westmarch</i> <img src=y onerror=""window.__kflowXss=2"">"\n'
)


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    work = tmp_path_factory.mktemp("hostile-app")
    register = work / "westmarch-register.csv"
    register.write_text(HOSTILE_REGISTER, encoding="utf-8")
    spec = f"embedded:{work / 'kflow-data'}"
    kflow_load([register], spec)
    with kflow_serve(spec, work / "serve.log", {"KFLOW_APP_DATA": str(work / "app-data")}) as url:
        yield url


NO_INJECTION = """() => ({
    flag: window.__kflowXss === undefined ? null : window.__kflowXss,
    imgs: document.querySelectorAll("img[src='x'], img[src='y']").length,
    handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
    scripts: [...document.scripts].filter(s => s.text.includes('__kflowXss')).length,
})"""


def _assert_not_injected(session: Session) -> None:
    assert session.dialogs == []
    for frame in session.page.frames:
        assert frame.evaluate(NO_INJECTION) == {"flag": None, "imgs": 0, "handlers": 0, "scripts": 0}, frame.url


def test_document_html_and_script_show_as_text(browser, hostile_app):
    session = Session(browser, hostile_app)
    page = session.page
    try:
        session.open("explore")
        session.fill("Search a body, report, person or topic", "Westmarch")  # the Board sorts first (shorter name)
        name = '<img src=x onerror="alert(1)"> Board of <b>Westmarch</b>'
        page.get_by_text(name + " (Agency)").wait_for(timeout=30_000)
        page.get_by_text("<script>window.__kflowXss=1</script> Memo on <i>Westmarch</i>").filter(
            visible=True
        ).first.wait_for(timeout=30_000)
        node_id = graph_frame(page).evaluate(
            "() => document.getElementById('cy')._cyreg.cy.nodes('[label = \"Agency\"]').filter(n => n.style('label').includes('Westmarch')).id()"
        )
        click_graph_node(page, node_id)
        session.settle()
        panel = graph_frame(page).evaluate("() => document.getElementById('infopanelProps').innerText")
        assert name in panel  # cytoscape's info panel shows the name as text
        _assert_not_injected(session)
        session.screenshot("app-hostile-explore")

        session.open("trace")
        session.fill("From body", "Westmarch")
        session.fill("To body", "Northshire Police")
        page.get_by_text("<script>window.__kflowXss=1</script>").filter(visible=True).first.wait_for(timeout=30_000)
        _assert_not_injected(session)
        session.open("timeline")
        _assert_not_injected(session)
        session.screenshot("app-hostile-timeline")
        assert session.foreign_requests() == []
    finally:
        session.close()
