"""A chronology as PDF (ReportLab's Platypus): page 1 the summary, then the dated events, the
conflicts and the numbered sources.

ReportLab is pure Python with wheels, draws with the PDF standard fonts (no system font or
library, unlike WeasyPrint's Pango), and lays out flowing paragraphs and tables across pages.
The standard fonts cover Windows-1252 (curly quotes, dashes, accents); a character outside it is
written as "?" rather than left as an invisible glyph, so what is shown is never silently lost.
"""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from graph.report.model import Chronology, Event, Line, Quote

STYLES = getSampleStyleSheet()
QUOTE = ParagraphStyle("Quote", parent=STYLES["BodyText"], fontName="Times-Italic", fontSize=9, leading=11)
SMALL = ParagraphStyle("Small", parent=STYLES["BodyText"], fontSize=8, leading=10)


def render_pdf(chronology: Chronology) -> bytes:
    """The chronology as the bytes of an A4 PDF."""
    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        title=_text(chronology.title),
        author="kflow",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    story = [
        Paragraph(_text(chronology.title), STYLES["Title"]),
        Paragraph(f"<i>{_text(chronology.scope)}. Written {chronology.generated} by kflow.</i>", STYLES["BodyText"]),
        Paragraph("Summary", STYLES["Heading2"]),
    ]
    for heading, lines in (
        ("First knowledge", chronology.first_knowledge),
        ("Flows", chronology.flows),
        ("Gaps", chronology.gaps),
    ):
        if lines:
            story.append(Paragraph(heading, STYLES["Heading4"]))
            story += [Paragraph(_line(line), STYLES["BodyText"], bulletText="•") for line in lines]
    story.append(Spacer(1, 4 * mm))
    story.append(
        Paragraph(
            f"{len(chronology.events)} dated events from {chronology.independent_sources} source(s); "
            f"{len(chronology.conflicts)} conflict(s) between sources.",
            STYLES["BodyText"],
        )
    )
    story += [PageBreak(), Paragraph("Chronology", STYLES["Heading2"]), _events_table(chronology)]
    if chronology.conflicts:
        story.append(Paragraph("Conflicting evidence", STYLES["Heading2"]))
        for conflict in chronology.conflicts:
            story.append(Paragraph(_text(conflict.summary) + ".", STYLES["BodyText"], bulletText="•"))
            for when, quotes in conflict.readings:
                quoted = " ".join(_quote(q) for q in quotes)
                story.append(Paragraph(f"<b>{_text(when)}:</b> {quoted}", QUOTE, bulletText="–"))
    story.append(Paragraph("Sources", STYLES["Heading2"]))
    story += [Paragraph(_text(note.text()), SMALL, bulletText=f"{note.number}.") for note in chronology.notes]
    doc.build(story)
    return out.getvalue()


def _events_table(chronology: Chronology) -> Table:
    graded = chronology.graded
    header = ["Date", "Event", *(["Grade"] if graded else [])]
    rows = [[Paragraph(f"<b>{h}</b>", STYLES["BodyText"]) for h in header]]
    rows += [_event_row(event, graded) for event in chronology.events]
    widths = [28 * mm, 128 * mm, 18 * mm] if graded else [28 * mm, 146 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
            ]
        )
    )
    return table


def _event_row(event: Event, graded: bool) -> list:
    cell = [Paragraph(_text(event.sentence), STYLES["BodyText"])]
    cell += [Paragraph(_quote(q), QUOTE) for q in event.quotes]
    if event.conflict:
        cell.append(Paragraph(f"<b>Conflict.</b> {_text(event.conflict)}.", SMALL))
    elif event.agreement:
        cell.append(Paragraph(f"<i>{_text(event.agreement)}.</i>", SMALL))
    row = [Paragraph(_text(event.date), STYLES["BodyText"]), cell]
    return [*row, Paragraph(_text(event.grade or ""), STYLES["BodyText"])] if graded else row


def _line(line: Line) -> str:
    return _text(line.text) + _refs(line.notes)


def _quote(quote: Quote) -> str:
    page = f" (p. {quote.page})" if quote.page is not None else ""
    grade = f" [{_text(quote.grade)}]" if quote.grade else ""
    return f"“{_text(quote.text)}”{page}{grade}{_refs((quote.note,))}"


def _refs(notes: tuple[int, ...]) -> str:
    return f"<super>{','.join(map(str, notes))}</super>" if notes else ""


def _text(text: str) -> str:
    """Escaped for ReportLab's paragraph markup, with characters the standard fonts lack as "?"."""
    return escape(text.encode("cp1252", errors="replace").decode("cp1252"))
