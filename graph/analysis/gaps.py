"""Gaps and silences: how long a body took to act on what it knew, and who never did."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.coverage import Coverage, silence_caveat, sources_about
from graph.analysis.date_windows import claim_date, interval
from graph.analysis.elapsed import elapsed
from graph.analysis.evidence import TopicMatcher, claim_dict, node_name
from graph.analysis.knowledge import first_knowledge
from graph.analysis.name_lookup import BODY_LABELS
from graph.model import Claim
from graph.placeholders import is_placeholder
from graph.schema import SCHEMA

ACTION_TYPES = SCHEMA.edges_with("action")
# Knowing more without acting (received, knew about): how long a silence lasted.
HEARING_TYPES = tuple(t for t in SCHEMA.edges_with("dates_knowledge") if t not in ACTION_TYPES)


@dataclass
class Gap:
    """A body's first knowledge of the topic and its first later action on it (None: a silence)."""

    body: str
    body_name: str
    knowledge: Claim
    action: Claim | None = None
    last_heard: Claim | None = None
    coverage: Coverage | None = None  # sources about the body from its first knowledge on

    @property
    def elapsed(self) -> str | None:
        """Knowing to acting at the coarser precision of the two dates ("within the same decade")."""
        return None if self.action is None else elapsed(self.knowledge, self.action)[2]

    @property
    def caveat(self) -> str | None:
        """For a silence on thin evidence, why it may be the record's silence, not the body's."""
        return silence_caveat(self.body_name, self.coverage) if self.silent and self.coverage else None

    @property
    def silent(self) -> bool:
        return self.action is None

    @property
    def days(self) -> int | None:
        """Days from the start of first knowledge to the start of the first action."""
        return None if self.action is None else (interval(self.action)[0] - interval(self.knowledge)[0]).days

    @property
    def years(self) -> int | None:
        """Whole calendar years between the two dates, which is what year-precise evidence supports."""
        return None if self.action is None else interval(self.action)[0].year - interval(self.knowledge)[0].year

    def to_dict(self, G: nx.MultiDiGraph | None = None) -> dict[str, Any]:
        return {
            "body": self.body,
            "body_name": self.body_name,
            "silent": self.silent,
            "knew": claim_date(self.knowledge),
            "acted": claim_date(self.action) if self.action else None,
            "days": self.days,
            "years": self.years,
            "elapsed": self.elapsed,
            "coverage": self.coverage.to_dict() if self.coverage else None,
            "caveat": self.caveat,
            "knowledge": claim_dict(self.knowledge, G),
            "action": claim_dict(self.action, G) if self.action else None,
            "last_heard": claim_dict(self.last_heard, G) if self.last_heard else None,
        }


@dataclass
class GapsReport:
    topic: str | None
    gaps: list[Gap] = field(default_factory=list)

    @property
    def acted(self) -> list[Gap]:
        return [g for g in self.gaps if not g.silent]

    @property
    def silences(self) -> list[Gap]:
        return [g for g in self.gaps if g.silent]


def gaps(G: nx.MultiDiGraph, topic: str | None = None) -> GapsReport:
    """For every body of G that knew about `topic`: the time to its first later action on it.

    Knowledge is as in `first_knowledge`. An action is a dated claim by the body that it
    commissioned, authored, published or sent something concerning the topic, starting no
    earlier than the knowledge starts. When the first evidence of knowing is itself such an act
    (the body wrote the report), the gap is zero. Receiving or knowing more is not acting. A body
    with knowledge and no later action is a silence; `last_heard` is the latest thing it received
    or knew on the topic, to show how long the silence lasted, and `coverage` how many sources say
    anything dated about the body from then on (a silence on one source gets a `caveat`).
    """
    matcher = TopicMatcher(G, topic)
    report = GapsReport(topic)
    bodies = sorted(
        n
        for n, data in G.nodes(data=True)
        if data.get("label") in BODY_LABELS and not is_placeholder(n, data.get("props"))  # an unnamed party is no body
    )
    for body in bodies:
        known = first_knowledge(G, body, topic, max_chain_hops=0) if G.out_degree(body) else None
        if known is None or not known.found:
            continue
        start = interval(known.claim)[0]
        own = [c for _, _, c in G.out_edges(body, data="claim") if interval(c) and matcher.claim(c)]
        actions = [c for c in own if c.type in ACTION_TYPES and interval(c)[0] >= start]
        heard = [c for c in own if c.type in HEARING_TYPES]
        gap = Gap(body, node_name(G, body), known.claim)
        gap.coverage = Coverage(sources_about(G, body, start=start), f"from {claim_date(known.claim)} on")
        gap.action = min(actions, key=lambda c: (interval(c)[0], c.id)) if actions else None
        gap.last_heard = max(heard, key=lambda c: (interval(c)[1], c.id)) if heard else None
        report.gaps.append(gap)
    report.gaps.sort(key=lambda g: (g.silent, interval(g.knowledge)[0], g.body))
    return report
