"""Conflicting evidence in the RDF export: each fact the sources disagree on as a `kflow:Conflict`.

A conflict names the fact (`kflow:edgeType`, `kflow:subject`, `kflow:predicate`, `kflow:object`)
and has one `kflow:Reading` per side: each dated reading, the undated assertions, and the denials
(`kflow:polarity "negated"`), every reading linking its claims (`kflow:claim`) and their sources
(`prov:wasDerivedFrom`). The conflict also links every claim of both sides directly.

The export streams claims, so `FactTally` notes a few numbers per fact as they pass (the earliest
end and latest start of its dated assertions, whether it is asserted and whether denied); a fact
that may conflict is then read again from the store and judged by `graph.analysis.conflicts`, the
same rule `kflow conflicts` uses. Memory: one small entry per distinct fact, not per claim.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date

from pyoxigraph import Literal, NamedNode, Triple

from graph.analysis.conflicts import NOT_FACTS, Fact, conflicts
from graph.analysis.date_windows import interval
from graph.model import Claim
from graph.rdf.iris import Minter
from graph.rdf.vocab import EDGE_PREDICATES, KFLOW, PROV, RDF, RDFS
from graph.store import GraphStore

FactKey = tuple[str, str, str]  # claim type, from id, to id


class FactTally:
    """What the claims streamed past say of each fact, in four values, to find the facts that may conflict."""

    def __init__(self) -> None:
        self._facts: dict[FactKey, list] = {}  # [earliest end, latest start, asserted, denied]

    def observe(self, claims: Iterable[Claim]) -> Iterator[Claim]:
        """Pass `claims` through, noting each."""
        for claim in claims:
            if claim.type not in NOT_FACTS:
                entry = self._facts.setdefault(
                    (claim.type, claim.from_id, claim.to_id), [date.max, date.min, False, False]
                )
                if claim.negated:
                    entry[3] = True
                else:
                    entry[2] = True
                    span = interval(claim)
                    if span is not None:
                        entry[0], entry[1] = min(entry[0], span[1]), max(entry[1], span[0])
            yield claim

    def candidates(self) -> list[FactKey]:
        """Facts asserted and denied, or dated at times that do not all share a day."""
        return sorted(
            key for key, (end, start, asserted, denied) in self._facts.items() if asserted and denied or start > end
        )


def conflict_triples(store: GraphStore, tally: FactTally, mint: Minter) -> Iterator[Triple]:
    """The triples of every conflict among the facts `tally` saw; `store` must show negated claims
    (`corrected(store).with_denials()`), as the export that fed the tally does."""
    for kind, from_id, to_id in tally.candidates():
        claims = [c for c in store.claims_touching([from_id], edge_types=[kind]) if c.to_id == to_id]
        for fact in conflicts([c for c in claims if c.from_id == from_id]):
            fact.from_name, fact.to_name = _name(store, from_id), _name(store, to_id)
            yield from fact_triples(fact, mint)


def fact_triples(fact: Fact, mint: Minter) -> Iterator[Triple]:
    """One conflict: the fact it is about, its summary, and a reading per side with its claims and sources."""
    conflict_id = conflict_id_of(fact.type, fact.from_id, fact.to_id)
    node = mint.node(conflict_id)
    yield Triple(node, RDF.type, KFLOW.Conflict)
    yield Triple(node, KFLOW.edgeType, Literal(fact.type))
    yield Triple(node, KFLOW.subject, mint.node(fact.from_id))
    yield Triple(node, KFLOW.predicate, EDGE_PREDICATES[fact.type])
    yield Triple(node, KFLOW.object, mint.node(fact.to_id))
    yield Triple(node, RDFS.comment, Literal(fact.describe()))
    for number, (side, claims) in enumerate(fact.sides(), start=1):
        reading = mint.sub(conflict_id, f"reading-{number}")
        yield Triple(node, KFLOW.reading, reading)
        yield Triple(reading, RDF.type, KFLOW.Reading)
        yield Triple(reading, RDFS.label, Literal(side))
        yield Triple(reading, KFLOW.polarity, Literal("negated" if claims[0].negated else "asserted"))
        for claim in claims:
            yield from _claim_links(node, reading, claim, mint)


def conflict_id_of(claim_type: str, from_id: str, to_id: str) -> str:
    """A stable id for the conflict over one fact: `conflict:` and a hash of the fact."""
    return "conflict:" + hashlib.sha1(f"{claim_type}|{from_id}|{to_id}".encode()).hexdigest()[:20]


def _claim_links(conflict: NamedNode, reading: NamedNode, claim: Claim, mint: Minter) -> Iterator[Triple]:
    yield Triple(conflict, KFLOW.claim, mint.node(claim.id))
    yield Triple(reading, KFLOW.claim, mint.node(claim.id))
    yield Triple(reading, PROV.wasDerivedFrom, mint.node(claim.source_id))


def _name(store: GraphStore, node_id: str) -> str:
    node = store.get_node(node_id)
    return node.name if node else node_id
