"""General extraction rules, each shown on SYNTHETIC sentences about FICTIONAL bodies whose names
appear nowhere in the gold corpus (Ministry of Coastal Affairs, Dunmore Borough Council, Harlow
Vale Police, Tidewater Inspectorate ...): the rules must not depend on any document's wording."""

from __future__ import annotations

import pytest

from loaders.dates import parse_date
from loaders.extract.rules import RuleExtractor
from tests.extract_helpers import claim, edges, run


@pytest.fixture(scope="session")
def extractor():
    return RuleExtractor()


def names(extraction, label: str) -> set[str]:
    return {n.name for n in extraction.nodes if n.label == label}


def test_the_department_is_the_department_the_text_names_never_a_real_one(extractor):
    x = run(
        extractor,
        "The Ministry of Coastal Affairs published its plan in 2019. "
        "A dossier was sent to the department by the Saltmarsh Foundation in 2020.",
    )
    assert ("Ministry of Coastal Affairs", "dossier") in edges(x, "RECEIVED")
    assert "HM Government" not in names(x, "Agency")


def test_a_generic_noun_with_no_named_antecedent_resolves_to_nothing(extractor):
    x = run(extractor, "The report was sent to the department in 2020.")
    assert names(x, "Agency") == set()


def test_the_inspectorate_is_the_most_recent_inspectorate_named(extractor):
    x = run(
        extractor,
        "The Tidewater Inspectorate visited the home in May. "
        "In June 2021 the inspectorate received a letter from Dunmore Borough Council.",
    )
    assert ("Tidewater Inspectorate", "letter from Dunmore Borough Council") in edges(x, "RECEIVED")


def test_since_at_least_a_year_dates_the_claim():
    assert parse_date("at least 2007").start == "2007-01-01"
    assert parse_date("as early as June 2011").start == "2011-06-01"


def test_knowledge_since_at_least_is_dated(extractor):
    x = run(extractor, "Harlow Vale Police has known about the trafficking of workers in Dunmore since at least 2007.")
    knew = claim(x, "KNEW_ABOUT", "Harlow Vale Police", "trafficking of workers in Dunmore")
    assert knew.date_start == "2007-01-01"


def test_coordinated_agent_with_a_generic_noun_is_not_a_body_named_council_and(extractor):
    x = run(
        extractor,
        "Dunmore Borough Council met in March. The audit was commissioned by the council and "
        "Harlow Vale Police in 2016.",
    )
    assert not any(n.endswith(" and") for n in names(x, "Agency"))
    assert {("Dunmore Borough Council", "audit"), ("Harlow Vale Police", "audit")} <= edges(x, "COMMISSIONED")


def test_an_unnamed_report_in_apposition_takes_the_name(extractor):
    x = run(
        extractor,
        "In 2017 a new review, the Coastal Flooding Review, was commissioned by the Ministry of Coastal Affairs.",
    )
    assert ("Ministry of Coastal Affairs", "Coastal Flooding Review") in edges(x, "COMMISSIONED")


def test_known_as_links_a_study_to_its_name(extractor):
    x = run(
        extractor,
        "The resulting study, known as the Pelham Report, was delivered to Dunmore Borough Council in May 2018.",
    )
    assert ("Dunmore Borough Council", "Pelham Report") in edges(x, "RECEIVED")


def test_the_report_refers_back_to_a_named_report(extractor):
    x = run(
        extractor,
        "The Pelham Report was finished in 2015. The report was sent to Harlow Vale Police by "
        "Dunmore Borough Council in June 2016.",
    )
    assert ("Harlow Vale Police", "Pelham Report") in edges(x, "RECEIVED")
    assert ("Dunmore Borough Council", "Pelham Report") in edges(x, "SENT")


def test_the_report_does_not_refer_back_to_a_letter(extractor):
    x = run(
        extractor,
        "Harlow Vale Police received a letter from a teacher in 2009. The report was sent to the force in 2012.",
    )
    assert claim(x, "RECEIVED", "Harlow Vale Police", "report").date_start == "2012-01-01"
    assert claim(x, "RECEIVED", "Harlow Vale Police", "letter").date_start == "2009-01-01"


def test_a_title_in_apposition_is_the_named_person(extractor):
    x = run(
        extractor,
        "The Ministry of Coastal Affairs commissioned a survey in 2019. "
        "The Permanent Secretary, Ines Marlowe, received the survey in March 2020.",
    )
    assert ("Ines Marlowe", "survey") in edges(x, "RECEIVED")
    assert ("Ines Marlowe", "Ministry of Coastal Affairs") in edges(x, "MEMBER_OF")
    assert "Permanent Secretary" not in names(x, "Person")


