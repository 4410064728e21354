"""Source and information grades: what each Source and claim is graded, and the changes made by hand.

A Source's `reliability` and `credibility` (the default information grade of its claims) come
from its sidecar on load (`loaders/readers/sidecar_grades.py`) and are stored on the Source node.
A grade set by hand (`kflow grade`, the app) is a `grade` record (graph/records.py): who, when,
why, which source or claim, which grade. The latest record for an item wins over the sidecar and
clearing it (an empty grade) gives the sidecar's back; records are never deleted, so the history
stays auditable, and a document reloaded later keeps its hand grades (claim ids are deterministic).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.grading import SCALES, Grade, GradeError, GradingScheme, load_scheme
from graph.model import Claim
from graph.records import Record, now
from graph.store import GraphStore

GRADE_KIND = "grade"
SOURCE_PROPS = {"source": "reliability", "information": "credibility"}  # scale -> Source node property


@dataclass
class GradeBook:
    """The effective grade of Sources and claims under one scheme. The hand grades are read once;
    a Source is looked up only when a claim of it is first graded, so naming the weakest grade of
    a few chains in a large answer costs a few look-ups, not one per Source in the store."""

    scheme: GradingScheme
    store: GraphStore | None = None
    hand: dict[tuple[str, str], str | None] = field(default_factory=dict)  # (target, scale) -> latest
    sources: dict[str, Grade] = field(default_factory=dict)  # source id -> reliability, default credibility

    def of_source(self, source_id: str) -> Grade:
        if source_id not in self.sources:
            base = _sidecar(self.store, source_id) if self.store is not None else Grade()
            self.sources[source_id] = Grade(
                *(self.hand.get((source_id, scale)) or getattr(base, scale) for scale in SCALES)
            )
        return self.sources[source_id]

    def of_claim(self, claim: Claim) -> Grade:
        source = self.of_source(claim.source_id)
        return Grade(source.source, self.hand.get((claim.id, "information")) or source.information)

    def weakest(self, claims: Iterable[Claim]) -> Grade:
        """The weakest source grade and the weakest information grade among `claims`."""
        return self.scheme.weakest([self.of_claim(c) for c in claims])

    def code(self, claims: Iterable[Claim]) -> str:
        return self.weakest(claims).code(self.scheme)

    def meets(self, claim: Claim, minimum: Grade | None) -> bool:
        return minimum is None or self.scheme.meets(self.of_claim(claim), minimum)


def grade_book(store: GraphStore, scheme: GradingScheme | None = None) -> GradeBook:
    """The store's grades: sidecar grades on each Source, overridden by the latest hand grades
    (a cleared hand grade gives the sidecar's back)."""
    hand = {(r.body["target"], r.body["scale"]): r.body.get("grade") for r in hand_grades(store)}
    return GradeBook(scheme or load_scheme(), store, hand)


def source_grade(store: GraphStore, source_id: str) -> Grade:
    """One Source's effective grade."""
    return grade_book(store).of_source(source_id)


def _sidecar(store: GraphStore, source_id: str) -> Grade:
    node = store.get_node(source_id)
    props = node.props if node is not None else {}
    return Grade(props.get(SOURCE_PROPS["source"]), props.get(SOURCE_PROPS["information"]))


def hand_grades(store: GraphStore) -> list[Record]:
    """Every grade set by hand, oldest first."""
    return [Record.from_row(row) for row in store.load_records(GRADE_KIND)]


def grader(by: str | None) -> str:
    """Who sets a grade: the name given, else $USER."""
    name = (by or os.environ.get("USER") or "").strip()
    if not name:
        raise GradeError("say who grades this: a name (--by NAME in the CLI), or set USER")
    if any(ord(ch) < 32 for ch in name) or len(name) > 200:
        raise GradeError("a grader's name must be one line of at most 200 characters")
    return name


def set_source_grade(
    store: GraphStore,
    source_id: str,
    scale: str,
    grade: str | None,
    *,
    by: str | None,
    why: str = "",
    scheme: GradingScheme | None = None,
) -> Record:
    """Grade a Source: its reliability (`scale` "source") or the credibility of all its claims
    ("information"); an empty `grade` clears the hand grade, giving back the sidecar's."""
    node = store.get_node(source_id)
    if node is None or node.label != "Source":
        raise GradeError(f"no Source {source_id!r} in the store (list them with `kflow sources`)")
    return _record(store, source_id, scale, grade, by, why, scheme)


def set_claim_grade(
    store: GraphStore, claim_id: str, grade: str | None, *, by: str | None, why: str = "", scheme=None
) -> Record:
    """Grade one claim's credibility (an empty `grade` clears it: the claim takes its Source's again)."""
    if not claim_exists(store, claim_id):
        raise GradeError(f"no claim {claim_id!r} in the store")
    return _record(store, claim_id, "information", grade, by, why, scheme)


def claim_exists(store: GraphStore, claim_id: str) -> bool:
    """Whether a claim with this id is stored (an indexed look-up where the store has one)."""
    by_id = getattr(store, "claims_by_id", None)
    if by_id is not None:
        return bool(by_id([claim_id]))
    return any(c.id == claim_id for batch in store.iter_claims() for c in batch)


def _record(store, target: str, scale: str, grade, by, why, scheme) -> Record:
    scheme = scheme or load_scheme()
    if scale not in SOURCE_PROPS:
        raise GradeError(f"{scale!r} is not a grade scale; use source or information")
    checked = scheme.check(scale, grade) if grade not in (None, "") else None
    body = {"target": target, "scale": scale, "grade": checked, "who": grader(by), "why": (why or "").strip()}
    record = Record(f"grade:{uuid.uuid4().hex[:20]}", GRADE_KIND, body, now())
    store.save_records([record.to_row()])
    return record


def filter_claims(book: GradeBook, claims: Iterable[Claim], minimum: Grade | None) -> list[Claim]:
    return [c for c in claims if book.meets(c, minimum)]
