"""Edge and node roles are declared once, in graph/schema.yaml: the code names no edge type the
schema lacks, and a new edge type declared only there is traced, dated, exported and drawn."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from graph.schema import SCHEMA, SchemaError, load_schema

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("graph", "loaders", "dashboards", "kflow")
# An upper-case quoted word on (or just after) a line that speaks of a claim, an edge or a type.
TOKEN = re.compile(r"""["']([A-Z][A-Z]+(?:_[A-Z]+)*)["']""")
CONTEXT = re.compile(r"\b(?:type|edge|claim)", re.IGNORECASE)  # word starts: not "knowledge"
# Upper-case words such lines use that are not edge types: LadybugDB column types, its table
# kinds and statements (COMMIT), a CLI metavar (BODY), and the spaCy entity label the gazetteer gives to office titles.
NOT_EDGE_TYPES = {"BOOLEAN", "DOUBLE", "STRING", "NODE", "ROLE", "COMMIT", "BODY"}  # BODY: a click metavar


def edge_type_tokens(text: str) -> set[str]:
    """Edge-type-like tokens of Python source: quoted upper-case words on lines about claims, edges
    or types, leaving out spaCy's tags and attributes, the names a module exports and NOT_EDGE_TYPES."""
    from spacy.attrs import IDS
    from spacy.glossary import GLOSSARY

    ignored = set(GLOSSARY) | set(IDS) | NOT_EDGE_TYPES | _exported(text)
    found = set()
    lines = text.splitlines()
    for n, line in enumerate(lines):
        # the line itself or the two before it: the formatter puts a call's arguments on lines of their own
        if any(CONTEXT.search(near) for near in lines[max(n - 2, 0) : n + 1]):
            found |= {t for t in TOKEN.findall(line) if t not in ignored}
    return found


def _exported(text: str) -> set[str]:
    """The names in a module's `__all__` (constants such as FLOW_TYPES are not edge types)."""
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets):
            return {e.value for e in getattr(node.value, "elts", []) if isinstance(e, ast.Constant)}
    return set()


def test_the_scan_finds_edge_types_named_in_code():
    sample = (
        '__all__ = ["EDGE_TYPES"]\nif claim.type in ("SENT", "FORWARDED"):\n    x = "NOUN"\nlabel = "ORG"  # a type\n'
    )
    assert edge_type_tokens(sample) == {"SENT", "FORWARDED"}


def test_no_module_names_an_edge_type_the_schema_does_not_declare():
    named: dict[str, list[str]] = {}
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for token in edge_type_tokens(path.read_text(encoding="utf-8")):
                named.setdefault(token, []).append(str(path.relative_to(ROOT)))
    assert {"SENT", "RECEIVED", "MEMBER_OF", "MENTIONS"} <= set(named), (
        "the scan no longer sees the extractors' claim types"
    )
    unknown = {token: files for token, files in named.items() if token not in SCHEMA.edges}
    assert not unknown, f"edge types not declared in graph/schema.yaml: {unknown}"


def test_schema_roles_read_as_the_analysis_expects():
    assert SCHEMA.actor_labels == ("Agency", "Person")
    assert SCHEMA.edges_with("derived") == ("MENTIONS",)
    assert set(SCHEMA.edges_with("dates_knowledge")) == {"SENT", "RECEIVED", "COMMISSIONED", "AUTHORED", "KNEW_ABOUT"}
    assert set(SCHEMA.edges_with("action")) == {"SENT", "COMMISSIONED", "AUTHORED", "PUBLISHED"}
    assert SCHEMA.flow("KNEW_ABOUT", "Topic") == "forward" and SCHEMA.flow("KNEW_ABOUT", "Report") == "backward"
    assert SCHEMA.flow("CITES", "Report") == "backward" and SCHEMA.flow("PUBLISHED", "Report") is None
    assert SCHEMA.receipt_types == ("RECEIVED",)
    assert SCHEMA.origination_types == ("SENT", "AUTHORED") and SCHEMA.engagement_types == ("COMMISSIONED",)


def _schema_with(tmp_path: Path, name: str, spec: dict) -> Path:
    raw = yaml.safe_load((ROOT / "graph" / "schema.yaml").read_text(encoding="utf-8"))
    raw["edges"][name] = spec
    path = tmp_path / "schema.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def test_a_flow_edge_without_a_tie_order_is_refused(tmp_path):
    path = _schema_with(tmp_path, "LEAKED", {"from": ["Agency"], "to": ["Report"], "flow": "forward"})
    with pytest.raises(SchemaError, match="edge LEAKED: a flow edge needs an integer tie_order"):
        load_schema(path)


def test_an_unknown_flow_direction_is_refused(tmp_path):
    path = _schema_with(tmp_path, "LEAKED", {"from": ["Agency"], "to": ["Report"], "flow": "sideways", "tie_order": 0})
    with pytest.raises(SchemaError, match="flow 'sideways' must be forward or backward"):
        load_schema(path)


