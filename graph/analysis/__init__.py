"""Flow analysis over networkx graphs: who knew what, when, and through whom.

Plain functions of a graph built by `graph.analysis.subgraph` from the part of the store a
question needs:

- `trace(G, source, target, ...)`: time-respecting flow paths between two bodies.
- `first_knowledge(G, body, topic)`: the earliest dated evidence a body knew, and how.
- `timeline(G, body=..., topic=...)`: every dated claim in order.
- `gaps(G, topic)`: time from knowing to acting, and silences.
- `brokers(G)`: bodies through which flows pass (betweenness).
"""

from graph.analysis.errors import AmbiguousName, AnalysisError, NodeNotFound
from graph.analysis.flows import FlowPath, Hop, body_flow_graph, brokers, flow_graph, trace, upstream
from graph.analysis.gaps import Gap, GapsReport, gaps
from graph.analysis.knowledge import NO_EVIDENCE, Knowledge, first_knowledge
from graph.analysis.name_lookup import resolve_in_graph, resolve_in_store
from graph.analysis.subgraph import (
    load_body_graph,
    load_claims_graph,
    load_flow_graph,
    load_topic_graph,
    to_networkx,
)
from graph.analysis.timeline import Entry, document_date, timeline

__all__ = [
    "AmbiguousName",
    "AnalysisError",
    "NodeNotFound",
    "FlowPath",
    "Hop",
    "body_flow_graph",
    "brokers",
    "flow_graph",
    "trace",
    "upstream",
    "Gap",
    "GapsReport",
    "gaps",
    "NO_EVIDENCE",
    "Knowledge",
    "first_knowledge",
    "resolve_in_graph",
    "resolve_in_store",
    "load_body_graph",
    "load_claims_graph",
    "load_flow_graph",
    "load_topic_graph",
    "to_networkx",
    "Entry",
    "document_date",
    "timeline",
]
