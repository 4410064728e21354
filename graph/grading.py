"""Grading schemes as data: which source and information grades exist, and how they rank.

A scheme is a YAML file (default `graph/grade_schemes/admiralty.yaml`, the Admiralty A-F / 1-6;
`KFLOW_GRADES` or a `--grades` option names another, e.g. the UK 3x5x2). Grades are listed best
first, so ranking, "the weakest grade on a chain" and "at least this grade" are plain list
positions and no code names a grade. An item nobody graded ranks as the scheme's `ungraded` grade.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DEFAULT_SCHEME_FILE = Path(__file__).parent / "grade_schemes" / "admiralty.yaml"
SCALES = ("source", "information")
ARTICLED = {"source": "a source", "information": "an information"}


class GradeError(ValueError):
    """A grade or a grading scheme is not valid; the message names the grade and what is allowed."""


@dataclass(frozen=True)
class Grade:
    """One item's grades: its source's reliability and the claim's credibility (None: ungraded)."""

    source: str | None = None
    information: str | None = None

    def code(self, scheme: GradingScheme) -> str:
        """The combined code, e.g. "B2", with the ungraded parts shown as the scheme's ungraded grade."""
        return f"{self.source or scheme.ungraded['source']}{self.information or scheme.ungraded['information']}"


@dataclass(frozen=True)
class GradingScheme:
    name: str
    grades: dict[str, dict[str, str]]  # scale -> grade -> meaning, best first
    ungraded: dict[str, str]  # scale -> the grade an ungraded item ranks as

    def check(self, scale: str, grade: object) -> str:
        """`grade` as the scheme spells it, or GradeError naming the allowed grades."""
        text = str(grade).strip() if grade is not None else ""
        for known in self.grades[scale]:
            if known.casefold() == text.casefold():
                return known
        allowed = ", ".join(self.grades[scale])
        raise GradeError(f"{text!r} is not {ARTICLED[scale]} grade of the {self.name} scheme; use one of {allowed}")

    def rank(self, scale: str, grade: str | None) -> int:
        """0 for the best grade; an ungraded item ranks as the scheme's `ungraded` grade."""
        return list(self.grades[scale]).index(grade if grade in self.grades[scale] else self.ungraded[scale])

    def weakest(self, grades: list[Grade]) -> Grade:
        """The lowest-ranked source grade and the lowest-ranked information grade among `grades`
        (each scale on its own, as an analyst reads a chain: its least reliable source, its least
        credible claim)."""
        if not grades:
            return Grade()
        source = max((g.source for g in grades), key=lambda g: self.rank("source", g))
        information = max((g.information for g in grades), key=lambda g: self.rank("information", g))
        return Grade(source, information)

    def meets(self, grade: Grade, minimum: Grade) -> bool:
        """Whether `grade` is at least `minimum` on each scale `minimum` names."""
        return all(
            getattr(minimum, scale) is None
            or self.rank(scale, getattr(grade, scale)) <= self.rank(scale, getattr(minimum, scale))
            for scale in SCALES
        )

    def parse_minimum(self, text: str) -> Grade:
        """A minimum grade as typed: "B2" (both), "B" (source only) or "2" (information only).
        A code is split where its source part ends, so multi-character grades work too."""
        code = (text or "").strip()
        if not code:
            raise GradeError("give a minimum grade, e.g. B2, B or 2")
        for scale in SCALES:
            try:
                return Grade(**{scale: self.check(scale, code)})
            except GradeError:
                pass
        for cut in range(1, len(code)):
            try:
                return Grade(self.check("source", code[:cut]), self.check("information", code[cut:]))
            except GradeError:
                continue
        raise GradeError(
            f"{code!r} is not a grade of the {self.name} scheme: give a source grade ({', '.join(self.grades['source'])}), "
            f"an information grade ({', '.join(self.grades['information'])}) or both, e.g. "
            f"{next(iter(self.grades['source']))}{next(iter(self.grades['information']))}"
        )


def load_scheme(path: str | os.PathLike | None = None) -> GradingScheme:
    """The scheme in `path`, else `KFLOW_GRADES`, else the Admiralty default; GradeError says what is wrong."""
    file = Path(path or os.environ.get("KFLOW_GRADES") or DEFAULT_SCHEME_FILE)
    return _load(file.resolve())


@cache
def _load(file: Path) -> GradingScheme:
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise GradeError(f"grading scheme {file}: cannot be read ({' '.join(str(error).split())})") from None
    if not isinstance(data, dict):
        raise GradeError(f"grading scheme {file}: must be a YAML mapping with source, information and ungraded")
    grades: dict[str, dict[str, str]] = {}
    for scale in SCALES:
        entries = data.get(scale)
        if not isinstance(entries, dict) or not entries:
            raise GradeError(f"grading scheme {file}: {scale!r} must map each grade to its meaning, best first")
        grades[scale] = {str(k).strip(): str(v) for k, v in entries.items()}
    ungraded = data.get("ungraded") or {}
    if not isinstance(ungraded, dict):
        raise GradeError(f"grading scheme {file}: 'ungraded' must map source and information to a grade")
    chosen = {}
    for scale in SCALES:
        value = str(ungraded.get(scale, list(grades[scale])[-1])).strip()
        if value not in grades[scale]:
            raise GradeError(f"grading scheme {file}: ungraded {scale} grade {value!r} is not one of its grades")
        chosen[scale] = value
    return GradingScheme(str(data.get("name") or file.stem), grades, chosen)
