"""Questions as an investigator asks them, answered from a store: resolve the names, load only the
subgraph the question needs, run the analysis.

The CLI (`kflow trace | first-knowledge | timeline | gaps | brokers`) and the app call these same
functions, so the two cannot drift apart in what they load or how they read a name. Each answer
carries the graph it was computed on, which names every node it mentions.

Dates in a window are YYYY, YYYY-MM or YYYY-MM-DD (`date_bounds.window`). A body or document is given by id or by name (resolved forgivingly, see `name_lookup`). A topic
is given by a Topic id, which designates that topic, or by a name, which designates every topic
whose name contains it ("child exploitation" also finds "child exploitation in Rotherham").

Every question reads the store as corrected (`graph.corrected`): rejected claims are left out and
merged nodes answer as one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import networkx as nx

from graph.analysis.conflicts import Fact, facts
from graph.analysis.date_bounds import window
from graph.analysis.errors import NodeNotFound
from graph.analysis.flows import ENDPOINT_LABELS, FlowPath, brokers, trace
from graph.analysis.gaps import GapsReport, gaps
from graph.analysis.graded import graded, graded_claims
from graph.analysis.knowledge import Knowledge, first_knowledge
from graph.analysis.name_lookup import BODY_LABELS, resolve_in_store
from graph.analysis.subgraph import (
    QUESTION_TYPES,
    load_body_graph,
    load_claims_graph,
    load_flow_graph,
    load_topic_graph,
    with_topic_layer,
)
from graph.analysis.timeline import Entry, timeline
from graph.corrected import corrected
from graph.model import Claim, Node
from graph.schema import SCHEMA
from graph.store import GraphStore

T = TypeVar("T")
MAX_TOPICS = 100  # topics a name may designate; a name matching more is too vague to answer on


@dataclass
class Answer(Generic[T]):
    """What a question found, and the graph it was found in (for node names)."""

    result: T
    graph: nx.MultiDiGraph


@dataclass
class Flows(Answer[list[FlowPath]]):
    """Flow paths, with the two bodies or documents the names resolved to."""

    source: Node
    target: Node


def topic_ids(store: GraphStore, topic: str) -> list[str]:
    """The Topic ids `topic` designates: itself when it is a stored Topic's id, else every topic
    whose name contains it (at most MAX_TOPICS).

    Raises
    ------
    NodeNotFound
        no topic matches.
    """
    node = store.get_node(topic) if ":" in topic else None
    if node is not None and node.label == "Topic":
        return [node.id]
    found = store.find_nodes(topic, label="Topic", limit=MAX_TOPICS)
    if not found:
        raise NodeNotFound(topic, "Topic")
    return [n.id for n in found]


def ask_trace(
    store: GraphStore,
    source: str,
    target: str,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
    allow_undated: bool = False,
    limit: int = 10,
    min_grade: str | None = None,
) -> Flows:
    """Time-respecting flows from `source` to `target`, shortest first.

    The date window bounds what is loaded even with `allow_undated`: `trace` keeps undated hops
    out of a window anyway, so loading beyond it only spent the node budget on unusable claims.
    """
    store = corrected(store)  # rejected claims and merged nodes are not seen (graph/corrected.py)
    since, until = window(since, until)
    a, b = (resolve_in_store(store, name, ENDPOINT_LABELS) for name in (source, target))
    G = graded(load_flow_graph(store, [a.id, b.id], since=since, until=until), store, min_grade)
    paths = trace(G, a.id, b.id, topic=topic, since=since, until=until, allow_undated=allow_undated, limit=limit)
    return Flows(paths, G, a, b)


def ask_first_knowledge(
    store: GraphStore, body: str, topic: str | None = None, min_grade: str | None = None
) -> Answer[Knowledge]:
    """When `body` first knew about `topic` (anything when None), on what evidence, and how;
    with `min_grade`, on claims graded at least that alone (graph/analysis/graded.py)."""
    store = corrected(store)  # rejected claims and merged nodes are not seen (graph/corrected.py)
    node = resolve_in_store(store, body, BODY_LABELS)
    G = graded(load_body_graph(store, node.id), store, min_grade)
    return Answer(first_knowledge(G, node.id, topic), G)


def ask_timeline(
    store: GraphStore,
    body: str | None = None,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_grade: str | None = None,
) -> Answer[list[Entry]]:
    """Every dated claim in order, about `body` and/or concerning `topic` (everything when neither)."""
    store = corrected(store)  # rejected claims and merged nodes are not seen (graph/corrected.py)
    since, until = window(since, until)
    body_id = resolve_in_store(store, body, BODY_LABELS).id if body else None
    if body_id:
        G = with_topic_layer(
            load_claims_graph(store, store.claims(body=body_id, since=since, until=until)), store, since, until
        )
    elif topic:
        G = load_topic_graph(store, topic_ids(store, topic), since, until)
    else:
        G = load_claims_graph(store, store.claims(types=list(SCHEMA.analysed_types), since=since, until=until))
    G = graded(G, store, min_grade)
    return Answer(timeline(G, body=body_id, topic=topic, since=since, until=until), G)


def ask_facts(
    store: GraphStore,
    body: str | None = None,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Answer[list[Fact]]:
    """The timeline's claims grouped by fact: which ones the sources date differently (conflicts)
    and how many independent sources agree on the rest (`graph.analysis.conflicts`)."""
    answer = ask_timeline(store, body, topic, since, until)
    claims = [e.claim for e in answer.result]
    return Answer(facts(with_denials(store, claims), answer.graph), answer.graph)


def with_denials(store: GraphStore, claims: list[Claim]) -> list[Claim]:
    """`claims` and the negated claims of the same facts (type and ends), with those facts' undated
    assertions: what `facts` needs to flag a fact one source asserts and another denies. Negated
    claims are hidden from every other question (graph/corrected.py)."""
    keys = {(c.type, c.from_id, c.to_id) for c in claims}
    if not keys:
        return list(claims)
    view = corrected(store).with_denials()
    found = view.claims_touching(sorted({k[1] for k in keys}), edge_types=sorted({k[0] for k in keys}))
    extra = [c for c in found if (c.type, c.from_id, c.to_id) in keys and (c.negated or not c.date_start)]
    denied = {(c.type, c.from_id, c.to_id) for c in extra if c.negated}
    return list(claims) + [c for c in extra if (c.type, c.from_id, c.to_id) in denied]


def ask_gaps(store: GraphStore, topic: str | None = None, min_grade: str | None = None) -> Answer[GapsReport]:
    """Per body: first knowledge of `topic` (anything when None) and the time to its first later
    action, or its silence; with `min_grade`, on claims graded at least that alone."""
    store = corrected(store)  # rejected claims and merged nodes are not seen (graph/corrected.py)
    if topic:
        G = load_topic_graph(store, topic_ids(store, topic))
    else:
        G = with_topic_layer(load_claims_graph(store, store.claims(types=QUESTION_TYPES)), store)
    G = graded(G, store, min_grade)
    return Answer(gaps(G, topic), G)


def broker_ranking(claims: Iterable[Claim], top: int = 10) -> list[tuple[str, float]]:
    """(body id, betweenness) of the bodies most flows among `claims` pass through, highest first."""
    G = load_claims_graph(None, [c for c in claims if c.type in SCHEMA.transfer_types], with_nodes=False)  # type: ignore[arg-type]
    return [(body, score) for body, _, score in brokers(G, top=top)]


def ask_brokers(store: GraphStore, top: int = 10, min_grade: str | None = None) -> list[tuple[str, float]]:
    """The bodies most flows in the store pass through (betweenness), highest first; with
    `min_grade`, the flows of claims graded at least that alone."""
    store = corrected(store)  # rejected claims and merged nodes are not seen (graph/corrected.py)
    return broker_ranking(graded_claims(store.claims(types=list(SCHEMA.transfer_types)), store, min_grade), top)
