"""The investigator app's pages driven by AppTest on a small FICTIONAL graph (tests/app_graph.py).

AppTest does not run custom components or charts: tests assert on what the page passed to them
and simulate a click by putting the component's value in session_state before `run()`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from app_graph import HOSTILE_NAME, SENTENCES, build_store
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "dashboards" / "app.py")
STUDY = "report:eastmere-youth-safety-study"
UNI = "agency:university-of-eastmere"
DCA = "agency:department-of-civic-affairs"


@pytest.fixture(scope="module")
def store_spec(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("app") / "kflow-data", hostile=True)


@pytest.fixture
def page(store_spec, monkeypatch, tmp_path):
    """Open one page of the app against the fictional store; returns the AppTest after its first run."""
    monkeypatch.setenv("KFLOW_STORE", store_spec)
    monkeypatch.setenv("KFLOW_APP_DATA", str(tmp_path / "app-data"))

    def open_page(name: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        at.switch_page(f"views/{name}.py").run()
        assert not at.exception, at.exception
        return at

    return open_page


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def frame(at: AppTest, heading: str):
    """The first table after the heading (or caption/markdown) that starts with `heading`."""
    seen = False
    for element in [*_walk(at.sidebar), *_walk(at.main)]:
        value = getattr(element, "value", None)
        if (
            element.type in ("title", "header", "subheader", "markdown", "caption")
            and isinstance(value, str)
            and unescape(value).startswith(heading)
        ):
            seen = True
        elif seen and element.type in ("dataframe", "arrow_data_frame"):
            return element.value
    raise AssertionError(f"no table after {heading!r}")


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).replace("**", "")


def graph_args(at: AppTest, index: int = 0) -> dict:
    """What the page passed to the graph component (elements with positions, styles, legend)."""
    return json.loads(at.get("component_instance")[index].proto.json_args)


def text_of(at: AppTest) -> str:
    """All markdown on the page with markdown escapes removed, as a reader sees it."""
    return "\n".join(unescape(m.value) for m in at.markdown)


def click(at: AppTest, key: str, action: str, stamp: int, **data) -> AppTest:
    at.session_state[key] = {"action": action, "data": data, "timestamp": stamp}
    return at.run()


def test_overview_counts_sources_span_brokers_and_review(page):
    at = page("overview")
    nodes = frame(at, "Nodes").set_index("type")["count"]
    assert nodes["Agency"] == 5 and nodes["Report"] == 5 and nodes["Source"] == 2
    claims = frame(at, "Claims (").set_index("type")["count"]
    assert claims["SENT"] == 4 and claims["COMMISSIONED"] == 2
    assert "Eastmere synthetic file" in set(frame(at, "Sources loaded")["title"])
    assert frame(at, "Earliest dated claims")["quote"].iloc[0] == SENTENCES["commission"]
    assert frame(at, "Latest dated claims")["quote"].iloc[0] == SENTENCES["inquiry"]
    assert set(frame(at, "Brokers")["body"]) >= {"Eastmere Council", "Department of Civic Affairs"}
    review = frame(at, "Needs review")
    assert list(review["quote"]) == [SENTENCES["police_knew"], SENTENCES["member"]]


def test_overview_brokers_take_a_minimum_grade(page):
    at = page("overview")
    assert set(frame(at, "Brokers")["body"]) >= {"Eastmere Council"}
    at.selectbox(key="ov_brokers_min_grade").select("A").run()  # the fictional sources are ungraded
    assert "No body sits between two others on a flow yet." in [i.value for i in at.info]


def test_explore_search_is_forgiving_and_draws_the_neighbourhood(page):
    at = page("explore")
    at.text_input(key="explore_q").input("the UNIVERSITY of eastmere").run()
    assert at.selectbox(key="explore_pick").value.id == UNI
    args = graph_args(at)
    ids = {n["data"]["id"] for n in args["elements"]["nodes"]}
    assert {UNI, STUDY, DCA, "person:ada-quill"} <= ids
    assert "report:eastmere-inquiry" not in ids  # two hops away
    assert all(set(n["position"]) == {"x", "y"} for n in args["elements"]["nodes"])  # laid out in Python
    assert args["legend"] and args["revision"]
    labels = {n["data"]["label"] for n in args["elements"]["nodes"]}
    assert labels <= {"Agency", "Report", "Person", "Topic"}
    style_selectors = {rule["selector"] for rule in args["style"]}
    assert "node[label='Agency']" in style_selectors and "edge[label='SENT']" in style_selectors


def test_explore_click_shows_details_claims_and_quotes(page):
    at = page("explore")
    at.text_input(key="explore_q").input("University of Eastmere").run()
    click(at, "explore_graph", "clicked_node", 1, type="tap", target_id=STUDY, target_group="nodes")
    assert any("Eastmere Youth Safety Study (Report)" in re.sub(r"\\(.)", r"\1", h.value) for h in at.subheader)
    claims = frame(at, "Claims (")
    assert SENTENCES["sent"] in set(claims["quote"])
    assert set(claims["source"]) == {"Eastmere synthetic file"}
    assert SENTENCES["received"] in text_of(at)


def test_explore_expand_adds_the_expanded_nodes_neighbours(page):
    at = page("explore")
    at.text_input(key="explore_q").input("University of Eastmere").run()
    click(at, "explore_graph", "expand", 2, node_ids=[DCA])
    ids = {n["data"]["id"] for n in graph_args(at)["elements"]["nodes"]}
    assert {"report:eastmere-inquiry", "report:council-memo"} <= ids


def test_explore_filters_by_edge_type_and_years(page):
    at = page("explore")
    at.text_input(key="explore_q").input("University of Eastmere").run()
    at.multiselect(key="explore_types").set_value(["SENT"]).run()
    assert {e["data"]["label"] for e in graph_args(at)["elements"]["edges"]} == {"SENT"}
    at.multiselect(key="explore_types").set_value(["COMMISSIONED", "SENT", "AUTHORED", "RECEIVED"]).run()
    at.slider(key="explore_years").set_value((2004, 2010)).run()
    assert graph_args(at)["elements"]["edges"] == []


def test_trace_lists_dated_hops_with_quotes(page):
    at = page("trace")
    at.text_input(key="trace_from_q").input("Northshire Police").run()
    at.text_input(key="trace_to_q").input("civic affairs").run()
    shown = text_of(at)
    assert "1 flow(s) from Northshire Police to Department of Civic Affairs" in "\n".join(
        re.sub(r"\\(.)", r"\1", h.value) for h in at.subheader
    )
    for key in ("briefing_sent", "briefing_received", "memo_sent", "memo_received"):
        assert SENTENCES[key] in shown
    assert "1. 2004 · `SENT`" in shown and "4. 2005 · `RECEIVED`" in shown
    drawn = {e["data"]["id"] for e in graph_args(at)["elements"]["edges"]}
    assert len(drawn) == 4


def test_trace_refuses_a_path_that_goes_back_in_time(page):
    at = page("trace")
    at.text_input(key="trace_from_q").input("Northshire Police").run()
    at.text_input(key="trace_to_q").input("University of Eastmere").run()
    assert any("No time-respecting flow" in w.value for w in at.warning)


def test_timeline_chart_table_first_knowledge_and_sankey(page):
    at = page("timeline")
    at.text_input(key="timeline_topic_q").input("youth exploitation").run()
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    bars = [claim for trace in chart["data"] for claim in (c[0] for c in trace["customdata"])]
    table = frame(at, "Timeline")
    assert sorted(bars) == sorted(table["claim"])
    assert list(table["start"]) == sorted(table["start"])
    gaps = frame(at, "First knowledge of").set_index("body")
    assert gaps.loc["Northshire Police", "first knew"] == "2003"
    assert gaps.loc["University of Eastmere", "first knew"] == "March 2002"
    sankey = at.get("bidi_component")[0].proto.json
    assert "University of Eastmere" in sankey and "sankey" in sankey


def test_timeline_bar_click_shows_its_evidence(page):
    at = page("timeline")
    table = frame(at, "Timeline")
    claim = table.loc[table["quote"] == SENTENCES["briefing_sent"], "claim"].iloc[0]
    at.session_state["timeline_chart"] = {
        "selection": {"points": [{"customdata": [claim]}], "point_indices": [0], "box": [], "lasso": []}
    }
    at.run()
    assert any(h.value == "Selected" for h in at.subheader)
    assert SENTENCES["briefing_sent"] in text_of(at)


def test_timeline_sankey_click_shows_the_links_evidence(page):
    at = page("timeline")
    at.session_state["timeline_sankey"] = {
        "chart_event": {"dataType": "edge", "source": "Northshire Police", "target": "Eastmere Council"}
    }
    at.run()
    shown = text_of(at)
    assert SENTENCES["briefing_sent"] in shown and SENTENCES["briefing_received"] in shown


def test_cypher_runs_examples_in_the_store_dialect_and_draws_nodes(page):
    at = page("cypher")
    at.selectbox(key="cypher_example").set_value("Agencies (as nodes)").run()
    assert at.text_area(key="cypher_text").value == "MATCH (a:Agency) RETURN a LIMIT 50"
    at.button(key="cypher_run").click().run()
    assert len(frame(at, "Cypher console")) == 5
    ids = {n["data"]["id"] for n in graph_args(at)["elements"]["nodes"]}
    assert UNI in ids and all(i.startswith("agency:") for i in ids)


def test_cypher_refuses_writes_with_a_clear_message(page):
    at = page("cypher")
    at.text_area(key="cypher_text").input("MATCH (a:Agency) SET a.name = 'x' RETURN a").run()
    at.button(key="cypher_run").click().run()
    assert any("read-only" in unescape(e.value) and "uses SET" in unescape(e.value) for e in at.error)


REGISTER = (
    "date,from,to,title\n"
    "2003-05-04,Northshire Police,Eastmere Council,Patrol review\n"
    "2003-06-01,Eastmere Council,Department of Civic Affairs,Budget letter\n"
)


def test_load_stores_claims_and_rejects_the_unticked_as_corrections(page, tmp_path, monkeypatch):
    monkeypatch.setenv("KFLOW_STORE", build_store(tmp_path / "own-store"))  # this test writes
    at = page("load")
    at.file_uploader(key="load_files").upload("register.csv", REGISTER.encode(), "text/csv").run()
    editor = at.data_editor[0]
    review = editor.value
    assert review["accept"].all() and set(review["type"]) >= {"SENT", "RECEIVED"}
    rejected = review.index[review["quote"].str.startswith("2003-06-01")].tolist()
    assert len(rejected) == 2
    at.session_state[editor.key] = {
        "edited_rows": {i: {"accept": False} for i in rejected},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    next(b for b in at.button if b.key and b.key.startswith("load_commit_")).click().run()
    kept = len(review) - 2
    assert any(f"Stored {kept} accepted claim(s)" in s.value and "2 rejected" in s.value for s in at.success), [
        e.value for e in at.error
    ]
    from graph import corrections
    from graph.stores import open_store

    store = open_store(None, read_only=True)  # the decisions live in the graph, as corrections
    try:
        decisions = corrections.load(store)
        rejected_claims = store.claims_by_id([d.targets[0] for d in decisions])
    finally:
        store.close()
    assert [(d.kind, d.why) for d in decisions] == [("reject", "unticked on the Load page")] * 2
    assert all(c.status == "rejected" and c.sentence.startswith("2003-06-01") for c in rejected_claims)
    assert not (tmp_path / "app-data" / "annotations.jsonl").exists()  # the old side file is no longer written

    again = page("load")
    again.file_uploader(key="load_files").upload("register.csv", REGISTER.encode(), "text/csv").run()
    assert list(again.data_editor[0].value["accept"]).count(False) == 2
    overview = page("overview")
    assert "register.csv" in set(frame(overview, "Sources loaded")["title"])  # the reader reopened


def test_export_page_offers_graphml_and_chronology_for_the_selection(page):
    at = page("explore")
    at.text_input(key="explore_q").input("University of Eastmere").run()
    at.switch_page("views/timeline.py").run()
    at.switch_page("views/export.py").run()
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert "GraphML (Gephi)" in labels and any(label.startswith("Chronology CSV") for label in labels)
    at.button(key="export_csv").click().run()
    assert {"nodes.csv", "claims.csv"} <= {b.label for b in at.get("download_button")}
    at.button(key="export_store_graphml").click().run()  # the whole store, not only the selection (issue 17)
    assert "GraphML (Gephi), whole store" in {b.label for b in at.get("download_button")}


def test_document_html_is_shown_as_text_everywhere(page):
    at = page("explore")
    at.text_input(key="explore_q").input("Westmarch").run()
    args = graph_args(at)
    board = next(
        n for n in args["elements"]["nodes"] if n["data"]["label"] == "Agency" and "Westmarch" in n["style"]["label"]
    )
    assert board["style"]["label"] == HOSTILE_NAME  # canvas text
    assert "<" not in json.dumps([n["data"] for n in args["elements"]["nodes"]])  # info panel uses innerHTML
    for markdown in at.markdown:
        assert not re.search(r"(?<!\\)<", markdown.value), markdown.value
    assert "<script>alert('kflow')</script>" in text_of(at)
