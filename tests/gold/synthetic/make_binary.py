"""Build the synthetic PDF and DOCX of the gold corpus (fictional bodies and people).

Run from anywhere: `.venv/bin/python tests/gold/synthetic/make_binary.py`. The outputs are
committed; rerun only when the text below changes, and update the gold files to match.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import docx
from fpdf import FPDF

HERE = Path(__file__).resolve().parent
NOTE = "Synthetic document, fictional bodies and people."

BRIEFING_TITLE = "Northshire Police: Briefing Note on the Harding Report"
BRIEFING = [
    "RESTRICTED - Briefing note for the Chief Constable",
    "Prepared by Detective Superintendent Alan Reeve, Public Protection Unit, 15 February 2011.",
    "1. Purpose. This note summarises what Northshire Police holds on the exploitation of children in "
    "Eastmere and recommends next steps.",
    "2. Background. The Harding Report was written by Professor Elaine Harding of the University of "
    "Westbrook and was commissioned in 2004 by Eastmere City Council. The report was sent to the force "
    "by Eastmere City Council on 12 May 2010. It has not been published.",
    "3. The report describes the grooming of at least 140 children between 2004 and 2009. Many of the "
    "victims were living in children's homes run by the council.",
    "4. Earlier information. The force received a letter from Northshire Youth Service in 2003, which "
    "described similar concerns. No investigation followed.",
    "5. Assessment. The force has known about the exploitation of children in Eastmere since at least "
    "2003. There is no evidence that the Department of Civic Affairs was informed by the force.",
    "6. Recommendation. The Chief Constable is asked to approve a joint review with the council's "
    "director of children's services, Gareth Quinn, and to seek legal advice before any disclosure.",
]

MINUTES_TITLE = "Eastmere City Council Safeguarding Committee: Minutes of 3 November 2010"
MINUTES = [
    "Eastmere City Council",
    "Safeguarding Committee",
    "Minutes of the meeting held on 3 November 2010 at Eastmere Town Hall",
    "Present: Councillor Robert Dale (Chair), Councillor Derek Shaw, Gareth Quinn (Director of "
    "Children's Services), Paul Hendry (Head of Social Services). Clerk: Nadia Hussain.",
    "1. Harding Report. The Director of Children's Services presented the Harding Report, which the "
    "council received from the University of Westbrook in October 2009. The report was commissioned "
    "by the council in 2004.",
    "2. Members noted that the report had been shared with Northshire Police in May 2010. Mr Quinn said "
    "the force had not yet responded.",
    "3. Councillor Shaw asked whether the Department of Civic Affairs had been told. Mr Quinn said "
    "that it had not, and that there was no requirement to inform the department.",
    "4. Resolved: that the report should not be published at this time, and that the Director of "
    "Children's Services should prepare an action plan for the next meeting.",
    "5. The Chair thanked Professor Elaine Harding and her team for the report.",
    "Minutes taken by Nadia Hussain, Committee Clerk.",
]


def make_pdf(path: Path) -> None:
    pdf = FPDF()
    pdf.set_title(BRIEFING_TITLE)
    pdf.set_author("Northshire Police (synthetic)")
    pdf.set_subject(NOTE)
    pdf.set_creation_date(datetime(2011, 2, 15, 9, 0, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, BRIEFING_TITLE)
    pdf.ln(2)
    pdf.set_font("Helvetica", size=11)
    for paragraph in BRIEFING:
        pdf.multi_cell(0, 6, paragraph)
        pdf.ln(3)
    pdf.output(str(path))


def make_docx(path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = MINUTES_TITLE
    document.core_properties.comments = NOTE
    document.core_properties.created = datetime(2010, 11, 3, 12, 0)
    document.core_properties.modified = datetime(2010, 11, 3, 12, 0)
    document.add_heading(MINUTES[0], level=1)
    for paragraph in MINUTES[1:]:
        document.add_paragraph(paragraph)
    document.save(str(path))


if __name__ == "__main__":
    make_pdf(HERE / "pdf_11_police_briefing.pdf")
    make_docx(HERE / "docx_12_committee_minutes.docx")
