"""E-mail readers: header block in the text, header facts as evidenced claims, threads linked by Message-ID."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loaders.document import Document, ReadError
from loaders.pipeline import load_paths
from loaders.readers import read_document
from loaders.readers.mail import email_report_id

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
REPLY_ID = email_report_id("<reply-0305.12@civic-affairs.example>")
ORIGINAL_ID = email_report_id("audit-0304.7781@northshire-police.example")


def claims(document: Document) -> set[tuple[str, str, str]]:
    return {(c.type, c.from_id, c.to_id) for c in document.structured.claims}


def assert_claims_cite_their_lines(document: Document) -> None:
    """Every claim's span is exactly its sentence, and that sentence is a whole line of the text."""
    lines = set(document.text.split("\n"))
    for claim in document.structured.claims:
        assert document.text[claim.char_start : claim.char_end] == claim.sentence
        assert claim.sentence in lines
        assert claim.extractor == "reader.email"


def test_eml_text_is_header_block_then_plain_body():
    document = read_document(FIXTURES / "reply.eml")
    head, _, body = document.text.partition("\n\n")
    assert head.splitlines()[:5] == [
        'From: "Okafor, Jane" <j.okafor@civic-affairs.example>',
        "To: Tom Reyes <t.reyes@northshire-police.example>",
        "Cc: Dr Amara Lines <amara.lines@eastmere.example>, records@mail.northshire-police.example",
        "Date: Tue, 05 Mar 2019 23:30:00 -0100",
        "Subject: RE: Custody records audit",
    ]
    assert "We received the audit" in body and "must not be used" not in body
    assert (document.title, document.published, document.published_precision) == (
        "RE: Custody records audit",
        "2019-03-05",
        "day",
    )


def test_eml_headers_become_sent_received_and_cites_claims_dated_by_the_date_header():
    document = read_document(FIXTURES / "reply.eml")
    assert claims(document) >= {
        ("SENT", "person:jane-okafor", REPLY_ID),
        ("RECEIVED", "person:tom-reyes", REPLY_ID),
        ("RECEIVED", "person:amara-lines", REPLY_ID),
        ("RECEIVED", "person:records-mail-northshire-police-example", REPLY_ID),
        ("CITES", REPLY_ID, ORIGINAL_ID),
    }
    for claim in document.structured.claims:
        assert (claim.date_start, claim.date_precision, claim.confidence <= 1.0) == ("2019-03-05", "day", True)
    roles = {
        c.to_id if c.type == "CITES" else c.from_id: c.role
        for c in document.structured.claims
        if c.type in {"RECEIVED", "CITES"}
    }
    assert (
        roles["person:tom-reyes"] == "to"
        and roles["person:amara-lines"] == "cc"
        and roles[ORIGINAL_ID] == "in-reply-to"
    )
    assert_claims_cite_their_lines(document)


def test_eml_sent_claim_cites_the_from_line():
    document = read_document(FIXTURES / "reply.eml")
    sent = next(c for c in document.structured.claims if c.type == "SENT")
    assert document.text[sent.char_start : sent.char_end] == 'From: "Okafor, Jane" <j.okafor@civic-affairs.example>'


def test_people_join_organisations_only_through_the_domain_map():
    document = read_document(FIXTURES / "reply.eml")
    members = {(c.from_id, c.to_id) for c in document.structured.claims if c.type == "MEMBER_OF"}
    assert members == {
        ("person:jane-okafor", "agency:department-of-civic-affairs"),
        ("person:tom-reyes", "agency:northshire-police"),
        ("person:records-mail-northshire-police-example", "agency:northshire-police"),  # subdomain of a mapped domain
    }  # eastmere.example is not in the map, so Dr Lines joins nothing
    agency = next(n for n in document.structured.nodes if n.id == "agency:department-of-civic-affairs")
    assert agency.props == {"kind": "department"}


