"""A node's fields as a reader sees them: stored dates read at their precision ("March 2002", "2018"),
not as the first day of the period they name; the source text left out (it can be megabytes)."""

from __future__ import annotations

from graph.analysis.date_windows import describe
from graph.model import Node

HIDDEN = {"text", "date_start", "date_end", "date_precision", "published", "published_precision"}


def node_details(node: Node) -> dict[str, str]:
    """Field -> text for a details table. A date without a stored precision is shown to the day,
    as stored: nothing says it is vaguer."""
    props = node.props
    details = {"id": node.id, "aliases": ", ".join(node.aliases)}
    if props.get("date_start") or props.get("date_end"):
        details["date"] = describe(props.get("date_start"), props.get("date_end"), props.get("date_precision") or "day")
    if props.get("published"):
        details["published"] = describe(props["published"], None, props.get("published_precision") or "day")
    details.update({k: str(v) for k, v in props.items() if k not in HIDDEN})
    return details
