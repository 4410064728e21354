"""Conflicting and agreeing evidence: claims of one fact grouped, disagreements flagged, agreement counted.

A fact is a claim type with its two ends ("Home Office RECEIVED the 2002 report"). Sources often
state one fact more than once, and do not always agree on when: one says the report arrived in
2002, another in 2004. Claims of one fact whose date intervals overlap are one *reading* (they can
all be true at once); a fact with two or more readings is a conflict, and every reading names its
sentences and sources. Agreement is counted as independent sources: two sentences of one article
deriving the same year ("16 years ago" in a 2018 article, "from 2002") agree, but they are one
source, not corroboration.

A source may also deny a fact ("the council never received the review"): such a claim is stored
with polarity "negated" and is never a fact to any other analysis, but here it is set against the
claims it denies. A fact that one source asserts and another denies (at a time the assertion
falls in; an undated denial, "never", denies it at any time) is a conflict too, naming both.

Claims are deduplicated by id (type, ends, source, span) before they get here, so two claims of a
fact are always two different statements.

>>> from graph.model import Claim
>>> def said(source, year, start):
...     return Claim("RECEIVED", "agency:a", "report:r", source, f"It arrived in {year}.", start, start + 5,
...                  0.9, "test", f"{year}-01-01", f"{year}-12-31", "year")
>>> [fact] = facts([said("source:one", 2002, 0), said("source:two", 2004, 0)])
>>> fact.conflicting, [r.date for r in fact.readings]
(True, ['2002', '2004'])
>>> [fact] = facts([said("source:one", 2002, 0), said("source:one", 2002, 10)])
>>> fact.conflicting, len(fact.claims), fact.independent_sources
(False, 2, 1)
>>> never = Claim("RECEIVED", "agency:a", "report:r", "source:two", "It never arrived.", 0, 5, 0.9, "test",
...               polarity="negated")
>>> [fact] = facts([said("source:one", 2002, 0), never])
>>> fact.conflicting, fact.denied, [c.sentence for c in fact.denials]
(True, True, ['It never arrived.'])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.date_windows import Interval, claim_date, interval
from graph.analysis.evidence import claim_dict, node_name
from graph.model import Claim
from graph.schema import SCHEMA

NOT_FACTS = SCHEMA.edges_with("derived")
ALL_TIME: Interval = (date.min, date.max)  # what an undated denial ("never") denies


@dataclass
class Reading:
    """Claims of one fact whose dates can all be true together; `span` is where they overlap."""

    claims: list[Claim]
    span: Interval

    @property
    def date(self) -> str:
        """The date as the most precise of its claims says it (they agree on it)."""
        return claim_date(min(self.claims, key=lambda c: (interval(c)[1] - interval(c)[0], c.id)))

    @property
    def sources(self) -> list[str]:
        return sorted({c.source_id for c in self.claims})

    def to_dict(self, G: nx.MultiDiGraph | None = None) -> dict[str, Any]:
        return {"date": self.date, "sources": self.sources, "claims": [claim_dict(c, G) for c in self.claims]}


@dataclass
class Fact:
    """Every dated claim of one (type, from, to), split into readings that agree on a date."""

    type: str
    from_id: str
    to_id: str
    from_name: str
    to_name: str
    readings: list[Reading] = field(default_factory=list)
    denials: list[Claim] = field(default_factory=list)  # negated claims of the fact ("never received it")
    undated: list[Claim] = field(default_factory=list)  # undated assertions, kept only when the fact is denied

    @property
    def conflicting(self) -> bool:
        """The sources place the fact at dates that cannot all be true, or one denies what another asserts."""
        return len(self.readings) > 1 or self.denied

    @property
    def denied(self) -> bool:
        """A source denies the fact at a time another source asserts it."""
        spans = [r.span for r in self.readings] + [ALL_TIME] * bool(self.undated)
        return any(_overlap(denial_span(d), span) for d in self.denials for span in spans)

    @property
    def claims(self) -> list[Claim]:
        """Every claim of the fact: the assertions, then the denials."""
        return [c for r in self.readings for c in r.claims] + self.undated + self.denials

    @property
    def assertions(self) -> list[Claim]:
        return [c for r in self.readings for c in r.claims] + self.undated

    @property
    def span(self) -> Interval:
        return self.readings[0].span if self.readings else ALL_TIME

    @property
    def independent_sources(self) -> int:
        """Distinct source documents stating the fact (however many sentences each)."""
        return len({c.source_id for c in self.claims})

    @property
    def corroborated(self) -> bool:
        """Independent sources agree: two or more sources, one reading."""
        return not self.conflicting and self.independent_sources > 1

    def describe(self) -> str:
        """One line a reader understands: what the fact is and what the sources say about its date."""
        what = f"{self.from_name} {verb(self.type)} {self.to_name}"
        if self.denied:
            said = [f"{r.date} ({_count(len(r.sources), 'source')})" for r in self.readings]
            if self.undated:
                said.append(f"undated ({_count(len({c.source_id for c in self.undated}), 'source')})")
            denying = _count(len({c.source_id for c in self.denials}), "source")
            return f"Sources disagree on whether {what}: asserted {'; '.join(said)}; denied by {denying}"
        if self.conflicting:
            dates = "; ".join(f"{r.date} ({_count(len(r.sources), 'source')})" for r in self.readings)
            return f"Sources disagree on when {what}: {dates}"
        sources = self.independent_sources
        agree = f"{_count(len(self.claims), 'statement')} agree on {self.readings[0].date}"
        if sources == 1:
            return f"{what}: {agree}, all in one source (not independent corroboration)"
        return f"{what}: {agree}, corroborated by {sources} independent sources"

    def to_dict(self, G: nx.MultiDiGraph | None = None) -> dict[str, Any]:
        return {
            "type": self.type,
            "from": self.from_id,
            "from_name": self.from_name,
            "to": self.to_id,
            "to_name": self.to_name,
            "conflicting": self.conflicting,
            "independent_sources": self.independent_sources,
            "corroborated": self.corroborated,
            "summary": self.describe(),
            "readings": [r.to_dict(G) for r in self.readings],
            "denied": self.denied,
            "denials": [claim_dict(c, G) for c in self.denials],
            "undated": [claim_dict(c, G) for c in self.undated],
        }

    def sides(self) -> list[tuple[str, list[Claim]]]:
        """What each side says and its claims: every dated reading, undated assertions, the denials."""
        found = [(r.date, r.claims) for r in self.readings]
        if self.undated:
            found.append(("undated", self.undated))
        if self.denials:
            found.append(("denied", self.denials))
        return found


def verb(claim_type: str) -> str:
    """The plain-English verb of a claim type, from the schema's RDF label ("knew about")."""
    edge = SCHEMA.edges[claim_type]
    return edge.predicate.get("label") or claim_type.lower().replace("_", " ")


