"""Issue #16 in the app (AppTest): the Timeline page's date window and claim-type filters, bars that
do not hide each other, dates at their precision (table, CSV, claims tables, published), a body's
flows chart drawn the right way round, first knowledge with its caveat and date-only chains, gaps
with elapsed time and caveats, "did you mean" buttons, and a trace's arrival at its precision.

The graph is FICTIONAL (tests/app_graph.py plus one synthetic note below); nothing describes a
real body or person.
"""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from app_graph import HOSTILE_NAME, SENTENCES, build_store
from streamlit.testing.v1 import AppTest

from dashboards.exports import chronology_csv
from graph.embedded import EmbeddedStore
from graph.model import Batch, Claim, Node

APP = str(Path(__file__).resolve().parent.parent / "dashboards" / "app.py")
COUNCIL = "agency:eastmere-council"
TOPIC = "topic:youth-exploitation-in-eastmere"
NOTE_ID = "source:00000000000a0e01"
NOTE_SENTENCE = "By 2004 Eastmere Council knew of youth exploitation in Eastmere."
NOTE_TEXT = f"Synthetic council note, all names fictional.\n{NOTE_SENTENCE}\n"


def council_note() -> Batch:
    """A second fictional source: the council knew of the topic in 2004, the year it received a
    briefing that the evidence never ties to the topic (so its chain is linked by date only)."""
    source = Node(
        NOTE_ID,
        "Source",
        "Eastmere council note",
        props={"title": "Eastmere council note", "published": "2012-01-01", "published_precision": "year"},
    )
    start = NOTE_TEXT.index(NOTE_SENTENCE)
    knew = Claim(
        "KNEW_ABOUT",
        COUNCIL,
        TOPIC,
        NOTE_ID,
        NOTE_SENTENCE,
        start,
        start + len(NOTE_SENTENCE),
        0.8,
        "test.fixture",
        "2004-01-01",
        "2004-12-31",
        "year",
    )
    return Batch([source], [knew])


@pytest.fixture(scope="module")
def store_spec(tmp_path_factory):
    path = tmp_path_factory.mktemp("timeline") / "kflow-data"
    spec = build_store(path)
    store = EmbeddedStore(path)
    try:
        store.upsert(council_note())
    finally:
        store.close()
    return spec


