"""A document's grades from its sidecar: `reliability` (the source grade) and `credibility` (the
information grade of every claim drawn from it), checked against the grading scheme on read so
a mistyped grade fails that one document, naming the sidecar, before anything is stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.grading import GradeError, load_scheme
from loaders.readers.common import ReadError

SIDECAR_GRADES = {"reliability": "source", "credibility": "information"}


def sidecar_grades(path: Path, meta: dict[str, Any]) -> tuple[str | None, str | None]:
    """(reliability, credibility) as the scheme spells them; None where the sidecar gives none."""
    found: list[str | None] = []
    for key, scale in SIDECAR_GRADES.items():
        value = meta.get(key)
        if value is None or value == "":
            found.append(None)
            continue
        try:
            found.append(load_scheme().check(scale, value))
        except GradeError as error:
            raise ReadError(path, f"sidecar {key}: {error}") from None
    return found[0], found[1]
