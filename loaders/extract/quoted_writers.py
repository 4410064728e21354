"""Joint letters quoted in a release: "X and Y sent a letter to Z ... '...,' the senators wrote."

A congressional release names the letter's signers once, on the sending verb, and then quotes the letter under
a plural that stands for them ("the senators wrote", "wrote the senators", "the members continued") or under
their surnames ("Lucas and Lofgren wrote"). No verb rule reads it: "the senators" is no entity, and "wrote" with
a quotation has no document object. Here the quoted writers AUTHORED the letter they were last said to have
sent, cited at the quoting sentence and dated as the sending.

Only a sentence with a quotation mark and an asserted quoting verb counts. A plural stands for the people who
sent the letter last sent by two or more people; named writers must be among the letter's senders, and only
"wrote" is read for them ("said Dodd" is a press statement, not the letter).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.model import Claim
from loaders.extract import relations
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from loaders.extract.mentions import Sentence
    from loaders.extract.rules import DocumentRun

RULE = "quoted_writers"  # scored as the construction `quoted-writers` (confidence.yaml)
CONFIDENCE = 0.7  # the quotation is the letter's by the release's word; the writers are read back from the sending
_QUOTES = frozenset('"“”')
_WRITING = "write"
_SUBJECTS = ("nsubj",)


def author_claims(run: DocumentRun) -> None:
    """AUTHORED of a letter's senders for every sentence quoting them as its writers, through the run's own
    claim path (dated by the quoting clause, else the letter, else the document; scored as every rule is)."""
    sendings = [c for c in run.claims if c.type == "SENT" and not c.negated and _is_letter_by_people(run, c)]
    sendings.sort(key=lambda c: c.char_start)
    if not sendings:
        return
    drawn = {(c.type, c.from_id, c.to_id) for c in run.claims}
    for sentence in run.parse.sentences:
        if not any(ch in _QUOTES for ch in sentence.text):
            continue
        dates = None
        for verb in sentence.span:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in LEX.letter_quoting_verbs:
                continue
            if relations.is_negated_or_hedged(verb):
                continue
            for raw in _authorships(run, sentence, verb, sendings):
                key = (raw.type, raw.subject.node.id, raw.object.node.id)
                if key not in drawn:
                    drawn.add(key)
                    dates = run.sentence_dates(sentence) if dates is None else dates
                    run.add_raw_claim(raw, sentence, dates)


def _is_letter_by_people(run: DocumentRun, claim: Claim) -> bool:
    sender, letter = run.nodes.get(claim.from_id), run.nodes.get(claim.to_id)
    return sender is not None and sender.label == "Person" and letter is not None and letter.label == "Report"


def _authorships(run: DocumentRun, sentence: Sentence, verb: Token, sendings: list[Claim]) -> list[relations.RawClaim]:
    subjects = [c for s in relations.children_of(verb, *_SUBJECTS) for c in relations.coordinated(s)]
    if not subjects:
        return []
    earlier = [c for c in sendings if c.char_start <= sentence.start]
    if len(subjects) == 1 and _is_signer_group(subjects[0]):
        writers, letter = _last_joint_letter(earlier)
    elif verb.lemma_.lower() == _WRITING:
        named = {r.node.id for s in subjects for r in run.refs(sentence.doc_index, s) if r.node.label == "Person"}
        if len(named) != len(subjects):
            return []  # a writer who is no named person ("the agency wrote"): not read here
        writers, letter = _last_letter_of(earlier, named)
    else:
        return []
    if letter is None:
        return []
    writer = subjects[0]
    return [
        relations.RawClaim(
            "AUTHORED",
            relations.Ref(run.nodes[sending.from_id], 1.0, writer),
            relations.Ref(run.nodes[letter], 1.0, verb),
            verb,
            min(CONFIDENCE, sending.confidence),
            RULE,
        )
        for sending in writers
    ]


def _is_signer_group(token: Token) -> bool:
    """ "the senators", "the members": a definite plural signer noun with nothing of its own after it."""
    forms = {token.lemma_.lower(), token.lower_.removesuffix("s")}  # "the Senators": a proper plural keeps its s
    if token.tag_ not in ("NNS", "NNPS") or not forms & LEX.signer_group_nouns:
        return False
    determiners = [c.lower_ for c in token.children if c.dep_ == "det"]
    return determiners == ["the"] and not any(c.dep_ == "prep" for c in token.children)


def _last_joint_letter(sendings: list[Claim]) -> tuple[list[Claim], str | None]:
    """The sending claims of the last letter two or more people sent (one per sender)."""
    senders: dict[str, dict[str, Claim]] = {}
    for claim in sendings:
        senders.setdefault(claim.to_id, {}).setdefault(claim.from_id, claim)
    joint = [c for c in reversed(sendings) if len(senders[c.to_id]) >= 2]
    if not joint:
        return [], None
    letter = joint[0].to_id
    return list(senders[letter].values()), letter


def _last_letter_of(sendings: list[Claim], named: set[str]) -> tuple[list[Claim], str | None]:
    """The sending claims, by the named writers, of the last letter any of them sent."""
    mine = [c for c in sendings if c.from_id in named]
    if not mine:
        return [], None
    letter = mine[-1].to_id
    writers: dict[str, Claim] = {}
    for claim in mine:
        if claim.to_id == letter:
            writers.setdefault(claim.from_id, claim)
    return list(writers.values()), letter
