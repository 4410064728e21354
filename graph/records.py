"""An investigator's own records kept in the graph beside the evidence: grade changes and saved
investigations (graph/grades.py, graph/investigations.py decide what they mean).

A store keeps each record as one `KflowRecord` node: an id, a kind, when it was written and a
JSON body. Both backends save and load these alike, `kflow sync` copies them, and nothing about
documents or claims ever touches them, so a reload or a removed Source cannot undo them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

RECORD_LABEL = "KflowRecord"
# Column name -> Ladybug type of the embedded store's record table (Neo4j keeps the same properties).
RECORD_COLUMNS = {"id": "STRING", "kind": "STRING", "at": "STRING", "body": "STRING"}
MAX_BODY_CHARS = 5_000_000  # an investigation's notes and questions, not a document archive


class RecordError(ValueError):
    """A record cannot be kept as given; the message says why."""


@dataclass
class Record:
    id: str
    kind: str
    body: dict[str, Any] = field(default_factory=dict)
    at: str = ""

    def to_row(self) -> dict[str, Any]:
        body = json.dumps(self.body, sort_keys=True, ensure_ascii=False)
        if len(body) > MAX_BODY_CHARS:
            raise RecordError(f"{self.id}: {len(body):,} characters is more than a record holds ({MAX_BODY_CHARS:,})")
        return {"id": self.id, "kind": self.kind, "at": self.at or now(), "body": body}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Record:
        return cls(str(row["id"]), str(row["kind"]), json.loads(row.get("body") or "{}"), str(row.get("at") or ""))


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")
