"""Who "we" is in a report, testimony or release that no signature or letterhead speaks for.

An audit report, an inspector general's testimony or an inspectorate's release says "we found", "we
issued a report", "our review" for the body that publishes it, and names that body in its own text
("United States Government Accountability Office", "Office of the Inspector General") without a
letterhead or signature for `document_frame` or `speaker` to read. The document's record names its
publisher ("U.S. Department of Justice, Office of the Inspector General"); when the text itself names
that body, it is who "we" is. Abstains (precision first) when the text never names the publisher (a
Hansard page published by "UK Parliament": its "we" is a member's party or a department), when the
document is a debate of speaker turns, or when "we" is already known.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.model import Node
from graph.names import name_key
from loaders.extract import letterhead_offices

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

LEGISLATURE_KINDS = ("parliament",)  # a house publishes its members' and committees' words: never their "we"
_BRACKETED = re.compile(r"\s*\([^)]*\)")  # "HM Inspectorate of Prisons (justiceinspectorates.gov.uk)"


def publisher_body(run: DocumentRun) -> Node | None:
    """The record's publisher as a body node, the office under a department when the record says so
    ("U.S. Department of Agriculture, Office of Inspector General"); None when there is none."""
    publisher = _BRACKETED.sub("", run.document.publisher or "").strip()
    if not publisher:
        return None
    department, _, rest = publisher.partition(",")
    office = letterhead_offices._office_name(rest.strip()) if rest.strip() else None
    if office is not None:
        return letterhead_offices._office_node(run, department, office, rest.strip())
    name = letterhead_offices._NATIONAL_PREFIX.sub("", department.strip())
    return run.x.resolver.agency(name, run.ctx) if name else None


def _key(name: str) -> str:
    return name_key(letterhead_offices._NATIONAL_PREFIX.sub("", name.strip()))


def named_in_text(run: DocumentRun, body: Node) -> Node | None:
    """The node of the text's own name for the publisher ("United States Government Accountability
    Office" for "U.S. Government Accountability Office"), else of its acronym alone ("GAO"); None when
    the text names neither."""
    keys = {_key(body.name), *map(_key, body.aliases)}
    acronym = letterhead_offices._acronym(body.name)
    bodies = [m for m in run.parse.mentions if m.kind == "agency" and m.node is not None]
    by_name = [m for m in bodies if m.node.id == body.id or _key(m.text) in keys or _key(m.node.name) in keys]
    by_acronym = [m for m in bodies if len(acronym) > 1 and m.text == acronym]
    found = (by_name or by_acronym)[:1]
    return found[0].node if found else None


def speaker_body(run: DocumentRun) -> None:
    """ "We" is the publisher the text names, when nothing else in the document says who "we" is."""
    if run.speaker_body is not None or run.turns:
        return
    body = publisher_body(run)
    known = run.x.gazetteer.bodies.get(body.id) if body is not None else None
    if body is None or known is not None and known.kind in LEGISLATURE_KINDS:
        return
    named = named_in_text(run, body)
    if named is not None:
        run.speaker_body = run._node(named)
