"""The writer's own findings and reports: "we found that X", "we issued a report", "our review found",
"our March 2007 report".

An audit report, an inspector general's letter or a GAO testimony tells what its writer did in the
first person plural. Who "we" is was decided before this pass (a signature, a letterhead or the
publisher the text names: `DocumentRun.speaker_body`); this pass only reads what the writer did with
the verbs of `writer_frames` (verbs.yaml) and with the reports it calls its own ("our report"). It
abstains when nothing says who "we" is, when the statement is denied or hedged, and inside quotations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from loaders.extract import relations, topics
from loaders.extract.lexicon import LEX
from loaders.extract.trigger_words import triggered_by

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

OURS = frozenset({"our"})  # the writer's possessive ("my" is the speaker's own, read by the frames)
WRITER_CONFIDENCE = 0.75
PARTIES = ("Agency", "Person")


def _our(run: DocumentRun, doc_index: int, noun: Token) -> Token | None:
    """The unquoted "our" owning a noun ("our review", "our March 2007 report"), else None."""
    return next(
        (c for c in noun.children if c.dep_ == "poss" and c.lower_ in OURS and not run._quoted(doc_index, c)),
        None,
    )


def _writer_subjects(run: DocumentRun, doc_index: int, verb: Token, refs: relations.RefsOf) -> list[relations.Ref]:
    """The verb's subjects that are the writer: "we" (resolved as the document says) or a study the
    writer owns ("our audit found")."""
    writer = run.speaker_body
    found = []
    for subject in relations.subjects_of(verb):
        if subject.lower_ in LEX.first_person_plural and subject.pos_ == "PRON":
            found += [r for r in refs(subject) if r.node.id == writer.id]
        elif _is_study(subject) and _our(run, doc_index, subject) is not None:
            found.append(relations.Ref(writer, WRITER_CONFIDENCE, subject))
    return found[:1]


def _is_study(token: Token) -> bool:
    """A study noun ("audit", "review", "investigation"): "our audit found" is the writer finding."""
    frame = LEX.documents.get(token.lemma_.lower())
    return frame is not None and frame.genre == "study"


def _is_party(token: Token, refs: relations.RefsOf) -> bool:
    """A clause subject that is someone rather than a matter: a pronoun, a body or a person."""
    return token.pos_ == "PRON" or any(r.node.label in PARTIES for r in refs(token))


def _counted(token: Token) -> bool:
    """ "several instances in which ...", "various additional measures": a count of cases, not a matter named."""
    return any(t.lower_ in LEX.found_counts for t in topics.topic_tokens(token))


def found_matters(verb: Token, refs: relations.RefsOf, topic_of: relations.TopicOf) -> list[relations.Ref]:
    """What the writer found: the object ("identified concerns regarding T"), else the that-clause's
    subject, or its object when that subject is a party ("that the agency had lost T"). A denied clause
    ("that INS is not experiencing a shortfall") names no matter the writer found."""
    objects = [o for o in relations.children_of(verb, "dobj") if not _is_party(o, refs)]
    if not objects:
        for clause in relations.children_of(verb, "ccomp"):
            if relations.is_negated_or_hedged(clause):
                continue
            subjects = relations.children_of(clause, "nsubj", "nsubjpass")
            objects += [s for s in subjects if not _is_party(s, refs)] or relations.children_of(clause, "dobj")
    objects = [o for o in objects if not any(c.dep_ == "det" and c.lower_ == "no" for c in o.children)]
    return [t for t in (topic_of(o) for o in objects if not _counted(o)) if t is not None]


@triggered_by(lambda: LEX.writer_frames)
def verb_claims(
    run: DocumentRun, doc_index: int, verb: Token, refs: relations.RefsOf, topic_of: relations.TopicOf
) -> list[relations.RawClaim]:
    """The writer's claims of one verb of `writer_frames`: "we found that X" -> the writer KNEW_ABOUT X;
    "we issued a report" -> the writer AUTHORED it."""
    claims = LEX.writer_frames.get(verb.lemma_.lower())
    if claims is None or run.speaker_body is None:
        return []
    writers = _writer_subjects(run, doc_index, verb, refs)
    if not writers or relations.is_negated_or_hedged(verb):  # the subjects first: the mood reads the sentence
        return []
    rule = f"{verb.lemma_.lower()}.active.writer"
    targets: list[tuple[str, relations.Ref]] = []
    if "KNEW_ABOUT" in claims:
        targets += [("KNEW_ABOUT", t) for t in found_matters(verb, refs, topic_of)]
    reports = [r for o in relations.children_of(verb, "dobj") for r in refs(o) if r.node.label == "Report"]
    targets += [(claim, r) for claim in sorted(claims - {"KNEW_ABOUT"}) for r in reports]
    return [
        relations.RawClaim(
            claim, writer, target, verb, min(WRITER_CONFIDENCE, writer.confidence, target.confidence), rule
        )
        for writer in writers
        for claim, target in targets
    ]


def own_report_claims(run: DocumentRun) -> None:
    """ "our letters dated 10 February", "our most recent report released yesterday": the writer AUTHORED
    the letter it calls its own, and the report a publishing participle says it issued (and PUBLISHED
    that). A study noun alone ("based on our review of the findings") is the writer's work, not yet a
    document, and names the writer's earlier reports too loosely to be read here."""
    writer = run.speaker_body
    if writer is None:
        return
    for report in run.reports:
        node, head = report.mention.node, report.head
        if node is None or not any(c.lower_ in OURS for c in head.children):
            continue  # the cheap test first: no "our" under the report noun
        our = _our(run, report.mention.doc_index, head)
        published = [c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in LEX.publishing_verbs]
        if our is None or not published and head.lemma_.lower() not in LEX.correspondence:
            continue
        anchor = published[0] if published else next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), head)
        if any(c.dep_ == "neg" for c in anchor.children) if published else relations.is_negated_or_hedged(anchor):
            continue  # "our letter will follow": not yet written; the participle's own clause for "released"
            # ("I will focus on our report released yesterday": the focusing is to come, the release was done)
        sentence = run.parse.sentences[report.mention.sentence]
        target = relations.Ref(node, report.mention.confidence, head)
        subject = relations.Ref(writer, WRITER_CONFIDENCE, our)
        for kind in ("AUTHORED", "PUBLISHED") if published else ("AUTHORED",):
            if not _already(run, kind, writer.id, node.id):
                raw = relations.RawClaim(kind, subject, target, anchor, WRITER_CONFIDENCE, "report.possessive.writer")
                run._add(raw, sentence, run._dates(sentence))


def _already(run: DocumentRun, kind: str, subject: str, obj: str) -> bool:
    """The writer already has this claim on this report (a frame read "we issued our report", or an
    earlier "our report" did): said once, where the text first says it."""
    return any(c.type == kind and c.from_id == subject and c.to_id == obj for c in run.claims)
