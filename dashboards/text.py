"""Document text is untrusted: helpers that make it display as text in every output the app uses."""

from __future__ import annotations

import html
import re
import string

from graph.csv_tables import SPREADSHEET_TRIGGERS as CSV_TRIGGERS

_MARKDOWN_SPECIALS = re.compile("([" + re.escape(string.punctuation) + "])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def md(text: object) -> str:
    """Text for st.markdown/st.subheader shown literally: every ASCII punctuation mark is
    backslash-escaped (CommonMark allows it), so no link, emphasis, directive or HTML survives."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", "" if text is None else str(text)).replace("\n", " ")


def html_text(text: object) -> str:
    """Text for a component that renders HTML (cytoscape's info panel, Plotly labels)."""
    return html.escape("" if text is None else str(text), quote=True)


def xml_safe(text: str) -> str:
    """Text with the control characters XML 1.0 forbids removed (GraphML/RDF writers choke on them)."""
    return _CONTROL.sub("", text)


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(CSV_TRIGGERS):
        return "'" + value
    return value


def short(text: str | None, limit: int = 160) -> str:
    """One line of at most `limit` characters, for labels and table cells."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
