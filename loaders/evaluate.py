"""Extraction quality against gold files: precision and recall, with every miss and false positive shown.

The gold format is described in `loaders.gold`. Two levels are scored:

- `must+should` ("all"): recall over every gold item; precision = predicted items matching any gold
  item / predicted items in scope.
- `must`: recall over the must items; precision = predicted items matching a must item / predicted
  items in scope, leaving out those that match only a should item (neither right nor wrong there).

Predicted entities are the nodes the document's claims touch (Sources left out), of the node types
the gold lists. Predicted edges are the document's claims of the edge types the gold covers
(MENTIONS never). A gold edge is found by a claim of its type whose endpoints match the gold
endpoints (name or alias, by `name_key`, and type; or an allowed alternative), whose dates overlap
the gold year when one is given, and whose sentence contains the gold evidence words.

Unnamed parties (`graph.placeholders`: "the review was commissioned in 2006" by someone the text does not
name) are no entity, and their claims are scored only when a gold edge with an open end ("*") matches
them: a gold file names the parties it knows, so an unnamed one is neither right nor wrong there.

Confidence: edge claims below the threshold (`LEAD_THRESHOLD`, 0.5, by default) are leads, left out of
the edge scores; entities count every node the document's claims touch. Each Score keeps every edge
claim's confidence and what it matched, and every gold edge's best matching confidence, so
`EvalReport.curve` gives precision and recall at any threshold without extracting again: if the
confidences rank, precision rises with the threshold while recall falls.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.model import Claim, Node
from graph.names import name_key
from graph.placeholders import is_placeholder
from graph.store import GraphStore
from loaders.extract.base import Extractor
from loaders.extract.confidence import LEAD_THRESHOLD
from loaders.gold import GoldEdge, GoldEntity, GoldError, GoldFile, load_gold, normalise_text
from loaders.pipeline import load_paths

EVAL_FILE_TIMEOUT_S = 600  # seconds per gold document: a measurement, not a defence (see _measuring_time_limit)

KINDS = ("entities", "edges")
SCORE_LEVELS = ("must", "all")
CURVE_THRESHOLDS = tuple(round(i / 10, 1) for i in range(10))  # 0.0, 0.1, ..., 0.9
PROJECT_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@dataclass
class Tally:
    """Counts behind one precision/recall pair; tallies add up for micro-averages."""

    gold: int = 0
    gold_found: int = 0
    predicted: int = 0
    predicted_correct: int = 0

    @property
    def precision(self) -> float | None:
        return self.predicted_correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.gold_found / self.gold if self.gold else None

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.gold + other.gold,
            self.gold_found + other.gold_found,
            self.predicted + other.predicted,
            self.predicted_correct + other.predicted_correct,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "gold_found": self.gold_found,
            "predicted": self.predicted,
            "predicted_correct": self.predicted_correct,
            "precision": self.precision,
            "recall": self.recall,
        }


@dataclass
class Miss:
    kind: str  # entities | edges
    level: str  # must | should
    item: str
    nearest: str | None = None  # the closest prediction and why it did not match
    edge_type: str | None = None  # edges: the gold edge's type
    cause: str | None = None  # edges: one of MISS_CAUSES, for `EvalReport.breakdown`


@dataclass
class FalsePositive:
    kind: str
    item: str
    reason: str
    sentence: str | None = None
    edge_type: str | None = None  # edges: the claim's type
    cause: str | None = None  # edges: one of FALSE_CAUSES, for `EvalReport.breakdown`


# Why a gold edge was missed, from the nearest claims: where recall goes. "an end in no claim": no node the
# document's claims touch is that gold entity (unrecognised, or recognised and related to nothing); "both ends
# in other claims": both entities are in the graph and no rule related them to each other.
MISS_CAUSES = (
    "below the threshold",
    "undated or misdated",
    "evidence in another sentence",
    "one end resolved to another node",
    "no claim, both ends in other claims",
    "no claim, an end in no claim",
    "document not loaded",
)
# Why a claim is wrong: where precision goes.
FALSE_CAUSES = (
    "denied by the text (must_not)",
    "gold edge, undated or misdated",
    "gold edge, evidence in another sentence",
    "no gold edge between these nodes",
)


@dataclass
class Score:
    gold_path: str
    document: str | None = None
    tallies: dict[tuple[str, str], Tally] = field(
        default_factory=lambda: {(k, lv): Tally() for k in KINDS for lv in SCORE_LEVELS}
    )
    misses: list[Miss] = field(default_factory=list)
    false_positives: list[FalsePositive] = field(default_factory=list)
    error: str | None = None
    threshold: float = 0.0
    predicted_edges: list[tuple[float, frozenset[str], str]] = field(
        default_factory=list
    )  # every edge claim: confidence, gold levels it matched, extractor
    gold_edges: list[tuple[str, float | None]] = field(
        default_factory=list
    )  # every gold edge: level, best matching confidence (None: unmatched)

    def tally(self, kind: str, level: str) -> Tally:
        return self.tallies[(kind, level)]

    def edge_tally(self, level: str, threshold: float) -> Tally:
        """The edge counts had the threshold been `threshold`."""
        tally = Tally()
        for gold_level, best in self.gold_edges:
            if level == "all" or gold_level == "must":
                tally.gold += 1
                tally.gold_found += best is not None and best >= threshold
        for confidence, levels, _ in self.predicted_edges:
            if confidence < threshold or level == "must" and levels == {"should"}:
                continue
            tally.predicted += 1
            tally.predicted_correct += bool(levels) if level == "all" else "must" in levels
        return tally

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold_path,
            "document": self.document,
            "error": self.error,
            "threshold": self.threshold,
            **{f"{k}_{lv}": t.to_dict() for (k, lv), t in self.tallies.items()},
            "misses": [vars(m) for m in self.misses],
            "false_positives": [vars(f) for f in self.false_positives],
        }


@dataclass
class EvalReport:
    scores: list[Score] = field(default_factory=list)

    def overall(self, kind: str, level: str) -> Tally:
        """Micro-average: the files' counts added up, then divided once."""
        total = Tally()
        for score in self.scores:
            total = total + score.tally(kind, level)
        return total

    def curve(self, level: str = "must", thresholds: Iterable[float] = CURVE_THRESHOLDS) -> list[tuple[float, Tally]]:
        """Micro-averaged edge counts at each threshold, from the stored confidences."""
        points = []
        for threshold in thresholds:
            total = Tally()
            for score in self.scores:
                total = total + score.edge_tally(level, threshold)
            points.append((threshold, total))
        return points

    def breakdown(self, level: str = "must") -> dict[str, dict[tuple[str, str], int]]:
        """Edge misses at `level` and false edges, counted by (cause, edge type): where recall and precision go."""
        misses: dict[tuple[str, str], int] = {}
        false: dict[tuple[str, str], int] = {}
        for score in self.scores:
            for miss in score.misses:
                if miss.kind == "edges" and miss.level == level and miss.cause:
                    key = (miss.cause, miss.edge_type or "?")
                    misses[key] = misses.get(key, 0) + 1
            for wrong in score.false_positives:
                if wrong.kind == "edges" and wrong.cause:
                    key = (wrong.cause, wrong.edge_type or "?")
                    false[key] = false.get(key, 0) + 1
        return {"misses": misses, "false": false}

    def to_dict(self) -> dict[str, Any]:
        breakdown = self.breakdown()
        return {
            "breakdown_must": {
                part: [{"cause": c, "type": t, "count": n} for (c, t), n in sorted(counts.items())]
                for part, counts in breakdown.items()
            },
            "files": [s.to_dict() for s in self.scores],
            "threshold": self.scores[0].threshold if self.scores else LEAD_THRESHOLD,
            "overall": {f"{k}_{lv}": self.overall(k, lv).to_dict() for k in KINDS for lv in SCORE_LEVELS},
            "curve": {
                f"edges_{lv}": [{"threshold": t, **tally.to_dict()} for t, tally in self.curve(lv)]
                for lv in SCORE_LEVELS
            },
        }


