"""The graph schema as data: loads `schema.yaml` once so every layer shares one declaration.

Besides structure (labels, ends, properties) the schema says what each type *means*: how an
edge carries information, whether it dates knowledge or is an action, its RDF terms and its style
in the app. Analysis, RDF and the app read those roles here instead of keeping their own tables,
so a new edge type is one entry in the YAML. `KFLOW_SCHEMA` names another schema file (tests).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

DEFAULT_SCHEMA_FILE = Path(__file__).with_name("schema.yaml")
SCHEMA_FILE = Path(os.environ.get("KFLOW_SCHEMA") or DEFAULT_SCHEMA_FILE)
COMMON_NODE_PROPERTIES = {"id": "string", "name": "string", "aliases": "strings", "keys": "strings"}
Direction = Literal["forward", "backward"]
DIRECTIONS = ("forward", "backward")
# Yes/no roles an edge type may declare (see the comment above `edges:` in schema.yaml).
EDGE_FLAGS = ("dates_knowledge", "action", "dates_document", "links_topic", "derived")
EDGE_KEYS = {"from", "to", "description", "flow", "flow_to", "tie_order", "rdf", "style", *EDGE_FLAGS}
NODE_KEYS = {"prefix", "description", "properties", "actor", "rdf", "style"}


class SchemaError(ValueError):
    """A schema file that declares something inconsistent; the message names the type and key."""


@dataclass(frozen=True)
class NodeType:
    label: str
    prefix: str
    description: str
    properties: dict[str, str]
    actor: bool = False
    rdf_classes: tuple[str, ...] = ()
    name_predicate: str = "rdfs:label"
    style: dict[str, str] = field(default_factory=dict)

    @property
    def all_properties(self) -> dict[str, str]:
        """Common properties first, then this label's own, in declaration order."""
        return {**COMMON_NODE_PROPERTIES, **self.properties}


@dataclass(frozen=True)
class EdgeType:
    name: str
    from_labels: tuple[str, ...]
    to_labels: tuple[str, ...]
    description: str
    flow: Direction | None = None
    flow_to: dict[str, Direction] = field(default_factory=dict)
    tie_order: int | None = None
    flags: frozenset[str] = frozenset()
    predicate: dict[str, str] = field(default_factory=dict)
    activity: dict[str, str] | None = None
    membership: bool = False
    style: dict[str, str] = field(default_factory=dict)

    def has(self, role: str) -> bool:
        """Whether this edge type plays `role`: a flag, or `flow` / `activity` / `membership`."""
        if role in EDGE_FLAGS:
            return role in self.flags
        if role == "flow":
            return self.flow is not None
        if role == "activity":
            return self.activity is not None
        if role == "membership":
            return self.membership
        raise SchemaError(
            f"unknown edge role {role!r}; expected one of flow, activity, membership, {', '.join(EDGE_FLAGS)}"
        )

    def flow_for(self, object_label: str | None) -> Direction | None:
        """How information moves along a claim of this type whose object has `object_label`."""
        return self.flow_to.get(object_label or "", self.flow)


