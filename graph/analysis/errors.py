"""Exceptions of the analysis layer: precise, so callers (and the CLI) can say what to do next."""

from __future__ import annotations

import networkx as nx


class AnalysisError(Exception):
    """Base class: an analysis question that cannot be answered as asked."""


class NodeNotFound(AnalysisError, nx.NodeNotFound):
    """No node matches a name (or id); the message repeats the name so the user can correct it."""

    def __init__(self, name: str, label: str | None = None, suggestions: list[tuple[str, str, str]] | None = None):
        what = f"{label.lower()} " if label else ""
        self.suggestions = list(suggestions or [])  # (id, label, name) of close names, best first
        hint = (
            "did you mean " + " or ".join(f"{sname!r} ({sid})" for sid, _, sname in self.suggestions) + "?"
            if self.suggestions
            else "try a shorter part of the name, or `kflow query` to look"
        )
        super().__init__(f"no {what}node matches {name!r}; {hint}")
        self.name = name
        self.label = label


class AmbiguousName(AnalysisError):
    """A name matches several nodes; `candidates` lists them (id, label, name) so the user can choose."""

    def __init__(self, name: str, candidates: list[tuple[str, str, str]]):
        listing = "; ".join(f"{cid} ({label}: {cname})" for cid, label, cname in candidates)
        super().__init__(f"{name!r} matches {len(candidates)} nodes, give one of: {listing}")
        self.name = name
        self.candidates = candidates