@dataclass(frozen=True)
class EndSpec:
    """What a gold endpoint accepts: nodes of a type with one of these name keys, or an alternative."""

    keys: frozenset[str]
    label: str | None
    alternatives: tuple[EndSpec, ...] = ()
    text_source: str | None = None  # a gold `this_document`: the node that is this Source's text, by any name

    def accepts(self, node: Node | None) -> bool:
        if node is None:
            return False
        if self.text_source is not None and node.props.get("text_source") == self.text_source:
            return True
        own = (self.label is None or node.label == self.label) and bool(self.keys & set(node.keys))
        return own or any(alt.accepts(node) for alt in self.alternatives)


def _spec(
    gold: GoldFile, name: str | None, extra: tuple[str, ...] = (), source_id: str | None = None
) -> EndSpec | None:
    """Endpoint spec for a gold name; None means any node (a must_not end left open)."""
    if name is None:
        return None
    entity = gold.entity_named(name)
    alternatives = [*(entity.may_resolve_to if entity else ()), *extra]
    alt_specs = tuple(_plain_spec(gold, alt, source_id) for alt in alternatives)
    if entity is None:
        return EndSpec(frozenset({name_key(name)}), None, alt_specs)
    return EndSpec(entity.keys, entity.type, alt_specs, _text_source(entity, source_id))


