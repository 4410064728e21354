"""People named with and without a middle initial are one person unless another person with the same
first and last names has a different initial: across documents (`find_duplicates`) and within one
(the extractor's resolver). FICTIONAL names only (synthetic)."""

from __future__ import annotations

import pytest

from graph.model import Node, node_id
from loaders.cross_resolve import find_duplicates
from loaders.extract.rules import RuleExtractor
from loaders.middle_names import one_person_names
from tests.extract_helpers import run


def _person(name: str) -> Node:
    return Node(node_id("Person", name), "Person", name)


def test_a_name_without_its_initial_joins_the_one_with_it():
    found = find_duplicates([_person("Orla Brannigan"), _person("Orla T. Brannigan"), _person("Orla Quill")], [])
    assert [(c.keep_id, c.merge_id, c.rule) for c in found] == [
        ("person:orla-t-brannigan", "person:orla-brannigan", "middle-initial")
    ]
    assert "Orla T. Brannigan" in found[0].evidence


def test_another_initial_in_the_store_contradicts_the_join():
    people = [_person("Orla Brannigan"), _person("Orla T. Brannigan"), _person("Orla K. Brannigan")]
    assert find_duplicates(people, []) == []


@pytest.mark.parametrize(
    ("names", "joined"),
    [
        (["Hal Venn", "Hal R. Venn"], {"Hal Venn": "Hal R. Venn"}),
        (["Hal Venn", "Hal R. Venn", "Hal Rupert Venn"], {"Hal Venn": "Hal Rupert Venn", "Hal R. Venn": "Hal Rupert Venn"}),
        (["Hal R. Venn", "Hal Rupert Venn", "Hal Roland Venn"], {}),  # two R names: which one is open
        (["Hal Venn", "Ida Venn", "Hal Vane"], {}),
        (["Dr Hal Venn", "Hal R. Venn"], {"Dr Hal Venn": "Hal R. Venn"}),
    ],
)  # fmt: skip
def test_which_names_are_one_person(names, joined):
    assert one_person_names(names) == joined


@pytest.fixture(scope="module")
def extractor():
    return RuleExtractor()


def test_one_document_reads_both_forms_as_one_person(extractor):
    text = (
        "Ann E. Lee, the Chief Executive of Northshire Police, wrote to the Department of Civic Affairs in March 2015.\n\n"
        "In April 2015 Ann Lee sent the audit to Eastmere Council."
    )
    people = [n for n in run(extractor, text).nodes if n.label == "Person"]
    assert [(p.name, p.aliases) for p in people] == [("Ann E. Lee", ["Ann Lee"])]


def test_one_document_with_two_initials_keeps_them_apart(extractor):
    text = (
        "Ann E. Lee of Northshire Police wrote to the Department of Civic Affairs in March 2015.\n\n"
        "Ann F. Lee of Eastmere Council wrote to the Department of Civic Affairs in May 2015.\n\n"
        "In April 2015 Ann Lee sent the audit to Eastmere Council."
    )
    names = {n.name for n in run(extractor, text).nodes if n.label == "Person"}
    assert {"Ann E. Lee", "Ann F. Lee", "Ann Lee"} <= names
