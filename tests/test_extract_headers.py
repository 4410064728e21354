"""Memo header blocks and copy lists (loaders/extract/headers.py), on synthetic fictional memos."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.document import Document
from loaders.extract import default_extractor
from loaders.extract.headers import copy_list, header_fields, is_field_line

MEMO = (  # synthetic: fictional people and bodies
    "Department of Civic Affairs\n\nMEMORANDUM\n\nTO: Helen Marsh\n\nDirector\n\n"
    "FROM: Tom Briggs\n\nChief Auditor\n\nNorthshire Police\n\nSUBJECT: Staffing review\n\n"
    "The staffing review found that the rota was not kept.\n\n"
    "cc: Priya Anand\n\nHead of Finance\n\nBrackenridge County Council\n"
)


def test_header_fields_need_a_sender_and_a_recipient():
    fields = header_fields(MEMO)
    assert [(f.role, MEMO[f.start : f.end]) for f in fields] == [
        ("recipient", "Helen Marsh"),
        ("sender", "Tom Briggs"),
    ]
    assert header_fields("To: the board, which met on Monday.\n\nThe audit is done.") == []
    assert header_fields("MEMORANDUM FOR THE DIRECTOR\n\nThe audit is done.")[0].role == "recipient"


def test_copy_list_runs_over_short_lines_to_the_foot():
    start, end = copy_list(MEMO)
    assert " ".join(MEMO[start:end].split()) == "Priya Anand Head of Finance Brackenridge County Council"
    assert copy_list("Nobody was copied.\n") is None
    prose = (
        "cc: Ann Lee\n"
        + "A long line of prose that is plainly a paragraph and not a copy list at all, so it ends it.\n"
    )
    start, end = copy_list(prose)
    assert prose[start:end].strip() == "Ann Lee"


def test_field_lines():
    assert is_field_line("FROM: Tom Briggs") and is_field_line("cc: Ann Lee") and is_field_line("Copies to: X")
    assert not is_field_line("Director") and not is_field_line("The report went to: nobody")


@pytest.fixture(scope="module")
def memo_claims():
    extraction = default_extractor().extract(
        Document(Path("memo.txt"), MEMO, "memo-sha", "text/plain", "memo", "2015-06-12", "day")
    )
    names = {n.id: n for n in extraction.nodes}
    return (
        names,
        {(c.type, names[c.from_id].name, names[c.to_id].label) for c in extraction.claims if c.type != "MENTIONS"},
        extraction,
    )


def test_memo_parties_wrote_sent_and_received_it(memo_claims):
    names, claims, extraction = memo_claims
    assert {("AUTHORED", "Tom Briggs", "Report"), ("SENT", "Tom Briggs", "Report")} <= claims
    assert {("RECEIVED", "Helen Marsh", "Report"), ("RECEIVED", "Priya Anand", "Report")} <= claims
    own = {c.to_id for c in extraction.claims if c.type == "SENT"}
    assert len(own) == 1 and "memorandum" in names[own.pop()].aliases
    cc = next(c for c in extraction.claims if c.type == "RECEIVED" and names[c.from_id].name == "Priya Anand")
    assert cc.sentence == "cc: Priya Anand" and MEMO[cc.char_start : cc.char_end] == cc.sentence
    assert cc.date_start == "2015-06-12"


def test_names_in_a_block_are_members_of_the_body_under_them(memo_claims):
    _, claims, _ = memo_claims
    members = {(n, label) for t, n, label in claims if t == "MEMBER_OF"}
    assert ("Tom Briggs", "Agency") in members and ("Priya Anand", "Agency") in members
    assert ("Helen Marsh", "Agency") not in members  # only a job title under her name


@pytest.mark.parametrize(
    "published, precision, start, end",
    [("2015-06-01", "month", "2015-06-01", "2015-06-30"), ("2015-01-01", "year", "2015-01-01", "2015-12-31")],
)
def test_a_memo_dated_to_a_month_or_year_gives_its_own_flows_that_date(published, precision, start, end):
    """The memo's own SENT / RECEIVED / AUTHORED happened when it is dated, however coarsely; its body's
    undated sentences about other matters are not dated by a year or a month."""
    extraction = default_extractor().extract(
        Document(Path("memo.txt"), MEMO, "memo-sha", "text/plain", "memo", published, precision)
    )
    names = {n.id: n for n in extraction.nodes}
    own = [
        c for c in extraction.claims if c.type in ("SENT", "RECEIVED", "AUTHORED") and names[c.to_id].label == "Report"
    ]
    assert own and all((c.date_start, c.date_end, c.date_precision) == (start, end, precision) for c in own)