def _plain_spec(gold: GoldFile, name: str, source_id: str | None = None) -> EndSpec:
    entity = gold.entity_named(name)
    if entity is None:
        return EndSpec(frozenset({name_key(name)}), None)
    return EndSpec(entity.keys, entity.type, text_source=_text_source(entity, source_id))


def _entity_spec(gold: GoldFile, entity: GoldEntity, source_id: str | None = None) -> EndSpec:
    alternatives = tuple(_plain_spec(gold, alt, source_id) for alt in entity.may_resolve_to)
    return EndSpec(entity.keys, entity.type, alternatives, _text_source(entity, source_id))


def _text_source(entity: GoldEntity, source_id: str | None) -> str | None:
    return source_id if entity.this_document else None


def _overlaps(claim: Claim, years: tuple[int, int] | None) -> bool:
    if years is None:
        return True
    start, end = claim.date_start or claim.date_end, claim.date_end or claim.date_start
    return bool(start) and start <= f"{years[1]}-12-31" and end >= f"{years[0]}-01-01"


def _has_evidence(claim: Claim, evidence: tuple[str, ...]) -> bool:
    if not evidence:
        return True
    sentence = normalise_text(claim.sentence or "")
    return any(normalise_text(words) in sentence for words in evidence)


class _Matcher:
    """Gold edges against one document's claims, with the reason a near match failed."""

    def __init__(self, gold: GoldFile, nodes: dict[str, Node], source_id: str | None = None):
        self.gold, self.nodes, self.source_id = gold, nodes, source_id
        self._specs: dict[GoldEdge, tuple[EndSpec | None, EndSpec | None]] = {}

    def ends(self, edge: GoldEdge) -> tuple[EndSpec | None, EndSpec | None]:
        if edge not in self._specs:
            self._specs[edge] = (
                _spec(self.gold, edge.from_name, edge.from_alternatives, self.source_id),
                _spec(self.gold, edge.to_name, edge.to_alternatives, self.source_id),
            )
        return self._specs[edge]

    def endpoints_match(self, edge: GoldEdge, claim: Claim) -> bool:
        from_spec, to_spec = self.ends(edge)
        return (
            claim.type == edge.type
            and (from_spec is None or from_spec.accepts(self.nodes.get(claim.from_id)))
            and (to_spec is None or to_spec.accepts(self.nodes.get(claim.to_id)))
        )

    def matches(self, edge: GoldEdge, claim: Claim) -> bool:
        return (
            self.endpoints_match(edge, claim) and _overlaps(claim, edge.years) and _has_evidence(claim, edge.evidence)
        )

    def why_not(self, edge: GoldEdge, claim: Claim) -> str:
        if edge.years and not (claim.date_start or claim.date_end):
            return f"claim is undated; gold year {edge.describe().rsplit(' ', 1)[-1]}"
        if not _overlaps(claim, edge.years):
            return f"date {claim.date_start or '?'}..{claim.date_end or '?'} outside gold year {edge.describe().rsplit(' ', 1)[-1]}"
        return f"sentence lacks the evidence {' | '.join(edge.evidence)!r}"

    def closest(self, edge: GoldEdge, claims: list[Claim]) -> tuple[Claim, str] | None:
        """The claim nearest a missed gold edge and what it shares with it: "both" ends, or (same type)
        only the "subject" or only the "object"."""
        for claim in claims:
            if self.endpoints_match(edge, claim):
                return claim, "both"
        from_spec, to_spec = self.ends(edge)
        for claim in claims:
            same_from = from_spec is None or from_spec.accepts(self.nodes.get(claim.from_id))
            same_to = to_spec is None or to_spec.accepts(self.nodes.get(claim.to_id))
            if claim.type == edge.type and (same_from or same_to):
                return claim, "subject" if same_from else "object"
        return None

    def cause(self, edge: GoldEdge, claims: list[Claim], recognised: list[Node]) -> str:
        """Why `edge` was missed (one of MISS_CAUSES), given the document's kept claims and the nodes they touch."""
        closest = self.closest(edge, claims)
        if closest is not None:
            claim, shared = closest
            if shared != "both":
                return "one end resolved to another node"
            return "evidence in another sentence" if _overlaps(claim, edge.years) else "undated or misdated"
        both = all(spec is None or any(spec.accepts(node) for node in recognised) for spec in self.ends(edge))
        return "no claim, both ends in other claims" if both else "no claim, an end in no claim"

    def nearest(self, edge: GoldEdge, claims: list[Claim]) -> str | None:
        """The claim closest to a missed gold edge, described with what was wrong."""
        closest = self.closest(edge, claims)
        if closest is None:
            return None
        claim, shared = closest
        if shared == "both":
            return f"{self.describe(claim)}: {self.why_not(edge, claim)}"
        return f"{self.describe(claim)}: {'object' if shared == 'subject' else 'subject'} resolved differently"

    def describe(self, claim: Claim) -> str:
        def name(node_id: str) -> str:
            node = self.nodes.get(node_id)
            return f"{node.name} ({node.label})" if node else node_id

        when = f" [{claim.date_start}..{claim.date_end}]" if claim.date_start or claim.date_end else ""
        return f"{name(claim.from_id)} -{claim.type}-> {name(claim.to_id)}{when}"


