"""A press release's formula for the words it sets out: "Rep. Ann Lee, the Chair of X, issued the following
statement:", "The Chief Inspector, Tom Briggs, has published the following statement", "Sen. Ann Lee made the
following statement on the release of the audit". What follows is the speaker's own statement: a document the
speaker AUTHORED and PUBLISHED (the release is its publication). No noun frame reads it ("statement" is no
document noun: "made a statement to the House" is a speech), so the formula is read here: a
`statement_issuing_verbs` verb whose object is a `following_statement_nouns` noun modified by "following".
Each speaker's statement is its own Report, named "statement by X" and called "the following statement"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.model import Node, node_id
from loaders.extract import relations
from loaders.extract.lexicon import LEX
from loaders.extract.trigger_words import triggered_by

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

_CONFIDENCE = 0.8
_RULE = "statement.following"
_FOLLOWING = "following"


def _following_statement(verb: Token) -> Token | None:
    """The verb's object "the following statement", if it has one."""
    for obj in relations.children_of(verb, "dobj"):
        if obj.lemma_.lower() in LEX.following_statement_nouns and any(
            c.dep_ == "amod" and c.lower_ == _FOLLOWING for c in obj.children
        ):
            return obj
    return None


def _speaker(subject: Token) -> Token:
    """ "The Chief Inspector, Tom Briggs, has published": the person in apposition speaks, not the title."""
    return next((c for c in subject.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), subject)


@triggered_by(lambda: LEX.statement_issuing_verbs, lambda: LEX.following_statement_nouns, lambda: (_FOLLOWING,))
def statement_claims(run: DocumentRun, verb: Token, refs: relations.RefsOf) -> list[relations.RawClaim]:
    """AUTHORED and PUBLISHED of the statement a speaker issued, from "X issued the following statement"."""
    if verb.lemma_.lower() not in LEX.statement_issuing_verbs or relations.is_negated_or_hedged(verb):
        return []
    statement = _following_statement(verb)
    if statement is None:
        return []
    speakers = [
        r for s in relations.subjects_of(verb) for r in refs(_speaker(s)) if r.node.label in ("Agency", "Person")
    ]
    found: list[relations.RawClaim] = []
    released = run.document_date()  # the statement is dated with the release that sets it out
    when = (
        {"date_start": released.start, "date_end": released.end, "date_precision": released.precision}
        if released
        else {}
    )
    for speaker in speakers:
        name = f"statement by {speaker.node.name}"
        written = " ".join(t.text for t in statement.subtree if t.i <= statement.i)  # "the following statement"
        node = Node(
            node_id("Report", f"{name} {verb.i} {run.document.source_id.split(':')[-1]}"),
            "Report",
            name,
            [written],
            {"kind": statement.lemma_.lower(), **when},
        )
        document = relations.Ref(run.add_node(node), _CONFIDENCE, statement)
        confidence = min(_CONFIDENCE, speaker.confidence)
        found += [
            relations.RawClaim("AUTHORED", speaker, document, verb, confidence, _RULE),
            relations.RawClaim("PUBLISHED", speaker, document, verb, confidence, _RULE),
        ]
    return found
