"""Chronologies built from the answers of the question layer (`graph.analysis.questions`).

A body's chronology is its timeline, first knowledge and gap; a topic's is the topic's timeline
and every body's first knowledge and gap; a trace's is the hops of the flows found. Nothing here
queries the store beyond those answers, except each cited source's own node for its note.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import networkx as nx

from graph.analysis.conflicts import Fact, facts, verb
from graph.analysis.date_windows import claim_date, describe
from graph.analysis.evidence import node_name
from graph.analysis.flows import FlowPath
from graph.analysis.gaps import Gap
from graph.analysis.knowledge import Knowledge
from graph.analysis.questions import ask_first_knowledge, ask_gaps, ask_timeline, ask_trace, with_denials
from graph.model import Claim
from graph.report.model import Chronology, Conflict, Event, Line, Note, Quote
from graph.schema import SCHEMA
from graph.store import GraphStore


def body_chronology(
    store: GraphStore,
    body: str,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_grade: str | None = None,
) -> Chronology:
    """What `body` did and knew (on `topic`), in date order, with its first knowledge and its gap;
    with `min_grade`, on evidence graded at least that alone."""
    timeline = ask_timeline(store, body=body, topic=topic, since=since, until=until, min_grade=min_grade)
    known = ask_first_knowledge(store, body, topic, min_grade)
    notes = _Notes(store)
    chronology = _chronology(f"Chronology: {known.result.body_name}", _scope(known.result.body_name, topic))
    chronology.events, chronology.conflicts = _events(
        with_denials(store, [e.claim for e in timeline.result]), timeline.graph, notes
    )
    chronology.first_knowledge = [_knowledge_line(known.result, notes)]
    chronology.flows = [_flow_line(p, notes) for p in known.result.chain]
    gaps = ask_gaps(store, topic, min_grade)
    chronology.gaps = [_gap_line(g, notes, gaps.graph) for g in gaps.result.gaps if g.body == known.result.body]
    chronology.notes = notes.finished()
    return chronology


def topic_chronology(
    store: GraphStore, topic: str, since: str | None = None, until: str | None = None, min_grade: str | None = None
) -> Chronology:
    """Everything dated on `topic`, with when each body first knew and what it did then."""
    timeline = ask_timeline(store, topic=topic, since=since, until=until, min_grade=min_grade)
    notes = _Notes(store)
    chronology = _chronology(f"Chronology: {topic}", f"everything dated on {topic}")
    chronology.events, chronology.conflicts = _events(
        with_denials(store, [e.claim for e in timeline.result]), timeline.graph, notes
    )
    gaps = ask_gaps(store, topic, min_grade)
    chronology.first_knowledge = [
        Line(f"{g.body_name} first knew by {claim_date(g.knowledge)}.", (notes.of(g.knowledge),))
        for g in gaps.result.gaps
    ]
    chronology.gaps = [_gap_line(g, notes, gaps.graph) for g in gaps.result.gaps]
    chronology.notes = notes.finished()
    return chronology


def trace_chronology(
    store: GraphStore,
    source: str,
    target: str,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_grade: str | None = None,
) -> Chronology:
    """How information went from `source` to `target`: each hop of the flows found, in date order."""
    flows = ask_trace(store, source, target, topic=topic, since=since, until=until, min_grade=min_grade)
    notes = _Notes(store)
    title = f"Chronology: from {flows.source.name} to {flows.target.name}"
    chronology = _chronology(title, _scope(f"flows from {flows.source.name} to {flows.target.name}", topic))
    claims = [c for p in flows.result for h in p.hops for c in (h.claim, *h.corroborating)]
    chronology.events, chronology.conflicts = _events(with_denials(store, claims), flows.graph, notes)
    chronology.flows = [_flow_line(p, notes) for p in flows.result] or [
        Line(f"No time-respecting flow found from {flows.source.name} to {flows.target.name}.")
    ]
    if flows.target.label != "Report":
        known = ask_first_knowledge(store, flows.target.id, topic, min_grade)
        chronology.first_knowledge = [_knowledge_line(known.result, notes)]
    chronology.notes = notes.finished()
    return chronology


class _Notes:
    """Numbers sources in the order the chronology first cites them; reads each source's node once."""

    def __init__(self, store: GraphStore):
        self.store = store
        self.numbers: dict[str, int] = {}
        self.pages: dict[str, set[int]] = {}

    def of(self, claim: Claim) -> int:
        number = self.numbers.setdefault(claim.source_id, len(self.numbers) + 1)
        if claim.page is not None:
            self.pages.setdefault(claim.source_id, set()).add(claim.page)
        return number

    def finished(self) -> list[Note]:
        return [self._note(source_id, number) for source_id, number in self.numbers.items()]

    def _note(self, source_id: str, number: int) -> Note:
        node = self.store.get_node(source_id)
        props = node.props if node else {}
        published = props.get("published")
        return Note(
            number=number,
            source_id=source_id,
            title=props.get("title") or (node.name if node else source_id),
            publisher=props.get("publisher"),
            date=describe(published, published, props.get("published_precision")) if published else None,
            location=props.get("url") or props.get("path"),
            pages=tuple(sorted(self.pages.get(source_id, ()))),
            grade=props.get("grade"),
        )


