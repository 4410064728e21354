"""Synthetic corpus and a worker-killing extractor for the Dask cluster tests (fictional bodies only)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from loaders.document import Document, Extraction
from loaders.extract.base import NullExtractor

BODIES = ["Northshire Police", "the Department of Civic Affairs", "the Westbrook Trust", "Eastmere Council"]
REPORTS = ["the Eastmere Audit", "the Harbour Review", "the Lantern Report", "the Millbrook Dossier"]


def synthetic_corpus(folder: Path, documents: int, sentences: int = 12) -> Path:
    """`documents` synthetic text files, each `sentences` sentences of sending, receiving and knowing."""
    folder.mkdir(parents=True)
    for d in range(documents):
        lines = ["Synthetic document for kflow's cluster tests; every body and report is fictional."]
        for s in range(sentences):
            a, b = BODIES[(d + s) % 4], BODIES[(d + s + 1) % 4]
            report = REPORTS[(d * 3 + s) % 4]
            year = 2000 + (d + s) % 20
            lines.append(f"In March {year}, {a} sent {report} to {b}, which knew about case {d}-{s} by then.")
        (folder / f"doc{d:04d}.txt").write_text(" ".join(lines), encoding="utf-8")
    return folder


class PoisonExtractor(NullExtractor):
    """Kills its worker process on any document that says POISON, as a segfaulting parser would."""

    def extract(self, document: Document) -> Extraction:
        if "POISON" in document.text:
            os._exit(13)
        return super().extract(document)


def poison_extractor() -> PoisonExtractor:
    return PoisonExtractor()


class HangExtractor(NullExtractor):
    """Never returns on a document that says HANG, as a parser stuck in a C loop would."""

    def extract(self, document: Document) -> Extraction:
        if "HANG" in document.text:
            time.sleep(3600)
        return super().extract(document)


def hang_extractor() -> HangExtractor:
    return HangExtractor()
