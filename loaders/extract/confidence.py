"""How sure a claim is, and why: the evidence kinds the rules can stand on, with their weights, in one table.

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

The weights are judgement, checked against the dev gold (`tests/gold/real/dev`, `tests/gold/dev`): there a
claim with both ends named was right about half the time, one through a definite description a third,
through a pronoun a quarter; nominal frames and possessives ("X's report") were right less often than
verbs, and "the Smith report" never, hence their lower weights.

The rules' own per-reference numbers (`Ref.confidence`, `RawClaim.confidence`) are what they were before
this table; `score` replaces them for every claim drawn from the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from loaders.extract import topics
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:  # pragma: no cover
    from loaders.extract.mentions import Sentence
    from loaders.extract.relations import RawClaim, Ref
    from loaders.extract.rules import DocumentRun

LEAD_THRESHOLD = 0.5  # below it a claim is a lead: stored, shown, not counted by `kflow eval` by default
FLOOR = 0.05


@dataclass(frozen=True)
class Evidence:
    kind: str
    weight: float
    group: str  # construction | reference | date
    says: str  # what it means, for people


EVIDENCE: dict[str, Evidence] = {
    e.kind: e
    for e in (
        # how the relation is stated
        Evidence("header", 1.0, "construction", "a header or register field states it (set by the readers)"),
        Evidence(
            "active",
            0.9,
            "construction",
            "a verb in the active voice, both ends its arguments: 'X sent the report to Y'",
        ),
        Evidence("passive", 0.9, "construction", "a passive verb with its agent: 'the report was sent to Y by X'"),
        Evidence(
            "relative",
            0.85,
            "construction",
            "a verb in a relative clause or participle: 'the report, which X sent to Y'",
        ),
        Evidence(
            "implied",
            0.85,
            "construction",
            "the other side of a flow verb: 'Y received the report from X' -> X sent it",
        ),
        Evidence(
            "nominal", 0.7, "construction", "a document noun's own frame: 'a letter from X to Y', 'a report by X'"
        ),
        Evidence("possessive", 0.7, "construction", "an owner of a document: 'X's report', 'X's letter to Y'"),
        Evidence(
            "their-report",
            0.75,
            "construction",
            "a possessive pronoun's report read as the clause subject's: 'X published their report'",
        ),
        Evidence("compound", 0.5, "construction", "a name before the document noun: 'the Smith report'"),
        Evidence("written-to", 0.75, "construction", "'X wrote to Y': a letter from X, received by Y"),
        Evidence("information", 0.75, "construction", "information passed on: 'X told Y about T'"),
        Evidence("knowledge", 0.75, "construction", "a knowledge noun: 'X's knowledge of T'"),
        Evidence("aware", 0.85, "construction", "'X was aware of T'"),
        Evidence("archive", 0.7, "construction", "a document found in a body's archive or files"),
        Evidence("member", 0.8, "construction", "a membership verb: 'X joined Y', 'X chairs Y'"),
        Evidence(
            "salutation",
            0.8,
            "construction",
            "the addressee of a letter or testimony received it ('Dear Chairman Issa:')",
        ),
        Evidence(
            "your-letter", 0.75, "construction", "'your letter' in an addressed document was sent by the addressee"
        ),
        Evidence("your-letter-writer", 0.7, "construction", "'your letter' was received by the writer of the answer"),
        Evidence("mention", 0.9, "construction", "the document names the node (MENTIONS)"),
        Evidence("other", 0.7, "construction", "a rule this table does not list yet"),
        # how an end was identified, when the sentence does not name it
        Evidence("coref:relative", 0.95, "reference", "a relative pronoun: 'the council, which ...'"),
        Evidence("coref:role", 0.85, "reference", "a title read as the one person holding it: 'the chief executive'"),
        Evidence(
            "coref:definite",
            0.8,
            "reference",
            "a definite description resolved by context: 'the council', 'the report'",
        ),
        Evidence("coref:pronoun", 0.7, "reference", "a pronoun whose antecedent is earlier in the sentence"),
        Evidence("coref:previous", 0.65, "reference", "a pronoun reaching back to an earlier sentence"),
        Evidence("coref:topic", 0.7, "reference", "'the abuse': a topic named earlier"),
        Evidence("speaker", 0.9, "reference", "'I' as the signatory or witness"),
        Evidence("speaker:we", 0.8, "reference", "'we' as the body the signatory writes for"),
        Evidence("addressee", 0.85, "reference", "'you' as the addressee of the salutation"),
        Evidence("this-document", 0.9, "reference", "'this letter', 'this statement': the document being read"),
        Evidence(
            "inferred:body", 0.8, "reference", "a collective role read as its body: 'Ministers' -> the department"
        ),
        Evidence("inferred:staff", 0.8, "reference", "staff read as their body: 'officials at X' -> X"),
        # how it was dated
        Evidence("date:report", 0.9, "date", "dated by the report's own date, not by the clause"),
    )
}

CONSTRUCTION_OF_RULE = {  # rule name (its first parts) -> construction, where the name alone decides it
    "report.by": "nominal",
    "report.from": "nominal",
    "report.to": "nominal",
    "report.poss": "possessive",
    "report.possessive.sent": "possessive",
    "report.possessive": "their-report",
    "report.compound": "compound",
    "knowledge.nominal": "knowledge",
    "aware": "aware",
    "archive": "archive",
    "coref.addressee": "salutation",
    "coref.your.writer": "your-letter-writer",
    "coref.your": "your-letter",
    "mention": "mention",
    "role": "member",
}


def weight(kind: str) -> float:
    return EVIDENCE[kind].weight


def combine(kinds: list[str]) -> float:
    """The product of the kinds' weights, rounded to two places and never below FLOOR."""
    value = 1.0
    for kind in kinds:
        value *= weight(kind)
    return round(max(FLOOR, min(1.0, value)), 2)


def construction(rule: str) -> str:
    """The construction a rule name stands for: 'send.active', 'write.to', 'report.from', 'member.join'."""
    for prefix in sorted(CONSTRUCTION_OF_RULE, key=len, reverse=True):
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
    """How an end was identified when the sentence does not simply name it; None when it does."""
    token: Token = ref.token
    doc_index = next((i for i, doc in enumerate(run.parse.docs) if doc is token.doc), sentence.doc_index)
    if run._is_this_document(token):
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
    here = (
        run.parse.sentence_of(doc_index, token).index
        if (doc_index, token.sent.start) in run.parse._sentence_of
        else None
    )
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
