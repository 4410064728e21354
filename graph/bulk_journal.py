"""The undo record that makes a bulk write all or nothing without one big transaction.

LadybugDB stages a `COPY` inside an explicit transaction in memory and merges it at `COMMIT`; for
a million claims that staging costs a quarter of the load. A bulk batch therefore runs each
`COPY` as its own durable auto-commit and keeps atomicity here instead: before the first `COPY`
the store writes down, per table it will append to, the highest internal row offset it holds
(Ladybug appends and never reuses an offset), plus the prior state of every node the batch
updates. If the batch fails, now or through a crash, undoing it means deleting the rows above
those marks and restoring those nodes; the record is removed only once the batch is whole.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from graph.model import Node

JOURNAL_NAME = "bulk-write.journal.json"


@dataclass
class BulkMarks:
    """What a bulk batch is about to append to, and what it is about to overwrite."""

    node_marks: dict[str, int] = field(default_factory=dict)  # label -> highest offset before the batch (-1: empty)
    rel_marks: list[tuple[str, str, str, int]] = field(default_factory=list)  # (edge, from label, to label, offset)
    prior_nodes: list[Node] = field(default_factory=list)  # stored state of nodes the batch updates

    def to_json(self) -> str:
        return json.dumps(
            {
                "node_marks": self.node_marks,
                "rel_marks": [list(m) for m in self.rel_marks],
                "prior_nodes": [asdict(n) for n in self.prior_nodes],
            }
        )

    @classmethod
    def from_json(cls, text: str) -> BulkMarks:
        data = json.loads(text)
        return cls(
            {k: int(v) for k, v in data["node_marks"].items()},
            [(e, a, b, int(m)) for e, a, b, m in data["rel_marks"]],
            [Node(**n) for n in data["prior_nodes"]],
        )


class BulkJournal:
    """One pending bulk batch per store directory, written durably before the batch starts."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / JOURNAL_NAME

    def begin(self, marks: BulkMarks) -> None:
        """Durably record the marks: written to a temporary file, fsynced, renamed, directory fsynced."""
        temporary = self.path.with_suffix(".tmp")
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(marks.to_json())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)
        _fsync_directory(self.path.parent)

    def pending(self) -> BulkMarks | None:
        """The marks of a bulk batch that did not finish, if any."""
        if not self.path.exists():
            return None
        return BulkMarks.from_json(self.path.read_text(encoding="utf-8"))

    def finish(self) -> None:
        self.path.unlink(missing_ok=True)
        _fsync_directory(self.path.parent)


def _fsync_directory(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
