"""Namespaces and the kflow vocabulary terms the RDF export uses, as pyoxigraph terms.

Standard vocabularies first (PROV-O, ORG, FOAF, schema.org, Dublin Core, SKOS); `kflow:` only
for what they lack. Every `kflow:` term used here is declared, with a label and a comment, in
`kflow.ttl` beside this module (a test holds the two together).
"""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode

from graph.schema import SCHEMA, EdgeType

VOCABULARY_FILE = Path(__file__).with_name("kflow.ttl")
SHAPES_FILE = Path(__file__).with_name("shapes.ttl")

KFLOW_NS = "https://w3id.org/kflow/ns#"

PREFIXES: dict[str, str] = {
    "kflow": KFLOW_NS,
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


class Namespace:
    """`NS.term` -> NamedNode, cached, so hot loops build each vocabulary term once."""

    def __init__(self, iri: str):
        self._iri = iri
        self._terms: dict[str, NamedNode] = {}

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        term = self[name]
        setattr(self, name, term)  # later lookups are plain attribute reads (hot loops)
        return term

    def __getitem__(self, name: str) -> NamedNode:
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = NamedNode(self._iri + name)
        return term


KFLOW = Namespace(KFLOW_NS)
PROV = Namespace(PREFIXES["prov"])
ORG = Namespace(PREFIXES["org"])
FOAF = Namespace(PREFIXES["foaf"])
SDO = Namespace(PREFIXES["schema"])  # schema.org; `SCHEMA` is the graph schema (graph.schema)
DCTERMS = Namespace(PREFIXES["dcterms"])
SKOS = Namespace(PREFIXES["skos"])
RDF = Namespace(PREFIXES["rdf"])
RDFS = Namespace(PREFIXES["rdfs"])
XSD = Namespace(PREFIXES["xsd"])


def term(curie: str) -> NamedNode:
    """The NamedNode of a prefixed name from the schema (`kflow:sent`, `org:memberOf`)."""
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in PREFIXES:
        raise ValueError(f"{curie!r} is not a prefixed name with a known prefix ({', '.join(PREFIXES)})")
    return NamedNode(PREFIXES[prefix] + local)


def camel(name: str) -> str:
    """`KNEW_ABOUT` -> `knewAbout`: the kflow: local name of an undeclared term."""
    first, *rest = name.lower().split("_")
    return first + "".join(word.capitalize() for word in rest)


def predicate_curie(edge: EdgeType) -> str:
    """The direct predicate an edge type asserts: declared in the schema, else `kflow:` + its camel-cased name."""
    return edge.predicate.get("term") or f"kflow:{camel(edge.name)}"


# The plain "direct" predicate each edge type also asserts, so simple consumers get simple data.
EDGE_PREDICATES: dict[str, NamedNode] = {name: term(predicate_curie(edge)) for name, edge in SCHEMA.edges.items()}

# Edge types that report an act: the claim also describes a prov:Activity of this class, and the
# subject's part in it (a qualified association with a role); `entity` is how the object relates.
ACTIVITIES: dict[str, tuple[NamedNode, NamedNode, NamedNode | None]] = {
    name: (
        term(edge.activity["class"]),
        term(edge.activity["role"]),
        term(edge.activity["entity"]) if edge.activity.get("entity") else None,
    )
    for name, edge in SCHEMA.edges.items()
    if edge.activity
}

# Datatype of a date literal at each precision: a year-precise date is a gYear, not a 1 January.
PRECISION_DATATYPES: dict[str, NamedNode] = {
    "day": XSD.date,
    "month": XSD.gYearMonth,
    "year": XSD.gYear,
    "decade": XSD.gYear,
}
