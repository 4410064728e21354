"""The graph as corrected: a read view over any store that applies the corrections layer.

Every analysis (graph/analysis/questions.py), export (graph/rdf/export.py, the app's CSVs) and app
page reads through `corrected(store)`, so corrections are applied in this one place:

- claims rejected, superseded by an edit, or withdrawn (a reverted hand claim) are left out;
- a node merged into another is left out and its claims point at the kept node, which carries
  its names as aliases; asking for the merged node gives the kept one;
- claims moved by a split point at the new node;
- negated claims (a source's denial: "never received the report") are not facts, so they are left
  out too; only the conflicts question asks for them (`with_denials()`), to set them against the
  claims they deny (graph/analysis/conflicts.py).

Writes, counts, `query` (raw Cypher: shows stored claims with their status) and the correction
methods pass straight to the store underneath (`raw`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from graph.correction_record import Correction
from graph.corrections import HIDDEN_STATUSES, active_merges, load, statuses
from graph.model import Claim, ClaimLink, Node
from graph.store import GraphStore, Subgraph


class CorrectedStore:
    """A GraphStore whose reads show the corrected graph (see the module docstring)."""

    def __init__(self, raw: GraphStore, corrections: list[Correction]):
        self.raw = raw
        self.dialect = raw.dialect
        status = statuses(corrections)
        self._hidden_claims = {claim_id for claim_id, s in status.items() if s in HIDDEN_STATUSES}
        direct = active_merges(corrections)
        self._merged_into = {node: merge_root(node, direct) for node in direct}
        self._moved: dict[str, tuple[str, str]] = {}  # claim id -> (node it leaves, node it joins)
        self._hidden_nodes = set(self._merged_into)
        for c in corrections:
            if c.kind == "split":
                if c.active:
                    for claim_id in c.payload.get("claims", []):
                        self._moved[claim_id] = (c.targets[0], c.targets[1])
                else:
                    self._hidden_nodes.add(c.targets[1])
        self._members: dict[str, set[str]] = {}  # node -> stored nodes whose claims it shows
        for node, root in self._merged_into.items():
            self._members.setdefault(root, {root}).add(node)
        for left, joined in self._moved.values():
            self._members.setdefault(self.canonical(joined), {self.canonical(joined)}).add(left)
        self._merged_names: dict[str, list[str]] | None = None
        self.denials_seen = False

    def with_denials(self) -> CorrectedStore:
        """This view with negated claims shown (each carries `polarity` "negated")."""
        view = object.__new__(CorrectedStore)  # not copy.copy: __getattr__ would be asked before raw is set
        view.__dict__.update(self.__dict__, denials_seen=True)
        return view

    def __getattr__(self, name: str) -> Any:  # writes, counts, query, corrections: the raw store's
        return getattr(self.raw, name)

    # -- how one claim and one node are seen ---------------------------------------------------

    def canonical(self, node: str) -> str:
        return self._merged_into.get(node, node)

    def claim(self, claim: Claim) -> Claim | None:
        """The claim as corrected, or None when it is not to be seen."""
        if claim.id in self._hidden_claims or claim.status in HIDDEN_STATUSES:
            return None
        if claim.negated and not self.denials_seen:
            return None
        ends = [self.canonical(claim.from_id), self.canonical(claim.to_id)]
        move = self._moved.get(claim.id)
        if move:
            left, joined = self.canonical(move[0]), self.canonical(move[1])
            ends = [joined if end == left else end for end in ends]
        if ends == [claim.from_id, claim.to_id]:
            return claim
        return dataclasses.replace(claim, from_id=ends[0], to_id=ends[1])

    def claims_seen(self, claims: Iterable[Claim]) -> list[Claim]:
        return [seen for seen in map(self.claim, claims) if seen is not None]

    def node(self, node: Node) -> Node | None:
        if node.id in self._hidden_nodes:
            return None
        extra = self._names_merged_into().get(node.id)
        return Node(node.id, node.label, node.name, [*node.aliases, *extra], dict(node.props)) if extra else node

    def _names_merged_into(self) -> dict[str, list[str]]:
        if self._merged_names is None:
            self._merged_names = {}
            if self._merged_into:
                merged = self.raw.neighbourhood(sorted(self._merged_into), hops=0).nodes.values()
                for node in merged:
                    names = self._merged_names.setdefault(self.canonical(node.id), [])
                    names.extend([node.name, *node.aliases])
        return self._merged_names

    def _stored_ids(self, ids: Iterable[str]) -> list[str]:
        """The stored nodes whose claims the nodes `ids` show (themselves and what was merged or moved in)."""
        found: set[str] = set()
        for node in ids:
            root = self.canonical(node)
            found |= self._members.get(root, {root}) | {node}
        return sorted(found)

    # -- reads ---------------------------------------------------------------------------------

    def get_node(self, node_id: str) -> Node | None:
        found = self.raw.get_node(self.canonical(node_id))
        return self.node(found) if found else None

    def find_nodes(self, name: str, label: str | None = None, limit: int = 20) -> list[Node]:
        found: dict[str, Node] = {}
        for node in self.raw.find_nodes(name, label, limit):
            root = self.canonical(node.id)
            if root not in found:
                seen = self.node(node) if root == node.id else self.get_node(root)
                if seen is not None:
                    found[root] = seen
        return list(found.values())

    def neighbourhood(self, node_ids, hops=1, since=None, until=None, edge_types=None, max_nodes=5000) -> Subgraph:  # noqa: ANN001 - the protocol's signature
        sub = self.raw.neighbourhood(self._stored_ids(node_ids), hops, since, until, edge_types, max_nodes)
        seen = Subgraph()
        for node in sub.nodes.values():
            shown = self.node(node)
            if shown is not None:
                seen.nodes[shown.id] = shown
        missing = {self.canonical(n) for n in sub.nodes} - seen.nodes.keys() - self._hidden_nodes
        for node in self.raw.neighbourhood(sorted(missing), hops=0).nodes.values() if missing else []:
            shown = self.node(node)
            if shown is not None:
                seen.nodes[shown.id] = shown
        for claim in self.claims_seen(sub.claims.values()):
            if claim.from_id in seen.nodes and claim.to_id in seen.nodes:
                seen.claims[claim.id] = claim
        return seen

    def claims_touching(self, node_ids, edge_types=None, since=None, until=None) -> list[Claim]:  # noqa: ANN001
        wanted = {self.canonical(n) for n in node_ids}
        found = self.raw.claims_touching(self._stored_ids(node_ids), edge_types, since, until)
        return [c for c in self.claims_seen(found) if c.from_id in wanted or c.to_id in wanted]

    def claims(self, types=None, body=None, since=None, until=None, source_id=None, limit=None) -> list[Claim]:  # noqa: ANN001
        if body is None:
            found = self.claims_seen(self.raw.claims(types, None, since, until, source_id, None))
        else:
            root, found = self.canonical(body), []
            for stored in self._stored_ids([body]):
                found += self.claims_seen(self.raw.claims(types, stored, since, until, source_id, None))
            found = list({c.id: c for c in found if root in (c.from_id, c.to_id)}.values())
        found.sort(key=lambda c: (c.date_start or "9999", c.id))
        return found[:limit] if limit else found

    def claims_of_sources(self, source_ids: list[str]) -> list[Claim]:
        return self.claims_seen(self.raw.claims_of_sources(source_ids))

    def claims_by_id(self, claim_ids: list[str]) -> list[Claim]:
        return self.claims_seen(self.raw.claims_by_id(claim_ids))

    def iter_nodes(self, batch_size: int = 10_000, labels: Sequence[str] | None = None) -> Iterator[list[Node]]:
        for batch in self.raw.iter_nodes(batch_size, labels):
            shown = [n for n in map(self.node, batch) if n is not None]
            if shown:
                yield shown

    def iter_claims(self, batch_size: int = 10_000) -> Iterator[list[Claim]]:
        for batch in self.raw.iter_claims(batch_size):
            shown = self.claims_seen(batch)
            if shown:
                yield shown

    def iter_claim_links(self, batch_size: int = 10_000) -> Iterator[list[ClaimLink]]:
        """The corrected claims' links: merges and corrections applied, so read whole (cross-document
        resolution reads the raw store's lean links instead)."""
        for batch in self.iter_claims(batch_size):
            yield [ClaimLink.of(claim) for claim in batch]


def merge_root(node: str, direct: dict[str, str]) -> str:
    """The node `node` was merged into, following merges of merges (a cycle stops where it closes)."""
    seen = {node}
    while node in direct and direct[node] not in seen:
        node = direct[node]
        seen.add(node)
    return node


def corrected(store: GraphStore) -> CorrectedStore:
    """`store` as corrected (itself when it already is a corrected view)."""
    if isinstance(store, CorrectedStore):
        return store
    return CorrectedStore(store, load(store))


def raw_store(store: GraphStore) -> GraphStore:
    """The store underneath a corrected view (or the store itself)."""
    return store.raw if isinstance(store, CorrectedStore) else store
