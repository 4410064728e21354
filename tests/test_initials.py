"""graph.names.initials: the one way kflow derives a body's undefined short name (letterheads, regulators' "NRC")."""

from __future__ import annotations

import pytest

from graph.names import initials


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Northshire Regulatory Commission", "NRC"),
        ("Office of the Inspector General", "OIG"),
        ("Department of Health and Civic Affairs", "DHCA"),
        ("Eastmere Water & Sewage Board", "EWSB"),
        ("Office for Harbour Standards in Education", "OHSE"),
    ],
)
def test_small_words_and_ampersands_give_no_letter(name: str, expected: str) -> None:
    assert initials(name) == expected
