"""Roles and membership, on SYNTHETIC sentences about FICTIONAL bodies and people."""

from __future__ import annotations

import pytest

from loaders.extract.rules import RuleExtractor
from tests.extract_helpers import edges, run


@pytest.fixture(scope="session")
def extractor():
    return RuleExtractor()


@pytest.mark.parametrize(
    "text",
    [
        "Mark Tolley was an assistant director at the Department of Civic Affairs.",
        "Head of finance of the Department of Civic Affairs, Mark Tolley, said the figures were wrong.",
        'Professor Mark Tolley, general secretary of the Department of Civic Affairs, said: "We acted quickly."',
    ],
)
def test_a_role_placed_at_a_body_makes_its_holder_a_member(extractor, text):
    assert ("Mark Tolley", "Department of Civic Affairs") in edges(run(extractor, text), "MEMBER_OF")


def test_an_unnamed_office_holder_belongs_to_the_body_written_beside_the_office(extractor):
    x = run(
        extractor,
        "The Department of Civic Affairs published its plan in 2019. "
        "In 2020 the Permanent Secretary of the Department of Civic Affairs commissioned a review.",
    )
    assert ("Permanent Secretary", "Department of Civic Affairs") in edges(x, "MEMBER_OF")


def test_a_title_line_alone_makes_no_office_holder_member(extractor):
    x = run(extractor, "The Ministry of Coastal Affairs published its plan in 2019.\n\nPermanent Secretary\n")
    assert not edges(x, "MEMBER_OF")


def test_a_title_naming_an_office_the_text_names_makes_its_holder_a_member(extractor):
    x = run(
        extractor,
        "The Northshire Office of the Inspector General received a complaint. "
        "Inspector General Henry Carter wrote the letter in 2019.",
    )
    assert ("Henry Carter", "Northshire Office of the Inspector General") in edges(x, "MEMBER_OF")
