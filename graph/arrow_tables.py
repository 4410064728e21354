"""Nodes and claims as Arrow tables: the embedded store's `COPY ... FROM` input.

Claims are transposed into columns in one pass (one C-level attribute fetch per claim) and every
later step of a write (duplicate check, reference check, known-id filter, split per relationship
table) works on those columns, because at a million claims each extra pass over Python objects
costs about a second.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graph.column_checks import ARROW_TYPES, checked_claims, checked_nodes
from graph.model import Batch, Claim, ModelError, Node, claim_id
from graph.names import name_key
from graph.schema import SCHEMA

CLAIM_COLUMNS = list(SCHEMA.claim_properties)
_CLAIM_ATTRIBUTES = ("type", "from_id", "to_id", *CLAIM_COLUMNS)
_CLAIM_TYPES = {
    "type": pa.string(),
    "from": pa.string(),
    "to": pa.string(),
    **{n: ARROW_TYPES[t] for n, t in SCHEMA.claim_properties.items()},
}


@dataclass
class ClaimColumns:
    """Claims as columns: `table` in COPY order (from, to, properties) plus `type`, and the ids
    as a Python list, because set arithmetic on a million ids is faster there than in Arrow."""

    table: pa.Table
    ids: list[str]
    _ends: set[str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, claims: list[Claim]) -> ClaimColumns:
        columns = {
            name: list(map(attrgetter(name), claims)) for name in _CLAIM_ATTRIBUTES
        }  # per column: no per-claim tuples for the GC to walk
        columns["from"], columns["to"] = columns.pop("from_id"), columns.pop("to_id")
        table = pa.table(
            {name: _array(columns[name], _CLAIM_TYPES[name]) for name in ("type", "from", "to", *CLAIM_COLUMNS)}
        )
        return cls(table, columns["id"])

    @classmethod
    def from_arrow(cls, table: pa.Table) -> ClaimColumns:
        """Claims given as columns (the `Claim` field names), checked with the model's rules.
        A missing or null `id` is computed as `claim_id` would; a given id is kept, as `Claim` keeps it."""
        checked = checked_claims(table)
        ids = checked["id"]
        if ids.null_count:
            ids = pa.chunked_array([_fill_claim_ids(checked)])
        columns = {
            "type": checked["type"],
            "from": checked["from_id"],
            "to": checked["to_id"],
            **{name: ids if name == "id" else checked[name] for name in CLAIM_COLUMNS},
        }
        return cls(pa.table(columns), ids.to_pylist())

    def __len__(self) -> int:
        return len(self.ids)

    def ends(self) -> set[str]:
        """Every node a claim refers to: both ends and the source (deduplicated in Arrow first)."""
        if self._ends is None:
            self._ends = set()
            for column in ("from", "to", "source_id"):
                self._ends.update(pc.unique(self.table[column]).to_pylist())
        return self._ends

    def missing_end(self, missing: set[str]) -> ModelError:
        """The error for the first claim that refers to a node in `missing`, worded as the model words it."""
        columns = {
            end: self.table[column].to_pylist()
            for end, column in (("from_id", "from"), ("to_id", "to"), ("source_id", "source_id"))
        }
        for n, claim_id_ in enumerate(self.ids):
            for end, values in columns.items():
                if values[n] in missing:
                    edge_type = self.table["type"][n].as_py()
                    return ModelError(
                        end,
                        f"claim {claim_id_} ({edge_type}) refers to {values[n]!r}, which is neither in the batch nor stored",
                    )
        raise ValueError("no claim refers to the missing nodes")

    def without(self, known: set[str]) -> ClaimColumns:
        """The claims whose ids are not in `known` (already stored)."""
        if not known:
            return self
        keep = [i not in known for i in self.ids]
        if all(keep):
            return self
        return ClaimColumns(self.table.filter(pa.array(keep)), [i for i, k in zip(self.ids, keep) if k])

    def by_table(self) -> dict[tuple[str, str, str], Callable[[], pa.Table]]:
        """COPY input per relationship table pair, (edge type, from label, to label) -> a builder.
        Masks come from `starts_with` on the id prefixes (a few vectorised passes); the filtering
        itself is deferred so the store can build one table while it copies another."""
        if not len(self):
            return {}
        table = self.table
        is_type = {t: pc.equal(table["type"], t) for t in pc.unique(table["type"]).to_pylist()}
        prefixes = {label: f"{node.prefix}:" for label, node in SCHEMA.nodes.items()}
        ends: dict[tuple[str, str], pa.ChunkedArray] = {}

        def starts(end: str, label: str) -> pa.ChunkedArray:
            if (end, label) not in ends:
                ends[end, label] = pc.starts_with(table[end], prefixes[label])
            return ends[end, label]

        builders: dict[tuple[str, str, str], Callable[[], pa.Table]] = {}
        placed = 0
        for edge_type, type_mask in is_type.items():
            pairs = SCHEMA.edge_pairs(edge_type)
            for from_label, to_label in pairs:
                mask = (
                    type_mask
                    if len(pairs) == 1
                    else pc.and_(type_mask, pc.and_(starts("from", from_label), starts("to", to_label)))
                )
                rows = pc.sum(mask).as_py() or 0
                if rows:
                    builders[edge_type, from_label, to_label] = partial(_rows_to_copy, table, mask)
                    placed += rows
        if placed != len(self):  # Claim validation makes this impossible; refuse rather than drop claims
            raise ModelError("from_id", f"{len(self) - placed} claims have ends that fit no relationship table")
        return builders


def _rows_to_copy(table: pa.Table, mask: pa.ChunkedArray) -> pa.Table:
    """The rows of one relationship table, ordered by their from end: Ladybug groups a COPY's
    relationships by source node, and input already in that order copies about a fifth faster
    (500,000 claims: 2.1 s against 2.6 s), more than the sort costs in the builder thread."""
    rows = pc.indices_nonzero(mask.combine_chunks() if isinstance(mask, pa.ChunkedArray) else mask)
    order = pc.sort_indices(table["from"].take(rows))
    return table.take(rows.take(order)).select(["from", "to", *CLAIM_COLUMNS])


def node_table(label: str, nodes: list[Node]) -> pa.Table:
    """COPY input for one node table; `keys` are the name keys `find_nodes` matches."""
    columns = SCHEMA.nodes[label].all_properties
    names = pa.array([n.name for n in nodes], pa.string())
    aliases, keys = aliases_and_keys(
        pa.chunked_array([names]), pa.chunked_array([pa.array([n.aliases for n in nodes], pa.list_(pa.string()))])
    )
    data: dict[str, pa.Array] = {
        "id": pa.array([n.id for n in nodes], pa.string()),
        "name": names,
        "aliases": aliases,
        "keys": keys,
    }
    for name, kind in columns.items():
        if name not in data:
            data[name] = _array([n.props.get(name) for n in nodes], ARROW_TYPES[kind])
    return pa.table({name: data[name] for name in columns})


@dataclass
class NodeColumns:
    """Nodes given as columns (id, label, name, optional aliases and property columns), checked
    with the model's rules; `tables` gives each node type's COPY input."""

    table: pa.Table
    ids: list[str]

    @classmethod
    def from_arrow(cls, table: pa.Table) -> NodeColumns:
        checked = checked_nodes(table)
        return cls(checked, checked["id"].to_pylist())

    def has_duplicates(self) -> bool:
        return len(set(self.ids)) != len(self.ids)

    def to_nodes(self, rows: list[int] | None = None) -> list[Node]:
        """Node objects for some rows (all by default): the path for merges and updates."""
        picked = self.table if rows is None else self.table.take(pa.array(rows, pa.int64()))
        nodes = []
        for record in picked.to_pylist():
            own = SCHEMA.nodes[record["label"]].properties
            props = {k: record[k] for k in own if record.get(k) is not None}
            nodes.append(Node(record["id"], record["label"], record["name"], list(record["aliases"] or []), props))
        return nodes

    def tables(self, rows: list[int]) -> dict[str, pa.Table]:
        """COPY input per node type for the given rows."""
        picked = self.table.take(pa.array(rows, pa.int64()))
        result = {}
        for label in pc.unique(picked["label"]).to_pylist():
            of_label = picked.filter(pc.equal(picked["label"], label))
            aliases, keys = aliases_and_keys(of_label["name"], of_label["aliases"])
            columns = {}
            for name, kind in SCHEMA.nodes[label].all_properties.items():
                if name in ("aliases", "keys"):
                    columns[name] = aliases if name == "aliases" else keys
                    continue
                try:
                    columns[name] = of_label[name].cast(ARROW_TYPES[kind])
                except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                    raise ModelError(f"props.{name}", f"{label}.{name} must be a {kind}") from None
            result[label] = pa.table(columns)
        return result


_PLAIN_NAME = r"^ *[A-Za-z0-9][A-Za-z0-9 ]*$"  # the names name_key's fast path takes


def aliases_and_keys(names: pa.ChunkedArray, aliases: pa.ChunkedArray) -> tuple[pa.Array, pa.Array]:
    """Normalised aliases and lookup keys, as `Node` computes them: vectorised for plain ASCII
    names without aliases (nearly all of a bulk import), `name_key` in Python for the others."""
    names, aliases = names.combine_chunks(), aliases.combine_chunks()
    n = len(names)
    has_aliases = pc.greater(pc.fill_null(pc.list_value_length(aliases), 0), 0)
    plain = pc.and_(pc.match_substring_regex(names, _PLAIN_NAME), pc.invert(has_aliases))
    key = pc.utf8_trim(pc.replace_substring_regex(pc.utf8_lower(names), " +", " "), " ")
    key = pc.replace_substring_regex(key, "^(the|a|an) ", "")
    one_each = pa.array(np.arange(n + 1, dtype=np.int32))
    fast_keys = pa.ListArray.from_arrays(one_each, key)
    no_aliases = pa.ListArray.from_arrays(pa.array(np.zeros(n + 1, dtype=np.int32)), pa.array([], pa.string()))
    others = pc.indices_nonzero(pc.invert(plain)).to_numpy()
    if not len(others):
        return no_aliases, fast_keys
    slow_aliases, slow_keys = [], []
    for name, found in zip(names.take(pa.array(others)).to_pylist(), aliases.take(pa.array(others)).to_pylist()):
        normal = sorted({a for a in (found or []) if a and a != name})
        slow_aliases.append(normal)
        slow_keys.append(_keys(name, normal))
    index = np.arange(n)
    index[others] = n + np.arange(len(others))
    take = pa.array(index)
    return (
        pa.concat_arrays([no_aliases, pa.array(slow_aliases, pa.list_(pa.string()))]).take(take),
        pa.concat_arrays([fast_keys, pa.array(slow_keys, pa.list_(pa.string()))]).take(take),
    )


def _keys(name: str, aliases: list[str]) -> list[str]:
    """`Node.keys` for a name and normalised aliases."""
    if not aliases:
        key = name_key(name)
        return [key] if key else []
    return sorted({name_key(x) for x in [name, *aliases]} - {""})


def _fill_claim_ids(table: pa.Table) -> pa.Array:
    """The id column with null ids computed from the claim's identity, as `Claim` does."""
    ids = table["id"].to_pylist()
    missing = [n for n, value in enumerate(ids) if value is None]
    fields = [
        table[name].take(pa.array(missing, pa.int64())).to_pylist()
        for name in ("type", "from_id", "to_id", "source_id", "char_start", "char_end", "polarity")
    ]
    for n, identity in zip(missing, zip(*fields)):
        ids[n] = claim_id(*identity)
    return pa.array(ids, pa.string())


def _array(values: list, arrow_type: pa.DataType) -> pa.Array:
    return pa.array(values, type=arrow_type)


def batch_from_columns(nodes: pa.Table, claims: pa.Table) -> Batch:
    """Checked Arrow input as model objects, for backends that write objects (Neo4j)."""

    claim_columns = ClaimColumns.from_arrow(claims)
    rows = claim_columns.table.to_pylist()
    made = []
    for row in rows:
        row["from_id"], row["to_id"] = row.pop("from"), row.pop("to")
        made.append(Claim.from_row(row))
    return Batch(NodeColumns.from_arrow(nodes).to_nodes(), made)
