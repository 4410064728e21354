"""Confidence that ranks: a claim the text states outright outranks the same fact reached by inference,
and the claim's extractor says why (loaders/extract/confidence.py). Fictional names only."""

from __future__ import annotations

import pytest
from extract_helpers import claim, run

from loaders.extract import confidence, default_extractor


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


def test_every_kind_has_a_weight_in_range_and_the_product_combines_them():
    assert all(0 < e.weight <= 1 for e in confidence.EVIDENCE.values())
    assert confidence.weight("header") == 1.0
    assert confidence.combine(["active"]) == 0.9
    assert confidence.combine(["active", "coref:previous"]) == round(0.9 * confidence.weight("coref:previous"), 2)
    assert confidence.combine(["compound"] + ["coref:previous"] * 20) == confidence.FLOOR


@pytest.mark.parametrize(
    "rule, kind",
    [
        ("send.active", "active"),
        ("send.passive", "passive"),
        ("send.active.relcl", "relative"),
        ("receive.active.sender", "implied"),
        ("tell.active.information", "information"),
        ("write.to.recipient", "written-to"),
        ("report.from", "nominal"),
        ("report.poss", "possessive"),
        ("report.possessive", "their-report"),
        ("report.possessive.sent", "possessive"),
        ("report.compound", "compound"),
        ("member.join", "member"),
        ("coref.your.writer", "your-letter-writer"),
        ("coref.your", "your-letter"),
        ("aware", "aware"),
        ("something.new", "other"),
    ],
)
def test_rule_names_map_to_constructions(rule, kind):
    assert confidence.construction(rule) == kind


def test_an_explicit_verb_outranks_the_same_fact_through_a_pronoun(extractor):
    named = run(
        extractor,
        "The Brackwater Port Authority sent the Tidewater Audit to the Harbour Oversight Committee in 2020.\n",
    )
    through_it = run(
        extractor,
        "The Brackwater Port Authority reviewed the harbour plan in 2019. "
        "It sent the Tidewater Audit to the Harbour Oversight Committee in 2020.\n",
    )
    outright = claim(named, "SENT", "Brackwater Port Authority", "Tidewater Audit")
    inferred = claim(through_it, "SENT", "Brackwater Port Authority", "Tidewater Audit")
    assert outright.confidence > inferred.confidence
    assert outright.confidence >= 0.85 and outright.extractor == "rules.send.active"
    assert inferred.extractor == "rules.send.active+coref:previous"
    assert inferred.confidence == confidence.combine(["active", "coref:previous"])
    # the end the sentence names keeps the explicit confidence
    assert (
        claim(through_it, "RECEIVED", "Harbour Oversight Committee", "Tidewater Audit").confidence
        == outright.confidence
    )


def test_staff_read_as_their_body_say_so(extractor):
    text = "Officials at the Harbour Oversight Committee were aware of the flooding in 2019.\n"
    extraction = run(extractor, text)
    knew = [c for c in extraction.claims if c.type == "KNEW_ABOUT"]
    assert knew and all("+inferred:staff" in c.extractor and c.confidence < confidence.weight("aware") for c in knew)


def test_a_bare_this_opening_a_letter_is_the_letter_itself(extractor):
    """ "This responds to your letter" names the letter as "This letter refers to" does (synthetic, fictional):
    the writer's SENT is not lowered as if "This" were a pronoun reaching back to an earlier sentence."""
    head = "Harbour Safety Commission\n\nMarch 3, 2015\n\nDear Ms. Lindqvist:\n\n"
    bare = run(extractor, head + "This responds to your letter of February 2, 2015 regarding the audit of staffing.\n")
    named = run(extractor, head + "This letter refers to the audit of staffing conducted in February 2015.\n")
    sent = [c for c in bare.claims if c.type == "SENT" and "letter.opener" in c.extractor]
    assert sent and all("+this-document" in c.extractor and "coref:previous" not in c.extractor for c in sent)
    named_sent = [c for c in named.claims if c.type == "SENT" and "letter.opener" in c.extractor]
    assert named_sent and sent[0].confidence == named_sent[0].confidence
