"""Claims as evidence an investigator reads: topic matching, exact short quotes, JSON-ready dicts."""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.analysis.date_windows import claim_date
from graph.model import Claim
from graph.names import name_key
from graph.schema import SCHEMA

TOPIC_LINKS = SCHEMA.edges_with("links_topic")
DERIVED = SCHEMA.edges_with("derived")


class TopicMatcher:
    """Decides whether a claim or a document concerns a topic; one rule for every analysis.

    A topic is given by name or id. It designates the Topic nodes of the graph whose name or an
    alias has that key, or contains it ("child sexual exploitation" designates "child sexual
    exploitation in Rotherham"). Something concerns the topic when:
      - a claim points at one of those Topic nodes (KNEW_ABOUT, CONCERNS), or
      - a document has a CONCERNS claim to one of them, or its title/name names the topic, or the
        sentence of a claim about it (sent, received, authored...) names the topic, or
      - a claim's own sentence names the topic (by its name or any alias, as whole words), or
      - a claim's document end (received, sent, authored, cited...) concerns the topic.
    With no topic, everything concerns it.
    """

    def __init__(self, G: nx.MultiDiGraph, topic: str | None):
        self.topic = topic
        self.topic_ids: set[str] = set()
        self.keys: set[str] = set()
        if topic is None:
            return
        key = name_key(topic)
        for node, data in G.nodes(data=True):
            if data.get("label") != "Topic":
                continue
            names = [name_key(x) for x in [data.get("name", ""), *data.get("aliases", [])]]
            if node == topic or any(key and (n == key or _contains(n, key)) for n in names):
                self.topic_ids.add(node)
                self.keys.update(n for n in names if n)
        if key:
            self.keys.add(key)
        self._reports: dict[str, bool] = {}
        self._G = G

    @property
    def any(self) -> bool:
        return self.topic is None

    def text(self, text: str | None) -> bool:
        return bool(text) and any(_contains(name_key(text), k) for k in self.keys)

    def report(self, report_id: str) -> bool:
        if self.any:
            return True
        if report_id not in self._reports:
            G, data = self._G, self._G.nodes.get(report_id, {})
            about = any(v in self.topic_ids for _, v, t in G.out_edges(report_id, data="type") if t in TOPIC_LINKS)
            title = data.get("props", {}).get("title")
            said = any(
                self.text(c.sentence) for _, _, c in G.in_edges(report_id, data="claim") if c.type not in DERIVED
            )
            self._reports[report_id] = about or self.text(title) or self.text(data.get("name")) or said
        return self._reports[report_id]

    def claim(self, claim: Claim) -> bool:
        if self.any or claim.to_id in self.topic_ids or self.text(claim.sentence):
            return True
        return any(
            self.report(end) for end in (claim.from_id, claim.to_id) if end.startswith("report:") and end in self._G
        )


def _contains(haystack: str, needle: str) -> bool:
    return f" {needle} " in f" {haystack} "


def short_quote(sentence: str, width: int = 110) -> str:
    """The sentence, or its exact opening cut at a word boundary with an ellipsis: never reworded."""
    text = " ".join(sentence.split())
    if len(text) <= width:
        return text
    cut = text[:width].rsplit(" ", 1)[0]
    return cut + " …"


def claim_dict(claim: Claim, G: nx.MultiDiGraph | None = None) -> dict[str, Any]:
    """A claim for `--json`: who, what, when (with a readable date), and the exact evidence."""

    def name(node_id: str) -> str:
        return G.nodes[node_id].get("name", node_id) if G is not None and node_id in G else node_id

    return {
        "claim_id": claim.id,
        "type": claim.type,
        "from": claim.from_id,
        "from_name": name(claim.from_id),
        "to": claim.to_id,
        "to_name": name(claim.to_id),
        "date": claim_date(claim),
        "date_start": claim.date_start,
        "date_end": claim.date_end,
        "date_precision": claim.date_precision,
        "date_text": claim.date_text,  # what the date was read from ("16 years ago", "the document's date")
        "polarity": claim.polarity,  # "negated": a denial, never used as a fact (graph/analysis/conflicts.py)
        "quote": claim.sentence,
        "source_id": claim.source_id,
        "char_start": claim.char_start,
        "char_end": claim.char_end,
        "confidence": claim.confidence,
    }


def node_name(G: nx.MultiDiGraph, node_id: str) -> str:
    return G.nodes[node_id].get("name", node_id) if node_id in G else node_id
