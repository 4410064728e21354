"""Read node and claim tables (Parquet, CSV, JSON lines, Arrow IPC) for `kflow import`.

Bulk import is for claims that were extracted elsewhere: another tool's output, a spreadsheet an
inquiry team keeps, a graph moved between machines. The columns are the model's field names
(`graph/model.py`); see `docs/import.md`. Types come from the schema, not from guessing, so a
reference like `0012` stays text and an empty CSV cell is a missing value.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.feather as pa_feather
import pyarrow.json as pa_json
import pyarrow.parquet as pa_parquet

from graph.column_checks import ARROW_TYPES
from graph.csv_tables import EXTRACTED, READABLE_CLAIM_COLUMNS
from graph.schema import SCHEMA

ALIAS_SEPARATOR = "|"  # CSV has no lists: "DCA|Dept. of Civic Affairs"
_KIND_TYPES = {
    kind: arrow_type for kind, arrow_type in ARROW_TYPES.items() if kind != "strings"
}  # CSV has no list cells
SUFFIXES = (".parquet", ".csv", ".jsonl", ".ndjson", ".arrow", ".feather")


class TableReadError(ValueError):
    """A table file that cannot be read; the message names the file and the reason."""


def _column_types() -> dict[str, pa.DataType]:
    """The CSV column types the schema implies; a name with two kinds (`published`: a Report's
    flag, a Source's date) is read as text and cast per node type."""
    kinds: dict[str, set[str]] = {}
    for node_type in SCHEMA.nodes.values():
        for name, kind in node_type.properties.items():
            kinds.setdefault(name, set()).add(kind)
    for name, kind in SCHEMA.claim_properties.items():
        kinds.setdefault(name, set()).add(kind)
    types = {
        name: _KIND_TYPES[next(iter(found))] if len(found) == 1 else pa.string()
        for name, found in kinds.items()
        if found <= _KIND_TYPES.keys()
    }
    types.update({name: pa.string() for name in ("id", "label", "name", "aliases", "type", "from_id", "to_id")})
    return types


def read_table(path: Path) -> pa.Table:
    """One table from a file, by its suffix; aliases given as text are split on `|`."""
    path = Path(path)
    if not path.is_file():
        raise TableReadError(f"{path}: no such file")
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            table = pa_parquet.read_table(path)
        elif suffix == ".csv":
            options = pa_csv.ConvertOptions(column_types=_column_types(), strings_can_be_null=True)
            table = pa_csv.read_csv(path, convert_options=options)
        elif suffix in (".jsonl", ".ndjson"):
            table = _read_json_lines(path)
        elif suffix in (".arrow", ".feather"):
            table = pa_feather.read_table(path)
        else:
            raise TableReadError(f"{path}: not a table file; expected one of {', '.join(SUFFIXES)}")
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OSError) as error:
        reason = " ".join(str(error).split())
        raise TableReadError(f"{path}: cannot read it as {suffix[1:]}: {reason}") from None
    if table.num_rows == 0:
        raise TableReadError(f"{path}: the table has no rows")
    table = table.drop_columns([c for c in READABLE_CLAIM_COLUMNS if c in table.column_names])
    return _unreviewed_as_none(_split_aliases(table))


def _unreviewed_as_none(table: pa.Table) -> pa.Table:
    """The exports write "extracted" for a claim with no review status; it is stored as none."""
    if "status" not in table.column_names or not pa.types.is_string(table["status"].type):
        return table
    cells = [None if cell == EXTRACTED else cell for cell in table["status"].to_pylist()]
    return table.set_column(table.column_names.index("status"), "status", pa.array(cells, pa.string()))


def _read_json_lines(path: Path) -> pa.Table:
    """JSON lines with the schema's types for the columns it names (inference reads a date as a timestamp)."""
    present = pa_json.read_json(path).column_names
    types = _column_types() | {"aliases": pa.list_(pa.string())}
    schema = pa.schema([(name, types[name]) for name in present if name in types])
    return pa_json.read_json(
        path, parse_options=pa_json.ParseOptions(explicit_schema=schema, unexpected_field_behavior="infer")
    )


def _split_aliases(table: pa.Table) -> pa.Table:
    if "aliases" not in table.column_names or not pa.types.is_string(table["aliases"].type):
        return table
    lists = [
        [a.strip() for a in (cell or "").split(ALIAS_SEPARATOR) if a.strip()] for cell in table["aliases"].to_pylist()
    ]
    return table.set_column(table.column_names.index("aliases"), "aliases", pa.array(lists, pa.list_(pa.string())))
