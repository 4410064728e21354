"""A chronology as a Word document (python-docx): headings, a date table, quotes and numbered notes.

python-docx has no footnote API, so sources are numbered superscript references to a "Sources"
list at the end (endnotes), the same numbers as the Markdown and PDF.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.shared import Pt

from graph.report.model import Chronology, Line, Quote


def render_docx(chronology: Chronology) -> bytes:
    """The chronology as the bytes of a .docx file."""
    doc = Document()
    doc.add_heading(chronology.title, level=0)
    doc.add_paragraph(f"{chronology.scope}. Written {chronology.generated} by kflow.").runs[0].italic = True
    doc.add_heading("Summary", level=1)
    for heading, lines in (
        ("First knowledge", chronology.first_knowledge),
        ("Flows", chronology.flows),
        ("Gaps", chronology.gaps),
    ):
        if lines:
            doc.add_paragraph().add_run(heading).bold = True
            for line in lines:
                _with_notes(doc.add_paragraph(style="List Bullet"), line)
    doc.add_paragraph(
        f"{len(chronology.events)} dated events from {chronology.independent_sources} source(s); "
        f"{len(chronology.conflicts)} conflict(s) between sources."
    )
    doc.add_page_break()
    doc.add_heading("Chronology", level=1)
    columns = ["Date", "Event", *(["Grade"] if chronology.graded else [])]
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, columns, strict=True):
        cell.paragraphs[0].add_run(name).bold = True
    for event in chronology.events:
        cells = table.add_row().cells
        cells[0].text = event.date
        body = cells[1].paragraphs[0]
        body.add_run(event.sentence)
        for quote in event.quotes:
            _quote(cells[1].add_paragraph(), quote)
        if event.conflict or event.agreement:
            remark = (
                cells[1]
                .add_paragraph()
                .add_run(f"Conflict. {event.conflict}." if event.conflict else f"{event.agreement}.")
            )
            remark.bold, remark.italic = bool(event.conflict), not event.conflict
        if chronology.graded:
            cells[2].text = event.grade or ""
    if chronology.conflicts:
        doc.add_heading("Conflicting evidence", level=1)
        for conflict in chronology.conflicts:
            doc.add_paragraph(f"{conflict.summary}.", style="List Bullet")
            for when, quotes in conflict.readings:
                paragraph = doc.add_paragraph(style="List Bullet 2")
                paragraph.add_run(f"{when}: ").bold = True
                for quote in quotes:
                    _quote(paragraph, quote)
    doc.add_heading("Sources", level=1)
    for note in chronology.notes:
        doc.add_paragraph(f"{note.number}. {note.text()}")
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _with_notes(paragraph, line: Line) -> None:
    paragraph.add_run(line.text)
    _refs(paragraph, line.notes)


def _quote(paragraph, quote: Quote) -> None:
    run = paragraph.add_run(f"“{quote.text}”")
    run.italic, run.font.size = True, Pt(9)
    if quote.page is not None:
        paragraph.add_run(f" (p. {quote.page})").font.size = Pt(9)
    if quote.grade:
        paragraph.add_run(f" [{quote.grade}]").font.size = Pt(9)
    _refs(paragraph, (quote.note,))
    paragraph.add_run(" ")


def _refs(paragraph, notes: tuple[int, ...]) -> None:
    if notes:
        paragraph.add_run(",".join(map(str, notes))).font.superscript = True
