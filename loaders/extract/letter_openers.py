"""What a letter's opening sentence and its enclosures say about the letter being read.

US federal letters open by naming themselves: "This letter refers to the NRC inspections ...",
"This responds to your letter of August 3, 2012", "This is in response to ...". That sentence is where
the letter says it is sent: its writer (the signatory's body, else the letterhead's) SENT it and the
addressee RECEIVED it, and the words it uses for itself ("This letter"; a bare "This" as "this letter") are its
aliases. A document the letter encloses ("described in the enclosed Notice of Violation", "certain
enclosed documents") travelled with it: the writer SENT it, the addressee RECEIVED it. The verbs are
lexicon data (`letter_opener_verbs`, `enclosing_verbs` in words.yaml).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.model import Node, node_id
from loaders.dates import DateValue, parse_date
from loaders.extract import relations
from loaders.extract.enclosing_clauses import is_enclosed
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Mention, Sentence

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

OPENER_SENTENCES = 3  # the sentences after the salutation where a letter names itself
SUBJECTS = ("nsubj", "nsubjpass")
PASSIVE_SENDING = "rules.send.passive.recipient"  # "X was sent to you": the recipient read, no agent


def _is_opening_verb(verb: Token) -> bool:
    """ "refers to", "responds to", or "is in response to"."""
    if verb.lemma_.lower() in LEX.letter_opener_verbs:
        return True
    return verb.lemma_ == "be" and any(
        c.dep_ == "prep" and any(g.dep_ == "pobj" and g.lemma_.lower() in LEX.own_documents for g in c.children)
        for c in verb.children
    )


def _own_subject(sentence: Sentence) -> tuple[Token, str] | None:
    """The subject naming the letter itself and the words that name it: "This letter"; a bare "This"
    ("This responds to your letter") names it too, as "this letter" (a subject and its verb are no name)."""
    own_nouns = LEX.correspondence | LEX.own_documents
    for token in sentence.span:
        if token.dep_ not in SUBJECTS or not _is_opening_verb(token.head):
            continue
        if token.lower_ == "this":
            return token, "this letter"
        if token.lemma_.lower() in own_nouns and any(c.dep_ == "det" and c.lower_ == "this" for c in token.children):
            return token, f"{next(c.text for c in token.children if c.dep_ == 'det')} {token.text}"
    return None


def _writer(run: DocumentRun) -> Node | None:
    """Who sent the letter: the person who signed it, else the body it is written for (signature or letterhead)."""
    return run.speaker or run.speaker_body


def _opening_sentences(run: DocumentRun) -> list[Sentence]:
    after = [s for s in run.parse.sentences if s.end > run.salutation.start]
    return after[:OPENER_SENTENCES]


def openers(run: DocumentRun) -> list[tuple[Sentence, Token, str]]:
    """The opening sentences that name the letter itself, with the subject and its words."""
    if run.salutation is None or run.addressee is None:
        return []
    found = []
    for sentence in _opening_sentences(run):
        subject = _own_subject(sentence)
        if subject is not None:
            found.append((sentence, *subject))
    return found


def names_own_letter(run: DocumentRun, token: Token) -> bool:
    """Whether `token` is an opening sentence's subject naming the letter itself: a bare "This" ("This responds
    to your letter", "This refers to the inspections") is the letter as "This letter" is, not a pronoun reaching
    back to an earlier sentence (there is none before the salutation)."""
    if token.lower_ != "this" and not any(c.dep_ == "det" and c.lower_ == "this" for c in token.children):
        return False  # only "This" or "this <noun>" can be an opener's subject: no walk over the letter's opening
    return any(subject.doc is token.doc and subject.i == token.i for _, subject, _ in openers(run))


def opener_claims(run: DocumentRun) -> None:
    """After `_addressed_claims`: the opening sentence naming the letter says who sent it (the addressee's
    RECEIVED is the salutation's)."""
    writer = _writer(run)
    for number, (sentence, token, words) in enumerate(openers(run)):
        own = run.nodes[run._document_report().id]
        own.aliases = sorted({*own.aliases, words})
        _answered(run, sentence, writer)
        if writer is None or number:
            continue  # the first sentence naming the letter says it was sent; "This letter also refers to" adds nothing
        target = relations.Ref(own, 0.9, token)
        for claim_type in _writer_claims(run):
            subject = relations.Ref(writer, 0.85, token)
            run._add(relations.RawClaim(claim_type, subject, target, token, 0.85, "letter.opener"), sentence, [])
    enclosure_claims(run)


def _writer_claims(run: DocumentRun) -> tuple[str, ...]:
    """An unsigned letter under a printed letterhead was written and sent by its body (as
    `document_frame._letterhead_claims` says, here cited by the opening sentence); otherwise only sent."""
    from loaders.extract import document_frame  # it asks this module whether the letter names itself

    if run.speaker is None and document_frame.letterhead_body(run) is not None:
        return ("AUTHORED", "SENT")
    return ("SENT",)


def _answered_noun(run: DocumentRun, sentence: Sentence) -> tuple[Token, DateValue] | None:
    """ "responds to your correspondence of December 18, 2012": the addressee's dated document the opener
    answers, when no document noun of the lexicon names it ("letter" is read by `_addressed_claims`)."""
    for token in sentence.span:
        if token.dep_ != "pobj" or token.head.lower_ != "to" or run.parse.at(sentence.doc_index, token) is not None:
            continue
        if not any(c.dep_ == "poss" and c.lower_ in LEX.second_person for c in token.children):
            continue
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            heads = [t for t in prep.children if t.dep_ == "pobj"]
            parts = sorted([*heads, *(c for h in heads for c in h.children if c.dep_ in ("nummod", "compound"))])
            date = parse_date(token.doc[parts[0].i : parts[-1].i + 1].text) if parts else None
            if date is not None and date.precision == "day":
                return token, date
    return None


def _answered(run: DocumentRun, sentence: Sentence, writer: Node | None) -> None:
    """The addressee wrote and sent the document the letter answers; the writer received it."""
    found = _answered_noun(run, sentence)
    if found is None:
        return
    noun, date = found
    name = f"{noun.text} of {date.text}"
    props = {"kind": noun.lemma_.lower(), "date_start": date.start, "date_end": date.end, "date_precision": "day"}
    node = Node(node_id("Report", f"{name} {run.document.source_id.split(':')[-1]}"), "Report", name, [], props)
    target = relations.Ref(run.add_node(node), 0.9, noun)
    you = relations.Ref(run.addressee, 0.75, noun)
    for claim_type in ("AUTHORED", "SENT"):
        run._add(relations.RawClaim(claim_type, you, target, noun, 0.75, "coref.your"), sentence, [])
    if writer is not None:
        mine = relations.Ref(writer, 0.7, noun)
        run._add(relations.RawClaim("RECEIVED", mine, target, noun, 0.7, "coref.your.writer"), sentence, [])


def _enclosed_title(run: DocumentRun, mention: Mention) -> Node | None:
    """ "the enclosed Notice of Violation and ... (Notice)", "Enclosed is an Administrative Order (Order)": a title
    the parser read as a body's name, when it opens with or is headed by a document noun (or a noun a letter moves,
    `transferred_documents`) and the letter encloses it, is a document."""
    doc = run.parse.docs[mention.doc_index]
    span = doc[mention.start : mention.end]
    kinds = LEX.document_nouns | LEX.own_documents | LEX.transferred_documents
    if not any(head.lemma_.lower() in kinds and is_enclosed(head) for head in {span[0], span.root}):
        return None
    name = " ".join(t.text for t in doc[mention.start : mention.end] if not t.is_space)
    node = Node(node_id("Report", f"{name} {run.document.source_id.split(':')[-1]}"), "Report", name, [], {})
    return run.add_node(node)


def _enclosures(run: DocumentRun) -> list[tuple[int, Token, Node]]:
    """(sentence index, head, document) for each document noun the letter encloses; an enclosed noun that
    is no report mention of its own ("certain enclosed documents") is the enclosed report of its word."""
    found: list[tuple[int, Token, Node]] = []
    by_lemma: dict[str, Node] = {}
    for report in run.reports:
        if report.mention.node is not None and is_enclosed(report.head):
            found.append((report.mention.sentence, report.head, report.mention.node))
            by_lemma.setdefault(report.head.lemma_.lower(), report.mention.node)
    for mention in run.parse.mentions:
        if mention.kind == "agency" and (node := _enclosed_title(run, mention)) is not None:
            found.append((mention.sentence, run.parse.docs[mention.doc_index][mention.start], node))
    heads = {id(head) for _, head, _ in found}
    for index, doc in enumerate(run.parse.docs):
        for token in doc:
            lemma = token.lemma_.lower()
            if lemma in by_lemma and id(token) not in heads and is_enclosed(token):
                sentence = run.parse._sentence_of.get((index, token.sent.start))
                if sentence is not None and all(not (s == sentence and h.i == token.i) for s, h, _ in found):
                    found.append((sentence, token, by_lemma[lemma]))
    return found


def _issued_by_writer(head: Token) -> bool:
    """ "the enclosed Notice of Violation", "the enclosed response": a document a writer issues itself
    (`own_documents`), enclosed with no other owner ("your", "from X", "by X"), was written by the writer; an
    enclosed report or copy ("the final audit report as submitted by X") may be anyone's."""
    if head.lemma_.lower() not in LEX.own_documents:
        return False
    owners = [c for c in head.children if c.dep_ == "poss" and c.lower_ not in LEX.first_person_possessives]
    return not owners and not relations.prep_objects(head, {"by", "from"})


def _not_done(head: Token) -> bool:
    """ "We may send the enclosed documents later", "did not enclose": the noun or the verb governing it
    is negated, hedged or future."""
    verb = head.head if head.head.pos_ in ("VERB", "AUX") else None
    return relations.is_negated_or_hedged(head) or (verb is not None and relations.is_negated_or_hedged(verb))


def enclosure_claims(run: DocumentRun) -> None:
    """Each document the letter encloses travelled with it, from its writer to its addressee."""
    if run.addressee is None:
        return
    writer = _writer(run)
    drawn: set[str] = set()
    for index, head, node in sorted(_enclosures(run), key=lambda found: found[0]):
        if node.id in drawn or _not_done(head):
            continue  # the first sentence enclosing it says it travelled; later ones speak of it again
        drawn.add(node.id)
        sentence = run.parse.sentences[index]
        target = relations.Ref(node, 0.9, head)
        if writer is not None:
            subject = relations.Ref(writer, 0.85, head)
            run._add(relations.RawClaim("SENT", subject, target, head, 0.85, "letter.enclosure"), sentence, [])
            if _issued_by_writer(head):
                run._add(relations.RawClaim("AUTHORED", subject, target, head, 0.8, "letter.enclosure"), sentence, [])
        you = relations.Ref(run.addressee, 0.85, head)
        run._add(relations.RawClaim("RECEIVED", you, target, head, 0.85, "letter.enclosure"), sentence, [])


def sent_to_you_claims(run: DocumentRun) -> None:
    """ "The inspection reports were sent to you on April 26, 1996": in a letter, an agentless passive
    sending to the addressee was done by the writer, as the letter's "we" would say it."""
    writer = _writer(run)
    if writer is None or run.addressee is None:
        return
    sent = {(c.to_id, c.char_start) for c in run.claims if c.type == "SENT" and not c.negated}
    for claim in list(run.claims):
        if claim.type != "RECEIVED" or claim.negated or claim.from_id != run.addressee.id:
            continue
        if not claim.extractor.startswith(PASSIVE_SENDING) or (claim.to_id, claim.char_start) in sent:
            continue
        sentence = next((s for s in run.parse.sentences if s.start == claim.char_start), None)
        if sentence is None or writer.id == claim.to_id:
            continue
        date = (
            DateValue(claim.date_start, claim.date_end, claim.date_precision, claim.date_text or "")
            if claim.date_start
            else None
        )
        run.claims.append(
            run._claim(
                "SENT", writer.id, claim.to_id, sentence, claim.confidence * 0.9, "rules.letter.sent_to_you", date
            )
        )
        sent.add((claim.to_id, claim.char_start))
