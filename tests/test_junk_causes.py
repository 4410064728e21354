"""Junk nodes fixed at their cause, on SYNTHETIC text about FICTIONAL bodies and people:
"the Authority" resolves to the one authority the text named; a role ("Chief Nurse") in a table
cell or a sentence is no Person; a message's subject is not given to the older messages it cites."""

from __future__ import annotations

from pathlib import Path

import pytest
from extract_helpers import edges, run

from loaders.extract import default_extractor
from loaders.readers import read_document
from loaders.readers.mail import email_report_id


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


def test_the_authority_is_the_one_authority_named_before(extractor):
    text = (
        "Synthetic letter (fictional bodies). On 3 May 2015 the Eastholm Water Authority received the "
        "Quay Safety Review. On 9 May 2015 the Authority wrote to Northshire Police about the review."
    )
    extraction = run(extractor, text)
    assert ("Eastholm Water Authority", "letter from Eastholm Water Authority") in edges(extraction, "SENT")
    assert not [n for n in extraction.nodes if n.name in ("Authority", "the Authority")]


def test_the_authority_after_two_authorities_is_left_unresolved(extractor):
    text = (
        "Synthetic note (fictional bodies). The Eastholm Water Authority and the Westholm Harbour Authority "
        "met on 3 May 2015. On 9 May 2015 the Authority wrote to Northshire Police."
    )
    extraction = run(extractor, text)
    assert edges(extraction, "SENT") == set()  # either authority could have written: neither is guessed
    assert not [n for n in extraction.nodes if n.name in ("Authority", "the Authority")]


def test_a_role_in_a_table_cell_or_a_sentence_is_not_a_person(extractor):
    text = (
        "# Board meeting of the Eastholm Care Trust (synthetic)\n\n"
        "| Name | Role |\n|---|---|\n| Anwen Palk | Chair |\n| Bertrand Oyelaran | Chief Nurse |\n"
        "| Cosima Fell | Director of Finance |\n\n"
        "The Chief Nurse told the Board that the Eastholm Care Trust had sent the Ward Safety Audit to "
        "Northshire Police on 3 May 2015.\n"
    )
    extraction = run(extractor, text)
    people = {n.name for n in extraction.nodes if n.label == "Person"}
    assert {"Anwen Palk", "Cosima Fell"} <= people
    assert not people & {"Chief Nurse", "Director of Finance", "Chair"}
    assert ("Eastholm Care Trust", "Ward Safety Audit") in edges(extraction, "SENT")


MBOX = """From a.fenwick@harbour.example Mon Sep  8 09:12:00 2014
From: Alys Fenwick <a.fenwick@harbour.example>
To: Bram Tolley <b.tolley@harbour.example>
Subject: Quay wall survey
Date: Mon, 08 Sep 2014 09:12:00 +0100
Message-ID: <fenwick.1@harbour.example>

Synthetic message (fictional people). The quay wall survey is attached.

From b.tolley@harbour.example Thu Sep 11 17:40:00 2014
From: Bram Tolley <b.tolley@harbour.example>
To: Alys Fenwick <a.fenwick@harbour.example>
Subject: Re: Quay wall survey
Date: Thu, 11 Sep 2014 17:40:00 +0100
Message-ID: <tolley.2@harbour.example>
In-Reply-To: <fenwick.1@harbour.example>
References: <fenwick.1@harbour.example>

Synthetic reply. Thank you.

From b.tolley@harbour.example Fri Sep 12 08:05:00 2014
From: Bram Tolley <b.tolley@harbour.example>
To: Alys Fenwick <a.fenwick@harbour.example>
Subject: Note for the Harbour Board
Date: Fri, 12 Sep 2014 08:05:00 +0100
Message-ID: <tolley.3@harbour.example>
In-Reply-To: <tolley.2@harbour.example>
References: <fenwick.1@harbour.example> <tolley.2@harbour.example>

Synthetic note. A short note for the Board.
"""


def test_a_message_does_not_lend_its_subject_to_the_messages_it_cites(tmp_path: Path):
    path = tmp_path / "thread.mbox"
    path.write_text(MBOX)
    document = read_document(path)
    names: dict[str, set[str]] = {}
    for node in document.structured.nodes:
        if node.label == "Report":
            names.setdefault(node.id, set()).update([node.name, *node.aliases])
    survey, reply = email_report_id("fenwick.1@harbour.example"), email_report_id("tolley.2@harbour.example")
    assert "Quay wall survey" in names[survey]  # the reply's "Re: Quay wall survey" names what it answers
    assert "Note for the Harbour Board" not in names[survey] | names[reply]
    assert "Quay wall survey" not in names[reply] - {"Re: Quay wall survey"}
