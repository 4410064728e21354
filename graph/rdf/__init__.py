"""RDF export of the kflow graph: PROV-O / ORG / FOAF / schema.org mapping, streamed by pyoxigraph.

`export_rdf(store, out, format, base)` is the one entry point (the CLI's `kflow export` and the
app's Export page both call it). The mapping is described in docs/rdf.md, the `kflow:`
vocabulary in `vocabulary_turtle()`, and what a valid export looks like in `shapes_turtle()` (SHACL):
both are the hand-written `kflow.ttl` / `shapes.ttl` plus what `graph/schema.yaml` declares.
"""

from graph.rdf.declarations import shapes_turtle, vocabulary_turtle
from graph.rdf.export import EXTENSIONS, FORMATS, MEDIA_TYPES, ExportError, ExportStats, export_rdf, write_rdf
from graph.rdf.iris import DEFAULT_BASE, IriError, Minter
from graph.rdf.vocab import KFLOW_NS, PREFIXES, SHAPES_FILE, VOCABULARY_FILE

__all__ = [
    "DEFAULT_BASE",
    "EXTENSIONS",
    "FORMATS",
    "KFLOW_NS",
    "MEDIA_TYPES",
    "PREFIXES",
    "SHAPES_FILE",
    "VOCABULARY_FILE",
    "ExportError",
    "ExportStats",
    "IriError",
    "Minter",
    "export_rdf",
    "shapes_turtle",
    "vocabulary_turtle",
    "write_rdf",
]
