"""The mapping from kflow nodes and claims to RDF triples (see docs/rdf.md for the picture).

Each node and each claim maps on its own, with no look-ups, so an export can stream the store
batch by batch. A claim becomes a `kflow:Claim` node carrying its dates, evidence and source
(the n-ary pattern), acts (sent, received, ...) also a `prov:Activity` with a qualified
association, and the plain direct triple is asserted too (the exporter writes it once however
many claims support it). A claim dated by one bound (a day from an e-mail header or a register
row) gets both `kflow:dateStart` and `kflow:dateEnd`, like an extracted one.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Triple

from graph.model import Claim, Node
from graph.rdf.iris import Minter
from graph.rdf.vocab import (
    ACTIVITIES,
    DCTERMS,
    EDGE_PREDICATES,
    KFLOW,
    ORG,
    PRECISION_DATATYPES,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    XSD,
    camel,
    term,
)
from graph.schema import SCHEMA

NODE_CLASSES: dict[str, tuple[NamedNode, ...]] = {
    label: tuple(term(c) for c in t.rdf_classes) for label, t in SCHEMA.nodes.items()
}
NAME_PREDICATES: dict[str, NamedNode] = {label: term(t.name_predicate) for label, t in SCHEMA.nodes.items()}

# Plain node properties: schema property -> (predicate, datatype or None for a plain string).
NODE_PROPERTIES: dict[str, tuple[NamedNode, NamedNode | None]] = {
    "kind": (KFLOW.kind, None),
    "role": (SDO.jobTitle, None),
    "title": (DCTERMS.title, None),
    "published": (KFLOW.isPublished, XSD.boolean),
    "date_start": (KFLOW.dateStart, XSD.date),
    "date_end": (KFLOW.dateEnd, XSD.date),
    "date_precision": (KFLOW.datePrecision, None),
    "path": (KFLOW.path, None),
    "sha256": (SDO.sha256, None),
    "media_type": (DCTERMS["format"], None),
    "loaded_at": (KFLOW.loadedAt, XSD.dateTime),
    "note": (RDFS.comment, None),
    "publisher": (DCTERMS.publisher, None),  # not kflow:publisher: that is the PUBLISHED role
    "text": (SDO.text, None),
}
# Source properties with their own mapping (`_source_extras`); Source.published is a date, not a flag.
SOURCE_SPECIAL = {"published", "published_precision", "url"}


def typed(value: object, datatype: NamedNode | None) -> Literal:
    if datatype is None:
        return Literal(str(value))
    if datatype == XSD.boolean:
        return Literal("true" if value else "false", datatype=datatype)
    return Literal(str(value), datatype=datatype)


def precise_date(iso_date: str, precision: str | None) -> Literal:
    """An ISO date as the literal its precision warrants: 2002-01-01/year -> "2002"^^xsd:gYear."""
    datatype = PRECISION_DATATYPES.get(precision or "day", XSD.date)
    lexical = {XSD.gYear: iso_date[:4], XSD.gYearMonth: iso_date[:7]}.get(datatype, iso_date)
    return Literal(lexical, datatype=datatype)


def node_triples(node: Node, mint: Minter, include_text: bool = False) -> Iterator[Triple]:
    """Triples describing one node: classes, names, aliases, identifier, properties."""
    s = mint.node(node.id)
    for cls in NODE_CLASSES[node.label]:
        yield Triple(s, RDF.type, cls)
    yield Triple(s, DCTERMS.identifier, Literal(node.id))
    yield Triple(s, NAME_PREDICATES[node.label], Literal(node.name))
    if NAME_PREDICATES[node.label] != RDFS.label:
        yield Triple(s, RDFS.label, Literal(node.name))
    for alias in node.aliases:
        yield Triple(s, SKOS.altLabel, Literal(alias))
    props = node.props
    for key, value in props.items():
        if value is None or (key == "text" and not include_text) or (node.label == "Source" and key in SOURCE_SPECIAL):
            continue
        predicate, datatype = NODE_PROPERTIES.get(key) or (KFLOW[camel(key)], None)
        yield Triple(s, predicate, typed(value, datatype))
    if node.label == "Report" and props.get("date_start"):
        yield Triple(s, DCTERMS.date, precise_date(props["date_start"], props.get("date_precision")))
    if node.label == "Source":
        yield from _source_extras(s, props)


def _source_extras(s: NamedNode, props: dict) -> Iterator[Triple]:
    if props.get("published"):
        yield Triple(s, DCTERMS.issued, precise_date(props["published"], props.get("published_precision")))
    url = props.get("url")
    if url:
        try:
            yield Triple(s, SDO.url, NamedNode(url))
        except ValueError:
            yield Triple(s, KFLOW.location, Literal(url))


def claim_triples(claim: Claim, mint: Minter) -> Iterator[Triple]:
    """The direct triple, then the claim node with its evidence, then any activity it reports.

    A negated claim (a source's denial, `kflow:polarity "negated"`) is a claim node alone: no
    direct triple, no activity, since what it states did not happen (docs/conflicts.md)."""
    subject, obj, source = mint.node(claim.from_id), mint.node(claim.to_id), mint.node(claim.source_id)
    predicate = EDGE_PREDICATES[claim.type]
    if not claim.negated:
        yield Triple(subject, predicate, obj)
    c = mint.node(claim.id)
    yield Triple(c, RDF.type, KFLOW.Claim)
    yield Triple(c, RDF.type, PROV.Entity)
    yield Triple(c, KFLOW.subject, subject)
    yield Triple(c, KFLOW.predicate, predicate)
    yield Triple(c, KFLOW.object, obj)
    yield Triple(c, KFLOW.edgeType, Literal(claim.type))
    yield Triple(c, PROV.wasDerivedFrom, source)
    yield Triple(c, KFLOW.sentence, Literal(claim.sentence))
    yield Triple(c, KFLOW.charStart, Literal(str(claim.char_start), datatype=XSD.integer))
    yield Triple(c, KFLOW.charEnd, Literal(str(claim.char_end), datatype=XSD.integer))
    yield Triple(c, KFLOW.confidence, Literal(repr(float(claim.confidence)), datatype=XSD.double))
    yield Triple(c, KFLOW.extractor, Literal(claim.extractor))
    start, end = claim.date_start or claim.date_end, claim.date_end or claim.date_start  # one bound stands for both
    if start:
        yield Triple(c, KFLOW.dateStart, Literal(start, datatype=XSD.date))
        yield Triple(c, KFLOW.dateEnd, Literal(end, datatype=XSD.date))
    if claim.date_precision:
        yield Triple(c, KFLOW.datePrecision, Literal(claim.date_precision))
    if claim.date_text:
        yield Triple(c, KFLOW.dateText, Literal(claim.date_text))
    if claim.page is not None:
        yield Triple(c, KFLOW.page, Literal(str(claim.page), datatype=XSD.integer))
    if claim.role:
        yield Triple(c, KFLOW.role, Literal(claim.role))
    if claim.status:
        yield Triple(c, KFLOW.reviewStatus, Literal(claim.status))
    if claim.negated:
        yield Triple(c, KFLOW.polarity, Literal(claim.polarity))
        return
    if claim.type == "AUTHORED" and claim.to_id.startswith("report:"):
        yield from _authorship(obj, subject)
    if claim.type in ACTIVITIES:
        yield from _activity(claim, c, subject, obj, mint)
    elif claim.role and SCHEMA.edges[claim.type].membership:
        yield from _membership(claim, c, subject, obj, mint)


def _authorship(report: NamedNode, author: NamedNode) -> Iterator[Triple]:
    """Authorship as the common vocabularies say it, beside the activity's `prov:generated`:
    tools that read only PROV's or Dublin Core's shortcut still find the author."""
    yield Triple(report, PROV.wasAttributedTo, author)
    yield Triple(report, DCTERMS.creator, author)


def _activity(claim: Claim, c: NamedNode, agent: NamedNode, obj: NamedNode, mint: Minter) -> Iterator[Triple]:
    """`<claim>/activity a prov:Activity` with the agent's qualified association and role."""
    activity_class, role, entity_link = ACTIVITIES[claim.type]
    activity, association = mint.sub(claim.id, "activity"), mint.sub(claim.id, "association")
    yield Triple(c, KFLOW.describes, activity)
    yield Triple(activity, RDF.type, PROV.Activity)
    yield Triple(activity, RDF.type, activity_class)
    if entity_link is not None and claim.to_id.startswith("report:"):
        yield Triple(activity, entity_link, obj)
    yield Triple(activity, PROV.wasAssociatedWith, agent)
    yield Triple(activity, PROV.qualifiedAssociation, association)
    yield Triple(association, RDF.type, PROV.Association)
    yield Triple(association, PROV.agent, agent)
    yield Triple(association, PROV.hadRole, role)


def _membership(claim: Claim, c: NamedNode, person: NamedNode, agency: NamedNode, mint: Minter) -> Iterator[Triple]:
    """An org:Membership for a MEMBER_OF claim that names the role held."""
    membership, role = mint.sub(claim.id, "membership"), mint.role(claim.role)
    yield Triple(c, KFLOW.describes, membership)
    yield Triple(membership, RDF.type, ORG.Membership)
    yield Triple(membership, ORG.member, person)
    yield Triple(membership, ORG.organization, agency)
    yield Triple(membership, ORG.role, role)
    yield Triple(role, RDF.type, ORG.Role)
    yield Triple(role, RDFS.label, Literal(claim.role))