def test_a_later_bare_title_refers_to_the_person_given_it(extractor):
    x = run(
        extractor,
        "Harlow Vale Police's Chief Constable, Owen Tarrant, spoke in 2018. "
        "In 2019 the Chief Constable received a dossier from the Saltmarsh Foundation.",
    )
    assert ("Owen Tarrant", "dossier") in edges(x, "RECEIVED")


def test_an_unnamed_office_holder_gets_no_membership_claim(extractor):
    x = run(extractor, "Harlow Vale Police said in 2019 that the Chief Constable received the dossier in 2018.")
    assert edges(x, "MEMBER_OF") == set()
    assert {s for s, _ in edges(x, "RECEIVED")} == {"Chief Constable"}


def test_secretary_of_state_for_a_portfolio_belongs_to_that_named_department(extractor):
    x = run(
        extractor,
        "The Department of Coastal Affairs was warned in 2017. "
        "The Secretary of State for Coastal Affairs, Martha Quill, said she had not seen the file.",
    )
    assert ("Martha Quill", "Department of Coastal Affairs") in edges(x, "MEMBER_OF")
    assert "State" not in names(x, "Agency") and "Coastal Affairs" not in names(x, "Agency")


def test_a_portfolio_title_at_the_end_of_the_text_names_no_portfolio(extractor):
    """ "Minister for the" as the text's last words once raised IndexError and stopped the load."""
    x = run(extractor, "Letters were sent to the Secretary of State and Minister for the")
    assert "the" not in {n.name.lower() for n in x.nodes}


def test_mp_is_a_role_not_a_membership_of_parliament(extractor):
    x = run(extractor, "Dunmore MP Rhiannon Vale said the council had questions to answer.")
    assert "House of Commons" not in names(x, "Agency")


def test_the_review_does_not_refer_back_to_a_named_report_of_another_kind(extractor):
    x = run(
        extractor,
        "The Pelham Report was finished in 2015. The review was commissioned in 2019 by the Ministry of Coastal Affairs.",
    )
    assert ("Ministry of Coastal Affairs", "review") in edges(x, "COMMISSIONED")


def test_passive_give_with_agent_is_a_transfer(extractor):
    x = run(
        extractor, "Harlow Vale Police had been given the Pelham Report by Dunmore Borough Council on 4 April 2016."
    )
    assert claim(x, "SENT", "Dunmore Borough Council", "Pelham Report").date_start == "2016-04-04"
    assert ("Harlow Vale Police", "Pelham Report") in edges(x, "RECEIVED")


def test_a_date_in_a_coordinated_clause_does_not_date_the_first(extractor):
    x = run(
        extractor,
        "Harlow Vale Police knew about the trafficking of workers in Dunmore from 2011, yet the force "
        "did not open an investigation until 2015.",
    )
    assert claim(x, "KNEW_ABOUT", "Harlow Vale Police", "trafficking of workers in Dunmore").date_start == "2011-01-01"


def test_a_letter_is_named_after_its_sender_and_sent_by_them(extractor):
    x = run(
        extractor,
        "In 2012 a letter from a nurse, Peter Ondaatje, was sent to Dunmore Borough Council, and the council "
        "forwarded it to Harlow Vale Police later that year.",
    )
    letter = "letter from Peter Ondaatje"
    assert claim(x, "SENT", "Peter Ondaatje", letter).date_start == "2012-01-01"
    assert ("Dunmore Borough Council", letter) in edges(x, "RECEIVED")
    assert ("Harlow Vale Police", letter) in edges(x, "RECEIVED")


def test_letters_from_different_senders_are_different_documents(extractor):
    x = run(
        extractor,
        "The Saltmarsh Foundation received a letter from Harlow Vale Police in 2014. "
        "In 2015 it received a letter from Dunmore Borough Council.",
    )
    assert {o for _, o in edges(x, "SENT")} == {"letter from Harlow Vale Police", "letter from Dunmore Borough Council"}


def test_a_denied_letter_gives_no_sender_claim(extractor):
    x = run(extractor, "The Saltmarsh Foundation never received a letter from Harlow Vale Police.")
    assert edges(x, "SENT") == set() and edges(x, "RECEIVED") == set()
    assert [(c.type, c.polarity) for c in x.claims if c.negated] == [("RECEIVED", "negated")]  # the receipt, denied


