"""Letter layout (loaders/extract/document_frame.py): postal lines, date lines, letterheads, address
blocks, subject lines and numbered documents, on synthetic letters naming fictional bodies and people."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.document import Document
from loaders.extract import default_extractor
from loaders.extract.document_frame import _numbered_pattern, is_postal_line

LETTER = (  # synthetic: fictional bodies and people
    "Department of Civic Affairs\n1 Harbour Street\nNorthshire NS1 4AB\n\nMarch 3, 2015\n\n"
    "The Honorable Helen Marsh\nChair\nCommittee on Harbours\n2157 Quayside House Office Building\n"
    "Northshire, NS 20515\n\nDear Chair Marsh:\n\n"
    "This responds to your letter of February 2, 2015 regarding the audit of moorings. "
    "We have reviewed the audit.\n"
)
SIGNED = (  # synthetic: the same letterhead over a letter a person signs
    "Department of Civic Affairs\n\nMarch 3, 2015\n\nDear Ms Marsh,\n\nThe audit is finished.\n\n"
    "Sincerely,\n\nTom Briggs\n"
)
MEMO = (  # synthetic
    "MEMORANDUM\n\nTO: Helen Marsh\n\nFROM: Tom Briggs\n\nSUBJECT: Response to the Moorings Audit\n\n"
    "The audit is finished.\n"
)


def _claims(text: str, published: str | None = None) -> tuple[set[tuple[str, str, str]], dict]:
    extraction = default_extractor().extract(
        Document(
            Path("letter.txt"), text, f"sha-{hash(text)}", "text/plain", None, published, "day" if published else None
        )
    )
    nodes = {n.id: n for n in extraction.nodes}
    claims = {
        (c.type, nodes[c.from_id].name, nodes[c.to_id].name, c.date_start)
        for c in extraction.claims
        if c.type != "MENTIONS"
    }
    return claims, nodes


def test_postal_lines():
    assert is_postal_line("2157 Rayburn House Office Building")
    assert is_postal_line("Washington, D.C. 20515") and is_postal_line("Northshire NS1 4AB")
    assert not is_postal_line("Committee on Harbours") and not is_postal_line("Chair")
    assert not is_postal_line("In 2015 the Department of Civic Affairs wrote to 12 councils on the same street plan.")


def test_numbered_documents():
    found = lambda text: [m.group() for m in _numbered_pattern().finditer(text)]  # noqa: E731
    assert found("see Report No. 20-041 and NSP-13-41T, laid as Cm 8812") == [
        "Report No. 20-041",
        "NSP-13-41T",
        "Cm 8812",
    ]
    assert found("(NSP/T-GGD/AIMD-99-129)") == ["NSP/T-GGD/AIMD-99-129"]
    assert found("call 202-501-0035; no report no one read; Rule No. 2") == []


@pytest.fixture(scope="module")
def letter():
    return _claims(LETTER)


def test_an_unsigned_letterhead_wrote_and_sent_the_letter_dated_by_its_date_line(letter):
    claims, _ = letter
    sent = {(t, f) for t, f, _, d in claims if t in ("SENT", "AUTHORED") and d == "2015-03-03"}
    assert ("SENT", "Department of Civic Affairs") in sent and ("AUTHORED", "Department of Civic Affairs") in sent


def test_the_address_block_gives_the_addressee_s_body_and_no_address_entity(letter):
    claims, nodes = letter
    assert ("MEMBER_OF", "Helen Marsh", "Committee on Harbours", None) in claims
    assert not [n for n in nodes.values() if "Quayside" in n.name or "Building" in n.name]


def test_the_address_block_membership_cites_the_lines_from_the_name_to_the_body():
    extraction = default_extractor().extract(Document(Path("letter.txt"), LETTER, "sha-cited", "text/plain"))
    nodes = {n.id: n.name for n in extraction.nodes}
    cited = [c.sentence for c in extraction.claims if c.type == "MEMBER_OF" and nodes[c.from_id] == "Helen Marsh"]
    assert cited and all(s.startswith("The Honorable Helen Marsh") and "Committee on Harbours" in s for s in cited)


def test_the_reply_s_earlier_letter_was_received_by_the_letterhead_body(letter):
    claims, _ = letter
    received = {(f, to) for t, f, to, _ in claims if t == "RECEIVED"}
    assert any(f == "Department of Civic Affairs" and "'s letter of " in to for f, to in received)  # cited by day


def test_a_signed_letter_is_sent_by_its_signatory_not_its_letterhead():
    claims, _ = _claims(SIGNED)
    assert any(t == "SENT" and f == "Tom Briggs" for t, f, _, _ in claims)
    assert not any(t in ("SENT", "AUTHORED") and f == "Department of Civic Affairs" for t, f, _, _ in claims)


def test_a_memo_s_subject_line_names_it():
    claims, nodes = _claims(MEMO, "2015-06-12")
    memo = next(n for n in nodes.values() if "memorandum" in n.aliases)
    assert "Response to the Moorings Audit" in memo.aliases
    assert ("SENT", "Tom Briggs", memo.name, "2015-06-12") in claims


def test_no_layout_draws_nothing_and_an_empty_text_is_harmless():
    claims, _ = _claims("The audit of moorings was finished.\n")
    assert not any(t in ("SENT", "AUTHORED", "RECEIVED") for t, *_ in claims)
    assert _claims("") == (set(), {})
