"""The parts of the kflow vocabulary and of the SHACL shapes that follow from `graph/schema.yaml`.

`kflow.ttl` and `shapes.ttl` hold only what is written by hand; the per-edge terms (direct
predicates, activity classes, association roles) and the per-type constraints (edge type values,
activity and node targets, what each direct predicate may link) are generated here, so a new edge
type in the schema is declared and validated without touching either file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from graph.rdf.vocab import SHAPES_FILE, VOCABULARY_FILE, predicate_curie
from graph.schema import SCHEMA, EdgeType, Schema


def vocabulary_turtle(schema: Schema = SCHEMA) -> str:
    """The whole kflow vocabulary as Turtle: `kflow.ttl` then the terms the schema's edges declare."""
    return (
        VOCABULARY_FILE.read_text(encoding="utf-8")
        + "\n# ---- generated from graph/schema.yaml "
        + "-" * 56
        + "\n\n"
        + "\n".join(_edge_terms(schema))
    )


def shapes_turtle(schema: Schema = SCHEMA) -> str:
    """The whole SHACL shapes graph as Turtle: `shapes.ttl` then the constraints the schema implies."""
    return (
        SHAPES_FILE.read_text(encoding="utf-8")
        + "\n# ---- generated from graph/schema.yaml "
        + "-" * 56
        + "\n\n"
        + "\n".join(_shape_statements(schema))
    )


def _edge_terms(schema: Schema) -> Iterable[str]:
    for edge in schema.edges.values():
        predicate = edge.predicate
        curie = predicate_curie(edge)
        if curie.startswith("kflow:"):
            lines = [
                f"{curie} a owl:ObjectProperty",
                f"rdfs:label {_string(predicate.get('label') or edge.name.lower().replace('_', ' '))}",
                f"rdfs:comment {_string(predicate.get('comment') or edge.description)}",
            ]
            lines += [
                f"rdfs:{key} {predicate[name]}"
                for name, key in (("sub_property_of", "subPropertyOf"), ("domain", "domain"), ("range", "range"))
                if predicate.get(name)
            ]
            yield " ;\n    ".join(lines) + " .\n"
        if edge.activity:
            yield from _activity_terms(edge)


def _activity_terms(edge: EdgeType) -> Iterable[str]:
    activity = edge.activity
    role = activity["role"]
    if activity["class"].startswith("kflow:"):
        comment = (
            activity.get("comment")
            or f"The act reported by a {edge.name} claim; the subject is associated with role {role}."
        )
        yield (
            f"{activity['class']} a owl:Class ; rdfs:subClassOf prov:Activity ;\n"
            f"    rdfs:label {_string(activity.get('label') or edge.name.lower())} ;\n    rdfs:comment {_string(comment)} .\n"
        )
    if role.startswith("kflow:"):
        comment = activity.get("role_comment") or f"The subject's role in the act of a {edge.name} claim."
        yield f"{role} a prov:Role ; rdfs:label {_string(role.partition(':')[2])} ; rdfs:comment {_string(comment)} .\n"


def _shape_statements(schema: Schema) -> Iterable[str]:
    edge_types = " ".join(_string(name) for name in schema.edges)
    yield f"kfsh:ClaimShape sh:property [ sh:path kflow:edgeType ; sh:minCount 1 ; sh:maxCount 1 ; sh:in ( {edge_types} ) ] .\n"
    activities = [e.activity for e in schema.edges.values() if e.activity]
    if activities:
        yield f"kfsh:ActivityShape sh:targetClass {' , '.join(a['class'] for a in activities)} .\n"
        yield (
            f"kfsh:AssociationShape sh:property [ sh:path prov:hadRole ; sh:minCount 1 ; sh:maxCount 1 ;\n"
            f"    sh:in ( {' '.join(a['role'] for a in activities)} ) ] .\n"
        )
    yield f"kfsh:NodeShape sh:targetClass {' , '.join(_node_class(schema, label) for label in schema.nodes)} .\n"
    for edge in schema.edges.values():
        yield _edge_shape(schema, edge)


def _edge_shape(schema: Schema, edge: EdgeType) -> str:
    """Subjects of an edge's direct predicate are of a `from` type, its objects of a `to` type."""
    predicate = predicate_curie(edge)
    message = _string(f"{edge.name} links {' or '.join(edge.from_labels)} to {' or '.join(edge.to_labels)}")
    return (
        f"kfsh:{edge.name}Shape a sh:NodeShape ;\n    sh:targetSubjectsOf {predicate} ;\n"
        f"    sh:or ( {_classes(schema, edge.from_labels)} ) ;\n"
        f"    sh:property [ sh:path {predicate} ; sh:or ( {_classes(schema, edge.to_labels)} ) ; sh:message {message} ] .\n"
    )


def _classes(schema: Schema, labels: Iterable[str]) -> str:
    return " ".join(f"[ sh:class {_node_class(schema, label)} ]" for label in labels)


def _node_class(schema: Schema, label: str) -> str:
    """A node type's own class: the first of its RDF classes."""
    return schema.nodes[label].rdf_classes[0]


def _string(text: str) -> str:
    """A Turtle string literal (JSON's escapes are Turtle's)."""
    return json.dumps(text, ensure_ascii=False)
