"""The graph schema as data: loads `schema.yaml` once so every layer shares one declaration."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

SCHEMA_FILE = Path(__file__).with_name("schema.yaml")
COMMON_NODE_PROPERTIES = {"id": "string", "name": "string", "aliases": "strings", "keys": "strings"}


@dataclass(frozen=True)
class NodeType:
    label: str
    prefix: str
    description: str
    properties: dict[str, str]

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


@cache
def load_schema(path: Path = SCHEMA_FILE) -> Schema:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    nodes = {
        label: NodeType(label, spec["prefix"], spec.get("description", ""), dict(spec.get("properties") or {}))
        for label, spec in raw["nodes"].items()
    }
    edges = {
        name: EdgeType(name, tuple(spec["from"]), tuple(spec["to"]), spec.get("description", ""))
        for name, spec in raw["edges"].items()
    }
    claim_properties = {name: spec["type"] for name, spec in raw["claim_properties"].items()}
    required = tuple(name for name, spec in raw["claim_properties"].items() if spec.get("required"))
    return Schema(nodes, edges, claim_properties, required, tuple(raw["date_precisions"]))


SCHEMA = load_schema()
NODE_LABELS: tuple[str, ...] = tuple(SCHEMA.nodes)
EDGE_TYPES: tuple[str, ...] = tuple(SCHEMA.edges)
