"""One correction as a store keeps it: a flat record both backends can hold as a `Correction` node.

The stores only save and load these records and stamp claim statuses; what a correction means
(and how it is applied to what analyses and exports see) is decided in `graph/corrections.py`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = ("reject", "accept", "edit", "add", "merge", "split")

# Column name -> Ladybug type of the embedded store's Correction table (Neo4j keeps the same properties).
CORRECTION_COLUMNS = {
    "id": "STRING",
    "kind": "STRING",
    "targets": "STRING[]",
    "payload": "STRING",
    "who": "STRING",
    "at": "STRING",
    "why": "STRING",
    "reverted_at": "STRING",
    "reverted_by": "STRING",
    "reverted_why": "STRING",
}


@dataclass
class Correction:
    """Who changed what, when and why. `targets` are the claim or node ids it acts on; `payload`
    holds what the kind needs (an edit's new values, a hand claim, a split's new node and claims).
    A reverted correction stays, with who reverted it, when and why: nothing is ever deleted."""

    id: str
    kind: str
    targets: list[str]
    who: str
    at: str
    why: str = ""
    payload: dict[str, Any] = field(default_factory=dict)
    reverted_at: str | None = None
    reverted_by: str | None = None
    reverted_why: str | None = None

    @property
    def active(self) -> bool:
        return self.reverted_at is None

    def to_record(self) -> dict[str, Any]:
        record = asdict(self)
        record["payload"] = json.dumps(self.payload, sort_keys=True, ensure_ascii=False)
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Correction:
        values = {k: record.get(k) for k in CORRECTION_COLUMNS}
        values["payload"] = json.loads(values.get("payload") or "{}")
        values["targets"] = list(values.get("targets") or [])
        values["why"] = values.get("why") or ""
        return cls(**values)