def test_a_unit_stands_for_the_body_that_owns_it(extractor):
    x = run(
        extractor,
        "Dunmore Borough Council was warned in 2010. The dossier was sent to the council's housing "
        "department in May 2011.",
    )
    assert ("Dunmore Borough Council", "dossier") in edges(x, "RECEIVED")


def test_an_embedded_question_is_not_an_assertion(extractor):
    x = run(extractor, "The inquiry asked what Harlow Vale Police knew about the trafficking of workers in Dunmore.")
    assert edges(x, "KNEW_ABOUT") == set()


def test_a_year_range_is_trimmed_from_the_topic_and_dates_the_claim(extractor):
    x = run(extractor, "Harlow Vale Police knew about the trafficking of workers in Dunmore between 2006 and 2012.")
    knew = claim(x, "KNEW_ABOUT", "Harlow Vale Police", "trafficking of workers in Dunmore")
    assert (knew.date_start, knew.date_end) == ("2006-01-01", "2012-12-31")


def test_later_that_year_counts_from_the_last_date_given(extractor):
    x = run(
        extractor,
        "In 2008 a petition was sent to Dunmore Borough Council. "
        "The council forwarded it to Harlow Vale Police later that year.",
    )
    assert claim(x, "RECEIVED", "Harlow Vale Police", "petition").date_start == "2008-01-01"


def test_the_same_month_keeps_month_precision(extractor):
    x = run(
        extractor,
        "The Saltmarsh Foundation sent the dossier to the Ministry of Coastal Affairs in October 2016. "
        "Harlow Vale Police received the dossier the same month.",
    )
    received = claim(x, "RECEIVED", "Harlow Vale Police", "dossier")
    assert (received.date_start, received.date_end) == ("2016-10-01", "2016-10-31")


def test_the_same_abuse_refers_back_to_the_named_topic(extractor):
    x = run(
        extractor,
        "Dunmore Borough Council knew about the trafficking of workers in Dunmore in 2010. "
        "Harlow Vale Police had been warned about the same abuse in 2011.",
    )
    assert ("Harlow Vale Police", "trafficking of workers in Dunmore") in edges(x, "KNEW_ABOUT")


def test_the_councils_director_is_a_member_of_the_council(extractor):
    x = run(
        extractor,
        "Dunmore Borough Council met in May. The council's director of housing, Alys Penhale, said the "
        "petition had arrived in 2014.",
    )
    assert ("Alys Penhale", "Dunmore Borough Council") in edges(x, "MEMBER_OF")


def test_a_lowercase_indefinite_title_does_not_map_to_a_real_office(extractor):
    x = run(extractor, "The review was led by Dame Rosa Fairlie, a former chief inspector of constabulary.")
    assert edges(x, "MEMBER_OF") == set()


def test_a_capitalised_title_of_one_office_keeps_its_body(extractor):
    x = run(extractor, "Home Secretary Ivo Brandt received the dossier in 2019.")
    assert ("Ivo Brandt", "Home Office") in edges(x, "MEMBER_OF")


def test_by_after_a_passive_transfer_is_the_agent_not_the_author(extractor):
    x = run(extractor, "Harlow Vale Police was given the Pelham Report by Dunmore Borough Council in 2016.")
    assert edges(x, "AUTHORED") == set()


def test_asking_a_body_to_publish_is_not_commissioning_it(extractor):
    x = run(extractor, "Rhiannon Vale has asked the Ministry of Coastal Affairs to publish its register.")
    assert edges(x, "COMMISSIONED") == set()
    y = run(extractor, "In 2015 the Saltmarsh Foundation asked Dunmore Borough Council to investigate the complaints.")
    assert ("Saltmarsh Foundation", "Dunmore Borough Council") in edges(y, "COMMISSIONED")


def test_a_passive_ditransitive_agent_hung_on_the_object_is_the_sender(extractor):
    x = run(
        extractor,
        "The inquiry said Harlow Vale Police had been given the Pelham Report by Dunmore Borough Council in 2016.",
    )
    assert ("Dunmore Borough Council", "Pelham Report") in edges(x, "SENT")


def test_a_copy_is_the_report_it_copies(extractor):
    x = run(
        extractor, "The Pelham Report was completed in 2015. It shows that Harlow Vale Police received a copy in 2016."
    )
    assert claim(x, "RECEIVED", "Harlow Vale Police", "Pelham Report").date_start == "2016-01-01"
    y = run(extractor, "The Saltmarsh Foundation obtained a copy of the Pelham Report in 2017.")
    assert ("Saltmarsh Foundation", "Pelham Report") in edges(y, "RECEIVED")


