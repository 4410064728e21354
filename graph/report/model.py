"""The chronology as data: what every renderer (Markdown, DOCX, PDF) writes, decided once.

Renderers only lay out; they never choose, word or date anything, so the three formats say the
same thing and a test of the model is a test of all three.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Note:
    """A numbered note for one source document: what a reader needs to find it again."""

    number: int
    source_id: str
    title: str
    publisher: str | None = None
    date: str | None = None  # at its real precision ("2018"), None when the source is undated
    location: str | None = None  # url, else the path it was loaded from
    pages: tuple[int, ...] = ()  # pages of a PDF the chronology quotes
    grade: str | None = None  # the source's reliability grade, when it carries one

    def text(self) -> str:
        """ "Title. Publisher, 2018. pp. 3, 5. seeds/x.txt" with only the parts the source has."""
        parts = [self.title.rstrip(".") + "."]
        if self.publisher or self.date:
            parts.append(", ".join(p for p in (self.publisher, self.date) if p) + ".")
        if self.pages:
            parts.append(("p. " if len(self.pages) == 1 else "pp. ") + ", ".join(map(str, self.pages)) + ".")
        if self.grade:
            parts.append(f"Source grade {self.grade}.")
        if self.location:
            parts.append(self.location)
        return " ".join(parts)


@dataclass(frozen=True)
class Line:
    """A sentence of the first page and the notes of the sources it rests on."""

    text: str
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Quote:
    """One sentence of evidence, exactly as the source has it, and the note that cites it."""

    text: str
    note: int
    page: int | None = None
    grade: str | None = None  # the claim's credibility grade, when it carries one


@dataclass
class Event:
    """One dated entry: when (at its real precision), what happened in plain English, the quotes."""

    date: str
    sentence: str
    quotes: list[Quote]
    agreement: str | None = None  # "2 statements agree ... (one source, not independent corroboration)"
    conflict: str | None = None  # "Sources disagree on when ...: 2002 (1 source); 2004 (1 source)"

    @property
    def notes(self) -> list[int]:
        return sorted({q.note for q in self.quotes})

    @property
    def grade(self) -> str | None:
        """The grades the quotes carry, joined ("B2, C3"); None when none is graded."""
        grades = sorted({q.grade for q in self.quotes if q.grade})
        return ", ".join(grades) or None


@dataclass
class Conflict:
    """A fact the sources date differently, with each reading's date, quotes and notes."""

    summary: str
    readings: list[tuple[str, list[Quote]]]


@dataclass
class Chronology:
    """A written chronology: a first page (summary), the dated events, conflicts and the notes."""

    title: str
    scope: str  # what it covers: "Home Office, on child sexual exploitation"
    generated: str  # the day it was written, as a reader writes it ("26 November 2026")
    first_knowledge: list[Line] = field(default_factory=list)
    flows: list[Line] = field(default_factory=list)
    gaps: list[Line] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    @property
    def graded(self) -> bool:
        """Whether any quote or source carries a grade: the renderers then add a grade column."""
        return any(e.grade for e in self.events) or any(n.grade for n in self.notes)

    @property
    def independent_sources(self) -> int:
        return len(self.notes)
