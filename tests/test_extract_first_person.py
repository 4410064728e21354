"""Extraction rules prompted by the dev gold set (tests/gold/dev): first-person documents, body
names with "and" inside, possessor bodies, a sentence's opening date, quoted titles.

All text is SYNTHETIC about FICTIONAL bodies and people."""

from __future__ import annotations

import pytest

from loaders.extract import default_extractor
from loaders.extract.speaker import document_speaker
from tests.extract_helpers import claim, edges, node, run


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("WITNESS STATEMENT OF DR ANNA KERR\n\nI was the director.", "Anna Kerr"),
        ("Witness statement of Anna Kerr\n\nI, Anna Kerr, will say as follows.", "Anna Kerr"),
        ("Dear Ms Hale,\n\nI enclose the review.\n\nYours sincerely,\n\nTomas Reyes\nChief Executive\n", "Tomas Reyes"),
        ('Harbour council was warned. "I was never sent it," said Ms Hale.', None),
    ],
)
def test_the_speaker_is_read_only_from_statement_and_letter_conventions(text, speaker):
    assert document_speaker(text) == speaker


def test_first_person_transfers_in_a_statement_belong_to_its_maker(extractor):
    text = (
        "Witness statement of Anna Kerr\n\nI, Anna Kerr, will say as follows.\n\n"
        "The Eastmere Review was sent to me by Dr Owen Clarke on 3 February 2014. "
        "On 6 February 2014 I forwarded the Eastmere Review to the Department of Civic Affairs.\n"
    )
    extraction = run(extractor, text)
    assert claim(extraction, "RECEIVED", "Anna Kerr", "Eastmere Review").date_start == "2014-02-03"
    assert claim(extraction, "SENT", "Anna Kerr", "Eastmere Review").date_start == "2014-02-06"
    assert ("Department of Civic Affairs", "Eastmere Review") in edges(extraction, "RECEIVED")


def test_a_quoted_i_in_a_news_article_is_not_resolved(extractor):
    text = '"I sent the Eastmere Review to the council in 2012," Ms Hale said. The Department of Civic Affairs denies receiving it.\n'
    extraction = run(extractor, text)
    assert not [c for c in extraction.claims if c.type == "SENT"]


def test_body_names_with_and_inside_stay_whole_and_coordinated_bodies_stay_apart(extractor):
    text = (
        "The Department for Housing and Building Standards commissioned the Varrow Review in 2019. "
        "The Audit and Risk Committee received the Varrow Review from Eastmere City Council and Northshire Police in 2020.\n"
    )
    extraction = run(extractor, text)
    node(extraction, "Agency", "Department for Housing and Building Standards")
    node(extraction, "Agency", "Audit and Risk Committee")
    node(extraction, "Agency", "Eastmere City Council")
    node(extraction, "Agency", "Northshire Police")
    assert ("Department for Housing and Building Standards", "Varrow Review") in edges(extraction, "COMMISSIONED")


def test_a_possessor_body_gives_a_role_holder_membership(extractor):
    text = "The Corriston Tenants Association wrote to the trust in May 2021. The association's secretary, Mr Idris Pemberton, signed the letter.\n"
    extraction = run(extractor, text)
    assert ("Idris Pemberton", "Corriston Tenants Association") in edges(extraction, "MEMBER_OF")


def test_an_opening_date_dates_the_main_clause(extractor):
    text = "On 18 March 2013, after a fire had spread up the outside of Linnet House, Carl Ibbotson sent the Linnet Assessment to Northshire Police.\n"
    extraction = run(extractor, text)
    assert claim(extraction, "SENT", "Carl Ibbotson", "Linnet Assessment").date_start == "2013-03-18"


def test_a_quoted_title_names_the_report(extractor):
    text = 'The audit, formally titled "Review of Ward Safety on Kestrel Ward", was written by Dr Martin Calloway in 2014.\n'
    extraction = run(extractor, text)
    assert ("Martin Calloway", "Review of Ward Safety on Kestrel Ward") in edges(extraction, "AUTHORED")


def test_we_in_a_signed_letter_is_the_body_under_the_signature_and_this_letter_is_the_letter(extractor):
    text = (
        "Dear Ms Hale,\n\n"
        "In March 2019 we sent the Harbour Review to the Department of Civic Affairs. "
        "I am copying this letter to Northshire Police.\n\n"
        "Yours sincerely,\n\nTomas Reyes\nChief Executive\nHarbour Water Authority\n"
    )
    extraction = run(extractor, text)
    assert claim(extraction, "SENT", "Harbour Water Authority", "Harbour Review").date_start == "2019-03-01"
    assert ("Tomas Reyes", "Harbour Water Authority") in edges(extraction, "MEMBER_OF")
    assert ("Northshire Police", "synthetic") in edges(extraction, "RECEIVED"), (
        "the letter being read, named by its title"
    )
    assert claim(extraction, "SENT", "Tomas Reyes", "synthetic").date_start == "2020-06-01", "dated by the document"
