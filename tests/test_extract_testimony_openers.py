"""A testimony's opening line names its sender and who invited it (testimony_openers.py).

All text is SYNTHETIC about FICTIONAL bodies and people."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from loaders.document import Document
from loaders.extract import default_extractor
from tests.extract_helpers import edges

TITLE = "Statement for the Record of Tomas Reyes, Inspector General, Department of Civic Affairs"
OPENING = (
    "STATEMENT FOR THE RECORD\nOF TOMAS REYES\nINSPECTOR GENERAL\n\n"
    "Thank you, Chairman Owen Clarke and Ranking Member Mara Quill, for inviting me to submit a statement "
    "for the record on the independence of inspectors general.\n"
)


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


def _extract(extractor, text: str):
    sha = hashlib.sha256(text.encode()).hexdigest()
    return extractor.extract(Document(Path("synthetic.txt"), text, sha, "text/plain", TITLE, "2007-07-11", "day"))


def test_the_speaker_sent_the_statement_and_those_thanked_for_inviting_it_commissioned_it(extractor):
    extraction = _extract(extractor, OPENING)
    statement = next(n.name for n in extraction.nodes if n.name.startswith("Statement for the Record of Tomas Reyes"))
    assert ("Tomas Reyes", statement) in edges(extraction, "SENT")
    assert {("Owen Clarke", statement), ("Mara Quill", statement)} <= edges(extraction, "COMMISSIONED")
    assert ("Tomas Reyes", statement) not in edges(extraction, "COMMISSIONED")


def test_a_statement_submitted_only_later_in_the_text_is_not_the_one_being_read(extractor):
    filler = "".join(f"The harbour fund paid {n} claims in the year. " for n in range(20, 34))
    text = "STATEMENT OF TOMAS REYES\n\n" + filler + "I am pleased to submit this statement for the record.\n"
    extraction = _extract(extractor, text)
    assert not [s for s, _ in edges(extraction, "SENT") if s == "Tomas Reyes"]