def facts(claims: Iterable[Claim], G: nx.MultiDiGraph | None = None) -> list[Fact]:
    """The dated claims grouped by fact, each fact split into readings, in date order, with the
    negated claims (denials) of each fact asserted somewhere.

    A reading is a set of claims sharing at least one day. Precise dates decide: 2002 and 2004 are
    two readings, and a vague "between 1998 and 2005" joins the earlier one (it contradicts
    neither). Undated and derived claims are left out: they cannot disagree on a date, except an
    undated assertion of a denied fact, which the denial contradicts. A fact only denied, never
    asserted, is no fact.
    """
    grouped: dict[tuple[str, str, str], dict[str, Claim]] = {}
    for claim in claims:
        if claim.type in NOT_FACTS:
            continue
        grouped.setdefault((claim.type, claim.from_id, claim.to_id), {})[claim.id] = claim
    found = []
    name = (lambda n: node_name(G, n)) if G is not None else (lambda n: n)
    for (kind, a, b), by_id in grouped.items():
        denials = sorted((c for c in by_id.values() if c.negated), key=lambda c: (c.source_id, c.id))
        dated = [c for c in by_id.values() if not c.negated and interval(c) is not None]
        undated = sorted((c for c in by_id.values() if not c.negated and interval(c) is None), key=lambda c: c.id)
        fact = Fact(kind, a, b, name(a), name(b), _readings(dated), denials, undated if denials else [])
        if fact.readings or fact.denied:
            found.append(fact)
    return sorted(found, key=lambda f: (f.span, f.type, f.from_id, f.to_id))


def denial_span(claim: Claim) -> Interval:
    """When a negated claim denies its fact: its dates, or all time when it gives none ("never")."""
    return interval(claim) or ALL_TIME


def _overlap(a: Interval, b: Interval) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def conflicts(claims: Iterable[Claim], G: nx.MultiDiGraph | None = None) -> list[Fact]:
    """Only the facts whose sources disagree on the date, or on whether it happened."""
    return [f for f in facts(claims, G) if f.conflicting]


def _readings(claims: list[Claim]) -> list[Reading]:
    """Narrowest dates first: a claim joins the first reading it shares a date with (narrowing its
    span), else opens a new one. Every reading's claims then share at least one day, and the
    precise dates, not a vague one overlapping them all, decide what disagrees."""
    readings: list[Reading] = []
    for claim in sorted(claims, key=lambda c: (interval(c)[1] - interval(c)[0], interval(c), c.id)):
        start, end = interval(claim)
        for reading in sorted(readings, key=lambda r: r.span):
            if start <= reading.span[1] and end >= reading.span[0]:
                reading.claims.append(claim)
                reading.span = (max(reading.span[0], start), min(reading.span[1], end))
                break
        else:
            readings.append(Reading([claim], (start, end)))
    for reading in readings:
        reading.claims.sort(key=lambda c: (interval(c), c.id))
    return sorted(readings, key=lambda r: r.span)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
