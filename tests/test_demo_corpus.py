"""The demo corpus in seeds/: a real multi-document case, every document with its licence sidecar and its
line in the catalogue, so `kflow demo` shows flows across documents and every text can be traced to its source."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from kflow.demo_corpus import CATALOGUE, SEEDS, demo_paths

CASE = SEEDS / "gsa_conference_2012"
SIDECAR_KEYS = {"title", "published", "url", "publisher", "licence", "note"}


def _documents() -> list[Path]:
    return sorted(p for p in CASE.iterdir() if p.suffix == ".txt")


def _sidecar(document: Path) -> dict:
    return yaml.safe_load(document.with_name(document.name + ".meta.yaml").read_text(encoding="utf-8"))


def test_the_case_holds_at_least_twenty_documents_each_with_its_sidecar():
    documents = _documents()
    assert len(documents) >= 20, f"only {len(documents)} documents in {CASE.name}"
    for document in documents:
        meta = _sidecar(document)
        assert set(meta) >= SIDECAR_KEYS, f"{document.name}: sidecar lacks {SIDECAR_KEYS - set(meta)}"
        assert "public domain" in meta["licence"].lower(), f"{document.name}: {meta['licence']}"
        assert meta["url"].startswith(("http://", "https://")), document.name
        date.fromisoformat(str(meta["published"]))  # a full date, so the timeline can order the case
        assert document.read_text(encoding="utf-8").strip(), f"{document.name} is empty"


def test_every_document_is_in_the_catalogue_and_its_note_says_how_it_was_copied():
    catalogue = (SEEDS / CATALOGUE).read_text(encoding="utf-8")
    for document in _documents():
        assert f"`gsa_conference_2012/{document.name}`" in catalogue, f"{document.name} not in {CATALOGUE}"
        assert "verbatim" in _sidecar(document)["note"].lower(), f"{document.name}: note does not say it is verbatim"


def test_the_demo_loads_the_seed_article_and_the_case_but_not_the_catalogue():
    names = {p.name for p in demo_paths()}
    assert {"000_2642609051fa25c3.txt", CASE.name} <= names
    assert CATALOGUE not in names
