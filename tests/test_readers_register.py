"""Correspondence registers (.csv, .jsonl): each row a Report with SENT/RECEIVED claims citing the row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loaders.document import Document, ReadError
from loaders.pipeline import load_paths
from loaders.readers import read_document

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


def edges(document: Document) -> set[tuple[str, str, str, str]]:
    return {(c.type, c.from_id, c.to_id, c.date_start) for c in document.structured.claims}


def assert_claims_cite_their_rows(document: Document) -> None:
    for claim in document.structured.claims:
        assert document.text[claim.char_start : claim.char_end] == claim.sentence
        assert claim.sentence.strip() == claim.sentence and "SYNTHETIC" in claim.sentence  # the whole row, no more
        assert (claim.extractor, claim.confidence) == ("reader.register", 1.0)


def test_csv_rows_become_reports_sent_and_received_by_agencies_and_people():
    document = read_document(FIXTURES / "register.csv")
    assert document.text == (FIXTURES / "register.csv").read_text()
    terms = "report:department-of-civic-affairs-dca-19-001"
    assert edges(document) >= {
        ("SENT", "agency:department-of-civic-affairs", terms, "2019-03-04"),  # 04/03/2019 read day first
        ("RECEIVED", "agency:northshire-police", terms, "2019-03-04"),
        ("RECEIVED", "person:amara-lines", terms, "2019-03-04"),  # "Dr ..." marks a person
        ("SENT", "person:amara-lines", "report:amara-lines-ue-7", "2019-03-10"),
    }
    reports = {n.id: n for n in document.structured.nodes if n.label == "Report"}
    assert reports[terms].props == {
        "kind": "letter",
        "title": "Custody review, terms of reference",
        "date_start": "2019-03-04",
        "date_precision": "day",
    }
    assert reports["report:amara-lines-ue-7"].props["kind"] == "report"
    assert_claims_cite_their_rows(document)


def test_csv_row_spanning_two_lines_is_cited_whole():
    document = read_document(FIXTURES / "register.csv")
    sent = next(c for c in document.structured.claims if c.to_id == "report:amara-lines-ue-7" and c.type == "SENT")
    assert (
        sent.sentence
        == '2019-03-10,Dr Amara Lines,Department of Civic Affairs,"Interim findings\n(two-line title)",UE-7,report,SYNTHETIC'
    )


def test_month_only_date_keeps_month_precision_and_default_kind():
    document = read_document(FIXTURES / "register.csv")
    monthly = next(
        c for c in document.structured.claims if c.type == "RECEIVED" and c.from_id == "agency:university-of-eastmere"
    )
    assert (monthly.date_start, monthly.date_precision, monthly.date_text) == ("2019-04-01", "month", "April 2019")
    report = next(n for n in document.structured.nodes if n.id == monthly.to_id)
    assert report.props["kind"] == "letter"


def test_bad_rows_are_warned_by_row_number_and_the_rest_load():
    document = read_document(FIXTURES / "register.csv")
    assert document.warnings == [
        "row 3 (line 5): missing date; skipped",
        "row 4 (line 6): unreadable date '31/02/2019'; skipped",
        "row 5 (line 7): missing sender (from); skipped",
    ]
    assert len({c.to_id for c in document.structured.claims}) == 3


def test_jsonl_register_with_synonym_keys_list_recipients_and_declared_person():
    document = read_document(FIXTURES / "register.jsonl")
    response = "report:northshire-police-np-19-88"
    assert edges(document) >= {
        ("SENT", "agency:northshire-police", response, "2019-05-01"),
        ("RECEIVED", "agency:department-of-civic-affairs", response, "2019-05-01"),
        ("RECEIVED", "person:priya-hale", response, "2019-05-01"),
    }
    acknowledgement = next(
        c for c in document.structured.claims if c.type == "SENT" and c.from_id == "person:priya-hale"
    )
    assert acknowledgement.to_id.startswith("report:priya-hale-2019-05-02")  # no reference: sender, date and title
    assert [w.split(":")[0] for w in document.warnings] == ["row 3 (line 3)", "row 4 (line 4)", "row 5 (line 5)"]
    assert "not valid JSON" in document.warnings[0] and "not a JSON object" in document.warnings[1]
    for claim in document.structured.claims:
        assert document.text[claim.char_start : claim.char_end] == claim.sentence
        assert claim.sentence.startswith("{") and claim.sentence.endswith("}") and "\n" not in claim.sentence


def test_sidecar_column_map_names_unusual_columns():
    document = read_document(FIXTURES / "minutes-log.csv")
    assert edges(document) == {
        (
            "SENT",
            "agency:university-of-eastmere",
            "report:university-of-eastmere-2018-11-20-research-data-request",
            "2018-11-20",
        ),
        (
            "RECEIVED",
            "agency:northshire-police",
            "report:university-of-eastmere-2018-11-20-research-data-request",
            "2018-11-20",
        ),
    }


def test_column_map_from_env_and_date_order(tmp_path, monkeypatch):
    register = tmp_path / "log.csv"
    register.write_text("Posted,By,For,Note\n03/04/2019,Northshire Police,University of Eastmere,SYNTHETIC\n")
    with pytest.raises(
        ReadError,
        match=r"no date column \(looked for date, sent, .*\); columns: Posted, By, For, Note; name it in log.csv.columns.yaml",
    ):
        read_document(register)
    columns = tmp_path / "columns.yaml"
    columns.write_text("date: Posted\nfrom: By\nto: For\ndate_order: MDY\n")
    monkeypatch.setenv("KFLOW_REGISTER_COLUMNS", str(columns))
    assert {c.date_start for c in read_document(register).structured.claims} == {"2019-03-04"}


def test_column_map_naming_a_missing_column_or_unknown_field_is_refused(tmp_path):
    register = tmp_path / "log.csv"
    register.write_text("date,from,to\n2019-01-01,Northshire Police,University of Eastmere\n")
    sidecar = tmp_path / "log.columns.yaml"
    sidecar.write_text("date: Sent On\n")
    with pytest.raises(ReadError, match="column 'Sent On' \\(mapped to date\\) is not in the register"):
        read_document(register)
    sidecar.write_text("sender: from\n")
    with pytest.raises(ReadError, match="unknown field\\(s\\) sender"):
        read_document(register)


def test_register_loads_into_the_store_with_row_evidence(embedded_store, tmp_path):
    shutil.copy(FIXTURES / "register.csv", tmp_path / "register.csv")
    report = load_paths([tmp_path / "register.csv"], embedded_store)
    (result,) = report.files
    assert result.status == "loaded" and len(result.warnings) == 3
    stored = embedded_store.claims(types=["SENT"])
    assert {c.to_id for c in stored} == {
        "report:department-of-civic-affairs-dca-19-001",
        "report:amara-lines-ue-7",
        "report:northshire-police-np-6",
    }
    source = embedded_store.get_node(result.source_id)
    for claim in stored:
        assert source.props["text"][claim.char_start : claim.char_end] == claim.sentence


def test_parties_without_a_type_are_people_when_their_name_reads_as_a_person(tmp_path):
    register = tmp_path / "log.csv"
    register.write_text(
        "date,from,to,to_type,note\n"
        "2014-07-02,Maria Okafor,Children First Trust,,SYNTHETIC\n"
        "2014-07-03,Eastmere City Council,Acme Widgets,agency,SYNTHETIC\n"
        '2014-07-04,"Finch, Laura",Department of Civic Affairs,,SYNTHETIC\n'
    )
    labels = {n.name: n.label for n in read_document(register).structured.nodes if n.label != "Report"}
    assert labels == {
        "Maria Okafor": "Person",
        "Children First Trust": "Agency",
        "Eastmere City Council": "Agency",
        "Acme Widgets": "Agency",
        "Laura Finch": "Person",
        "Department of Civic Affairs": "Agency",
    }


def test_report_reference_is_kept_as_an_alias():
    document = read_document(FIXTURES / "register.csv")
    report = next(n for n in document.structured.nodes if n.id == "report:department-of-civic-affairs-dca-19-001")
    assert "DCA/19/001" in report.aliases
