"""SPARQL over an export: the investigator's question "when did X first learn about T?".

Plain SPARQL 1.1 over the documented mapping, so it runs in rdflib, pyoxigraph or any triple
store the export is loaded into. Names are rendered as literals by pyoxigraph (safe escaping).
"""

from __future__ import annotations

from pyoxigraph import Literal

from graph.rdf.vocab import PREFIXES

_PREFIXES = "\n".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items())

# First knowledge of body B about topic T: the earliest dated claim by which B knew about T, or
# received, knew about or authored a document that concerns T (see DESIGN.md, "Flows").
# "Earliest" as in `kflow first-knowledge` (graph/analysis/knowledge.py): the interval that ends
# first, then starts first, then the claim IRI.
_FIRST_KNOWLEDGE = """
SELECT ?date ?dateEnd ?precision ?sentence ?claim ?source ?relation WHERE {
  VALUES (?bodyName ?topicName) { (%(body)s %(topic)s) }
  ?body dcterms:identifier ?bodyId ; rdfs:label|skos:altLabel ?bodyLabel .
  FILTER(LCASE(STR(?bodyLabel)) = LCASE(STR(?bodyName)))
  ?topic a skos:Concept ; rdfs:label|skos:altLabel ?topicLabel .
  FILTER(LCASE(STR(?topicLabel)) = LCASE(STR(?topicName)))
  ?claim a kflow:Claim ; kflow:subject ?body ; kflow:predicate ?relation ;
         kflow:dateStart ?date ; kflow:sentence ?sentence ; prov:wasDerivedFrom ?source .
  OPTIONAL { ?claim kflow:dateEnd ?dateEnd }
  OPTIONAL { ?claim kflow:datePrecision ?precision }
  {
    ?claim kflow:predicate kflow:knewAbout ; kflow:object ?topic .
  } UNION {
    VALUES ?documentRelation { kflow:received kflow:knewAbout kflow:authored }
    ?claim kflow:predicate ?documentRelation ; kflow:object ?document .
    ?document kflow:concerns ?topic .
  }
}
ORDER BY COALESCE(?dateEnd, ?date) ?date ?claim
LIMIT 1
"""


def first_knowledge_query(body_name: str, topic_name: str) -> str:
    """SPARQL for the earliest dated claim by which the body (by name or alias) learnt of the topic."""
    return _PREFIXES + _FIRST_KNOWLEDGE % {"body": Literal(body_name), "topic": Literal(topic_name)}
