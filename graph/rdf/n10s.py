"""The `n10s-star` format: the graph as neosemantics (n10s) exports and re-imports a property graph.

Nodes are typed `n4sch:<Label>` with one `n4sch:<property>` per property; each claim is the
direct triple `<a> n4sch:SENT <b>` and its properties are RDF-star annotations
`<< <a> n4sch:SENT <b> >> n4sch:sentence "..."` (literal values only, as n10s >= 4.1 reads them).
Written as Turtle-star text line by line (pyoxigraph 0.5 speaks RDF 1.2, whose quoted-triple
subjects are not this syntax); each term is rendered by pyoxigraph, so escaping is its.
Two claims of the same (a, TYPE, b) share one quoted triple: their properties merge, as they do
for n10s, which keeps one relationship per triple.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from pyoxigraph import Literal, NamedNode

from graph.model import Claim, Node
from graph.rdf.iris import Minter
from graph.rdf.vocab import RDF, XSD
from graph.schema import SCHEMA

N4SCH = "neo4j://graph.schema#"
_DATATYPES = {"date": XSD.date, "bool": XSD.boolean, "int": XSD.long, "float": XSD.double}
_FLUSH_LINES = 10_000


def _literal(value: object, kind: str) -> Literal:
    datatype = _DATATYPES.get(kind)
    if datatype is None:
        return Literal(str(value))
    if kind == "bool":
        return Literal("true" if value else "false", datatype=datatype)
    return Literal(repr(float(value)) if kind == "float" else str(value), datatype=datatype)


def _n4(name: str, cache: dict[str, str]) -> str:
    term = cache.get(name)
    if term is None:
        term = cache[name] = str(NamedNode(N4SCH + name))
    return term


def write_n10s_star(
    nodes: Iterable[Node], claims: Iterable[Claim], out: BinaryIO, mint: Minter, include_text: bool = False
) -> int:
    """Write nodes and claims as n10s-flavoured Turtle-star to `out`; returns the statement count."""
    vocab: dict[str, str] = {}
    lines: list[str] = []
    written = [0]
    a = str(RDF.type)

    def flush(force: bool = False) -> None:
        if force or len(lines) >= _FLUSH_LINES:
            written[0] += len(lines)
            out.write("".join(lines).encode("utf-8"))
            lines.clear()

    for node in nodes:
        s = str(mint.node(node.id))
        lines.append(f"{s} {a} {_n4(node.label, vocab)} .\n")
        values = {"id": (node.id, "string"), "name": (node.name, "string")}
        values.update({k: (v, SCHEMA.nodes[node.label].properties.get(k, "string")) for k, v in node.props.items()})
        if not include_text:
            values.pop("text", None)
        for key, (value, kind) in values.items():
            if value is not None:
                lines.append(f"{s} {_n4(key, vocab)} {_literal(value, kind)} .\n")
        for alias in node.aliases:
            lines.append(f"{s} {_n4('aliases', vocab)} {Literal(alias)} .\n")
        flush()
    for claim in claims:
        edge = f"{mint.node(claim.from_id)} {_n4(claim.type, vocab)} {mint.node(claim.to_id)}"
        lines.append(f"{edge} .\n")
        for key, kind in SCHEMA.claim_properties.items():
            value = getattr(claim, key)
            if value is not None:
                lines.append(f"<< {edge} >> {_n4(key, vocab)} {_literal(value, kind)} .\n")
        flush()
    flush(force=True)
    return written[0]
