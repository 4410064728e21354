"""Nodes and claims, validated against the schema so that bad data never reaches a store."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Container
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any, NamedTuple

from graph.names import name_key, slug
from graph.schema import SCHEMA

# The id grammar: a node type's prefix, ':' and a slug of ASCII letters, digits, '-', '_', '.'.
# Everything kflow makes fits it (`node_id` slugs, `source:<sha256 prefix>`, `report:email-<slug>`,
# `claim:<sha1 prefix>`); nothing that HTML, a URL or a terminal treats specially can be in an id,
# so an id shown raw anywhere (the graph view's panel, a link) is inert.
ID_SLUG = r"[A-Za-z0-9._-]+"
NODE_ID = re.compile(rf"[a-z]+:{ID_SLUG}")
CLAIM_ID = re.compile(r"[A-Za-z0-9._:-]+")  # an imported claim's own id: the same characters, ':' anywhere
ID_RULE = "use only ASCII letters, digits, '-', '_' and '.' after the prefix"
# A claim's review status (None: as extracted). Set only by graph/corrections.py; see docs/corrections.md.
CLAIM_STATUSES = ("accepted", "rejected", "superseded", "withdrawn")
# What a claim says of its fact: it happened, or it is denied ("never received"). Negated claims are
# stored so conflicts can name them, but no analysis uses them as facts (graph/corrected.py).
POLARITIES = ("asserted", "negated")
NEGATED = "negated"
CLAIM_ID_RULE = "use only ASCII letters, digits, '-', '_', '.' and ':'"


class ModelError(ValueError):
    """Invalid node or claim; `field` names what is wrong so a user can fix the input."""

    def __init__(self, field_name: str, message: str):
        super().__init__(f"{field_name}: {message}")
        self.field = field_name


def node_id(label: str, name: str) -> str:
    """Stable id from a label and a canonical name: `node_id("Agency", "The Home Office")` -> `agency:home-office`."""
    if label not in SCHEMA.nodes:
        raise ModelError("label", f"unknown node type {label!r}; expected one of {', '.join(SCHEMA.nodes)}")
    return f"{SCHEMA.nodes[label].prefix}:{slug(name)}"


def _check_date(field_name: str, value: Any) -> None:
    if value is None:
        return
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ModelError(field_name, f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


def _check_props(label: str, props: dict[str, Any]) -> None:
    allowed = SCHEMA.nodes[label].properties
    for key, value in props.items():
        if key not in allowed:
            raise ModelError(f"props.{key}", f"not a property of {label}; allowed: {', '.join(allowed) or 'none'}")
        if allowed[key] == "date":
            _check_date(f"props.{key}", value)


@dataclass
class Node:
    id: str
    label: str
    name: str
    aliases: list[str] = field(default_factory=list)
    props: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.label not in SCHEMA.nodes:
            raise ModelError("label", f"unknown node type {self.label!r}; expected one of {', '.join(SCHEMA.nodes)}")
        if SCHEMA.label_of(self.id or "") != self.label:
            prefix = SCHEMA.nodes[self.label].prefix
            raise ModelError("id", f"{self.id!r} must start with '{prefix}:' for a {self.label}")
        if not NODE_ID.fullmatch(self.id):
            raise ModelError("id", f"{self.id!r} is not a valid id: {ID_RULE}")
        if not (self.name or "").strip():
            raise ModelError("name", f"node {self.id} has an empty name")
        _check_props(self.label, self.props)
        self.aliases = sorted({a for a in self.aliases if a and a != self.name})

    @property
    def keys(self) -> list[str]:
        """Lookup keys of the name and every alias; what `find_nodes` matches against."""
        if not self.aliases:
            key = name_key(self.name)
            return [key] if key else []
        return sorted({name_key(n) for n in [self.name, *self.aliases]} - {""})

    def merged_with(self, other: Node) -> Node:
        """This node with another sighting of it: aliases united, missing properties filled in. The merged
        node keeps this node's id, label and name, checked when this node was made, so only its properties
        are checked again (an extraction merges thousands of sightings; the same errors as `Node(...)`)."""
        props = {**other.props, **{k: v for k, v in self.props.items() if v is not None}}
        _check_props(self.label, props)
        merged = object.__new__(Node)
        merged.id, merged.label, merged.name = self.id, self.label, self.name
        merged.aliases = sorted({a for a in [*self.aliases, *other.aliases, other.name] if a and a != self.name})
        merged.props = props
        return merged


@dataclass(slots=True)  # a million claims in a bulk load: no per-claim __dict__, faster attribute reads
class Claim:
    type: str
    from_id: str
    to_id: str
    source_id: str
    sentence: str
    char_start: int
    char_end: int
    confidence: float
    extractor: str
    date_start: str | None = None
    date_end: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    role: str | None = None
    page: int | None = None
    status: str | None = None  # review status, kept in sync with the corrections layer (graph/corrections.py)
    polarity: str | None = (
        "asserted"  # "negated": the source denies the fact; a store's missing value reads as asserted
    )
    id: str = ""

    def __post_init__(self) -> None:
        self.polarity = self.polarity or "asserted"
        self._validate()
        if not self.id:
            self.id = claim_id(
                self.type, self.from_id, self.to_id, self.source_id, self.char_start, self.char_end, self.polarity
            )

    @property
    def negated(self) -> bool:
        return self.polarity == NEGATED

    def _validate(self) -> None:
        edge = SCHEMA.edges.get(self.type)
        if edge is None:
            raise ModelError("type", f"unknown edge type {self.type!r}; expected one of {', '.join(SCHEMA.edges)}")
        for end, allowed in (("from_id", edge.from_labels), ("to_id", edge.to_labels)):
            label = SCHEMA.label_of(getattr(self, end) or "")
            if label not in allowed:
                raise ModelError(
                    end,
                    f"{getattr(self, end)!r} cannot be the {end[:-3]} end of {self.type}; expected {'/'.join(allowed)}",
                )
        for end in ("from_id", "to_id"):
            if not NODE_ID.fullmatch(getattr(self, end)):
                raise ModelError(end, f"{getattr(self, end)!r} is not a valid id: {ID_RULE}")
        for required in ("source_id", "sentence", "extractor"):
            if not (getattr(self, required) or "").strip():
                raise ModelError(required, f"a {self.type} claim needs evidence: {required} is missing")
        if SCHEMA.label_of(self.source_id) != "Source":
            raise ModelError("source_id", f"{self.source_id!r} is not a source id ('source:...')")
        if not NODE_ID.fullmatch(self.source_id):
            raise ModelError("source_id", f"{self.source_id!r} is not a valid id: {ID_RULE}")
        if self.id and not CLAIM_ID.fullmatch(self.id):
            raise ModelError("id", f"{self.id!r} is not a valid claim id: {CLAIM_ID_RULE}")
        if not (
            isinstance(self.char_start, int) and isinstance(self.char_end, int) and 0 <= self.char_start < self.char_end
        ):
            raise ModelError(
                "char_start", f"evidence span [{self.char_start}, {self.char_end}) must satisfy 0 <= start < end"
            )
        if not (
            isinstance(self.confidence, (int, float)) and not math.isnan(self.confidence) and 0 <= self.confidence <= 1
        ):
            raise ModelError("confidence", f"{self.confidence!r} must be a number between 0 and 1")
        if self.status is not None and self.status not in CLAIM_STATUSES:
            raise ModelError("status", f"{self.status!r}; expected one of {', '.join(CLAIM_STATUSES)}")
        if self.polarity not in POLARITIES:
            raise ModelError("polarity", f"{self.polarity!r}; expected one of {', '.join(POLARITIES)}")
        _check_date("date_start", self.date_start)
        _check_date("date_end", self.date_end)
        if self.date_start and self.date_end and self.date_end < self.date_start:
            raise ModelError("date_end", f"{self.date_end} is before date_start {self.date_start}")
        if self.date_precision is not None and self.date_precision not in SCHEMA.date_precisions:
            raise ModelError(
                "date_precision", f"{self.date_precision!r}; expected one of {', '.join(SCHEMA.date_precisions)}"
            )
        if (self.date_start or self.date_end) and self.date_precision is None:
            raise ModelError("date_precision", "a dated claim must say how precise its date is")

    def to_row(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Claim:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in row.items() if k in names})


def claim_id(
    edge_type: str,
    from_id: str,
    to_id: str,
    source_id: str,
    char_start: int,
    char_end: int,
    polarity: str | None = "asserted",
) -> str:
    """Deterministic claim id: the same statement read from the same span twice is the same claim.
    A denial of it from the same span is another claim (asserted ids are as they always were)."""
    denied = "|negated" if polarity == NEGATED else ""
    digest = hashlib.sha1(
        f"{edge_type}|{from_id}|{to_id}|{source_id}|{char_start}|{char_end}{denied}".encode()
    ).hexdigest()
    return f"claim:{digest[:20]}"


def _statement(claim: Claim) -> tuple:
    """What a claim id stands for: one statement read from one span. Two readings of it (two
    extractors, another confidence) are the same claim and the first is kept."""
    return (
        claim.type,
        claim.from_id,
        claim.to_id,
        claim.source_id,
        claim.char_start,
        claim.char_end,
        claim.sentence,
        claim.polarity,
    )


def _claim_words(claim: Claim) -> str:
    return f"{claim.type} {claim.from_id} -> {claim.to_id} from {claim.source_id} at [{claim.char_start}, {claim.char_end})"


class ClaimLink(NamedTuple):
    """What cross-document resolution reads of a claim: its type, ends, Source and date, without its
    sentence and evidence columns, so reading a whole store's claims touches a few narrow columns."""

    type: str
    from_id: str
    to_id: str
    source_id: str
    date_start: str | None
    date_precision: str | None

    @classmethod
    def of(cls, claim: Claim) -> ClaimLink:
        return cls(claim.type, claim.from_id, claim.to_id, claim.source_id, claim.date_start, claim.date_precision)


