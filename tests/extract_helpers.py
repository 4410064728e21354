"""Helpers for extraction tests: run the real extractor on SYNTHETIC text about FICTIONAL bodies."""

from __future__ import annotations

import hashlib
from pathlib import Path

from loaders.document import Document, Extraction


def document(text: str, published: str | None = "2020-06-01", precision: str | None = "day") -> Document:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Document(
        Path("synthetic.txt"), text, sha, "text/plain", "synthetic", published, precision if published else None
    )


def run(extractor, text: str, published: str | None = "2020-06-01", precision: str | None = "day") -> Extraction:
    """Extract and check the evidence contract on every claim: offsets cite the claim's sentence."""
    doc = document(text, published, precision)
    extraction = extractor.extract(doc)
    for claim in extraction.claims:
        assert claim.source_id == doc.source_id
        assert doc.text[claim.char_start : claim.char_end] == claim.sentence, claim
    return extraction


def edges(extraction: Extraction, edge_type: str) -> set[tuple[str, str]]:
    """(from name, to name) of every asserted claim of one type (a denial is no edge)."""
    names = {n.id: n.name for n in extraction.nodes}
    return {
        (names.get(c.from_id, c.from_id), names[c.to_id])
        for c in extraction.claims
        if c.type == edge_type and not c.negated
    }


def claim(extraction: Extraction, edge_type: str, from_name: str, to_name: str):
    names = {n.id: n.name for n in extraction.nodes}
    found = [
        c
        for c in extraction.claims
        if c.type == edge_type and names.get(c.from_id) == from_name and names[c.to_id] == to_name
    ]
    assert found, f"no {edge_type} {from_name} -> {to_name}; have {edges(extraction, edge_type)}"
    return found[0]


def node(extraction: Extraction, label: str, name: str):
    found = [n for n in extraction.nodes if n.label == label and n.name == name]
    assert found, f"no {label} {name!r}; have {sorted(n.name for n in extraction.nodes if n.label == label)}"
    return found[0]
