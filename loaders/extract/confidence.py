"""How sure a claim is, and why: the evidence kinds the rules can stand on, with their weights, in one table
(data: `data/lexicon/confidence.yaml`, read and checked once here).

A claim's confidence is the product of the weights of its evidence kinds:

- exactly one **construction**: how the text states the relation ("X sent the report to Y" is a verb
  in the active voice; "a letter from X to Y" a nominal frame; "X's report" a possessive);
- one **reference** kind for each end the sentence does not name outright ("it", "the council",
  "we", "officials at X"); an end named in the sentence adds nothing (weight 1);
- **date:report** when the claim's date is borrowed from the report's own date, not read off its clause.

So a fact stated outright ranks above the same fact reached through a pronoun, and every inference
step lowers it further (multiplying, not taking the minimum, so two weak links count twice). The
claim's `extractor` names the rule and then the kinds that lowered it, e.g.
`rules.send.active+coref:pronoun+date:report`, so an investigator sees why in the app and the CLI.
Claims below `LEAD_THRESHOLD` are leads: stored and shown, but not counted by `kflow eval` at its
default threshold. Structured claims from readers (e-mail headers, registers) are exact (1.0) and
set by the readers themselves (`loaders/readers`).

The weights are calibrated on the dev gold only (`tests/gold/real/dev`, `tests/gold/dev`) so that precision
rises with confidence (`kflow eval --curve`); the YAML file says how.

The rules' own per-reference numbers (`Ref.confidence`, `RawClaim.confidence`) are what they were before
this table; `score` replaces them for every claim drawn from the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from spacy.tokens import Token

from graph.placeholders import is_placeholder
from loaders.extract import letter_openers, topics
from loaders.extract.lexicon import LEX, LEXICON_DIR

if TYPE_CHECKING:  # pragma: no cover
    from loaders.extract.mentions import Sentence
    from loaders.extract.relations import RawClaim, Ref
    from loaders.extract.rules import DocumentRun

TABLE_PATH = LEXICON_DIR / "confidence.yaml"
GROUPS = ("construction", "reference", "date")


class ConfidenceTableError(ValueError):
    """The confidence table (data/lexicon/confidence.yaml) is malformed; the message names the key."""


@dataclass(frozen=True)
class Evidence:
    kind: str
    weight: float
    group: str  # construction | reference | date
    says: str  # what it means, for people


def load_table(path: Path = TABLE_PATH) -> tuple[float, float, dict[str, Evidence], dict[str, str]]:
    """(lead threshold, floor, evidence kinds, construction of rule) from the YAML table, checked: a weight
    outside (0, 1], an unknown group or key, or a rule mapped to an unknown construction is an error."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    unknown = set(raw) - {"lead_threshold", "floor", "evidence", "construction_of_rule"}
    if unknown:
        raise ConfidenceTableError(f"{path.name}: unknown key(s) {sorted(unknown)}")
    evidence: dict[str, Evidence] = {}
    for kind, spec in (raw.get("evidence") or {}).items():
        if not isinstance(spec, dict) or set(spec) != {"weight", "group", "says"}:
            raise ConfidenceTableError(f"{path.name}: evidence.{kind} needs exactly weight, group and says")
        weight_ = spec["weight"]
        if isinstance(weight_, bool) or not isinstance(weight_, (int, float)) or not 0 < weight_ <= 1:
            raise ConfidenceTableError(f"{path.name}: evidence.{kind}.weight must be a number in (0, 1]")
        if spec["group"] not in GROUPS:
            raise ConfidenceTableError(f"{path.name}: evidence.{kind}.group must be one of {', '.join(GROUPS)}")
        evidence[kind] = Evidence(kind, float(weight_), spec["group"], str(spec["says"]))
    rules = {str(k): str(v) for k, v in (raw.get("construction_of_rule") or {}).items()}
    for rule, kind in rules.items():
        if evidence.get(kind) is None or evidence[kind].group != "construction":
            raise ConfidenceTableError(f"{path.name}: construction_of_rule.{rule}: {kind!r} is no construction")
    for name in ("lead_threshold", "floor"):
        if not isinstance(raw.get(name), (int, float)) or not 0 <= raw[name] < 1:
            raise ConfidenceTableError(f"{path.name}: {name} must be a number in [0, 1)")
    return float(raw["lead_threshold"]), float(raw["floor"]), evidence, rules


LEAD_THRESHOLD, FLOOR, EVIDENCE, CONSTRUCTION_OF_RULE = load_table()


def weight(kind: str) -> float:
    return EVIDENCE[kind].weight


def combine(kinds: list[str]) -> float:
    """The product of the kinds' weights, rounded to two places and never below FLOOR."""
    value = 1.0
    for kind in kinds:
        value *= weight(kind)
    return round(max(FLOOR, min(1.0, value)), 2)


_PREFIXES_LONGEST_FIRST = sorted(CONSTRUCTION_OF_RULE, key=len, reverse=True)


