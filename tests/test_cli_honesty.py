"""Issue #16: the analysis commands read dates as a user writes them, suggest names for typos,
answer errors in JSON under --json, name things in trace --json, and say how thin the evidence is.
The worlds here are FICTIONAL (synthetic Northshire bodies; no real body or person is described).
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from graph.analysis.date_bounds import DateWindowError, window
from graph.embedded import EmbeddedStore
from graph.model import Batch, Claim, Node
from kflow.cli import main
from tests.test_analysis import EASTMERE, POLICE, S1, S2, c, claims, nodes


@pytest.fixture
def spec(tmp_path):
    store = EmbeddedStore(tmp_path / "db")
    store.upsert(Batch(nodes(), claims()))
    store.close()
    return f"embedded:{tmp_path / 'db'}"


def run(spec: str, *args: str):
    return CliRunner().invoke(main, [*args, "--store", spec])


def as_json(spec: str, *args: str):
    result = run(spec, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_window_reads_years_and_months_at_their_precision():
    assert window("2002", "2004") == ("2002-01-01", "2004-12-31")
    assert window("2004-02", "2004-02") == ("2004-02-01", "2004-02-29")
    assert window("2002-03-12", None) == ("2002-03-12", None)
    for bad in ("2002-13", "02", "2002/03", "March 2002", "2002-02-30"):
        with pytest.raises(DateWindowError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
            window(bad, None)
    with pytest.raises(DateWindowError, match="before it starts"):
        window("2005", "2004")


@pytest.mark.parametrize("command", [["timeline"], ["trace", "university of eastmere", "northshire police"]])
def test_a_year_or_a_month_is_a_window_like_its_days(spec, command):
    by_year = as_json(spec, *command, "--since", "2002", "--until", "2004")
    by_day = as_json(spec, *command, "--since", "2002-01-01", "--until", "2004-12-31")
    assert by_year == by_day and by_year  # the same non-empty answer, no traceback
    by_month = as_json(spec, *command, "--since", "2002-03", "--until", "2004-06")
    assert by_month == as_json(spec, *command, "--since", "2002-03-01", "--until", "2004-06-30")


def test_timeline_year_window_leaves_out_other_years(spec):
    dates = {e["date_start"][:4] for e in as_json(spec, "timeline", "--since", "2004", "--until", "2004")}
    assert dates == {"2004"}


@pytest.mark.parametrize("command", [["timeline"], ["trace", "university of eastmere", "northshire police"]])
def test_a_bad_date_is_one_line_or_one_json_object(spec, command):
    result = run(spec, *command, "--since", "2002-13")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip() == "error: since '2002-13' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
    result = run(spec, *command, "--since", "2002-13", "--json")
    assert result.exit_code == 1
    error = json.loads(result.stdout)
    assert error["kind"] == "DateWindowError" and "2002-13" in error["error"]


def test_a_typo_gets_a_suggestion_in_text_and_json(spec):
    result = run(spec, "timeline", "--body", "Departmnt of Civc Affairs")
    assert result.exit_code == 1
    assert "did you mean 'Department of Civic Affairs' (agency:department-of-civic-affairs)?" in result.output
    result = run(spec, "trace", "univrsity of eastmere", "northshire police", "--json")
    assert result.exit_code == 1
    error = json.loads(result.stdout)
    assert error["kind"] == "NodeNotFound"
    assert error["suggestions"][0] == {"id": EASTMERE, "label": "Agency", "name": "University of Eastmere"}
    nothing = run(spec, "timeline", "--body", "qqqqxxxx")  # nothing close: no wild guess
    assert "did you mean" not in nothing.output and "try a shorter part of the name" in nothing.output


def test_ambiguous_json_lists_candidates(spec):
    result = run(spec, "first-knowledge", "northshire", "--json")
    assert result.exit_code == 1
    error = json.loads(result.stdout)
    assert error["kind"] == "AmbiguousName" and {c["id"] for c in error["candidates"]} >= {POLICE}


def test_trace_json_names_the_claims_ends_and_dates_arrival_at_its_precision(spec):
    found = as_json(spec, "trace", "university of eastmere", "northshire police")
    assert found["from_name"] == "University of Eastmere" and found["to_name"] == "Northshire Police"
    hop = found["paths"][0]["hops"][0]
    assert hop["claim"]["from_name"] == "University of Eastmere" and hop["claim"]["to_name"] == "Eastmere study"
    assert found["paths"][0]["node_names"][0] == "University of Eastmere"
    assert found["paths"][0]["arrival_text"] == "15 June 2004"


def year_world() -> tuple[list[Node], list[Claim]]:
    """A flow dated only to the year: the arrival must read "2003", never 2003-01-01."""
    world = [Node(i, label, n) for i, label, n in WORLD]
    return world, [
        c(
            "SENT",
            HARBOUR,
            REVIEW,
            "The Harbour Office sent the review in 2003.",
            "2003-01-01",
            "2003-12-31",
            "year",
            source=S2,
        ),
        c(
            "RECEIVED",
            CIVIC,
            REVIEW,
            "The review reached the Civic Office in 2003.",
            "2003-01-01",
            "2003-12-31",
            "year",
        ),
        # the Civic Office knew in the 2000s and acted in 2012: a decade later, not "12 years, 4383 days"
        c(
            "KNEW_ABOUT",
            CIVIC,
            TIDES,
            "In the 2000s the Civic Office knew of tidal damage.",
            "2000-01-01",
            "2009-12-31",
            "decade",
            at=200,
        ),
        c(
            "COMMISSIONED",
            CIVIC,
            SURVEY,
            "The Civic Office commissioned a tidal damage survey in 2012.",
            "2012-01-01",
            "2012-12-31",
            "year",
            at=300,
        ),
        # the Harbour Office knew once, on one source, and nothing else is dated about it: a thin silence
        c(
            "KNEW_ABOUT",
            HARBOUR,
            TIDES,
            "The Harbour Office knew of tidal damage in 2001.",
            "2001-01-01",
            "2001-12-31",
            "year",
            source=S2,
        ),
    ]


HARBOUR, CIVIC = "agency:westholm-harbour-office", "agency:westholm-civic-office"
REVIEW, SURVEY, TIDES = "report:harbour-review", "report:tidal-survey", "topic:tidal-damage"
WORLD = [
    (HARBOUR, "Agency", "Westholm Harbour Office"),
    (CIVIC, "Agency", "Westholm Civic Office"),
    (REVIEW, "Report", "Harbour review"),
    (SURVEY, "Report", "Tidal damage survey"),
    (TIDES, "Topic", "tidal damage"),
    (S1, "Source", "Westholm Gazette (synthetic)"),
    (S2, "Source", "Westholm Herald (synthetic)"),
]


@pytest.fixture
def year_spec(tmp_path):
    store = EmbeddedStore(tmp_path / "db")
    store.upsert(Batch(*year_world()))
    store.close()
    return f"embedded:{tmp_path / 'db'}"


def test_trace_arrival_keeps_the_year(year_spec):
    result = run(year_spec, "trace", "westholm harbour office", "westholm civic office")
    assert result.exit_code == 0, result.output
    assert re.search(r"earliest arrival 2003[,)]", result.output) and "2003-01-01" not in result.output
    assert (
        as_json(year_spec, "trace", "westholm harbour office", "westholm civic office")["paths"][0]["arrival_text"]
        == "2003"
    )


def test_gaps_read_a_decade_as_a_decade_and_flag_a_thin_silence(year_spec):
    result = run(year_spec, "gaps", "--topic", "tidal damage")
    assert result.exit_code == 0, result.output
    assert "Westholm Civic Office: knew the 2000s, acted 2012 (1 decade later)" in result.output
    assert "days" not in result.output and "4383" not in result.output
    assert (
        "thin evidence: only 1 source says anything dated about Westholm Harbour Office from 2001 on" in result.output
    )
    report = as_json(year_spec, "gaps", "--topic", "tidal damage")
    assert report["acted"][0]["elapsed"] == "1 decade later"
    silence = report["silences"][0]
    assert silence["body"] == HARBOUR and silence["coverage"] == {"sources": 1, "period": "from 2001 on", "thin": True}


def test_a_silence_with_sources_after_it_has_no_caveat(spec):
    report = as_json(spec, "gaps")
    for gap in report["silences"]:
        assert (gap["caveat"] is None) == (gap["coverage"]["sources"] >= 2)
    assert any(g["caveat"] is None for g in report["silences"] + report["acted"])


def test_first_knowledge_on_one_source_says_so(year_spec):
    result = run(year_spec, "first-knowledge", "westholm harbour office")
    assert "thin evidence: only 1 source dates anything about Westholm Harbour Office up to 2001" in result.output
    assert as_json(year_spec, "first-knowledge", "westholm harbour office")["coverage"]["thin"] is True


def test_one_route_is_listed_once_with_the_other_claims_as_corroboration():
    from graph.analysis.flows import FlowPath, Hop, merge_same_route

    first = c("RECEIVED", CIVIC, REVIEW, "The Civic Office received the review.", "2003-01-01", "2003-12-31", "year")
    again = c(
        "RECEIVED", CIVIC, REVIEW, "The review reached the Civic Office.", "2003-01-01", "2003-12-31", "year", source=S2
    )
    paths = [FlowPath([Hop(REVIEW, CIVIC, claim)], None) for claim in (first, again)]
    merged = merge_same_route(paths)
    assert len(merged) == 1 and merged[0].hops[0].claim == first and merged[0].hops[0].corroborating == [again]
