"""A letter's "we" is its record's publisher, named without the record's bracketed note.

SYNTHETIC: the bodies and people below are fictional.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from loaders.document import Document
from loaders.extract import default_extractor
from loaders.extract.letterhead_offices import publisher_name

LETTER = (
    "March 4, 2021\n\nDear Ms. Lee:\n\n"
    "We sent our review of harbour dues to the Department of Civic Affairs on 3 March 2021.\n\nSincerely,\n"
)


def test_publisher_notes_are_not_part_of_the_name() -> None:
    assert publisher_name("Northshire Council (Harbour Committee)") == "Northshire Council"
    assert publisher_name("Northshire Council") == "Northshire Council"
    assert publisher_name(None) == ""


def test_a_letter_written_for_a_noted_publisher_names_no_body_with_brackets() -> None:
    document = Document(
        Path("letter.txt"),
        LETTER,
        hashlib.sha256(LETTER.encode()).hexdigest(),
        "text/plain",
        title="Letter to Ms. Lee on harbour dues",
        published="2021-03-04",
        published_precision="day",
        publisher="Northshire Council (Harbour Committee)",
    )
    extraction = default_extractor().extract(document)
    names = {node.name for node in extraction.nodes}
    assert not any("(" in name for name in names), names
    senders = {
        next(n.name for n in extraction.nodes if n.id == claim.from_id)
        for claim in extraction.claims
        if claim.type == "SENT"
    }
    assert "Northshire Council" in senders