@cache
def construction(rule: str) -> str:
    """The construction a rule name stands for: 'send.active', 'write.to', 'report.from', 'member.join'.
    Kept per rule name: a few hundred rules, asked for every claim (by the rules' score and the learned scorer)."""
    for prefix in _PREFIXES_LONGEST_FIRST:
        if rule == prefix or rule.startswith(prefix + "."):
            return CONSTRUCTION_OF_RULE[prefix]
    parts = rule.split(".")
    if parts[0] == "member":
        return "member"
    if len(parts) >= 2 and parts[1] == "to":
        return "written-to"
    if len(parts) >= 2 and parts[1] in ("active", "passive"):
        extra = parts[2:]
        if "information" in extra:
            return "information"
        if "sender" in extra or "sent" in extra:
            return "implied"
        if "relcl" in extra or "acl" in extra:
            return "relative"
        return parts[1]
    return "other"


def reference(run: DocumentRun, sentence: Sentence, ref: Ref) -> str | None:
    """How an end was identified when the sentence does not simply name it; None when it does.

    Read once per claim end: `score` and the learned scorer's features both ask, one right after the other
    (nothing in between changes the run), so the last answers are kept in `run.memo`."""
    memo: list[tuple[Ref, Sentence, str | None]] = run.memo.setdefault("confidence.reference", [])
    for seen, seen_sentence, kind in memo:
        if seen is ref and seen_sentence is sentence:
            return kind
    kind = _reference(run, sentence, ref)
    memo.append((ref, sentence, kind))
    del memo[:-2]  # a claim's two ends
    return kind


def _reference(run: DocumentRun, sentence: Sentence, ref: Ref) -> str | None:
    token: Token = ref.token
    if is_placeholder(ref.node.id, ref.node.props):
        return "unnamed"
    doc_index = next((i for i, doc in enumerate(run.parse.docs) if doc is token.doc), sentence.doc_index)
    if run._is_this_document(token) or letter_openers.names_own_letter(run, token):
        return "this-document"
    mention = run.parse.at(doc_index, token)
    if mention is not None:
        return _mention_reference(run, mention, ref)
    lower = token.lower_
    if token.tag_ in ("WDT", "WP"):
        return "coref:relative"
    if token.pos_ == "PRON":
        if lower in LEX.first_person:
            return "speaker"
        if lower in LEX.first_person_plural:
            return "speaker:we"
        if lower in LEX.second_person:
            return "addressee"
        return _pronoun(run, doc_index, token, ref)
    lemma = token.lemma_.lower()
    if lemma in LEX.staff_nouns:
        return "inferred:staff"
    if lemma in LEX.findings or lemma == "copy":  # "its findings", "a copy" (of the report last named)
        owners = [c for c in token.children if c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of"]
        pronouns = [c for c in token.children if c.dep_ == "poss" and c.lower_ in LEX.possessive_pronouns]
        return "coref:previous" if pronouns or not owners else None
    if ref.node.label == "Topic" and topics.is_anaphoric(token):
        return "coref:topic"
    if token.dep_ == "relcl" or token.head is not token and token.head.dep_ == "relcl":
        return "coref:relative"
    return None


def _mention_reference(run: DocumentRun, mention, ref: Ref) -> str | None:
    if mention.kind == "generic":
        return "coref:definite"
    if mention.kind == "role":
        if ref.node.label == "Agency":
            return "inferred:body"  # "Ministers" -> the department
        return "coref:role" if mention.confidence < 0.8 else None  # a holder named elsewhere; else the office itself
    if mention.kind == "report":
        report = next((r for r in run.reports if r.mention is mention), None)
        if report is None or report.determiner in ("named", "indefinite", "bare") or report.cluster is None:
            return None
        earlier = [
            m
            for m in report.cluster.mentions
            if (m.mention.sentence, m.mention.start) < (mention.sentence, mention.start)
        ]
        return "coref:definite" if earlier or report.cluster.named else None
    return None


def _pronoun(run: DocumentRun, doc_index: int, token: Token, ref: Ref) -> str:
    here = run.parse.sentence_index(doc_index, token)
    same = any(
        m.node is not None
        and m.node.id == ref.node.id
        and m.sentence == here
        and m.doc_index == doc_index
        and m.start < token.i
        for m in run.parse.mentions
    )
    return "coref:pronoun" if same else "coref:previous"


def score(run: DocumentRun, raw: RawClaim, sentence: Sentence, date_from_report: bool = False) -> tuple[float, str]:
    """The claim's confidence and its extractor string: 'rules.RULE' then '+kind' for every kind that lowered it."""
    kinds = [construction(raw.rule)]
    if not raw.rule.startswith("coref."):  # the salutation rules identify their ends themselves
        for ref in (raw.subject, raw.object):
            kind = reference(run, sentence, ref)
            if kind:
                kinds.append(kind)
    own = run.own_document is not None and raw.object.node.id == run.own_document.id
    if date_from_report and not own:  # the document being read is dated by its own date: exact
        kinds.append("date:report")
    reasons = "".join(f"+{k}" for k in dict.fromkeys(kinds[1:]))
    return combine(kinds), f"rules.{raw.rule}{reasons}"
