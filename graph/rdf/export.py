"""Streaming RDF export of a whole store: triples are written as the store is read, in batches.

Nothing is collected: `store.iter_nodes()` / `store.iter_claims()` feed a generator of
pyoxigraph triples straight into `pyoxigraph.serialize`, which writes as it goes, so memory stays
flat however large the graph. pyoxigraph writes every format here, JSON-LD included (streamed:
one node object per run of same-subject triples, no compaction, no @context).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Triple, serialize

from graph.corrected import corrected
from graph.model import Claim, Node
from graph.rdf.conflict_triples import FactTally, conflict_triples
from graph.rdf.grade_triples import claim_grade_triples, graded_nodes, latest_hand_grades
from graph.rdf.iris import DEFAULT_BASE, Minter
from graph.rdf.mapping import claim_triples, node_triples
from graph.rdf.n10s import write_n10s_star
from graph.rdf.vocab import PREFIXES
from graph.schema import SCHEMA
from graph.store import GraphStore

_OXIGRAPH_FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "trig": RdfFormat.TRIG,
}
FORMATS: tuple[str, ...] = (*_OXIGRAPH_FORMATS, "n10s-star")
EXTENSIONS = {"turtle": "ttl", "nt": "nt", "jsonld": "jsonld", "trig": "trig", "n10s-star": "ttls"}
MEDIA_TYPES = {
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "trig": "application/trig",
    "n10s-star": "text/x-turtlestar",
}
# Sources carry their full text, so nodes are read in smaller batches than claims.
NODE_BATCH = 1_000


class ExportError(ValueError):
    """An export that cannot be made as asked (unknown format, bad base IRI)."""


@dataclass
class ExportStats:
    nodes: int = 0
    claims: int = 0
    triples: int = 0


def export_rdf(
    store: GraphStore,
    out: BinaryIO,
    format: str = "turtle",
    base: str = DEFAULT_BASE,
    include_text: bool = False,
    batch_size: int = 10_000,
) -> ExportStats:
    """Write the whole store to the binary stream `out` as RDF; returns what was written.

    `format` is one of FORMATS. `base` is the IRI node ids are minted under. A Source's full
    text is left out unless `include_text` (it can be megabytes per file).
    """
    if format not in FORMATS:
        raise ExportError(f"unknown RDF format {format!r}; choose one of {', '.join(FORMATS)}")
    try:
        mint = Minter(base)
    except ValueError as error:
        raise ExportError(str(error)) from None
    store = corrected(store).with_denials()  # rejected claims and merged nodes stay out; denials are claims alone
    latest = latest_hand_grades(store)
    graded_ids = {target for (target, scale), grade in latest.items() if grade and scale == "information"}
    exported: set[str] = set()  # hand-graded claims seen in the stream, so no grade names a missing claim
    nodes = graded_nodes(_chain(store.iter_nodes(NODE_BATCH)), latest)
    tally = FactTally()  # the facts that may conflict, noted as claims stream past
    claims = tally.observe(_noting(_chain(store.iter_claims(batch_size)), graded_ids, exported))
    extra = _then(claim_grade_triples(latest, exported, mint), conflict_triples(store, tally, mint))
    return write_rdf(nodes, claims, out, format, mint, include_text, extra)


def write_rdf(
    nodes: Iterable[Node],
    claims: Iterable[Claim],
    out: BinaryIO,
    format: str,
    mint: Minter,
    include_text: bool = False,
    extra: Iterable[Triple] = (),
) -> ExportStats:
    """Serialise nodes then claims, then `extra` triples (hand grades), to `out`; the store-free
    core of `export_rdf` (and the benchmark's). The n10s-star format carries no `extra`."""
    stats = ExportStats()
    nodes, claims = _counted(nodes, stats, "nodes"), _counted(claims, stats, "claims")
    if format == "n10s-star":
        stats.triples = write_n10s_star(nodes, claims, out, mint, include_text)
        return stats
    if format == "trig":
        pairs = triples_by_graph(nodes, claims, mint, include_text)
        items: Iterator = _quads(_then(pairs, ((DefaultGraph(), t) for t in extra)), stats)
    else:
        items = _then(_triples(nodes, claims, mint, include_text, stats), _counted_triples(extra, stats))
    serialize(items, out, _OXIGRAPH_FORMATS[format], prefixes=_prefixes(format, mint))
    return stats


def _triples(
    nodes: Iterable[Node], claims: Iterable[Claim], mint: Minter, include_text: bool, stats: ExportStats
) -> Iterator[Triple]:
    for node in nodes:
        triples = list(node_triples(node, mint, include_text))
        stats.triples += len(triples)
        yield from triples
    direct: set[Triple] = set()
    for claim in claims:
        triples = _once(claim, list(claim_triples(claim, mint)), direct)
        stats.triples += len(triples)
        yield from triples


def _once(claim: Claim, triples: list[Triple], direct: set[Triple]) -> list[Triple]:
    """A claim's triples less its direct triple when another claim already asserted it (in the same
    graph): one statement, however many claims support it. Memory: one entry per distinct edge.
    A negated claim has no direct triple."""
    if claim.negated:
        return triples
    if triples[0] in direct:
        return triples[1:]
    direct.add(triples[0])
    return triples


def triples_by_graph(nodes: Iterable[Node], claims: Iterable[Claim], mint: Minter, include_text: bool):
    """(graph, triple) pairs for TriG: node descriptions in the default graph, each claim's
    triples in the named graph of the Source that asserts them."""
    default = DefaultGraph()
    for node in nodes:
        for triple in node_triples(node, mint, include_text):
            yield default, triple
    direct: dict[NamedNode, set[Triple]] = defaultdict(set)
    for claim in claims:
        graph = mint.node(claim.source_id)
        for triple in _once(claim, list(claim_triples(claim, mint)), direct[graph]):
            yield graph, triple


def _quads(pairs, stats: ExportStats) -> Iterator[Quad]:
    for graph, triple in pairs:
        stats.triples += 1
        yield Quad(triple.subject, triple.predicate, triple.object, graph)


def _counted(items: Iterable, stats: ExportStats, field: str) -> Iterator:
    for item in items:
        setattr(stats, field, getattr(stats, field) + 1)
        yield item


def _then(first: Iterable, second: Iterable) -> Iterator:
    yield from first
    yield from second


def _counted_triples(triples: Iterable[Triple], stats: ExportStats) -> Iterator[Triple]:
    for triple in triples:
        stats.triples += 1
        yield triple


def _noting(claims: Iterable[Claim], wanted: set[str], seen: set[str]) -> Iterator[Claim]:
    for claim in claims:
        if claim.id in wanted:
            seen.add(claim.id)
        yield claim


def _chain(batches: Iterable[list]) -> Iterator:
    for batch in batches:
        yield from batch


def _prefixes(format: str, mint: Minter) -> dict[str, str] | None:
    """Standard prefixes plus one per id prefix, so `<base>agency/home-office` reads `agency:home-office`."""
    if format in ("turtle", "trig"):
        id_prefixes = [t.prefix for t in SCHEMA.nodes.values()] + ["claim", "role", "conflict"]
        return {**PREFIXES, **{p: f"{mint.base}{p}/" for p in id_prefixes}}
    return None