@dataclass(frozen=True)
class Schema:
    nodes: dict[str, NodeType]
    edges: dict[str, EdgeType]
    claim_properties: dict[str, str]
    required_claim_properties: tuple[str, ...]
    date_precisions: tuple[str, ...]
    labels_by_prefix: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.labels_by_prefix.update({t.prefix: t.label for t in self.nodes.values()})

    def label_for_prefix(self, prefix: str) -> str | None:
        return self.labels_by_prefix.get(prefix)

    def label_of(self, node_id: str) -> str | None:
        """The label a stable id belongs to (`agency:home-office` -> Agency), or None."""
        prefix, sep, rest = node_id.partition(":")
        if not sep or not rest:
            return None
        return self.labels_by_prefix.get(prefix)

    def edge_pairs(self, edge_type: str) -> list[tuple[str, str]]:
        edge = self.edges[edge_type]
        return [(a, b) for a in edge.from_labels for b in edge.to_labels]

    def edges_with(self, role: str) -> tuple[str, ...]:
        """Edge types playing `role` (`SCHEMA.edges_with("dates_knowledge")`), in declaration order."""
        return tuple(name for name, edge in self.edges.items() if edge.has(role))

    def edges_without(self, role: str) -> tuple[str, ...]:
        return tuple(name for name, edge in self.edges.items() if not edge.has(role))

    def flow(self, edge_type: str, object_label: str | None) -> Direction | None:
        """Direction information moves along a claim (None: not a flow hop, or an unknown type)."""
        edge = self.edges.get(edge_type)
        return edge.flow_for(object_label) if edge else None

    @property
    def actor_labels(self) -> tuple[str, ...]:
        """Node labels of bodies that send, receive, know and act (Agency, Person)."""
        return tuple(label for label, node in self.nodes.items() if node.actor)

    @property
    def analysed_types(self) -> tuple[str, ...]:
        """Edge types of neighbourhoods and analyses by default: all but derived bookkeeping (MENTIONS)."""
        return self.edges_without("derived")

    @property
    def handling_types(self) -> tuple[str, ...]:
        """Edges by which a body or document handles a document: flows and actions, not topic links.
        An analysis expands a neighbourhood along these, and adds the topic layer separately."""
        return tuple(
            n for n, e in self.edges.items() if (e.has("flow") or e.has("action")) and not e.has("links_topic")
        )

    @property
    def transfer_types(self) -> tuple[str, ...]:
        """Flow edges that pass a document on (topic knowledge left out): who passes to whom."""
        return tuple(n for n in self.edges_with("flow") if not self.edges[n].has("links_topic"))

    @property
    def receipt_types(self) -> tuple[str, ...]:
        """Flow edges bringing a document to a body: information always moves object -> actor subject."""
        actors = set(self.actor_labels)
        return tuple(
            n
            for n, e in self.edges.items()
            if set(e.from_labels) <= actors and e.to_labels and all(e.flow_for(t) == "backward" for t in e.to_labels)
        )

    @property
    def origination_types(self) -> tuple[str, ...]:
        """Flow edges by which a body puts out a document (sent, wrote): actor -> document only."""
        actors = set(self.actor_labels)
        return tuple(
            n
            for n, e in self.edges.items()
            if set(e.from_labels) <= actors
            and e.to_labels
            and all(e.flow_for(t) == "forward" and t not in actors for t in e.to_labels)
        )

    @property
    def engagement_types(self) -> tuple[str, ...]:
        """Flow edges from one body to another (commissioning): who set a body to work."""
        actors = set(self.actor_labels)
        return tuple(
            n
            for n, e in self.edges.items()
            if set(e.from_labels) <= actors and any(e.flow_for(t) == "forward" for t in set(e.to_labels) & actors)
        )


def _node(label: str, spec: dict[str, Any]) -> NodeType:
    _known_keys(f"node {label}", spec, NODE_KEYS)
    rdf = spec.get("rdf") or {}
    return NodeType(
        label,
        spec["prefix"],
        spec.get("description", ""),
        dict(spec.get("properties") or {}),
        bool(spec.get("actor")),
        tuple(rdf.get("classes") or ()),
        rdf.get("name", "rdfs:label"),
        dict(spec.get("style") or {}),
    )


def _edge(name: str, spec: dict[str, Any], labels: dict[str, NodeType]) -> EdgeType:
    where = f"edge {name}"
    _known_keys(where, spec, EDGE_KEYS)
    for end in ("from", "to"):
        unknown = [label for label in spec[end] if label not in labels]
        if unknown:
            raise SchemaError(f"{where}: {end} names unknown node type(s) {', '.join(unknown)}")
    flow, flow_to = spec.get("flow"), dict(spec.get("flow_to") or {})
    for direction in (flow, *flow_to.values()):
        if direction is not None and direction not in DIRECTIONS:
            raise SchemaError(f"{where}: flow {direction!r} must be forward or backward (or left out: none)")
    if (flow or flow_to) and not isinstance(spec.get("tie_order"), int):
        raise SchemaError(f"{where}: a flow edge needs an integer tie_order")
    rdf = spec.get("rdf") or {}
    return EdgeType(
        name,
        tuple(spec["from"]),
        tuple(spec["to"]),
        spec.get("description", ""),
        flow,
        flow_to,
        spec.get("tie_order"),
        frozenset(f for f in EDGE_FLAGS if spec.get(f)),
        dict(rdf.get("predicate") or {}),
        rdf.get("activity"),
        bool(rdf.get("membership")),
        dict(spec.get("style") or {}),
    )


def _known_keys(where: str, spec: dict[str, Any], known: set[str]) -> None:
    unknown = sorted(set(spec) - known)
    if unknown:
        raise SchemaError(f"{where}: unknown key(s) {', '.join(unknown)}; expected {', '.join(sorted(known))}")


@cache
def load_schema(path: Path = SCHEMA_FILE) -> Schema:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    nodes = {label: _node(label, spec) for label, spec in raw["nodes"].items()}
    edges = {name: _edge(name, spec, nodes) for name, spec in raw["edges"].items()}
    claim_properties = {name: spec["type"] for name, spec in raw["claim_properties"].items()}
    required = tuple(name for name, spec in raw["claim_properties"].items() if spec.get("required"))
    return Schema(nodes, edges, claim_properties, required, tuple(raw["date_precisions"]))


SCHEMA = load_schema()
NODE_LABELS: tuple[str, ...] = tuple(SCHEMA.nodes)
EDGE_TYPES: tuple[str, ...] = tuple(SCHEMA.edges)
