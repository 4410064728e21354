"""The graph view in real Chromium (Playwright, Debian's /usr/bin/chromium) on a busy fictional graph:
every node keeps a readable caption at ~150 nodes, parallel claims are one counted edge that opens
into its claims on a click, the view fits after every change without moving what was drawn, the
legend names what is drawn, and trace edges are captioned. Under CI=true these tests never skip."""

from __future__ import annotations

import pytest
from app_browser import Session, browser_for_tests, graph_frame, kflow_serve
from app_busy_graph import AUTHOR, AUTHOR_REPORTS, HUB, PORT, REVIEW, SENT_YEARS, build_busy_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SEARCH = "Search a body, report, person or topic"
CY = "document.getElementById('cy')._cyreg.cy"
MIN_READABLE_PX = 8


@pytest.fixture(scope="module")
def browser():
    with browser_for_tests() as b:
        yield b


@pytest.fixture(scope="module")
def busy_app(tmp_path_factory):
    work = tmp_path_factory.mktemp("busy-app")
    spec = build_busy_store(work / "kflow-data")
    with kflow_serve(spec, work / "serve.log", {"KFLOW_APP_DATA": str(work / "app-data")}) as url:
        yield url


@pytest.fixture
def session(browser, busy_app):
    s = Session(browser, busy_app)
    yield s
    assert s.foreign_requests() == [], s.foreign_requests()
    s.close()


def _explore_hub(session: Session):
    session.open("explore")
    session.fill(SEARCH, HUB.name)
    frame = graph_frame(session.page)
    frame.wait_for_function(f"() => {CY}.nodes().length >= 140", timeout=60_000)
    return frame


def _labels(frame) -> list[dict]:
    """Each node's caption, its size on screen and whether its captioned box lies in the viewport."""
    return frame.evaluate(
        f"""() => {{ const cy = {CY}; const w = cy.width(), h = cy.height();
        return cy.nodes().map(n => {{ const b = n.renderedBoundingBox({{includeLabels: true}});
          return {{id: n.id(), label: n.style('label'), visible: n.visible(),
                   px: parseFloat(n.style('font-size')) * cy.zoom(),
                   hidden_below: parseFloat(n.style('min-zoomed-font-size')),
                   inside: b.x1 >= -1 && b.y1 >= -1 && b.x2 <= w + 1 && b.y2 <= h + 1}}; }}); }}"""
    )


def _click_in_frame(session: Session, frame, point: dict) -> None:
    from app_browser import GRAPH_FRAME

    box = session.page.locator(GRAPH_FRAME).first.bounding_box()
    canvas = frame.evaluate(
        "() => { const r = document.getElementById('cy').getBoundingClientRect(); return {x: r.left, y: r.top}; }"
    )
    session.page.mouse.click(box["x"] + canvas["x"] + point["x"], box["y"] + canvas["y"] + point["y"])


def test_every_node_keeps_a_readable_caption_inside_the_view(session):
    frame = _explore_hub(session)
    labels = _labels(frame)
    assert len(labels) == 149  # the hub, the review, the author, 90 ledgers, 56 clerks
    by_id = {item["id"]: item for item in labels}
    assert by_id[HUB.id]["label"] == HUB.name and by_id["person:clerk-7-marsh"]["label"] == "Clerk 7 Marsh"
    for item in labels:
        assert item["label"] and item["visible"], item
        assert item["px"] >= MIN_READABLE_PX, item  # readable on screen, not a speck
        assert item["hidden_below"] <= item["px"], item  # cytoscape draws it at this zoom
        assert item["inside"], item  # the view was fitted to the whole graph, captions included
    legend = frame.evaluate("() => document.getElementById('legend').innerText")
    for kind in ("Agency", "Report", "Person", "SENT", "MEMBER_OF"):
        assert kind in legend
    assert "RECEIVED" not in legend  # only what is drawn
    session.screenshot("graph-explore-150-nodes")


def test_parallel_claims_are_one_counted_edge_that_opens_on_click(session):
    frame = _explore_hub(session)
    pair = f"[source = '{HUB.id}'][target = '{REVIEW.id}']"
    edges = frame.evaluate(f"() => {CY}.edges(\"{pair}\").map(e => [e.data('count'), e.style('label')])")
    assert edges == [[3, "SENT ×3"]]
    point = frame.evaluate(f'() => {CY}.edges("{pair}")[0].renderedMidpoint()')
    _click_in_frame(session, frame, point)
    frame.wait_for_function(f'() => {CY}.edges("{pair}").length === 3', timeout=30_000)
    opened = frame.evaluate(f"() => {CY}.edges(\"{pair}\").map(e => e.style('label')).sort()")
    assert opened == [f"SENT {y}" for y in SENT_YEARS]
    session.settle()
    page = session.page
    page.get_by_text("Selected edge: 3 claim(s)").wait_for(timeout=30_000)
    for year in SENT_YEARS:
        quote = f"In {year} the Northshire Records Office sent the Harbour Safety Review to the ministry."
        assert page.get_by_text(quote).first.is_visible()
    session.screenshot("graph-opened-edge")


def test_expanding_keeps_drawn_nodes_in_place_and_refits(session):
    frame = _explore_hub(session)
    before = frame.evaluate(f"() => Object.fromEntries({CY}.nodes().map(n => [n.id(), n.position()]))")
    point = frame.evaluate(f"() => {CY}.getElementById('{AUTHOR.id}').renderedPosition()")
    _click_in_frame(session, frame, point)
    session.settle()
    session.page.get_by_role("button", name="Expand this node").click()
    session.settle()
    frame = graph_frame(session.page)
    frame.wait_for_function(f"(n) => {CY}.nodes().length === n", arg=len(before) + AUTHOR_REPORTS, timeout=60_000)
    after = frame.evaluate(f"() => Object.fromEntries({CY}.nodes().map(n => [n.id(), n.position()]))")
    moved = [k for k, p in before.items() if abs(after[k]["x"] - p["x"]) > 0.5 or abs(after[k]["y"] - p["y"]) > 0.5]
    assert moved == []
    assert all(item["inside"] for item in _labels(frame))


def test_trace_edges_are_captioned_by_flow_hop_and_date(session):
    session.open("trace")
    session.fill("From body", HUB.name)
    session.fill("To body", PORT.name)
    frame = graph_frame(session.page)
    captions = frame.evaluate(f"() => {CY}.edges().map(e => e.style('label')).sort()")
    assert captions and all(c for c in captions)
    assert any(c.startswith("1.1 SENT ") for c in captions) and any(c.startswith("1.2 RECEIVED 2006") for c in captions)
    nodes = frame.evaluate(f"() => {CY}.nodes().map(n => n.style('label')).sort()")
    assert nodes == sorted([HUB.name, REVIEW.name, PORT.name])
    session.screenshot("graph-trace")
