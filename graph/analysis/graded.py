"""Grades in answers: keep only claims graded at least a minimum, and name the weakest grade on a chain.

A question loads its subgraph, then `graded` looks up the grades of the claims in it
(graph/grades.py) and drops the edges of claims below the minimum before the analysis runs, so a
filtered answer is the answer the better-graded evidence alone gives. The grade book rides on the
graph (`G.graph["grades"]`) so the CLI and the app can name the weakest grade of each chain.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.analysis.errors import AnalysisError
from graph.grades import GradeBook, grade_book
from graph.grading import GradeError, load_scheme
from graph.model import Claim
from graph.store import GraphStore

GRADES_KEY = "grades"


class MinimumGradeError(AnalysisError):
    """A minimum grade that the scheme does not know."""


def graded(G: nx.MultiDiGraph, store: GraphStore, min_grade: str | None = None) -> nx.MultiDiGraph:
    """`G` without the claims graded below `min_grade` ("B2", "B" or "2"), carrying its grade book."""
    try:
        scheme = load_scheme()
        minimum = scheme.parse_minimum(min_grade) if min_grade else None
    except GradeError as error:
        raise MinimumGradeError(str(error)) from None
    book = grade_book(store, scheme)
    if minimum is not None:
        weak = [
            (u, v, k)
            for u, v, k, d in G.edges(keys=True, data=True)
            if "claim" in d and not book.meets(d["claim"], minimum)
        ]
        G.remove_edges_from(weak)
    G.graph[GRADES_KEY] = book
    return G


def graded_claims(claims: Iterable[Claim], store: GraphStore, min_grade: str | None = None) -> list[Claim]:
    """`claims` less those graded below `min_grade`: `graded` for a question that needs no graph (brokers)."""
    claims = list(claims)
    if not min_grade:
        return claims
    try:
        scheme = load_scheme()
        minimum = scheme.parse_minimum(min_grade)
    except GradeError as error:
        raise MinimumGradeError(str(error)) from None
    book = grade_book(store, scheme)
    return [c for c in claims if book.meets(c, minimum)]


def book_of(G: nx.MultiDiGraph) -> GradeBook | None:
    """The graph's grade book; it looks Sources up in the store, so ask it while the store is open."""
    return G.graph.get(GRADES_KEY)


def chain_grade(G: nx.MultiDiGraph, claims: Iterable[Claim]) -> str | None:
    """The weakest grade among `claims` as a code ("C3"), or None when the graph carries no grades."""
    book = book_of(G)
    claims = list(claims)
    return book.code(claims) if book is not None and claims else None


def claim_grade(G: nx.MultiDiGraph, claim: Claim) -> str | None:
    return chain_grade(G, [claim])


def path_grade(G: nx.MultiDiGraph, path) -> str | None:
    """The weakest grade on one flow path (its hops' claims)."""
    return chain_grade(G, [hop.claim for hop in path.hops])


def knowledge_grade(G: nx.MultiDiGraph, knowledge) -> str | None:
    """The weakest grade on a first-knowledge answer: its claim and the chain that brought it there."""
    claims = [knowledge.claim] if knowledge.claim else []
    return chain_grade(G, claims + [hop.claim for path in knowledge.chain for hop in path.hops])
