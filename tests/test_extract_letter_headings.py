"""Letter names (letter_headings.py, document_names.py): a heading "Letter from A, <office>, to B, <date>" and a
dated "your March 29, 2019 letter" give the names texts cite a letter by. Headings and letters are SYNTHETIC,
about FICTIONAL bodies and people."""

from __future__ import annotations

import pytest

from graph.names import name_key
from loaders.extract import letter_headings
from loaders.extract.rules import RuleExtractor
from tests.extract_helpers import run


@pytest.fixture(scope="module")
def extractor():
    return RuleExtractor()


def _keys(names: list[str]) -> set[str]:
    return {name_key(n) for n in names}


def test_a_heading_is_cut_after_its_second_party_and_named_by_its_senders_office_and_day():
    heading = letter_headings.read(
        "Letter from Tom Briggs MP, Harbour Secretary, to Ann Lee, Chair of the Eastmere Harbour Committee, 3 March 2015"
    )
    assert heading is not None and heading.date is not None and heading.date.start == "2015-03-03"
    names = _keys(letter_headings.aliases(heading))
    assert name_key("Letter from Tom Briggs MP, Harbour Secretary, to Ann Lee") in names
    assert name_key("Letter from Tom Briggs to Ann Lee of 3 March 2015") in names
    assert name_key("Harbour Secretary's letter of 3 March 2015") in names
    assert name_key("Briggs's letter of March 3, 2015") in names
    assert name_key("Tom Briggs's letter of 3 March") in names
    assert name_key("Ann Lee's letter of 3 March 2015") not in names  # the addressee did not write it


def test_a_british_heading_names_the_office_head_and_a_us_heading_the_titled_addressee():
    british = letter_headings.read(
        "Letter to Ann Lee from the Clerk of the Eastmere Harbour Committee, dated 8 June 2006"
    )
    assert name_key("the Clerk's letter of 8 June 2006") in _keys(letter_headings.aliases(british))
    us = letter_headings.read(
        "Letter from the Ranking Member to Chairman Tom Briggs, Committee on Harbours, March 9, 2018"
    )
    assert name_key("Ranking Member's letter to Chairman Briggs of 9 March 2018") in _keys(letter_headings.aliases(us))


def test_a_line_that_is_no_letter_heading_is_not_read():
    assert letter_headings.read("The letter from Tom Briggs arrived late.") is None
    assert letter_headings.read("Report from the Eastmere Harbour Committee to Ann Lee") is None
    assert letter_headings.read("Note to editors") is None


def test_two_dated_letters_from_one_sender_stay_two_each_named_by_its_day(extractor):
    text = (  # synthetic
        "Ms Ann Lee\nChair, Eastmere Harbour Committee\n\nDear Ms Lee,\n\n"
        "I write in response to your March 29, 2019 letter. Since your January 8, 2019 letter, the Department has "
        "produced 500 pages of records.\n\nSincerely,\n\nTom Briggs\n"
    )
    found = run(extractor, text, "2019-04-01")
    letters = [n for n in found.nodes if n.label == "Report" and n.name.startswith("Ann Lee")]
    assert len(letters) == 2
    march = next(n for n in letters if "March" in n.name)
    assert name_key("Lee's letter of 29 March 2019") in set(march.keys)
    assert name_key("Lee's letter of 8 January 2019") not in set(march.keys)