def test_who_leads_a_body_is_a_member_of_it(extractor):
    x = run(extractor, "The letter was copied to Gwilym Parry, who leads the Saltmarsh Foundation, in 2019.")
    assert ("Gwilym Parry", "Saltmarsh Foundation") in edges(x, "MEMBER_OF")


def test_councillors_sit_on_the_council_the_text_names(extractor):
    x = run(
        extractor, "Dunmore Borough Council met on Monday. Present: Councillor Ann Hale (Chair), Councillor Tom Reddy."
    )
    assert {("Ann Hale", "Dunmore Borough Council"), ("Tom Reddy", "Dunmore Borough Council")} <= edges(x, "MEMBER_OF")


def test_the_study_refers_to_the_report_named_two_sentences_back(extractor):
    x = run(
        extractor,
        "An unpublished report shows the harbour was unsafe. A second unpublished report agreed.\n\n"
        "The Pelham Report was sent to Dunmore Borough Council in 2011. It found serious faults. "
        "The study was written by Dr Nia Rowe of the Saltmarsh Foundation.",
    )
    assert ("Nia Rowe", "Pelham Report") in edges(x, "AUTHORED")


def test_a_title_after_a_document_noun_names_it(extractor):
    x = run(
        extractor,
        "Dunmore Borough Council received the dossier Tides of Neglect from the Saltmarsh Foundation in May 2017.",
    )
    assert ("Dunmore Borough Council", "Tides of Neglect") in edges(x, "RECEIVED")
    assert ("Saltmarsh Foundation", "Tides of Neglect") in edges(x, "SENT")


def test_a_second_object_hung_on_the_verb_keeps_its_own_sender_and_date(extractor):
    x = run(
        extractor,
        "The Ministry of Coastal Affairs received the survey from Harlow Vale Police in March 2016, and a "
        "letter from the Saltmarsh Foundation's director, Ewan Bryce, on 4 June 2016.",
    )
    letter = "letter from Ewan Bryce"
    assert claim(x, "RECEIVED", "Ministry of Coastal Affairs", letter).date_start == "2016-06-04"
    assert ("Harlow Vale Police", letter) not in edges(x, "SENT")


def test_future_and_possessive_agreement(extractor):
    x = run(extractor, "Ewan Bryce said the Saltmarsh Foundation will send the survey to Harlow Vale Police.")
    assert edges(x, "SENT") == set()
    y = run(extractor, "Foundation says ministers ignored its survey on coastal erosion")
    assert edges(y, "AUTHORED") == set()


def test_writing_to_someone_sends_them_a_letter(extractor):
    x = run(extractor, "In 2012 the Saltmarsh Foundation wrote to Dunmore Borough Council about flooding in Portwell.")
    assert claim(x, "SENT", "Saltmarsh Foundation", "letter from Saltmarsh Foundation").date_start == "2012-01-01"
    assert ("Dunmore Borough Council", "letter from Saltmarsh Foundation") in edges(x, "RECEIVED")


def test_warned_that_gives_knowledge_of_what_the_clause_is_about(extractor):
    x = run(
        extractor, "Dr Nia Rowe warned the Ministry of Coastal Affairs in 2013 that homes in Portwell were at risk."
    )
    assert claim(x, "KNEW_ABOUT", "Ministry of Coastal Affairs", "homes in Portwell").date_start == "2013-01-01"
    y = run(
        extractor,
        "The Pelham Report was finished in 2014. Ewan Bryce told Harlow Vale Police that the report had been shelved.",
    )
    assert ("Harlow Vale Police", "Pelham Report") in edges(y, "KNEW_ABOUT")


def test_a_hedged_that_clause_gives_nothing(extractor):
    x = run(extractor, "Dr Nia Rowe told the Ministry of Coastal Affairs that homes in Portwell might be at risk.")
    assert edges(x, "KNEW_ABOUT") == set()


def test_findings_travel_as_their_report(extractor):
    x = run(extractor, "The Pelham Report was finished in 2014. Its findings were sent to Harlow Vale Police in 2015.")
    assert claim(x, "RECEIVED", "Harlow Vale Police", "Pelham Report").date_start == "2015-01-01"


def test_concerns_raised_with_a_body_are_known_to_it(extractor):
    x = run(extractor, "Residents raised concerns about flooding in Portwell with Dunmore Borough Council in 2016.")
    assert claim(x, "KNEW_ABOUT", "Dunmore Borough Council", "flooding in Portwell").date_start == "2016-01-01"


