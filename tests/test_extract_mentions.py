"""Entity mentions on real-prose shapes, shown on SYNTHETIC sentences about FICTIONAL bodies and
people: named bodies beyond the gazetteer, their complements kept whole, typing by name shape,
office titles before names, headlines, datelines and times that are not topics."""

from __future__ import annotations

import pytest

from loaders.extract.mentions import names_a_body
from loaders.extract.nlp import chunks
from loaders.extract.rules import RuleExtractor
from tests.extract_helpers import edges, node, run


@pytest.fixture(scope="session")
def extractor():
    return RuleExtractor()


def labels(extraction) -> dict[str, str]:
    return {n.name: n.label for n in extraction.nodes}


def test_a_named_body_no_claim_uses_is_still_a_node(extractor):
    x = run(extractor, "Officials from the Tarnwick Valley Water Board attended the meeting.")
    assert node(x, "Agency", "Tarnwick Valley Water Board")


def test_a_name_with_no_body_word_is_not_made_a_body_node(extractor):
    assert not names_a_body("State")
    assert not names_a_body("Chief Executive")
    assert not names_a_body("Committee Clerk")
    assert names_a_body("Bureau of Coastal Surveys")
    assert names_a_body("Orlen Widgets Inc")


def test_of_for_on_complements_stay_inside_the_name(extractor):
    x = run(
        extractor,
        "The Federal Bureau of Harbour Safety wrote to the Committee on Rivers and Canal Reform "
        "and to the Office of the Inspector General.",
    )
    names = labels(x)
    assert names.get("Federal Bureau of Harbour Safety") == "Agency"
    assert names.get("Committee on Rivers and Canal Reform") == "Agency"
    assert names.get("Office of the Inspector General") == "Agency"


def test_a_bracketed_acronym_is_not_part_of_the_name(extractor):
    x = run(
        extractor,
        "The Tallowmere Bureau of Statistics (TBS) sent the report to the Department of Civic Affairs in 2012.",
    )
    assert not any("(" in n.name for n in x.nodes)
    assert ("Tallowmere Bureau of Statistics", "report") in edges(x, "SENT")


def test_company_and_body_words_make_an_organisation_not_a_person(extractor):
    x = run(extractor, "Vantor Analytics received the dossier from the Ombudsman in 2011.")
    assert labels(x).get("Vantor Analytics") == "Agency"
    assert "Person" not in {labels(x).get(n) for n in ("Vantor Analytics", "Ombudsman")}


def test_a_titled_name_ending_in_a_document_noun_is_a_report(extractor):
    x = run(extractor, "The Linfield Memo was published by the Panel on Water and Drainage Standards in 2012.")
    assert ("Panel on Water and Drainage Standards", "Linfield Memo") in edges(x, "PUBLISHED")
    x = run(extractor, "The Harbour Safety Act was passed in 2001.")
    assert labels(x).get("Harbour Safety Act") == "Report"


def test_office_titles_before_names_give_people_with_roles(extractor):
    x = run(
        extractor,
        '"We acted," said Special Counsel Orla Brannigan. Dear Chairman Pellow: thank you. '
        "The Honorable Ivo Pellow replied.",
    )
    brannigan = node(x, "Person", "Orla Brannigan")
    assert brannigan.props.get("role") == "Special Counsel"
    assert node(x, "Person", "Ivo Pellow")


def test_a_headline_is_no_person_and_draws_no_claims(extractor):
    x = run(
        extractor,
        "Memo Warned of Abuse at Fernhill Grange Care Home\n\n"
        "Vantor Analytics Sent Dossier to Westbrook University, Letters Reveal",
    )
    assert not [n for n in x.nodes if n.label == "Person"]
    assert not [c for c in x.claims if c.type != "MENTIONS"]


def test_a_dateline_is_split_from_its_sentence(extractor):
    assert [t for _, t in chunks("TALLOWMERE, March 3 (Wirewatch) - Halloway Trust sent it.")] == [
        "TALLOWMERE, March 3 (Wirewatch) - ",
        "Halloway Trust sent it.",
    ]
    x = run(
        extractor,
        "TALLOWMERE, March 3 (Meridian Press Service) - Halloway Housing Association sent the "
        "Harbour Review to the Department of Civic Affairs.",
    )
    assert {s for s, _ in edges(x, "SENT")} == {"Halloway Housing Association"}


def test_a_weekday_is_never_a_topic(extractor):
    x = run(
        extractor,
        "The Federal Vehicle Agency told the Office for Coastal Planning on Tuesday that it knew about the defects.",
    )
    assert "Tuesday" not in {n.name for n in x.nodes if n.label == "Topic"}


def test_a_name_cut_at_a_dash(extractor):
    x = run(
        extractor,
        "Orla Brannigan - Minister for Coastal Communities\n\nOrla Brannigan wrote to the Tarnwick Water Board.",
    )
    assert "Orla Brannigan - Minister" not in {n.name for n in x.nodes}
