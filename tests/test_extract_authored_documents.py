"""Who wrote a document: a letter's signatory (signed_authors.py), a statement heading's maker cited by
the whole heading (own_document.py).

All text is SYNTHETIC about FICTIONAL bodies and people."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from loaders.document import Document
from loaders.extract import default_extractor, signed_authors


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


def _extract(extractor, text: str, title: str | None = None):
    sha = hashlib.sha256(text.encode()).hexdigest()
    return extractor.extract(Document(Path("synthetic.txt"), text, sha, "text/plain", title, "2015-05-04", "day"))


def _claims(extraction, claim_type: str):
    names = {n.id: n.name for n in extraction.nodes}
    return [(names[c.from_id], names[c.to_id], c) for c in extraction.claims if c.type == claim_type]


LETTER = (
    "Dear Mr Owen,\n\nThank you for your letter of 3 May 2015 about the harbour audit.\n\n"
    "Yours sincerely,\n\nMara Quill\nDirector, Northshire Harbour Authority\n"
)


def test_the_signatory_wrote_the_letter_on_the_signature_line_and_date(extractor):
    extraction = _extract(extractor, LETTER)
    authored = [(s, c) for s, _o, c in _claims(extraction, "AUTHORED") if c.extractor == signed_authors.RULE]
    assert [s for s, _c in authored] == ["Mara Quill"]
    claim = authored[0][1]
    sent = next(c for s, _o, c in _claims(extraction, "SENT") if s == "Mara Quill")
    assert (claim.to_id, claim.char_start, claim.date_start) == (sent.to_id, sent.char_start, sent.date_start)
    assert "Mara Quill" in claim.sentence
    assert not any(s == "Northshire Harbour Authority" for s, _o, _c in _claims(extraction, "AUTHORED"))


def test_a_statement_heading_broken_over_lines_is_cited_whole(extractor):
    text = "STATEMENT FOR THE RECORD\n    OF TOMAS REYES\n    INSPECTOR GENERAL\n\nThe harbour fund paid its claims.\n"
    title = "Statement for the Record of Tomas Reyes, Inspector General, Department of Civic Affairs"
    extraction = _extract(extractor, text, title)
    heading = [c for s, _o, c in _claims(extraction, "AUTHORED") if s == "Tomas Reyes"]
    assert heading
    assert " ".join(heading[0].sentence.split()).startswith("STATEMENT FOR THE RECORD OF TOMAS REYES")
    assert text[heading[0].char_start : heading[0].char_end] == heading[0].sentence
