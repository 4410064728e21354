"""Cross-document resolution at corpus scale (issue 12): it runs after every load over the whole
store, so it reads only the columns it needs and finds pairs by key, never pair by pair in Python.
The indexed rules must find exactly what the pair-by-pair rules found. FICTIONAL names only."""

from __future__ import annotations

import itertools
import random

from rapidfuzz import fuzz

from graph.model import Batch, Claim, ClaimLink, Node, node_id
from graph.names import name_key
from loaders.cross_resolve import (
    _REPLY,
    TITLE_BLOCK,
    TITLE_THRESHOLD,
    _head_words,
    find_duplicates,
    is_distinctive,
    names_something,
)

WORDS = [
    "harbour",
    "water",
    "civic",
    "audit",
    "review",
    "letter",
    "northshire",
    "eastmere",
    "westbrook",
    "council",
    "survey",
]
SOURCES = [f"source:{i:016x}" for i in range(6)]


def _titles(rng: random.Random, count: int) -> list[str]:
    """Fictional report titles; about a third are one-letter misspellings of another."""
    titles: list[str] = []
    for _ in range(count):
        if titles and rng.random() < 0.35:
            base = rng.choice(titles)
            at = rng.randrange(len(base))
            titles.append(base[:at] + rng.choice("aeiou") + base[at + 1 :])
        else:
            titles.append(" ".join(rng.choice(WORDS).title() for _ in range(rng.randint(3, 6))) + " Findings")
    return titles


def _pairwise_titles(nodes: list[Node]) -> set[tuple[str, str]]:
    """The rule as it was first written: every pair compared in Python (the reference), over the same
    candidates: titles that name one thing (all-generic ones such as "Letter Survey Review Findings" never
    join, since "findings" became a document noun)."""
    titled = [
        (n, name_key(n.name))
        for n in nodes
        if len(n.name) >= 12 and is_distinctive(name_key(n.name)) and names_something(n.name)
    ]
    found = set()
    for (a, key), (b, other) in itertools.combinations(titled, 2):
        if key == other or len(key.split()) != len(other.split()) or _REPLY.match(key + " " + other):
            continue
        if fuzz.ratio(key, other) >= TITLE_THRESHOLD:
            found.add((a.id, b.id))
    return found


def test_report_titles_found_in_blocks_are_the_pairs_found_one_by_one():
    rng = random.Random(12)
    names = sorted(set(_titles(rng, TITLE_BLOCK + 300)))  # more titles than one block of rows
    nodes = [Node(node_id("Report", name), "Report", name) for name in names]
    links = {(c.keep_id, c.merge_id) for c in find_duplicates(nodes, []) if c.rule == "report-title"} | {
        (c.merge_id, c.keep_id) for c in find_duplicates(nodes, []) if c.rule == "report-title"
    }
    reference = _pairwise_titles(nodes)
    assert len(reference) > 20, "the fixture must hold near-identical titles"
    # candidates join each group to one kept node, so compare the groups the pairs make
    assert _groups(reference) == _groups(links)


def _groups(pairs: set[tuple[str, str]]) -> set[frozenset[str]]:
    import networkx as nx

    return {frozenset(c) for c in nx.connected_components(nx.Graph(list(pairs)))}


def test_topic_heads_found_by_index_are_the_ones_found_pair_by_pair():
    rng = random.Random(7)
    topics = sorted(
        {
            " ".join(rng.sample(["abuse", "children", "care", "homes", "eastmere", "failures", "police", "audits"], k))
            for k in (1, 2, 2, 3, 3, 4)
            for _ in range(40)
        }
    )
    nodes = [Node(node_id("Topic", t), "Topic", t) for t in topics]
    claims = [
        Claim(
            "CONCERNS", node_id("Report", "Synthetic Review"), n.id, rng.choice(SOURCES), "Synthetic.", 0, 10, 0.9, "t"
        )
        for n in nodes
    ]
    found = {(c.keep_id, c.merge_id) for c in find_duplicates(nodes, claims) if c.rule == "topic-head"}
    heads = {n.id: _head_words(n.name) for n in nodes}
    sources = {c.to_id: {c.source_id} for c in claims}
    reference = set()
    for i, node in enumerate(nodes):
        words = heads[node.id]
        if len(words) < 2:
            continue
        reference |= {(node.id, o.id) for o in nodes[i + 1 :] if heads[o.id] == words}
        wider = [o for o in nodes if heads[o.id] > words and sources[node.id] & sources[o.id]]
        if len({heads[o.id] for o in wider}) == 1:
            reference.add((wider[0].id, node.id))
    assert len(reference) > 10
    assert _groups(found | {(b, a) for a, b in found}) == _groups(reference)


def test_claim_links_carry_what_resolution_reads_and_nodes_can_leave_out_sources(store):
    """Both backends: the narrow claim read equals the whole one, and a labels filter skips Sources."""
    source = Node(SOURCES[0], "Source", "Synthetic note", props={"text": "Synthetic text about a fictional board."})
    board, report = (
        Node(node_id("Agency", "Northshire Water Board"), "Agency", "Northshire Water Board"),
        Node(node_id("Report", "Synthetic Leak Survey"), "Report", "Synthetic Leak Survey"),
    )
    claims = [
        Claim("SENT", board.id, report.id, source.id, "Synthetic.", 0, 10, 0.9, "t", "2014-03-02", "2014-03-02", "day"),
        Claim("AUTHORED", board.id, report.id, source.id, "Synthetic.", 12, 20, 0.8, "t"),
    ]
    store.upsert(Batch(nodes=[source, board, report], claims=claims))
    links = sorted(link for page in store.iter_claim_links(batch_size=1) for link in page)
    assert links == sorted(ClaimLink.of(c) for c in claims)
    labels = {n.label for page in store.iter_nodes(labels=["Agency", "Report"]) for n in page}
    assert labels == {"Agency", "Report"}
    assert "Source" in {n.label for page in store.iter_nodes() for n in page}