def evaluate(
    gold: GoldFile, store: GraphStore, source_id: str | None = None, threshold: float = LEAD_THRESHOLD
) -> Score:
    """Score what `store` holds for one document against its gold file.

    `source_id` names the document's Source; without it, the Source whose path has the gold's
    file name is used. Raises GoldError when no such Source is stored. Edge claims below
    `threshold` are leads: not scored (but kept in `Score.predicted_edges` for the curve).
    """
    source_id = source_id or _source_for(gold, store)
    claims = [c for c in store.claims(source_id=source_id) if not c.negated]  # a denial is no predicted edge
    nodes = _nodes(store, claims)
    score = Score(str(gold.path), gold.source_file, threshold=threshold)
    _score_entities(gold, nodes, score, source_id)
    _score_edges(gold, nodes, [c for c in claims if c.type in gold.edge_types], score, source_id)
    return score


def _source_for(gold: GoldFile, store: GraphStore) -> str:
    for source in store.sources():
        path = source.props.get("path") or ""
        if Path(path).name == Path(gold.source_file).name:
            return source.id
    raise GoldError(
        gold.path, "source.file", f"no Source for {gold.source_file!r} in the store; load the document first"
    )


def _nodes(store: GraphStore, claims: list[Claim]) -> dict[str, Node]:
    ids = {end for c in claims for end in (c.from_id, c.to_id) if not end.startswith("source:")}
    return {node_id: node for node_id in sorted(ids) if (node := store.get_node(node_id)) is not None}


