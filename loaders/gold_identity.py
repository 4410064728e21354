"""Which stored nodes the gold files say are one entity: the yardstick for cross-document resolution.

A gold file lists the entities of one document. Across files, two gold entities are one when they
have the same type and one's name is the other's name or alias, and that name names one thing
(`names_something`: "Hidden in Plain Sight", not "minutes" or "Trust Board", which different
fictional worlds both use). `same` adds pairs the documents make one though the gold names differ
(the register's "Letter on exploitation of children in Eastmere and Westbrook" is the letter of
2 July 2014 that `letter_06` is).

A stored node belongs to a gold entity when a document it is cited from has that entity in its gold
file under the node's type and one of the node's names, as `kflow eval` matches entities. From that:
the duplicate rate (nodes that gold says are one entity but are separate) and wrong merges (a merge
joining nodes of two different gold entities).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from graph.model import Claim, Node
from graph.names import name_key
from loaders.cross_resolve import MergeCandidate, names_something
from loaders.gold import GoldEntity, GoldFile

EntityRef = tuple[int, int]  # (gold file index, entity index)


@dataclass
class GoldIdentity:
    """Gold entities grouped across files; `cluster[ref]` is the group's number."""

    golds: list[GoldFile]
    cluster: dict[EntityRef, int] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)  # cluster -> a name to show

    def node_clusters(
        self, nodes: Iterable[Node], claims: Iterable[Claim], sources: Iterable[Node]
    ) -> dict[str, set[int]]:
        """Node id -> the gold clusters it stands for, through the documents it is cited from."""
        source_of_file = {Path(s.props.get("path") or "").name: s.id for s in sources}
        by_source: dict[str, set[str]] = defaultdict(set)
        for claim in claims:
            by_source[claim.source_id].update((claim.from_id, claim.to_id))
        by_id = {n.id: n for n in nodes}
        found: dict[str, set[int]] = defaultdict(set)
        for index, gold in enumerate(self.golds):
            for node_id in by_source.get(source_of_file.get(Path(gold.source_file).name, ""), ()):
                node = by_id.get(node_id)
                if node is None:
                    continue
                keys = set(node.keys)
                for e_index, entity in enumerate(gold.entities):
                    if entity.type == node.label and entity.keys & keys:
                        found[node_id].add(self.cluster[(index, e_index)])
        return dict(found)


def gold_identity(golds: list[GoldFile], same: Iterable[tuple[str, str, str]] = ()) -> GoldIdentity:
    """Group the gold entities of all files; `same` lists (type, name, name) pairs known to be one."""
    graph = nx.Graph()
    by_type_key: dict[tuple[str, str], list[EntityRef]] = defaultdict(list)
    entities: dict[EntityRef, GoldEntity] = {}
    for index, gold in enumerate(golds):
        for e_index, entity in enumerate(gold.entities):
            ref = (index, e_index)
            entities[ref] = entity
            graph.add_node(ref)
            by_type_key[(entity.type, name_key(entity.name))].append(ref)
    for ref, entity in entities.items():
        for alias in (entity.name, *entity.aliases):
            if not names_something(alias):
                continue
            for other in by_type_key.get((entity.type, name_key(alias)), ()):
                if other[0] != ref[0]:
                    graph.add_edge(ref, other)
    for label, first, second in same:
        for a in by_type_key.get((label, name_key(first)), ()):
            for b in by_type_key.get((label, name_key(second)), ()):
                graph.add_edge(a, b)
    identity = GoldIdentity(golds)
    for number, component in enumerate(sorted(nx.connected_components(graph), key=min)):
        for ref in component:
            identity.cluster[ref] = number
        identity.names[number] = entities[min(component)].name
    return identity


@dataclass(frozen=True)
class DuplicateRate:
    """Nodes standing for gold entities, and how many of them are extra copies of one."""

    nodes: int
    entities: int
    split_entities: int  # gold entities present as more than one node

    @property
    def extra(self) -> int:
        return self.nodes - self.entities

    @property
    def rate(self) -> float:
        return self.extra / self.nodes if self.nodes else 0.0


def duplicate_rate(node_clusters: dict[str, set[int]], merges: Iterable[MergeCandidate] = ()) -> DuplicateRate:
    """The duplicate rate of nodes that stand for exactly one gold entity, after applying `merges`."""
    groups = nx.Graph()
    groups.add_nodes_from(node_clusters)
    groups.add_edges_from((m.keep_id, m.merge_id) for m in merges)
    group_of = {n: i for i, component in enumerate(nx.connected_components(groups)) for n in component}
    per_cluster: dict[int, set[int]] = defaultdict(set)
    for node_id, clusters in node_clusters.items():
        if len(clusters) == 1:
            per_cluster[next(iter(clusters))].add(group_of[node_id])
    nodes = sum(len(g) for g in per_cluster.values())
    return DuplicateRate(nodes, len(per_cluster), sum(1 for g in per_cluster.values() if len(g) > 1))


def wrong_merges(node_clusters: dict[str, set[int]], merges: Iterable[MergeCandidate]) -> list[MergeCandidate]:
    """Merges joining nodes that stand for different gold entities (and share none)."""
    return [
        m
        for m in merges
        if node_clusters.get(m.keep_id)
        and node_clusters.get(m.merge_id)
        and not node_clusters[m.keep_id] & node_clusters[m.merge_id]
    ]
