"""One surname, two title forms, one person (surname_people.py), and never across documents by accident.

All text is SYNTHETIC about FICTIONAL bodies and people."""

from __future__ import annotations

import pytest

from graph.embedded import EmbeddedStore
from graph.model import Node
from loaders.extract import default_extractor
from loaders.pipeline import load_paths
from tests.extract_helpers import run

TWO_FORMS = (
    "In 2012 Mr. Tolley sent the Harbour Review to the Department of Civic Affairs. "
    "Chairman Tolley later sent it to Northshire Police.\n"
)


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


def _people(extraction) -> dict[str, list[str]]:
    return {n.name: n.aliases for n in extraction.nodes if n.label == "Person"}


def test_an_honorific_and_an_office_title_before_one_surname_are_one_person(extractor):
    people = _people(run(extractor, TWO_FORMS))
    assert people == {"Tolley": ["Chairman Tolley", "Mr. Tolley"]}


def test_two_honorifics_with_one_surname_stay_apart(extractor):
    text = TWO_FORMS + "Mrs. Tolley read it in 2013.\n"
    people = _people(run(extractor, text))
    assert {"Mr. Tolley", "Mrs. Tolley"} <= set(people)


def test_an_honorific_alone_keeps_its_form(extractor):
    assert set(_people(run(extractor, "In 2012 Mr. Tolley sent the Harbour Review to Northshire Police.\n"))) == {
        "Mr. Tolley"
    }


def test_a_full_name_still_wins(extractor):
    text = "In 2012 Ann Tolley sent the Harbour Review to Northshire Police. Chairman Tolley and Ms. Tolley spoke.\n"
    people = _people(run(extractor, text))
    assert "Ann Tolley" in people and "Tolley" not in people and "Ms. Tolley" not in people


def _people_found_after_loading(tmp_path, extractor, second_text: str, *forms: str) -> list[dict[str, Node]]:
    """TWO_FORMS and `second_text` loaded as two documents into one store: the Person nodes each form finds."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(TWO_FORMS, encoding="utf-8")
    (docs / "b.txt").write_text(second_text, encoding="utf-8")
    with EmbeddedStore(tmp_path / "store") as store:
        load_paths([docs], store, extractor)
        return [{n.id: n for n in store.find_nodes(form, "Person")} for form in forms]


def test_another_document_s_honorific_surname_is_not_merged_into_the_office_holder(tmp_path, extractor):
    office_holder, other = _people_found_after_loading(
        tmp_path,
        extractor,
        "In 2015 Mrs. Tolley sent the Eastmere Audit to the Department of Civic Affairs.\n",
        "Chairman Tolley",
        "Mrs. Tolley",
    )
    assert [n.name for n in office_holder.values()] == ["Tolley"]
    assert [n.name for n in other.values()] == ["Mrs. Tolley"]
    assert "Mr. Tolley" in next(iter(office_holder.values())).aliases
    assert not set(office_holder) & set(other)


def test_one_surname_under_an_office_title_in_two_documents_is_two_people(tmp_path, extractor):
    """A lone "Chairman Tolley" says who is meant only within its text: two texts' Tolleys stay two nodes
    (cross-document resolution may propose them; it never happens by a shared id)."""
    (tolleys,) = _people_found_after_loading(
        tmp_path,
        extractor,
        "In 2019 Chairman Tolley sent the Eastmere Audit to Northshire Police.\n",
        "Chairman Tolley",
    )
    assert len(tolleys) == 2 and {n.name for n in tolleys.values()} == {"Tolley"}