@pytest.fixture
def page(store_spec, monkeypatch, tmp_path):
    monkeypatch.setenv("KFLOW_STORE", store_spec)
    monkeypatch.setenv("KFLOW_APP_DATA", str(tmp_path / "app-data"))

    def open_page(name: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        at.switch_page(f"views/{name}.py").run()
        assert not at.exception, at.exception
        return at

    return open_page


TABLES = {  # AppTest does not report a dataframe's key: each table is told by a column only it has
    "timeline_table": "end",
    "timeline_gaps": "elapsed",
    "ov_sources": "published",
    "ov_earliest": "date",
}


def table_of(at: AppTest, key: str) -> pd.DataFrame:
    """The first table on the page that has the column marking `key`'s table."""
    return next(d.value for d in at.dataframe if TABLES[key] in d.value.columns)


def chart(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def values(data) -> list:
    """A Plotly array as a list: Plotly 6 sends numeric arrays typed ({"dtype", "bdata"})."""
    if isinstance(data, dict) and "bdata" in data:
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=np.dtype(data["dtype"])).tolist()
    return list(data)


def bars(at: AppTest) -> list[tuple[str, str, float]]:
    """(claim id, type, row) of every bar drawn."""
    return [
        (c[0], trace["name"], y)
        for trace in chart(at)["data"]
        for c, y in zip(trace["customdata"], values(trace["y"]), strict=True)
    ]


def text_of(at: AppTest) -> str:
    import re

    return "\n".join(re.sub(r"\\(.)", r"\1", m.value) for m in [*at.markdown, *at.warning, *at.caption])


def test_date_window_keeps_only_claims_dated_in_it_at_year_precision(page):
    at = page("timeline")
    at.text_input(key="timeline_since").input("2004").run()
    at.text_input(key="timeline_until").input("2005-06").run()
    table = table_of(at, "timeline_table")
    assert set(table["date"]) == {"2004", "2005"}
    assert set(table["start"]) == {"2004", "2005"}  # never 2004-01-01
    assert SENTENCES["briefing_sent"] in set(table["quote"]) and SENTENCES["memo_sent"] in set(table["quote"])
    assert SENTENCES["commission"] not in set(table["quote"]) and SENTENCES["inquiry"] not in set(table["quote"])
    assert sorted(b[0] for b in bars(at)) == sorted(table["claim"])


def test_a_bad_date_is_one_clear_line_and_no_chart(page):
    at = page("timeline")
    at.text_input(key="timeline_since").input("March 2004").run()
    assert not at.exception
    assert [e.value.replace("\\", "") for e in at.error] == [
        "since 'March 2004' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
    ]
    assert not at.get("plotly_chart")
    at.text_input(key="timeline_since").input("2006").run()
    at.text_input(key="timeline_until").input("2004").run()
    assert "ends (2004) before it starts (2006)" in at.error[0].value.replace("\\", "")


def test_claim_type_filter_keeps_only_the_chosen_types(page):
    at = page("timeline")
    everything = len(table_of(at, "timeline_table"))
    at.pills(key="timeline_types").set_value(["SENT", "RECEIVED"]).run()
    table = table_of(at, "timeline_table")
    assert set(table["type"]) == {"SENT", "RECEIVED"}
    assert {b[1] for b in bars(at)} == {"SENT", "RECEIVED"}
    assert len(table) < everything
    assert f"{len(table)} of {everything} dated claims" in text_of(at)
    at.pills(key="timeline_types").set_value([]).run()
    assert any("Pick at least one claim type" in i.value for i in at.info)


def test_overlapping_claims_of_one_subject_get_their_own_rows(page):
    at = page("timeline")
    table = table_of(at, "timeline_table").set_index("quote")
    row = {claim: y for claim, _, y in bars(at)}
    authored, sent = (table.loc[SENTENCES[k], "claim"] for k in ("authored", "sent"))
    assert row[authored] != row[sent]  # "wrote it in 2002" and "sent it in March 2002" overlap
    spans: dict[float, list[tuple[str, str]]] = {}
    figure = chart(at)
    for trace in figure["data"]:
        for y, base, width in zip(values(trace["y"]), values(trace["base"]), values(trace["x"]), strict=True):
            end = (pd.Timestamp(base) + pd.Timedelta(milliseconds=width)).isoformat()
            spans.setdefault(y, []).append((pd.Timestamp(base).isoformat(), end))
    for on_row in spans.values():
        on_row.sort()
        assert all(a[1] <= b[0] for a, b in zip(on_row, on_row[1:])), on_row  # no bar covers another
    ticks = dict(zip(figure["layout"]["yaxis"]["ticktext"], figure["layout"]["yaxis"]["tickvals"]))
    assert "University of Eastmere" in ticks and "Department of Civic Affairs" in ticks


def test_table_and_csv_show_month_and_year_precision(page):
    at = page("timeline")
    table = table_of(at, "timeline_table").set_index("quote")
    assert table.loc[SENTENCES["sent"], "date"] == "March 2002"
    assert table.loc[SENTENCES["sent"], "start"] == "2002-03"
    assert table.loc[SENTENCES["commission"], "date"] == "2001"
    csv = chronology_csv(at.session_state["chronology"]).decode()
    exported = pd.read_csv(io.StringIO(csv), dtype=str).set_index("quote")
    assert exported.loc[SENTENCES["sent"], "start"] == "2002-03"
    assert exported.loc[SENTENCES["commission"], "end"] == "2001"
    assert "2002-03-01" not in csv and "2001-01-01" not in csv


def test_a_bodys_flows_chart_keeps_the_direction_of_its_documents(page):
    at = page("timeline")
    at.text_input(key="timeline_body_q").input("Eastmere Council").run()
    links = json.loads(at.get("bidi_component")[0].proto.json)
    text = json.dumps(links)
    assert '"source": "Northshire Police", "target": "Eastmere Council"' in text  # the briefing came in
    assert '"source": "Eastmere Council", "target": "Department of Civic Affairs"' in text  # the memo went out
    at.text_input(key="timeline_body_q").input("University of Eastmere").run()
    text = json.dumps(json.loads(at.get("bidi_component")[0].proto.json))
    assert '"source": "University of Eastmere", "target": "Department of Civic Affairs"' in text


def test_first_knowledge_on_one_source_carries_its_caveat(page):
    at = page("timeline")
    at.text_input(key="timeline_body_q").input("Northshire Police").run()
    at.text_input(key="timeline_topic_q").input("youth exploitation").run()
    shown = text_of(at)
    assert "Northshire Police first knew about “youth exploitation in Eastmere” by 2003" in shown
    assert "thin evidence: only 1 source dates anything about Northshire Police up to 2003" in shown


def test_a_chain_linked_only_by_date_is_flagged(page):
    at = page("timeline")
    at.text_input(key="timeline_body_q").input("Eastmere Council").run()
    at.text_input(key="timeline_topic_q").input("youth exploitation").run()
    shown = text_of(at)
    assert "first knew about “youth exploitation in Eastmere” by 2004" in shown
    assert any("Date overlap only" in w.value for w in at.warning)
    assert SENTENCES["briefing_received"] in shown  # the document that arrived that year


def test_gaps_say_elapsed_time_and_flag_a_thin_silence(page):
    at = page("timeline")
    at.text_input(key="timeline_topic_q").input("youth exploitation").run()
    gaps = table_of(at, "timeline_gaps").set_index("body")
    assert "days between" not in gaps.columns
    assert gaps.loc["University of Eastmere", "elapsed"] == "within the same month"
    police = gaps.loc["Northshire Police"]
    assert police["next action"] == "none on record" and police["elapsed"] == ""
    assert police["caveat"].startswith("thin evidence: only 1 source says anything dated about Northshire Police")


def test_a_typo_offers_close_names_and_a_click_fills_the_box(page):
    at = page("timeline")
    at.text_input(key="timeline_body_q").input("Northshire Polise").run()
    assert any("Did you mean" in w.value for w in at.warning)
    offered = [b for b in at.button if b.key and b.key.startswith("timeline_body_suggest_")]
    assert [b.label for b in offered][:1] == ["Northshire Police (Agency)"]
    assert not at.get("selectbox") or all(s.key != "timeline_body_pick" for s in at.selectbox)
    offered[0].click().run()
    assert at.text_input(key="timeline_body_q").value == "Northshire Police"
    assert at.selectbox(key="timeline_body_pick").value.id == "agency:northshire-police"


def test_nothing_close_says_so_without_buttons(page):
    at = page("timeline")
    at.text_input(key="timeline_body_q").input("Zzyzx Qwv").run()
    assert any("Nothing matches" in w.value and "Did you mean" not in w.value for w in at.warning)
    assert not [b for b in at.button if b.key and b.key.startswith("timeline_body_suggest_")]


def test_claims_tables_and_sources_show_dates_at_their_precision(page):
    at = page("overview")
    earliest = table_of(at, "ov_earliest")
    assert earliest["date"].iloc[0] == "2001"
    sources = table_of(at, "ov_sources").set_index("title")
    assert sources.loc["Eastmere council note", "published"] == "2012"


def test_trace_arrival_reads_at_the_precision_of_its_hop(page):
    at = page("trace")
    at.text_input(key="trace_from_q").input("University of Eastmere").run()
    at.text_input(key="trace_to_q").input("Department of Civic Affairs").run()
    assert "reached by March 2002 at the earliest" in text_of(at)


def test_hostile_names_show_as_text_in_suggestions_knowledge_and_chart(tmp_path, monkeypatch):
    import re

    monkeypatch.setenv("KFLOW_STORE", build_store(tmp_path / "hostile", hostile=True))
    monkeypatch.setenv("KFLOW_APP_DATA", str(tmp_path / "app-data"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("views/timeline.py").run()
    at.text_input(key="timeline_body_q").input("Board of Westmarch img onerror").run()
    offered = [b.label for b in at.button if b.key and b.key.startswith("timeline_body_suggest_")]
    assert any("Westmarch" in label for label in offered), offered
    for label in offered:
        assert not re.search(r"(?<!\\)<", label), label
    at.text_input(key="timeline_body_q").input("Westmarch").run()
    assert not at.exception
    for element in [*at.markdown, *at.warning, *at.subheader]:
        assert not re.search(r"(?<!\\)<", element.value), element.value
    assert HOSTILE_NAME in text_of(at)  # shown, as text
    figure = chart(at)
    assert "<img" not in json.dumps(figure["layout"]["yaxis"]["ticktext"])
    assert "<script>" not in json.dumps([t["customdata"] for t in figure["data"]])
