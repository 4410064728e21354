"""The model's rules (graph/model.py) applied to whole Arrow columns, for bulk input.

A bulk import of a million claims cannot afford a Python object per claim, yet must refuse
exactly what `Claim` and `Node` refuse, with a message naming the field and the first bad row.
Each rule is one vectorised pass; only the first failing row is looked at in Python.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from graph.model import CLAIM_ID, CLAIM_ID_RULE, ID_RULE, NODE_ID, POLARITIES, ModelError
from graph.schema import SCHEMA

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
_CLAIM_REQUIRED = (
    "type",
    "from_id",
    "to_id",
    "source_id",
    "sentence",
    "char_start",
    "char_end",
    "confidence",
    "extractor",
)
ARROW_TYPES = {
    "string": pa.string(),
    "date": pa.string(),
    "bool": pa.bool_(),
    "int": pa.int64(),
    "float": pa.float64(),
    "strings": pa.list_(pa.string()),
}  # schema kind -> Arrow type
_CLAIM_FIELD_TYPES = {
    "type": pa.string(),
    "from_id": pa.string(),
    "to_id": pa.string(),
    **{n: ARROW_TYPES[k] for n, k in SCHEMA.claim_properties.items()},
}


def checked_claims(table: pa.Table) -> pa.Table:
    """The claims with every column present in its canonical type (missing optional ones null),
    or ModelError naming the field and the first row that breaks a rule."""
    table = _conformed(table, _CLAIM_FIELD_TYPES, _CLAIM_REQUIRED, "claims")
    _refuse(
        pc.invert(pc.is_in(table["type"], value_set=pa.array(list(SCHEMA.edges)))),
        table,
        "type",
        lambda row: f"unknown edge type {row['type']!r}; expected one of {', '.join(SCHEMA.edges)}",
    )
    _check_ends(table)
    for required in ("source_id", "sentence", "extractor"):
        blank = pc.equal(pc.utf8_trim_whitespace(table[required]), "")
        _refuse(blank, table, required, lambda row, f=required: f"a {row['type']} claim needs evidence: {f} is missing")
    _refuse(
        pc.invert(_has_prefix(table["source_id"], "Source")),
        table,
        "source_id",
        lambda row: f"{row['source_id']!r} is not a source id ('source:...')",
    )
    for end in ("from_id", "to_id", "source_id"):
        _refuse(
            _bad_ids(table[end], NODE_ID.pattern),
            table,
            end,
            lambda row, e=end: f"{row[e]!r} is not a valid id: {ID_RULE}",
        )
    _refuse(
        _bad_ids(table["id"], CLAIM_ID.pattern),
        table,
        "id",
        lambda row: f"{row['id']!r} is not a valid claim id: {CLAIM_ID_RULE}",
    )
    bad_span = pc.or_(pc.less(table["char_start"], 0), pc.greater_equal(table["char_start"], table["char_end"]))
    _refuse(
        bad_span,
        table,
        "char_start",
        lambda row: f"evidence span [{row['char_start']}, {row['char_end']}) must satisfy 0 <= start < end",
    )
    confidence = table["confidence"]
    bad_confidence = pc.or_(pc.is_nan(confidence), pc.or_(pc.less(confidence, 0), pc.greater(confidence, 1)))
    _refuse(bad_confidence, table, "confidence", lambda row: f"{row['confidence']!r} must be a number between 0 and 1")
    for name in ("date_start", "date_end"):
        _check_dates(table, name)
    _refuse(
        pc.less(table["date_end"], table["date_start"]),
        table,
        "date_end",
        lambda row: f"{row['date_end']} is before date_start {row['date_start']}",
    )
    precision = table["date_precision"]
    _refuse(
        pc.and_(
            pc.is_valid(precision), pc.invert(pc.is_in(precision, value_set=pa.array(list(SCHEMA.date_precisions))))
        ),
        table,
        "date_precision",
        lambda row: f"{row['date_precision']!r}; expected one of {', '.join(SCHEMA.date_precisions)}",
    )
    polarity = table["polarity"]
    _refuse(
        pc.and_(pc.is_valid(polarity), pc.invert(pc.is_in(polarity, value_set=pa.array(list(POLARITIES))))),
        table,
        "polarity",
        lambda row: f"{row['polarity']!r}; expected one of {', '.join(POLARITIES)}",
    )
    dated = pc.or_(pc.is_valid(table["date_start"]), pc.is_valid(table["date_end"]))
    _refuse(
        pc.and_(dated, pc.is_null(precision)),
        table,
        "date_precision",
        lambda row: "a dated claim must say how precise its date is",
    )
    return table


def checked_nodes(table: pa.Table) -> pa.Table:
    """The nodes with id, label, name, aliases and every property column of any node type."""
    types: dict[str, pa.DataType | None] = {
        "id": pa.string(),
        "label": pa.string(),
        "name": pa.string(),
        "aliases": pa.list_(pa.string()),
    }
    for node_type in SCHEMA.nodes.values():
        for name, kind in node_type.properties.items():
            # a name with two kinds (Report.published is a flag, Source.published a date) is cast per type later
            types[name] = ARROW_TYPES[kind] if types.get(name, ARROW_TYPES[kind]) == ARROW_TYPES[kind] else None
    table = _conformed(table, types, ("id", "label", "name"), "nodes")
    labels = list(SCHEMA.nodes)
    _refuse(
        pc.invert(pc.is_in(table["label"], value_set=pa.array(labels))),
        table,
        "label",
        lambda row: f"unknown node type {row['label']!r}; expected one of {', '.join(labels)}",
    )
    wrong_prefix = pc.invert(
        _any(*(pc.and_(pc.equal(table["label"], label), _has_prefix(table["id"], label)) for label in labels))
    )
    _refuse(
        wrong_prefix,
        table,
        "id",
        lambda row: f"{row['id']!r} must start with '{SCHEMA.nodes[row['label']].prefix}:' for a {row['label']}",
    )
    _refuse(
        _bad_ids(table["id"], NODE_ID.pattern), table, "id", lambda row: f"{row['id']!r} is not a valid id: {ID_RULE}"
    )
    _refuse(
        pc.equal(pc.utf8_trim_whitespace(table["name"]), ""),
        table,
        "name",
        lambda row: f"node {row['id']} has an empty name",
    )
    for name in types:
        if name in ("id", "label", "name", "aliases"):
            continue
        owners = [label for label, node_type in SCHEMA.nodes.items() if name in node_type.properties]
        foreign = pc.and_(
            pc.is_valid(table[name]), pc.invert(pc.is_in(table["label"], value_set=pa.array(owners, pa.string())))
        )
        _refuse(
            foreign,
            table,
            f"props.{name}",
            lambda row, n=name: (
                f"not a property of {row['label']}; allowed: {', '.join(SCHEMA.nodes[row['label']].properties) or 'none'}"
            ),
        )
        for label in owners:
            if SCHEMA.nodes[label].properties[name] == "date":
                _check_dates(table, name, f"props.{name}", pc.equal(table["label"], label))
    return table


def _conformed(table: pa.Table, types: dict[str, pa.DataType | None], required: tuple[str, ...], what: str) -> pa.Table:
    unknown = [name for name in table.column_names if name not in types]
    if unknown:
        raise ModelError(unknown[0], f"not a column of {what}; expected some of {', '.join(types)}")
    missing = [name for name in required if name not in table.column_names]
    if missing:
        raise ModelError(missing[0], f"{what} need a {missing[0]} column")
    columns = {}
    for name, arrow_type in types.items():
        if name not in table.column_names:
            columns[name] = pa.nulls(table.num_rows, arrow_type or pa.string())
            continue
        if arrow_type is None:
            given = table[name]
            columns[name] = (
                given.cast(pa.string()) if pa.types.is_date(given.type) else given
            )  # a date column reads as ISO text
            continue
        try:
            columns[name] = table[name].cast(arrow_type)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
            raise ModelError(name, f"cannot read the {name} column as {arrow_type}: {error}") from None
    result = pa.table(columns)
    for name in required:
        _refuse(pc.is_null(result[name]), result, name, lambda row, n=name: f"{n} is missing")
    return result


def _check_ends(table: pa.Table) -> None:
    """Each end's node type must be one the edge type allows (SENT: Agency/Person -> Report...).
    One mask per (end, node type) and per edge type, combined: a dozen passes, not one per rule."""
    is_type = {edge: pc.equal(table["type"], edge) for edge in SCHEMA.edges}
    for end, side in (("from_id", 0), ("to_id", 1)):
        is_label = {label: _has_prefix(table[end], label) for label in SCHEMA.nodes}
        fits = [
            pc.and_(
                is_type[edge],
                _any(*(is_label[label] for label in dict.fromkeys(p[side] for p in SCHEMA.edge_pairs(edge)))),
            )
            for edge in SCHEMA.edges
        ]
        _refuse(
            pc.invert(_any(*fits)),
            table,
            end,
            lambda row, e=end, s=side: (
                f"{row[e]!r} cannot be the {e[:-3]} end of {row['type']}; expected {'/'.join(dict.fromkeys(p[s] for p in SCHEMA.edge_pairs(row['type'])))}"
            ),
        )


def _check_dates(
    table: pa.Table, name: str, field_name: str | None = None, rows: pa.ChunkedArray | None = None
) -> None:
    """A real calendar date written YYYY-MM-DD (what `date.fromisoformat` reads back the same)."""
    values = table[name]
    if values.type != pa.string():
        given = pc.is_valid(values) if rows is None else pc.and_(rows, pc.is_valid(values))
        _refuse(given, table, name, lambda row: f"{row[name]!r} is not an ISO date (YYYY-MM-DD)", field_name)
        return
    distinct = pc.unique(values)  # a million claims carry a few thousand dates: check each once
    wrong = pc.filter(distinct, pc.invert(pc.fill_null(_real_dates(distinct), True)))
    if not len(wrong):
        return
    bad = pc.is_in(values, value_set=wrong)
    if rows is not None:
        bad = pc.and_(bad, rows)
    _refuse(bad, table, name, lambda row: f"{row[name]!r} is not an ISO date (YYYY-MM-DD)", field_name)


_DAYS_IN_MONTH = pa.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], pa.int64())


def _real_dates(values: pa.ChunkedArray) -> pa.ChunkedArray:
    """True where the string is a well-formed, existing date (no 2001-02-30, no year 0)."""
    wellformed = pc.match_substring_regex(values, ISO_DATE)
    text = pc.if_else(wellformed, values, pa.scalar("0000-00-00"))
    year, month, day = (pc.cast(pc.utf8_slice_codeunits(text, a, b), pa.int64()) for a, b in ((0, 4), (5, 7), (8, 10)))
    month_ok = pc.and_(pc.greater_equal(month, 1), pc.less_equal(month, 12))
    leap = pc.and_(
        pc.equal(pc.bit_wise_and(year, 3), 0),
        pc.or_(pc.not_equal(pc.remainder(year, 100), 0), pc.equal(pc.remainder(year, 400), 0)),
    )
    days = pc.add(
        pc.take(_DAYS_IN_MONTH, pc.if_else(month_ok, month, 0)), pc.cast(pc.and_(leap, pc.equal(month, 2)), pa.int64())
    )
    return pc.and_(
        pc.and_(wellformed, pc.greater_equal(year, 1)),
        pc.and_(month_ok, pc.and_(pc.greater_equal(day, 1), pc.less_equal(day, days))),
    )


def _has_prefix(ids: pa.ChunkedArray, label: str) -> pa.ChunkedArray:
    """`label_of(id) == label`: the label's prefix, a colon and at least one more character."""
    prefix = f"{SCHEMA.nodes[label].prefix}:"
    return pc.and_(pc.starts_with(ids, prefix), pc.greater(pc.utf8_length(ids), len(prefix)))


def _bad_ids(ids: pa.ChunkedArray, pattern: str) -> pa.ChunkedArray:
    """True where an id breaks the model's id grammar (`graph.model.NODE_ID` / `CLAIM_ID`); null is fine."""
    return pc.invert(pc.match_substring_regex(ids, f"^(?:{pattern})$"))


def _any(*masks: pa.ChunkedArray) -> pa.ChunkedArray:
    combined = masks[0]
    for mask in masks[1:]:
        combined = pc.or_(combined, mask)
    return combined


def _refuse(bad: pa.ChunkedArray, table: pa.Table, field_name: str, message, shown_field: str | None = None) -> None:
    """Raise ModelError for the first row where `bad` is true (null counts as fine)."""
    bad = pc.fill_null(bad, False)
    if not pc.any(bad).as_py():
        return
    row_number = pc.index(bad, True).as_py()
    row = table.slice(row_number, 1).to_pylist()[0]
    raise ModelError(shown_field or field_name, f"row {row_number}: {message(row)}")
