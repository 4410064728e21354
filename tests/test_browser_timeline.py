"""The Timeline page in real Chromium (Playwright, /usr/bin/chromium) over `kflow serve`: the date
window and claim-type filters change what is drawn, bars never cover each other on screen, a bad
date is one line, and nothing leaves localhost. The store is the FICTIONAL graph of tests/app_graph.py.
Under CI=true these tests never skip: a missing browser is a failure.
"""

from __future__ import annotations

import pytest
from app_browser import Session, browser_for_tests, kflow_serve
from app_graph import build_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PLOT = ".js-plotly-plot"


@pytest.fixture(scope="module")
def browser():
    with browser_for_tests() as b:
        yield b


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    work = tmp_path_factory.mktemp("timeline-app")
    spec = build_store(work / "kflow-data")
    with kflow_serve(spec, work / "serve.log", {"KFLOW_APP_DATA": str(work / "app-data")}) as url:
        yield url


def drawn(session: Session) -> dict:
    """What the chart holds, read from Plotly's own data on the page: bar types, claim ids, row labels."""
    page = session.page
    page.locator(f"{PLOT} .barlayer").first.wait_for(timeout=30_000)
    return page.evaluate(
        """(selector) => {
            const plot = document.querySelector(selector);
            return {
                types: plot.data.map(t => t.name),
                claims: plot.data.flatMap(t => Array.from(t.customdata, c => c[0])),
                subjects: Array.from(plot.querySelectorAll('.ytick text'), t => t.textContent),
                ticks: Array.from(plot.querySelectorAll('.xtick text'), t => t.textContent),
            };
        }""",
        PLOT,
    )


def bar_boxes(session: Session) -> list[dict]:
    """Screen rectangles of every bar drawn."""
    return session.page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector + ' .barlayer .point path'), p => {
            const r = p.getBoundingClientRect();
            return {x: r.left, y: r.top, w: r.width, h: r.height};
        })""",
        PLOT,
    )


def covered(a: dict, b: dict) -> float:
    """Area (px²) two rectangles share."""
    width = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    height = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    return max(width, 0) * max(height, 0)


def test_timeline_filters_and_bars_in_a_real_browser(browser, app):
    session = Session(browser, app)
    try:
        session.open("timeline")
        everything = drawn(session)
        assert {"University of Eastmere", "Northshire Police", "Department of Civic Affairs"} <= set(
            everything["subjects"]
        )
        boxes = bar_boxes(session)
        assert len(boxes) == len(everything["claims"]) >= 10
        overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if covered(a, b) > 1]
        assert overlaps == [], overlaps  # every bar visible: none drawn over another
        session.screenshot("app-timeline-all")

        session.fill("From", "2004")
        session.fill("To", "2005")
        window = drawn(session)
        assert 0 < len(window["claims"]) < len(everything["claims"])
        assert "University of Eastmere" not in window["subjects"]  # its claims are all 2001-2002
        assert {"Northshire Police", "Eastmere Council"} <= set(window["subjects"])

        session.page.get_by_role("button", name="RECEIVED", exact=True).click()
        session.settle()
        sent_only = drawn(session)
        assert "RECEIVED" not in sent_only["types"] and "SENT" in sent_only["types"]
        assert len(sent_only["claims"]) < len(window["claims"])
        assert session.page.get_by_text(
            f"{len(sent_only['claims'])} of {len(window['claims'])} dated claims"
        ).is_visible()
        session.screenshot("app-timeline-filtered")

        session.fill("From", "March 2004")
        error = session.page.get_by_text("since 'March 2004' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        assert error.is_visible()
        assert session.page.locator(PLOT).count() == 0
        assert not session.page.get_by_test_id("stException").count()
        assert session.foreign_requests() == [], session.foreign_requests()
    finally:
        session.close()
