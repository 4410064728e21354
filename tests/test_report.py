"""Chronology reports and conflicting evidence, end to end: files -> extractor -> store -> report.

The seed (seeds/: a real 2018 news article about a 2002 report) is rendered to Markdown, DOCX and
PDF; the PDF is read back with pypdf. tests/fixtures/conflicts/ holds three synthetic documents
(fictional bodies) that date one receipt differently: 2002 (twice) and 2004.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from pypdf import PdfReader

from graph.analysis.conflicts import facts
from graph.analysis.questions import ask_facts
from graph.embedded import EmbeddedStore
from graph.model import Claim
from graph.report.build import body_chronology, topic_chronology, trace_chronology
from graph.report.markdown import render_markdown
from graph.report.model import Chronology, Event, Note, Quote
from graph.report.pdf import render_pdf
from kflow.cli import main
from loaders.extract import default_extractor
from loaders.pipeline import load_paths

ROOT = Path(__file__).resolve().parent.parent
CONFLICTS = ROOT / "tests" / "fixtures" / "conflicts"
SEED_TITLE = "Home Office knew about Rotherham abuse 12 years before Jay Report, review finds"
ISO_DAY = re.compile(r"\b(19|20)\d\d-\d\d-\d\d\b")


def _loaded(tmp_path_factory, name: str, folder: Path) -> Path:
    path = tmp_path_factory.mktemp(name) / "kflow-data"
    with EmbeddedStore(path) as store:
        report = load_paths([folder], store, default_extractor())
        assert not report.failed, [(f.path, f.reason) for f in report.failed]
    return path


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    return _loaded(tmp_path_factory, "seed", ROOT / "seeds")


@pytest.fixture(scope="module")
def conflict_store(tmp_path_factory) -> Path:
    return _loaded(tmp_path_factory, "conflicts", CONFLICTS)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def test_seed_chronology_in_three_formats(seed_store, tmp_path):
    result = CliRunner().invoke(
        main, ["report", "--body", "Home Office", "--out", str(tmp_path / "seed"), "--store", f"embedded:{seed_store}"]
    )
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "seed.md").read_text(encoding="utf-8")
    docx_text = "\n".join(
        p.text
        for p in Document(tmp_path / "seed.docx").paragraphs
        + [p for t in Document(tmp_path / "seed.docx").tables for c in t._cells for p in c.paragraphs]
    )
    pdf = (tmp_path / "seed.pdf").read_bytes()
    pdf_text = _pdf_text(pdf)
    first_page = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    assert "First knowledge" in first_page and "Home Office first knew by 2001" in first_page
    for text in (markdown, docx_text, " ".join(pdf_text.split())):
        assert "Home Office received unpublished 2002 report." in text
        assert "Home Office knew about child sexual exploitation in Rotherham." in text
        assert "16 years ago" in text and "from 2002" in text  # both quotes, exactly
        assert SEED_TITLE in text and "2018" in text and "seeds/000_2642609051fa25c3.txt" in text  # the note
        assert not ISO_DAY.search(text), ISO_DAY.search(text)  # year precision: never 2002-01-01
    assert "[^1]: " + SEED_TITLE in markdown and "16 years ago" in markdown.split("## Chronology")[1]
    assert re.search(r"^1\. " + re.escape(SEED_TITLE), pdf_text, re.M)  # the numbered source note
    assert re.search(r"^2002$", pdf_text, re.M) and re.search(r"^2001$", pdf_text, re.M)  # the date column


def test_seed_two_derivations_of_2002_agree_as_one_source(seed_store):
    with EmbeddedStore(seed_store, read_only=True) as store:
        found = ask_facts(store, body="Home Office").result
        chronology = body_chronology(store, "Home Office")
    [knew] = [f for f in found if f.type == "KNEW_ABOUT"]
    assert not knew.conflicting and len(knew.claims) == 2 and knew.independent_sources == 1
    assert not knew.corroborated
    assert [r.date for r in knew.readings] == ["2002"]
    assert not any(f.conflicting for f in found) and chronology.conflicts == []
    [event] = [e for e in chronology.events if "knew about" in e.sentence]
    assert len(event.quotes) == 2 and "not independent corroboration" in event.agreement


def test_conflicting_documents_are_flagged_naming_both_sentences(conflict_store, tmp_path):
    with EmbeddedStore(conflict_store, read_only=True) as store:
        found = ask_facts(store, body="Department of Civic Affairs").result
        [fact] = [f for f in found if f.type == "RECEIVED" and f.to_id == "report:harbour-review"]
        chronology = body_chronology(store, "Department of Civic Affairs")
    assert fact.conflicting and [r.date for r in fact.readings] == ["2002", "2004"]
    assert [len(r.sources) for r in fact.readings] == [2, 1]  # 2002 stated by two independent sources
    sentences = [c.sentence for r in fact.readings for c in r.claims]
    assert any("Harbour Review in 2002." in s for s in sentences) and any("in 2004, two years" in s for s in sentences)
    [conflict] = chronology.conflicts
    assert [when for when, _ in conflict.readings] == ["2002", "2004"]
    assert sum(e.conflict is not None for e in chronology.events) == 2  # each reading is its own, flagged entry
    text = " ".join(_pdf_text(render_pdf(chronology)).split())
    assert "Conflicting evidence" in text and "Sources disagree on when Department of Civic Affairs received" in text
    assert "Harbour Review in 2002." in text and "in 2004, two years after it was finished." in text

    result = CliRunner().invoke(main, ["conflicts", "--store", f"embedded:{conflict_store}"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("CONFLICT")
    assert "Harbour Review in 2002." in result.output and "in 2004, two years" in result.output


def test_topic_and_trace_chronologies(seed_store):
    with EmbeddedStore(seed_store, read_only=True) as store:
        topic = topic_chronology(store, "child sexual exploitation")
        trace = trace_chronology(store, "University of Luton", "Home Office")
    assert topic.events and all(n.title == SEED_TITLE for n in topic.notes)
    assert [e.sentence for e in trace.events] == [
        "University of Luton sent unpublished 2002 report.",  # sent before received on one date
        "Home Office received unpublished 2002 report.",
    ]
    assert trace.flows[0].text.startswith("University of Luton → unpublished 2002 report → Home Office")


def test_agreement_across_sources_is_corroboration():
    def said(source: str, year: int) -> Claim:
        return Claim(
            "RECEIVED", "agency:a", "report:r", source, f"It came in {year}.", 0, 5, 0.9, "test",
            f"{year}-01-01", f"{year}-12-31", "year",
        )  # fmt: skip

    vague = Claim(
        "RECEIVED",
        "agency:a",
        "report:r",
        "source:c",
        "Some time then.",
        0,
        5,
        0.9,
        "t",
        "1998-01-01",
        "2005-12-31",
        "year",
    )
    [fact] = facts([said("source:a", 2002), said("source:b", 2002), vague])
    assert fact.corroborated and fact.independent_sources == 3 and "corroborated by 3" in fact.describe()
    [fact] = facts([said("source:a", 2002), said("source:b", 2004), vague])
    assert fact.conflicting and [r.date for r in fact.readings] == ["2002", "2004"]


def test_grade_column_appears_only_when_graded():
    note = Note(1, "source:a", "A synthetic memo", grade="B")
    plain = Chronology("T", "scope", "2026-01-01", events=[Event("2002", "X sent Y.", [Quote("Q.", 1)])], notes=[note])
    graded = Chronology("T", "scope", "2026-01-01", events=[Event("2002", "X sent Y.", [Quote("Q.", 1, grade="2")])])
    assert "| Grade |" not in render_markdown(Chronology("T", "s", "d", events=plain.events))
    assert plain.graded and "Source grade B." in render_markdown(plain)
    assert "| 2002 | X sent Y. | 2 |" in render_markdown(graded)
    assert "Grade" in _pdf_text(render_pdf(graded))


def test_bad_report_requests_fail_with_one_line(seed_store, tmp_path):
    store = f"embedded:{seed_store}"
    both = CliRunner().invoke(main, ["report", "--body", "Home Office", "--trace", "a", "b", "--store", store])
    assert both.exit_code == 2 and "exactly one of" in both.output
    missing = CliRunner().invoke(main, ["report", "--body", "Nowhere Agency", "--store", store])
    assert missing.exit_code == 1 and "no node matches" in missing.output
    nowhere = CliRunner().invoke(
        main, ["report", "--body", "Home Office", "--out", str(tmp_path / "no" / "x"), "--store", store]
    )
    assert nowhere.exit_code == 1 and "does not exist" in nowhere.output and not (tmp_path / "no").exists()
