"""Who had whom investigate: a direction, request or referral to study something commissions the study.

Oversight releases and letters tell of the request and, apart from it, of the study that answered it: "OSC
referred the case to DOT to investigate ... The agency [substantiated](report.pdf) ...", "OSC compelled the Navy
to fully investigate their disclosures. The Naval IG's investigation substantiated ...", "Chairman X requested
that the Office of Inspector General examine ...". The verb frames (`verbs.yaml`: a COMMISSIONED frame with
`requests_work`, or a referral) read the asked body as commissioned; the study it made is commissioned too. That
study is a Report a body AUTHORED, found by the claims (not only `run.reports`: the agency's linked report of
`agency_studies.linked_findings` is no report mention), so this runs after every authoring rule.

The study is the one the asked body wrote, else the first study told of in the next two sentences, written by a
body other than the one asking (a unit of the asked body often does the work: the Navy is asked, its Inspector
General investigates; a study told of further on is often another's: a consultancy's review the agency received).
No study in the text, no claim: a request is no study by itself. One request, one commissioned study: when the
report the asked body sent back is already commissioned (`referrals.answered_referrals`), nothing more."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.placeholders import is_placeholder
from loaders.extract import relations
from loaders.extract.authored_studies import _asks_for_study
from loaders.extract.lexicon import LEX, VerbFrame
from loaders.extract.mentions import Sentence
from loaders.extract.trigger_words import triggered_by

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

CONFIDENCE = 0.7
RULE = "rules.directed.study"
_PARTIES = ("Agency", "Person")
_STUDY_FLOOR = 0.5  # an authorship this rule trusts enough to name the study by
_NEAR = 2  # sentences after the request in which another body's study may answer it
_WORK_CLAUSES = ("xcomp", "advcl", "ccomp")


def _work_clause(verb: Token) -> Token | None:
    """The study verb a direction governs: "directed HHS to review", "referred the case to DOT to investigate",
    "requested that the OIG examine"."""
    return next(
        (
            c
            for c in verb.children
            if c.dep_ in _WORK_CLAUSES and c.lemma_.lower() in LEX.work_verbs and not relations.is_negated_or_hedged(c)
        ),
        None,
    )


def _requests_work(frame: VerbFrame | None) -> bool:
    return frame is not None and frame.claim == "COMMISSIONED" and frame.requests_work


def _directing(verb: Token) -> bool:
    return _requests_work(LEX.frames.get(verb.lemma_.lower())) or verb.lemma_.lower() in LEX.referring_verbs


def directing_lemmas() -> list[str]:
    """The lemmas `_directing` accepts (the trigger words of `commissioned_studies`)."""
    return [*(lemma for lemma, frame in LEX.frames.items() if _requests_work(frame)), *LEX.referring_verbs]


def _asked(verb: Token, clause: Token | None) -> list[Token]:
    """Who is asked: the object ("directed HHS"), the referral's "to" ("referred the case to DOT"), or the
    subject of a that-clause ("requested that the OIG examine")."""
    if verb.lemma_.lower() in LEX.referring_verbs:
        matters = [o for o in relations.children_of(verb, "dobj") if o.lemma_.lower() in LEX.referred_matters]
        if not matters:
            return []  # "referred the report to X" is a sending, "referred to the report" a mention
        return [t for a in (verb, *matters) for t in relations.prep_objects(a, {"to"})]
    if clause is not None and clause.dep_ == "ccomp":
        return relations.children_of(clause, "nsubj")
    return relations.children_of(verb, "dobj")


def _studies(run: DocumentRun) -> list[tuple[int, str, set[str]]]:
    """(first sentence, report id, authors) of every Report some party AUTHORED, in text order."""
    positions = {s.start: i for i, s in enumerate(run.parse.sentences)}
    found: dict[str, tuple[int, set[str]]] = {}
    for c in run.claims:
        node = run.nodes.get(c.to_id)
        if (
            c.type != "AUTHORED"
            or c.negated
            or c.confidence < _STUDY_FLOOR
            or node is None
            or node.label != "Report"
            or node.props.get("kind") not in LEX.study_kinds
            or is_placeholder(c.from_id, run.nodes[c.from_id].props if c.from_id in run.nodes else None)
        ):  # "This report was prepared at the request of X": an unnamed author names no study of the asked
            continue
        at = positions.get(c.char_start, len(positions))
        first, authors = found.get(c.to_id, (at, set()))
        found[c.to_id] = (min(first, at), authors | {c.from_id})
    return sorted((first, report, authors) for report, (first, authors) in found.items())


def _study_for(studies: list[tuple[int, str, set[str]]], index: int, asked: set[str], commissioner: str) -> str | None:
    own = next((r for _, r, authors in studies if authors & asked), None)
    if own is not None:
        return own
    return next((r for at, r, authors in studies if index <= at <= index + _NEAR and commissioner not in authors), None)


def _answered(run: DocumentRun, studies: list[tuple[int, str, set[str]]], commissioner: str, asked: set[str]) -> bool:
    """The commissioner already commissioned a study of the asked body: one request, one commissioned work."""
    of_asked = {r for _, r, authors in studies if authors & asked}
    return any(
        c.type == "COMMISSIONED" and c.from_id == commissioner and c.to_id in of_asked and not c.negated
        for c in run.claims
    )


def _directions(run: DocumentRun, sentence: Sentence) -> list[tuple[Token, set[str], list[relations.Ref]]]:
    """(verb, asked party ids, commissioners) of each direction to study in the sentence."""
    found = []
    for verb in sentence.span:
        if verb.pos_ != "VERB" or not _directing(verb) or relations.is_negated_or_hedged(verb):
            continue
        clause = _work_clause(verb)
        if clause is None and not (verb.lemma_.lower() in LEX.referring_verbs and _asks_for_study(verb)):
            continue
        refs = [
            r
            for t in _asked(verb, clause)
            for c in relations.coordinated(t)
            for r in run.refs(sentence.doc_index, c)
            if r.node.label in _PARTIES
        ]
        commissioners = [
            r for t in relations.subjects_of(verb) for r in run.refs(sentence.doc_index, t) if r.node.label in _PARTIES
        ]
        if refs and commissioners:
            found.append((verb, {r.node.id for r in refs}, commissioners))
    return found


@triggered_by(directing_lemmas)  # no directing verb, no direction (`_directions`)
def commissioned_studies(run: DocumentRun) -> None:
    """COMMISSIONED by whoever directed, asked or referred a party to study something, of the study that
    answered (see the module's docstring), cited and dated by the direction's sentence."""
    studies = _studies(run)
    if not studies:
        return
    have = {(c.type, c.from_id, c.to_id) for c in run.claims if not c.negated}
    for index, sentence in enumerate(run.parse.sentences):
        for verb, asked, commissioners in _directions(run, sentence):
            date = relations.dates_for(verb, run._dates(sentence), set())
            for commissioner in commissioners:
                if _answered(run, studies, commissioner.node.id, asked):
                    continue  # the report the asked body sent back is the commissioned one (answered_referrals)
                study = _study_for(studies, index, asked, commissioner.node.id)
                if study is None or ("COMMISSIONED", commissioner.node.id, study) in have:
                    continue
                confidence = min(CONFIDENCE, commissioner.confidence)
                claim = run._claim("COMMISSIONED", commissioner.node.id, study, sentence, confidence, RULE, date)
                run.claims.append(claim)
                have.add(("COMMISSIONED", commissioner.node.id, study))
