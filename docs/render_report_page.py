"""Regenerate docs/images/chronology-page1.png: page 1 of the seed's chronology PDF (pypdfium2, dev).

Run from the repository root: .venv/bin/python docs/render_report_page.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pypdfium2

from graph.embedded import EmbeddedStore
from graph.report.build import body_chronology
from graph.report.pdf import render_pdf
from loaders.extract import default_extractor
from loaders.pipeline import load_paths

ROOT = Path(__file__).resolve().parent.parent

with tempfile.TemporaryDirectory() as folder, EmbeddedStore(Path(folder) / "kflow-data") as store:
    load_paths([ROOT / "seeds"], store, default_extractor())
    pdf = pypdfium2.PdfDocument(render_pdf(body_chronology(store, "Home Office")))
    pdf[0].render(scale=1.5).to_pil().save(ROOT / "docs" / "images" / "chronology-page1.png")
