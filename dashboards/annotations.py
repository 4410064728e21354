"""Investigators' decisions on claims (accepted, rejected, notes), kept apart from the evidence.

An append-only JSON Lines file: one decision per line, the latest line for a claim wins, nothing is
ever rewritten, so the history of who decided what stays and stored evidence is never touched.
It is keyed by claim id, which is deterministic (type, ends, source, span), so a rejection made
while reviewing a document still applies when the same document is loaded again, on any backend.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from graph.model import Claim

DECISIONS = ("accepted", "rejected", "note")
FILE_NAME = "annotations.jsonl"


class AnnotationError(ValueError):
    """The annotations file is unreadable; the message names the file and line."""


@dataclass(frozen=True)
class Annotation:
    claim_id: str
    decision: str
    at: str
    source_id: str = ""
    type: str = ""
    from_id: str = ""
    to_id: str = ""
    sentence: str = ""
    note: str = ""


class Annotations:
    def __init__(self, path: Path):
        self.path = Path(path)

    def record(self, claims: list[Claim], decision: str, note: str = "") -> None:
        if decision not in DECISIONS:
            raise AnnotationError(f"decision {decision!r}: expected one of {', '.join(DECISIONS)}")
        at = datetime.now(UTC).isoformat(timespec="seconds")
        lines = [
            json.dumps(
                asdict(Annotation(c.id, decision, at, c.source_id, c.type, c.from_id, c.to_id, c.sentence, note)),
                ensure_ascii=False,
            )
            for c in claims
        ]
        if not lines:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")

    def history(self) -> list[Annotation]:
        if not self.path.exists():
            return []
        found = []
        for number, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                found.append(Annotation(**json.loads(line)))
            except (json.JSONDecodeError, TypeError) as error:
                raise AnnotationError(f"{self.path}:{number}: not an annotation record ({error})") from None
        return found

    def latest(self) -> dict[str, Annotation]:
        """The decision in force for each claim (notes do not change a decision)."""
        current: dict[str, Annotation] = {}
        for annotation in self.history():
            if annotation.decision != "note":
                current[annotation.claim_id] = annotation
        return current

    def rejected(self) -> set[str]:
        return {claim_id for claim_id, a in self.latest().items() if a.decision == "rejected"}

    def decided(self) -> set[str]:
        return set(self.latest())