FORWARDED = {
    "from": ["Agency", "Person"],
    "to": ["Report"],
    "description": "passed on a document received from someone else",
    "flow": "forward",
    "tie_order": 0,
    "dates_knowledge": True,
    "rdf": {
        "predicate": {"term": "kflow:forwarded", "label": "forwarded", "comment": "Agent passed a document on."},
        "activity": {"class": "kflow:Forwarding", "role": "kflow:forwarder", "entity": "prov:used"},
    },
    "style": {"color": "#123456", "arrow": "vee", "line": "dashed"},
}

# Runs under KFLOW_SCHEMA naming a schema with FORWARDED: the module-level SCHEMA is read once
# at import, so the fictional schema gets a fresh interpreter.
CHECKS = r"""
import io, json, sys
import pyshacl, rdflib
from graph.embedded import EmbeddedStore
from graph.model import Batch, Claim, Node
from graph.analysis import first_knowledge, trace
from graph.analysis.subgraph import load_body_graph, load_flow_graph
from graph.rdf import export_rdf, shapes_turtle, vocabulary_turtle
from dashboards import graph_view
from tests.rdf_fixtures import westbrook_batch

S = "source:synthetic-westbrook"
text = "Northgate Records Office forwarded the civic briefing to the Harbour Board."
batch = westbrook_batch()
batch.nodes += [
    Node("agency:northgate-records-office", "Agency", "Northgate Records Office"),
    Node("agency:eastmere-harbour-board", "Agency", "Eastmere Harbour Board"),
    Node("report:civic-briefing", "Report", "Civic briefing on flood risk"),
]
day = lambda d: {"date_start": d, "date_end": d, "date_precision": "day"}
batch.claims += [
    Claim("FORWARDED", "agency:northgate-records-office", "report:civic-briefing", S, text, 0, len(text), 0.9, "test", **day("2010-05-01")),
    Claim("RECEIVED", "agency:eastmere-harbour-board", "report:civic-briefing", S, text, 0, len(text), 0.9, "test", **day("2010-05-04")),
    Claim("CONCERNS", "report:civic-briefing", "topic:flood-risk-in-eastmere", S, text, 0, len(text), 0.9, "test"),
]
store = EmbeddedStore(sys.argv[1])
store.upsert(batch)
ends = ["agency:northgate-records-office", "agency:eastmere-harbour-board"]
paths = trace(load_flow_graph(store, ends), *ends)
known = first_knowledge(load_body_graph(store, ends[0]), ends[0], "flood risk in Eastmere")
out = io.BytesIO()
export_rdf(store, out, "turtle")
data = rdflib.Graph().parse(data=out.getvalue(), format="turtle")
conforms, _, report = pyshacl.validate(data, shacl_graph=rdflib.Graph().parse(data=shapes_turtle(), format="turtle"), inference="none")
vocabulary = rdflib.Graph().parse(data=vocabulary_turtle(), format="turtle")
kf = rdflib.Namespace("https://w3id.org/kflow/ns#")
print(json.dumps({
    "stored": store.counts().claims.get("FORWARDED"),
    "trace": [[h.claim.type for h in p.hops] for p in paths],
    "first_knowledge": [known.claim and known.claim.type, known.date],
    "direct_triples": len(list(data.triples((None, kf.forwarded, None)))),
    "activities": len(list(data.subjects(rdflib.RDF.type, kf.Forwarding))),
    "conforms": conforms, "report": report,
    "declared": str(vocabulary.value(kf.forwarded, rdflib.RDFS.label)),
    "style": graph_view.EDGE_TYPES.get("FORWARDED"),
    "rules": [r for r in graph_view.extra_style() if r["selector"] == "edge[label='FORWARDED']"],
    "legend": [r for r in graph_view.legend_rows() if r["type"] == "FORWARDED"],
}))
"""


@pytest.fixture(scope="module")
def forwarded(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("forwarded")
    env = {**os.environ, "KFLOW_SCHEMA": str(_schema_with(tmp, "FORWARDED", FORWARDED)), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", CHECKS, str(tmp / "store")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_new_edge_type_declared_only_in_the_schema_is_stored(forwarded):
    assert forwarded["stored"] == 1


def test_trace_and_first_knowledge_follow_a_new_flow_edge(forwarded):
    assert forwarded["trace"] == [["FORWARDED", "RECEIVED"]]
    assert forwarded["first_knowledge"] == ["FORWARDED", "1 May 2010"]


def test_the_rdf_export_asserts_and_validates_a_new_edge(forwarded):
    assert forwarded["direct_triples"] == 1 and forwarded["activities"] == 1
    assert forwarded["conforms"], forwarded["report"]
    assert forwarded["declared"] == "forwarded"


def test_the_graph_view_styles_a_new_edge(forwarded):
    assert forwarded["style"] == {"color": "#123456", "arrow": "vee", "line": "dashed"}
    assert forwarded["rules"] == [
        {"selector": "edge[label='FORWARDED']", "style": {"target-arrow-shape": "vee", "line-style": "dashed"}}
    ]
    assert forwarded["legend"][0]["colour"] == "#123456"