@dataclass
class Batch:
    """Nodes and claims written together: all of it lands or none of it does."""

    nodes: list[Node] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def deduplicated(self) -> Batch:
        """One node per id (sightings merged) and one claim per id, keeping first-seen order;
        ModelError if two claims with one id are different statements (type, ends, source, span, sentence)."""
        nodes, claims = self.nodes, self.claims
        if len({n.id for n in nodes}) != len(nodes):
            merged: dict[str, Node] = {}
            for node in nodes:
                merged[node.id] = merged[node.id].merged_with(node) if node.id in merged else node
            nodes = list(merged.values())
        if len({c.id for c in claims}) != len(claims):
            first: dict[str, Claim] = {}
            for claim in claims:
                seen = first.setdefault(claim.id, claim)
                if _statement(seen) != _statement(claim):  # keeping either would silently lose the other's evidence
                    raise ModelError(
                        "id",
                        f"two different claims share the id {claim.id!r}: {_claim_words(seen)} and {_claim_words(claim)}; "
                        "give each its own id (or leave id empty to have it computed)",
                    )
            claims = list(first.values())
        return Batch(list(nodes), list(claims))

    def check_references(self, stored: Container[str] = frozenset()) -> None:
        """Every claim end must be a node of this batch or one already stored."""
        ends = {c.from_id for c in self.claims} | {c.to_id for c in self.claims} | {c.source_id for c in self.claims}
        missing = {e for e in ends - {n.id for n in self.nodes} if e not in stored}
        if not missing:
            return
        for claim in self.claims:
            for end in ("from_id", "to_id", "source_id"):
                if getattr(claim, end) in missing:
                    raise ModelError(
                        end,
                        f"claim {claim.id} ({claim.type}) refers to {getattr(claim, end)!r}, which is neither in the batch nor stored",
                    )
