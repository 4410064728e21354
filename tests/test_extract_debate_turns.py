"""Debate speaker turns (debate_turns.py) on synthetic Hansard layouts: fictional people and places only."""

from __future__ import annotations

import pytest

from loaders.extract.debate_turns import turns
from loaders.extract.rules import RuleExtractor
from tests.extract_helpers import edges, run

DEBATE = (  # synthetic
    "Mr. Tom Briggs (Northshire East)\n\nOn a point of order, Mr. Speaker. I received a letter.\n\n"
    "Mr. Speaker\n\nOrder.\n\nAnn Hale (Northshire West) (Ind)\n\nFurther to that point of order.\n"
)


def test_each_speaker_line_opens_a_turn_that_runs_to_the_next():
    found = turns(DEBATE)
    assert [(t.name, t.surface) for t in found] == [
        ("Tom Briggs", "Mr. Tom Briggs"),
        ("Speaker", "Mr. Speaker"),
        ("Ann Hale", "Ann Hale"),
    ]
    assert DEBATE[found[0].start : found[0].end].strip().endswith("I received a letter.")
    assert DEBATE[found[1].start : found[1].end].strip() == "Order."


def test_an_office_line_gives_its_holder_and_the_turn_starts_after_the_colon():
    text = "The Minister for Civic Affairs (Mr. Tom Briggs): I have sent the report to the hon. Member.\n"  # synthetic
    (turn,) = turns(text)
    assert (turn.name, turn.surface) == ("Tom Briggs", "Mr. Tom Briggs")
    assert text[turn.start :].startswith("I have sent")


def test_a_historic_answer_under_a_question_has_one_turn():
    text = "Mrs. Helen Marsh asked the Minister for Civic Affairs whether he has the report.\n\nMr. Briggs\n\nI have.\n"
    assert [t.surface for t in turns(text)] == ["Mr. Briggs"]


def test_one_name_line_without_a_debate_cue_is_no_turn():
    letter = "Dear Ann,\n\nThank you for the report.\n\nMr. Tom Briggs\n\nI enclose the minutes.\n"  # synthetic
    assert turns(letter) == []


def test_a_field_line_with_a_colon_is_no_speaker():
    text = "Mr. Speaker\n\nOrder.\n\nMr. Tom Briggs: Chair of the panel\n\nOn a point of order.\n"  # synthetic
    assert [t.surface for t in turns(text)] == ["Mr. Speaker"]


@pytest.fixture(scope="session")
def extractor():
    return RuleExtractor()


def test_each_turn_has_its_own_i(extractor):
    text = (  # synthetic
        "Mr. Tom Briggs (Northshire East)\n\nOn a point of order, Mr. Speaker. Yesterday, I received the Calder "
        "Report from the Department of Civic Affairs.\n\nMr. Speaker\n\nOrder. In 2011 I sent the Moorside "
        "Review to the Northshire Police.\n"
    )
    x = run(extractor, text)
    assert ("Tom Briggs", "Calder Report") in edges(x, "RECEIVED")
    assert ("Mr. Speaker", "Moorside Review") in edges(x, "SENT")
    assert ("Tom Briggs", "Moorside Review") not in edges(x, "SENT")


def test_a_speaker_who_draws_no_claim_is_mentioned_by_the_speaker_line(extractor):
    text = (  # synthetic; NER finds no person in a line that is only "Madam Speaker"
        "Mr. Tom Briggs (Northshire East)\n\nOn a point of order.\n\nMadam Speaker\n\n"
        "The hon. Gentleman should make inquiries at the Table Office.\n"
    )
    x = run(extractor, text)
    chair = [n.id for n in x.nodes if n.label == "Person" and n.name == "Madam Speaker"]
    mentions = [c for c in x.claims if c.type == "MENTIONS" and c.to_id in chair]
    assert [c.sentence for c in mentions] == ["Madam Speaker"]