def _chronology(title: str, scope: str) -> Chronology:
    today = date.today().isoformat()
    return Chronology(title=title, scope=scope, generated=describe(today, today, "day"))


def _scope(subject: str, topic: str | None) -> str:
    return f"{subject}, on {topic}" if topic else subject


def _events(claims: Iterable[Claim], G: nx.MultiDiGraph, notes: _Notes) -> tuple[list[Event], list[Conflict]]:
    """One event per reading of each fact (a fact the sources date twice is two events), in date
    order, and the conflicts among them. Notes are numbered in the order the events cite them."""
    found = facts(claims, G)
    readings = sorted(
        ((r.span, _tie(f.type), f.type, f.from_id, f.to_id, f, r) for f in found for r in f.readings),
        key=lambda t: t[:5],
    )
    events = []
    for *_, fact, reading in readings:
        events.append(
            Event(
                date=reading.date,
                sentence=f"{fact.from_name} {verb(fact.type)} {fact.to_name}.",
                quotes=_quotes(reading.claims, notes),
                agreement=fact.describe() if len(fact.claims) > 1 and not fact.conflicting else None,
                conflict=fact.describe() if fact.conflicting else None,
            )
        )
    conflicts = [_conflict(f, notes) for f in found if f.conflicting]
    return events, conflicts


def _tie(claim_type: str) -> tuple[int, int]:
    """Same-date events in the order information moves: by the schema's tie order, then a forward
    flow (sent: the sender's act) before a backward one (received: the recipient's)."""
    edge = SCHEMA.edges[claim_type]
    return (99 if edge.tie_order is None else edge.tie_order, 0 if edge.flow == "forward" else 1)


def _conflict(fact: Fact, notes: _Notes) -> Conflict:
    return Conflict(fact.describe(), [(side, _quotes(claims, notes)) for side, claims in fact.sides()])


def _quotes(claims: list[Claim], notes: _Notes) -> list[Quote]:
    return [Quote(" ".join(c.sentence.split()), notes.of(c), c.page, getattr(c, "grade", None)) for c in claims]


def _knowledge_line(known: Knowledge, notes: _Notes) -> Line:
    about = f" about {known.topic}" if known.topic else ""
    if not known.found:
        return Line(f"No dated evidence that {known.body_name} knew anything{about}.")
    sources = known.independent_sources
    text = (
        f"{known.body_name} first knew{about} by {known.date}, on "
        f"{sources} independent source{'' if sources == 1 else 's'}."
    )
    if known.caveat:
        text += f" Caveat: {known.caveat}."
    return Line(text, tuple(sorted({notes.of(c) for c in known.supporting})))


def _flow_line(path: FlowPath, notes: _Notes) -> Line:
    route = " → ".join(h.source_name for h in path.hops) + f" → {path.hops[-1].target_name}" if path.hops else ""
    undated = f" ({path.undated_hops} undated hop{'' if path.undated_hops == 1 else 's'})" if path.undated_hops else ""
    return Line(
        f"{route}, arriving {path.arrival_text}{undated}.", tuple(sorted({notes.of(h.claim) for h in path.hops}))
    )


def _gap_line(gap: Gap, notes: _Notes, G: nx.MultiDiGraph) -> Line:
    cited = [gap.knowledge] + ([gap.action] if gap.action else [])
    if gap.silent:
        text = f"{gap.body_name} knew by {claim_date(gap.knowledge)} and no later action is on record."
        if gap.caveat:
            text += f" Caveat: {gap.caveat}."
    else:
        text = (
            f"{gap.body_name} knew by {claim_date(gap.knowledge)} and first acted {claim_date(gap.action)}"
            f" ({gap.elapsed}): {verb(gap.action.type)} {node_name(G, gap.action.to_id)}."
        )
    return Line(text, tuple(sorted({notes.of(c) for c in cited})))
