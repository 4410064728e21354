"""Dates between kflow and Neo4j: written as native `DATE`, read back from native or string values.

Why: Cypher written by people and tools (`WHERE r.date_start >= date('2010-01-01')`, Bloom, LLM
query writers) compares with native dates, and a string never equals a date, so string dates made
such queries return nothing. kflow keeps its dates as ISO strings (`YYYY-MM-DD`) with a precision
beside them (`date_precision`, `published_precision`); only the Neo4j wire format changes.

Reading accepts both spellings (a store written before this change, or by hand), and turns any
other value into one `StoreError` naming the node or claim and the property, never a traceback.
"""

from __future__ import annotations

import datetime
from typing import Any

from neo4j.time import Date, DateTime

from graph.schema import SCHEMA
from graph.store import StoreError

CLAIM_DATE_PROPERTIES = tuple(k for k, kind in SCHEMA.claim_properties.items() if kind == "date")


def node_date_properties(label: str) -> tuple[str, ...]:
    """The properties of a node type the schema declares as dates (Report.date_start, Source.published...)."""
    return tuple(k for k, kind in SCHEMA.nodes[label].properties.items() if kind == "date")


def to_neo4j_date(value: str | None) -> datetime.date | None:
    """An ISO date string as the driver's parameter for a native `DATE` (None stays None)."""
    return datetime.date.fromisoformat(value) if value else None


def from_neo4j_date(value: Any, owner: str, key: str) -> str | None:
    """A stored date (native `DATE` or ISO string) as kflow's ISO string; anything else is a StoreError."""
    if value is None:
        return None
    if isinstance(value, Date | datetime.date) and not isinstance(value, DateTime | datetime.datetime):
        return value.iso_format() if isinstance(value, Date) else value.isoformat()
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise StoreError(
        f"{owner} has {key} = {_shown(value)}, which is not a date; kflow reads a native DATE or a "
        "'YYYY-MM-DD' string (fix it in Neo4j, e.g. SET x.{key} = date('2011-05-01'))".replace("{key}", key)
    )


def with_native_dates(props: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """A copy of `props` whose date properties are driver dates, for writing."""
    return {k: to_neo4j_date(v) if k in keys else v for k, v in props.items()}


def with_string_dates(props: dict[str, Any], keys: tuple[str, ...], owner: str) -> dict[str, Any]:
    """A copy of stored `props` whose date properties are ISO strings, for reading."""
    return {k: from_neo4j_date(v, owner, k) if k in keys else v for k, v in props.items()}


def _shown(value: Any) -> str:
    kind = type(value).__name__
    text = value.iso_format() if hasattr(value, "iso_format") else repr(value)
    return f"{text[:60]} ({kind})"