def test_domain_map_from_env_and_without_any_map(tmp_path, monkeypatch):
    copy = tmp_path / "reply.eml"
    shutil.copy(FIXTURES / "reply.eml", copy)
    assert not [c for c in read_document(copy).structured.claims if c.type == "MEMBER_OF"]
    mapping = tmp_path / "elsewhere.yaml"
    mapping.write_text("eastmere.example: University of Eastmere\n")
    monkeypatch.setenv("KFLOW_DOMAIN_MAP", str(mapping))
    members = {(c.from_id, c.to_id) for c in read_document(copy).structured.claims if c.type == "MEMBER_OF"}
    assert members == {("person:amara-lines", "agency:university-of-eastmere")}


def test_bad_domain_map_is_reported_with_its_path(tmp_path, monkeypatch):
    shutil.copy(FIXTURES / "reply.eml", tmp_path / "reply.eml")
    (tmp_path / "domains.yaml").write_text("civic-affairs.example: [not, a, name]\n")
    with pytest.raises(
        ReadError, match=r"domain map .*domains.yaml: entry 'civic-affairs.example' needs an organisation name"
    ):
        read_document(tmp_path / "reply.eml")


def test_reply_and_original_link_up_in_one_load(embedded_store):
    report = load_paths([FIXTURES / "reply.eml", FIXTURES / "original.eml"], embedded_store)
    assert [f.status for f in report.files] == ["loaded", "loaded"]
    original = embedded_store.get_node(ORIGINAL_ID)
    assert original.props.get("date_start") == "2019-03-04"  # the original's own headers filled in the cited node
    cites = embedded_store.claims(types=["CITES"])
    assert [(c.from_id, c.to_id) for c in cites] == [(REPLY_ID, ORIGINAL_ID)]
    sent_original = [c for c in embedded_store.claims(types=["SENT"]) if c.to_id == ORIGINAL_ID]
    assert [c.from_id for c in sent_original] == ["person:tom-reyes"]


def test_mbox_renders_every_message_and_claims_per_message():
    document = read_document(FIXTURES / "thread.mbox")
    assert document.text.count("Subject: ") == 2 and "=== message 2 of 2 ===" in document.text
    assert "Received, thank you." in document.text and "steal()" not in document.text  # HTML body as text
    first, second = email_report_id("draft-1@eastmere.example"), email_report_id("draft-1-reply@civic-affairs.example")
    assert claims(document) >= {
        ("SENT", "person:amara-lines", first),
        ("RECEIVED", "person:j-okafor-civic-affairs-example", first),
        ("SENT", "person:jane-okafor", second),
        ("CITES", second, first),
    }
    dates = {c.to_id: c.date_start for c in document.structured.claims if c.type == "SENT"}
    assert dates == {first: "2019-03-06", second: "2019-03-07"}
    assert document.title == "thread.mbox (2 messages)"
    assert_claims_cite_their_lines(document)


def test_message_without_message_id_or_date_still_reads_with_warnings(tmp_path):
    mail = tmp_path / "bare.eml"
    mail.write_text(
        "From: clerk@eastmere.example\nTo: panel@eastmere.example\nSubject: SYNTHETIC minutes\n\nMinutes attached.\n"
    )
    document = read_document(mail)
    assert any("no Message-ID" in w for w in document.warnings) and any(
        "no Date header" in w for w in document.warnings
    )
    assert all(c.date_start is None for c in document.structured.claims)
    assert {c.type for c in document.structured.claims} == {"SENT", "RECEIVED"}


def test_text_that_is_not_an_email_is_refused(tmp_path):
    fake = tmp_path / "notes.eml"
    fake.write_text("Just some notes, SYNTHETIC.\nNo headers here at all.\n")
    with pytest.raises(ReadError, match="no e-mail headers found"):
        read_document(fake)
    fake_mbox = tmp_path / "notes.mbox"
    fake_mbox.write_text("Not an mbox, SYNTHETIC.\n")
    with pytest.raises(ReadError, match="no messages found"):
        read_document(fake_mbox)


def test_email_reports_carry_their_message_ids_as_aliases():
    document = read_document(FIXTURES / "reply.eml")
    reports = {n.id: n for n in document.structured.nodes if n.label == "Report"}
    assert "<reply-0305.12@civic-affairs.example>" in reports[REPLY_ID].aliases
    assert (
        reports[ORIGINAL_ID].name == "Custody records audit"
    )  # named by the thread's subject until the original loads
    assert "audit-0304.7781@northshire-police.example" in reports[ORIGINAL_ID].aliases