def _score_entities(gold: GoldFile, nodes: dict[str, Node], score: Score, source_id: str | None = None) -> None:
    labels = {e.type for e in gold.entities}
    predicted = [n for n in nodes.values() if n.label in labels and not is_placeholder(n.id, n.props)]
    specs = [(entity, _entity_spec(gold, entity, source_id)) for entity in gold.entities]
    for entity, spec in specs:
        found = any(spec.accepts(node) for node in predicted)
        _count_gold(score, "entities", entity.level, found)
        if not found:
            score.misses.append(Miss("entities", entity.level, entity.describe(), _nearest_node(entity, predicted)))
    for node in predicted:
        levels = {entity.level for entity, spec in specs if spec.accepts(node)}
        _count_predicted(score, "entities", levels)
        if not levels:
            score.false_positives.append(
                FalsePositive("entities", f"{node.label} {node.name!r}", "no gold entity has this name or alias")
            )


def _nearest_node(entity: GoldEntity, predicted: list[Node]) -> str | None:
    same_name = [n for n in predicted if entity.keys & set(n.keys)]
    if same_name:
        return f"found as {same_name[0].label} {same_name[0].name!r}: wrong type"
    return None


def _score_edges(
    gold: GoldFile, nodes: dict[str, Node], claims: list[Claim], score: Score, source_id: str | None = None
) -> None:
    matcher = _Matcher(gold, nodes, source_id)
    kept = [c for c in claims if c.confidence >= score.threshold]
    recognised = [n for n in nodes.values() if not is_placeholder(n.id, n.props)]
    for edge in gold.edges:
        matching = [c.confidence for c in claims if matcher.matches(edge, c)]
        best = max(matching, default=None)
        score.gold_edges.append((edge.level, best))
        found = best is not None and best >= score.threshold
        _count_gold(score, "edges", edge.level, found)
        if not found:
            nearest = (
                f"found only at confidence {best:.2f}, below the threshold {score.threshold}"
                if best is not None
                else matcher.nearest(edge, kept)
            )
            cause = "below the threshold" if best is not None else matcher.cause(edge, kept, recognised)
            score.misses.append(Miss("edges", edge.level, edge.describe(), nearest, edge.type, cause))
    for claim in claims:
        levels = frozenset(edge.level for edge in gold.edges if matcher.matches(edge, claim))
        if not levels and _unnamed_party(claim, nodes):
            continue  # "was commissioned in 2006" by someone unnamed: gold names no such party, so it is not scored
        score.predicted_edges.append((claim.confidence, levels, claim.extractor))
        if claim.confidence < score.threshold:
            continue
        _count_predicted(score, "edges", set(levels))
        if not levels:
            reason, cause = _fp_reason(gold, matcher, claim)
            score.false_positives.append(
                FalsePositive("edges", matcher.describe(claim), reason, claim.sentence, claim.type, cause)
            )


def _unnamed_party(claim: Claim, nodes: dict[str, Node]) -> bool:
    return any(is_placeholder(end, nodes[end].props if end in nodes else None) for end in (claim.from_id, claim.to_id))


def _fp_reason(gold: GoldFile, matcher: _Matcher, claim: Claim) -> tuple[str, str]:
    """Why a claim matches no gold edge, in words and as one of FALSE_CAUSES."""
    denied = next((e for e in gold.must_not if matcher.endpoints_match(e, claim)), None)
    if denied:
        return f"the text does not support it (must_not: {denied.note or denied.describe()})", FALSE_CAUSES[0]
    near = next((e for e in gold.edges if matcher.endpoints_match(e, claim)), None)
    if near:
        cause = FALSE_CAUSES[2] if _overlaps(claim, near.years) else FALSE_CAUSES[1]
        return f"near {near.level} gold edge {near.describe()}: {matcher.why_not(near, claim)}", cause
    return "no gold edge of this type between these nodes", FALSE_CAUSES[3]


