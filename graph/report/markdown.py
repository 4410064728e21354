"""A chronology as Markdown: numbered footnotes (`[^1]`), a first page, a grade column when graded."""

from __future__ import annotations

from graph.report.model import Chronology, Line, Quote


def render_markdown(chronology: Chronology) -> str:
    """The whole chronology as one Markdown document (GitHub / CommonMark with footnotes)."""
    out = [f"# {chronology.title}", "", f"*{chronology.scope}. Written {chronology.generated} by kflow.*", ""]
    out += ["## Summary", ""]
    for heading, lines in (
        ("First knowledge", chronology.first_knowledge),
        ("Flows", chronology.flows),
        ("Gaps", chronology.gaps),
    ):
        if lines:
            out += [f"**{heading}**", "", *(f"- {_line(line)}" for line in lines), ""]
    out.append(
        f"{len(chronology.events)} dated events from {chronology.independent_sources} source(s); "
        f"{len(chronology.conflicts)} conflict(s) between sources."
    )
    out += ["", "## Chronology", ""]
    if chronology.graded:
        out += ["| Date | Event | Grade |", "|---|---|---|"]
        out += [f"| {_cell(e.date)} | {_cell(e.sentence)} | {_cell(e.grade or '')} |" for e in chronology.events]
        out.append("")
    for event in chronology.events:
        out += [f"### {event.date}", "", event.sentence, ""]
        out += [
            f"> “{q.text}”{_cite(q)}" + ("  " if i < len(event.quotes) - 1 else "") for i, q in enumerate(event.quotes)
        ]
        out.append("")
        if event.conflict:
            out += [f"**Conflict.** {event.conflict}.", ""]
        elif event.agreement:
            out += [f"*{event.agreement}.*", ""]
    if chronology.conflicts:
        out += ["## Conflicting evidence", ""]
        for conflict in chronology.conflicts:
            out += [f"- {conflict.summary}."]
            for when, quotes in conflict.readings:
                out += [f"  - {when}: " + " ".join(f"“{q.text}”{_cite(q)}" for q in quotes)]
        out.append("")
    out += ["## Sources", ""]
    out += [f"[^{n.number}]: {n.text()}" for n in chronology.notes]
    return "\n".join(out) + "\n"


def _line(line: Line) -> str:
    return line.text + "".join(f"[^{n}]" for n in line.notes)


def _cite(quote: Quote) -> str:
    page = f" (p. {quote.page})" if quote.page is not None else ""
    grade = f" [{quote.grade}]" if quote.grade else ""
    return f"{page}{grade}[^{quote.note}]"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
