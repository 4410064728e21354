"""The document being read named by its sidecar title (own_titles.py). Synthetic: fictional bodies and people."""

from __future__ import annotations

import hashlib
from pathlib import Path

from graph.names import name_key
from loaders.cross_resolve import find_duplicates
from loaders.document import Document, Extraction
from loaders.extract import default_extractor
from loaders.extract.own_titles import identifiers, title_names


def _extract(title: str, text: str, published: str = "2015-03-01") -> Extraction:
    sha = hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()
    return default_extractor().extract(Document(Path("doc.txt"), text, sha, "text/plain", title, published, "day"))


def _own(extraction: Extraction, alias: str):
    found = [n for n in extraction.nodes if n.label == "Report" and name_key(alias) in n.keys]
    assert len(found) == 1, [n.name for n in extraction.nodes if n.label == "Report"]
    return found[0]


def test_title_parts_and_identifiers():
    names = title_names("Learning from Eastmere: The Report of the Harbour Inquiry 1984-1995 (CM 9912(I)), foreword")
    assert names.name == "Learning from Eastmere: The Report of the Harbour Inquiry 1984-1995"
    assert {"Learning from Eastmere", "The Report of the Harbour Inquiry 1984-1995", "CM 9912(I)"} <= set(names.aliases)
    assert "report" in names.kinds
    assert identifiers("Review (NSP-2019-004, I-2010-003), EA 93-189, GAO/T-GGD/AIMD-99-129") == [
        "EA 93-189",
        "NSP-2019-004",
        "I-2010-003",
        "GAO/T-GGD/AIMD-99-129",
    ]


def test_generic_and_body_parts_are_no_aliases():
    names = title_names(
        "Decision notice NC-204318-X2C2: Department of Civic Affairs (Northshire Information Office), summary"
    )
    assert "Department of Civic Affairs" not in names.aliases
    assert "Decision notice NC-204318-X2C2" in names.aliases
    assert title_names("Harbour review: executive summary (independent report, Northshire Police)").aliases == (
        "Harbour review: executive summary",
        "Harbour review",
    )
    assert (
        "Notice of Violation" not in title_names("Notice of Violation, Harbour Fuels Ltd, Eastmere (EA 13-101)").aliases
    )


def test_a_headline_gives_no_kind():
    names = title_names("Northshire Police Publishes Report on Harbour Safety")
    assert names.kinds == frozenset() and names.aliases == ()


def test_this_review_is_the_document_itself():
    extraction = _extract(
        "Review of Harbour Safety Checks (NSP-2019-004), summary",
        "Review of Harbour Safety Checks\n\nThis review was commissioned by the Department of Civic Affairs in March 2019.",
    )
    own = _own(extraction, "NSP-2019-004")
    assert name_key(own.name) == name_key("Review of Harbour Safety Checks") and "this review" in [
        a.lower() for a in own.aliases
    ]
    assert any(c.type == "COMMISSIONED" and c.to_id == own.id for c in extraction.claims)
    sources = {c.source_id for c in extraction.claims}
    assert own.props.get("text_source") in sources  # the node that is this text, whatever its name (evaluation)
    assert [n for n in extraction.nodes if n.props.get("text_source")] == [own]


def test_two_statements_and_two_notices_do_not_merge():
    """Titles sharing a heading ("Statement of Ann Lee") name different documents: cross-document resolution
    must not join them."""
    loads = [
        _extract(
            "Statement of Ann Lee, Director, Northshire Police, before the Committee on Harbours, March 1, 2013",
            "Statement of Ann Lee\n\nThis statement was sent to the Committee on Harbours on March 1, 2013.",
        ),
        _extract(
            "Statement of Ann Lee, Director, Northshire Police, before the Committee on Harbours, December 10, 2015",
            "Statement of Ann Lee\n\nThis statement was sent to the Committee on Harbours on December 10, 2015.",
            "2015-12-10",
        ),
        _extract(
            "Notice of Violation, Harbour Fuels Ltd, Eastmere (EA 13-101)",
            "NOTICE OF VIOLATION\n\nThis notice was sent to Harbour Fuels Ltd on March 1, 2013.",
        ),
        _extract(
            "Notice of Violation, Westbrook Marine Ltd, Westbrook (EA 14-202)",
            "NOTICE OF VIOLATION\n\nThis notice was sent to Westbrook Marine Ltd on March 1, 2014.",
        ),
    ]
    own = [
        _own(loads[0], "Statement of Ann Lee"),
        _own(loads[1], "Statement of Ann Lee"),
        _own(loads[2], "EA 13-101"),
        _own(loads[3], "EA 14-202"),
    ]
    assert len({n.id for n in own}) == 4
    nodes = [n for load in loads for n in load.nodes]
    claims = [c for load in loads for c in load.claims]
    assert all(any(c.to_id == n.id for c in claims) for n in own)  # each is a party to its own claims
    ids = {n.id for n in own}
    merges = [m for m in find_duplicates(nodes, claims) if m.keep_id in ids and m.merge_id in ids]
    assert merges == []
