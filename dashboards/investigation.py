"""Investigation-page logic: answer a saved question with the library's question layer, and the
grade controls' choices. The page (dashboards/views/investigation.py) only lays these out."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.analysis.graded import knowledge_grade, path_grade
from graph.analysis.questions import ask_first_knowledge, ask_timeline, ask_trace
from graph.grading import load_scheme
from graph.investigations import Question
from graph.model import Claim
from graph.store import GraphStore

QUESTION_TITLES = {
    "trace": "Trace {source} → {target}",
    "first_knowledge": "When did {body} first know?",
    "timeline": "Timeline of {body}",
    "gaps": "Gaps",
}


@dataclass
class Asked:
    """A saved question's answer as the page shows it: a headline, claims in order, the weakest grade."""

    headline: str
    claims: list[Claim] = field(default_factory=list)
    grade: str | None = None
    names: dict[str, str] = field(default_factory=dict)


def question_title(question: Question) -> str:
    if question.title:
        return question.title
    try:
        title = QUESTION_TITLES[question.kind].format(**question.args)
    except KeyError:
        title = question.kind
    grade = question.args.get("min_grade")
    return f"{title} (grade ≥ {grade})" if grade else title


def ask(store: GraphStore, question: Question, min_grade: str | None = None) -> Asked:
    """The answer to `question` now; `min_grade` (else the question's own) filters the evidence."""
    args = question.args
    grade = min_grade or args.get("min_grade") or None
    if question.kind == "trace":
        answer = ask_trace(store, args["source"], args["target"], args.get("topic"), min_grade=grade)
        if not answer.result:
            return Asked(f"No time-respecting flow from {answer.source.name} to {answer.target.name}.")
        path = answer.result[0]
        names = {n: answer.graph.nodes[n].get("name", n) for n in answer.graph.nodes}
        headline = f"{len(answer.result)} flow(s); the shortest reached {answer.target.name} by {path.arrival_text}"
        return Asked(headline, [h.claim for h in path.hops], path_grade(answer.graph, path), names)
    if question.kind == "first_knowledge":
        asked = ask_first_knowledge(store, args["body"], args.get("topic"), grade)
        knowledge, G = asked.result, asked.graph
        names = {n: G.nodes[n].get("name", n) for n in G.nodes}
        if not knowledge.found:
            return Asked(f"{knowledge.body_name}: no evidence found.")
        chain = [h.claim for p in knowledge.chain for h in p.hops]
        headline = f"{knowledge.body_name} first knew: {knowledge.date}"
        return Asked(headline, [knowledge.claim, *chain], knowledge_grade(G, knowledge), names)
    if question.kind == "timeline":
        answer = ask_timeline(store, args.get("body"), args.get("topic"), min_grade=grade)
        names = {n: answer.graph.nodes[n].get("name", n) for n in answer.graph.nodes}
        claims = [e.claim for e in answer.result]
        book = answer.graph.graph.get("grades")
        return Asked(f"{len(claims)} dated claim(s)", claims, book.code(claims) if book and claims else None, names)
    return Asked(f"{question.kind} questions are answered on their own page.")


def grade_choices(scale: str) -> list[str]:
    """The scheme's grades on one scale, best first, each with its meaning ("B: Usually reliable")."""
    return [f"{code}: {meaning}" for code, meaning in load_scheme().grades[scale].items()]


def minimum_choices() -> list[str]:
    """Minimum-grade filters offered: none, each source grade, each source+information pair."""
    scheme = load_scheme()
    sources, infos = list(scheme.grades["source"]), list(scheme.grades["information"])
    return ["", *sources, *infos, *(s + i for s in sources for i in infos)]