def test_definite_plural_documents_are_documents(extractor):
    x = run(extractor, "The emails were forwarded to the Ministry of Coastal Affairs in 2012 by Ewan Bryce.")
    assert claim(x, "RECEIVED", "Ministry of Coastal Affairs", "emails").date_start == "2012-01-01"
    y = run(extractor, "Reports show that Harlow Vale Police was busy in 2012.")
    assert not [n for n in y.nodes if n.label == "Report"]


def test_carried_out_by_is_authorship(extractor):
    x = run(extractor, "The audit, carried out by Fenn Analytics, was delivered to Harlow Vale Police in 2015.")
    assert ("Fenn Analytics", "audit") in edges(x, "AUTHORED")


def test_a_title_subject_with_a_name_in_apposition_is_that_person(extractor):
    x = run(extractor, "Dunmore Borough Council's chief executive, Rob Tay, received the dossier in 2017.")
    assert claim(x, "RECEIVED", "Rob Tay", "dossier").date_start == "2017-01-01"


@pytest.mark.parametrize(
    "sentence",
    [
        "Dunmore Borough Council failed to send the survey to Harlow Vale Police in 2014.",
        "Dunmore Borough Council refused to share the survey with Harlow Vale Police in 2014.",
        "Dunmore Borough Council agreed to send the survey to Harlow Vale Police in 2014.",
        "Harlow Vale Police allegedly received the survey in 2013.",
        "Campaigners claim that Harlow Vale Police received the survey in 2013.",
    ],
)
def test_unrealised_or_unverified_transfers_give_no_claims(extractor, sentence):
    x = run(extractor, sentence)
    assert edges(x, "SENT") == set() and edges(x, "RECEIVED") == set()


def test_a_coordinated_participle_shares_the_passive_subject(extractor):
    x = run(extractor, "The survey was commissioned by Dunmore Borough Council in 2010 and written by Rob Tay in 2011.")
    assert ("Dunmore Borough Council", "survey") in edges(x, "COMMISSIONED")
    assert claim(x, "AUTHORED", "Rob Tay", "survey").date_start == "2011-01-01"


def test_a_title_abbreviation_does_not_end_the_sentence_a_claim_cites(extractor):
    """Hansard's "my right hon. Friend": the parser read "hon." as a sentence end and the claim cited half."""
    x = run(
        extractor,
        "My right hon. Friend the Minister received the Pelham report from the Tidewater Inspectorate in March 1999.",
    )
    cited = {c.sentence for c in x.claims if c.type == "SENT"}
    assert cited and all(s.startswith("My right hon. Friend") for s in cited), cited


def test_a_full_stop_after_a_title_word_at_a_line_end_still_ends_the_sentence():
    from loaders.extract.markup import parsing_text

    text = "Letters went to Sen. Ann Lee and Rt. Hon. Tom Vale.\nThe review asked the hon.\nNext line."
    blanked = parsing_text(text)
    assert len(blanked) == len(text)
    assert "Sen  Ann" in blanked and "Rt  Hon  Tom" in blanked and "the hon.\n" in blanked


def test_a_month_followed_by_last_dates_the_flow_to_the_latest_such_month(extractor):
    x = run(
        extractor,
        "The first report was sent by the Tidewater Inspectorate to the Ministry of Coastal Affairs in June last.",
        published="1856-02-20",
    )
    dated = {(c.date_start, c.date_end) for c in x.claims if c.type in ("SENT", "RECEIVED")}
    assert dated == {("1855-06-01", "1855-06-30")}, dated


def test_a_flow_in_a_yearless_month_after_publication_happened_the_year_before(extractor):
    x = run(
        extractor,
        "The report was sent by the Tidewater Inspectorate to the Ministry of Coastal Affairs in June.",
        published="2019-02-20",
    )
    dated = {(c.date_start, c.date_end) for c in x.claims if c.type in ("SENT", "RECEIVED")}
    assert dated == {("2018-06-01", "2018-06-30")}, dated


def test_a_members_address_is_no_body(extractor):
    """ "my right hon. Friend the Minister": the tagger read "Friend the" as an organisation."""
    x = run(extractor, "My right hon. Friend the Minister received the Pelham report from the Tidewater Inspectorate.")
    assert not {n.name for n in x.nodes if n.label == "Agency"} & {"Friend the", "Friend"}
    assert ("Tidewater Inspectorate", "Pelham Report") in edges(x, "SENT")