def _count_gold(score: Score, kind: str, level: str, found: bool) -> None:
    for score_level in SCORE_LEVELS:
        if score_level == "all" or level == "must":
            tally = score.tally(kind, score_level)
            tally.gold += 1
            tally.gold_found += found


def _count_predicted(score: Score, kind: str, matched_levels: set[str]) -> None:
    everything, must = score.tally(kind, "all"), score.tally(kind, "must")
    everything.predicted += 1
    everything.predicted_correct += bool(matched_levels)
    if matched_levels == {"should"}:
        return  # right at the should level; neither right nor wrong at the must level
    must.predicted += 1
    must.predicted_correct += "must" in matched_levels


def _failed_score(gold: GoldFile, path: Path, reason: str, threshold: float = LEAD_THRESHOLD) -> Score:
    """A document that could not be loaded: every gold item is missed."""
    score = Score(str(path), gold.source_file, error=reason, threshold=threshold)
    for entity in gold.entities:
        _count_gold(score, "entities", entity.level, False)
        score.misses.append(Miss("entities", entity.level, entity.describe(), reason))
    for edge in gold.edges:
        _count_gold(score, "edges", edge.level, False)
        score.gold_edges.append((edge.level, None))
        score.misses.append(Miss("edges", edge.level, edge.describe(), reason, edge.type, "document not loaded"))
    return score


def evaluate_paths(
    gold_paths: Iterable[Path | str],
    store_factory: Callable[[Path], GraphStore],
    extractor: Extractor,
    docs_dirs: Iterable[Path | str] = (),
    threshold: float = LEAD_THRESHOLD,
) -> EvalReport:
    """Load each gold file's document into a fresh store (made by `store_factory(tmp_dir)`) and score it.

    The document is looked for beside the gold file, then in `docs_dirs`, then in the project's
    `seeds/`. A gold file that cannot be parsed raises GoldError; a document that cannot be found
    or loaded scores zero recall with the reason in `Score.error`. Edge claims below `threshold` are
    leads, left out of the scores but kept for `EvalReport.curve`.
    """
    search = [*map(Path, docs_dirs), PROJECT_SEEDS, Path.cwd() / "seeds"]
    report = EvalReport()
    for gold_path in map(Path, gold_paths):
        gold = load_gold(gold_path)
        try:
            document = gold.document_path(search)
        except GoldError as error:
            report.scores.append(_failed_score(gold, gold_path, str(error), threshold))
            continue
        report.scores.append(_score_one(gold, document, store_factory, extractor, threshold))
    return report


@contextmanager
def _measuring_time_limit() -> Iterator[None]:
    """Gold documents are trusted and a score must not depend on the machine's load: the per-file time
    limit meant for hostile input (a few seconds' worth on a busy machine cut real documents off, which
    then scored zero) becomes EVAL_FILE_TIMEOUT_S unless KFLOW_FILE_TIMEOUT says otherwise."""
    if "KFLOW_FILE_TIMEOUT" in os.environ:
        yield
        return
    os.environ["KFLOW_FILE_TIMEOUT"] = str(EVAL_FILE_TIMEOUT_S)
    try:
        yield
    finally:
        os.environ.pop("KFLOW_FILE_TIMEOUT", None)


def _score_one(
    gold: GoldFile,
    document: Path,
    store_factory: Callable[[Path], GraphStore],
    extractor: Extractor,
    threshold: float = LEAD_THRESHOLD,
) -> Score:
    with tempfile.TemporaryDirectory(prefix="kflow-eval-") as tmp, _measuring_time_limit():
        store = store_factory(Path(tmp) / "store")
        try:
            loaded = load_paths([document], store, extractor, published=gold.published)
            result = loaded.files[0]
            if result.status == "failed" or not result.source_id:
                return _failed_score(gold, gold.path, f"{document}: {result.reason}", threshold)
            score = evaluate(gold, store, result.source_id, threshold)
        finally:
            store.close()
    score.document = str(document)
    return score
