"""Dependency rules: relation verbs and their arguments to typed, dated, evidenced raw claims.

One pass over each sentence's tokens (O(tokens)); each verb with a frame in the lexicon
(`data/lexicon/verbs.yaml`, read through `loaders.extract.lexicon`) is read in active or
passive voice, directly or through a relative clause / participle, with coordinated arguments
fanned out. Negated or hedged statements ("there was no evidence that ...", "may have known")
yield nothing. Argument tokens are turned into nodes by `Refs` (mentions, pronouns, relative
pronouns); dates come from `dates_for`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from graph.model import Node
from graph.placeholders import placeholder_for
from loaders.dates import DateValue
from loaders.extract.coordinated_preps import coordinated_objects, is_conjoined_prep, told_after_conjuncts
from loaders.extract.fronted_subjects import swallowed_subject
from loaders.extract.issued_letters import issues_correspondence
from loaders.extract.lexicon import LEX, VerbFrame
from loaders.extract.not_until import bounded_by_a_date
from loaders.extract.numbered_documents import is_numbered_name
from loaders.extract.object_lists import listed_objects, paired_objects
from loaders.extract.shared_passives import inherited_passive_subjects
from loaders.extract.token_filter import any_word
from loaders.extract.topic_phrases import phrase_topics
from loaders.extract.trigger_words import triggered_by

# Dependency labels that carry a statement into the clause that contains it (syntax, not vocabulary).
CLAUSE_LINKS = {"ccomp", "xcomp", "conj", "advcl", "relcl", "acl", "pcomp"}
ASSERTED, NEGATED, HEDGED = "asserted", "negated", "hedged"  # a statement's mood (`statement_mood`)
_PLAIN_FRAME = VerbFrame("", "SENT")
# Claims whose actor a passive may leave unnamed ("was commissioned in 2006"): a placeholder stands in for it.
UNNAMED_ACTOR_TYPES = (
    "COMMISSIONED",
    "PUBLISHED",
    "AUTHORED",
)  # the default argument prepositions, for verbs read without a frame


@dataclass(frozen=True)
class Ref:
    """A node an argument token refers to, with how sure the reference is."""

    node: Node
    confidence: float
    token: Token


@dataclass
class RawClaim:
    type: str
    subject: Ref
    object: Ref
    verb: Token
    confidence: float
    rule: str
    role: str | None = None
    polarity: str = ASSERTED  # NEGATED: the sentence denies it ("never received the report")


RefsOf = Callable[[Token], list[Ref]]
TopicOf = Callable[[Token], Ref | None]


# Links along which a denial carries over unchanged: "never received or read it", "was not aware of it".
_SAME_STATEMENT = ("conj", "acomp")


def is_negated_or_hedged(verb: Token) -> bool:
    """True when the statement is denied, negated, conditional, modal or asked, not asserted."""
    return statement_mood(verb) != ASSERTED


_CLOSING = " \"'\u201d"  # what may follow a question mark that ends a sentence


def moves_its_objects(frame: VerbFrame, objects: list[Token]) -> bool:
    """A frame with `objects` moves only those nouns ("made a report to X", not "made recommendations to X"); the
    noun of a relative pronoun is its antecedent ("disclosures which were made to me")."""
    if not frame.objects:
        return True
    nouns = [o.head.head if o.tag_ in ("WDT", "WP") and o.head.dep_ in ("relcl", "acl") else o for o in objects]
    return any(n.lemma_.lower() in frame.objects for n in nouns)


def _presupposed_relative(verb: Token) -> bool:
    """A relative clause on a document phrase in a question states what the question takes for granted: "why a
    recent report of a court of inquiry into wages which the Government received in February is not yet
    published?" asks about the publishing, not the receipt (the clause may hang on the phrase's last noun). "any
    report which ..." (a quantifier) does not presuppose one."""
    if verb.dep_ != "relcl" or any(t.tag_ in ("WDT", "WP") and t.dep_ == "pobj" for t in verb.subtree):
        return False  # "a point of order of which I have given you notice": the clause is not about the phrase
    head = verb.head
    while head.lemma_.lower() not in LEX.documents and head.dep_ == "pobj" and head.head.dep_ == "prep":
        head = head.head.head  # "a report of a court of inquiry into wages which ...": up to "report"
    return head.lemma_.lower() in LEX.documents and not any(
        c.dep_ == "det" and c.lower_ in LEX.quantifiers for c in head.children
    )


def _asks(sent: Span) -> bool:
    """The sentence ends in a question mark, perhaps inside quotes: `sent.text.rstrip(_CLOSING).endswith("?")`,
    read from its last tokens only (`Span.text` joins every token, for every verb asked about)."""
    doc, tail = sent.doc, ""
    for i in range(sent.end - 1, sent.start - 1, -1):
        tail = (doc[i].text if i == sent.end - 1 else doc[i].text_with_ws) + tail
        if tail.rstrip(_CLOSING):
            return tail.rstrip(_CLOSING).endswith("?")
    return False


def is_question(token: Token) -> bool:
    """The token's sentence asks: it ends in a question mark (checked only in a doc that has one)."""
    return _has_question_mark(token.doc) and _asks(token.sent)


def _has_question_mark(doc: Doc) -> bool:
    """Whether any of the doc's words holds a "?", read once per doc (`doc.user_data`): most docs ask nothing,
    and then no verb needs its sentence (`Token.sent` rebuilds the span on every call) to rule out a question."""
    found = doc.user_data.get(_QUESTION_KEY)
    if found is None:
        found = doc.user_data[_QUESTION_KEY] = any_word(doc, _holds_question_mark)
    return found


_QUESTION_KEY = "kflow.has_question_mark"


def _holds_question_mark(word: str) -> bool:
    return "?" in word


def statement_mood(verb: Token) -> str:
    """Whether the statement the verb makes is asserted, plainly denied, or hedged.

    NEGATED is a plain denial of the statement itself: a negation on the verb or on what it is
    coordinated with ("never received", "did not know", "was not aware"), or a denial verb governing
    it ("denied receiving", "refuted that it had received"). Everything that leaves the fact open
    (modal, conditional, asked, alleged, "no evidence that", "refused to", a negation further up
    ("did not say that it received"), two negations) is HEDGED, and yields no claim at all.
    """
    if _has_question_mark(verb.doc) and _asks(verb.sent) and not _presupposed_relative(verb):
        return HEDGED
    if (
        verb.dep_ == "ROOT"
        and verb.tag_ == "VB"
        and all(
            not any(ch.isalnum() for ch in c.text) for c in children_of(verb, "nsubj", "nsubjpass", "aux", "auxpass")
        )
    ):
        return HEDGED  # an imperative ("Send the final report to X" in an action list): to do, not done
    node, denials, direct = verb, 0, True
    while True:
        hedging_word = False  # "allegedly", "no": read in the one walk over the children (every test says HEDGED)
        for child in node.children:
            dep = child.dep_
            if dep == "neg" and not bounded_by_a_date(node):  # "not ... until 2016": asserted from 2016
                if not direct:
                    return HEDGED
                denials += 1
            elif dep == "aux" and child.lemma_.lower() in LEX.hedge_auxiliaries:
                return HEDGED
            if dep == "mark" and child.lower_ in LEX.conditional_marks:
                return HEDGED
            if dep == "advmod" and child.lower_ in LEX.hedge_adverbs or dep == "det" and child.lower_ == "no":
                hedging_word = True
        if node.lemma_.lower() in LEX.denial_verbs and node.i != verb.i:
            if node.lemma_.lower() not in LEX.negating_verbs:
                return HEDGED  # "disputed", "doubted" that X received it: contested, not denied
            denials += 1
        if node.dep_ == "xcomp" and lemma_in(node.head, LEX.not_done_verbs):
            return HEDGED  # "refused to share the report": the sharing did not happen
        if node.dep_ == "xcomp" and node.head.lemma_.lower() == "go" and node.head.tag_ == "VBG":
            return HEDGED  # "is going to publish": future, not done
        if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() in LEX.unverified_verbs:
            return HEDGED
        if hedging_word:
            return HEDGED
        if (
            node.dep_ == "ccomp"
            and node.head.lemma_.lower() in LEX.asking_verbs
            and any(c.tag_ in ("WP", "WDT", "WRB") for c in node.subtree if c.i < node.i)
        ):
            return HEDGED  # "asked what the council knew": an embedded question, not an assertion
        if (
            node.dep_ not in CLAUSE_LINKS
            and node.dep_ not in ("pobj", "prep", "attr", "acomp")
            or node.head.i == node.i
        ):
            break
        if node.dep_ not in _SAME_STATEMENT and not (
            node.dep_ in ("xcomp", "ccomp", "pcomp") and node.head.lemma_.lower() in LEX.negating_verbs
        ):
            direct = False  # past a clause boundary: a negation up there is about something else
        node = node.head
    if denials == 0:
        return ASSERTED
    return NEGATED if denials == 1 else HEDGED


def lemma_in(token: Token, words: frozenset[str]) -> bool:
    """The token's lemma is one of the words. The small model's lemmatiser cuts the silent e off some -ing
    forms ("I am hoping to send" -> "hop"), which hid the hedge: the e is restored for an -ing form spelt
    lemma + "ing" ("hopping", with its doubled consonant, stays "hop")."""
    lemma = token.lemma_.lower()
    if lemma in words:
        return True
    return token.tag_ == "VBG" and token.lower_ == lemma + "ing" and lemma + "e" in words


def children_of(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def coordinated(token: Token) -> list[Token]:
    """The token and the names coordinated with it: its conjuncts, and the names the parser hung on or
    inside it when a coordination joins multi-word names ("the Ministry of X and Y Association":
    "Ministry" an nmod of "Association"; "to A, the Ministry of X and B": B a conj inside A's appositive)."""
    found = [token, *token.conjuncts]
    if token.pos_ != "PROPN":
        return found
    for child in token.children:
        if child.dep_ in ("nmod", "compound", "poss") and child.i < token.i and child.pos_ == "PROPN":
            joined = [child, *child.conjuncts]
            if any(j.right_edge.dep_ == "cc" for j in joined):
                found += [j for j in joined if j.i < token.i]
        elif child.dep_ == "appos" and child.pos_ == "PROPN" and any(g.dep_ == "cc" for g in child.subtree):
            found += [child, *child.conjuncts]
    for holder in list(found):  # "the Ministry of Inland Waterways and B": B hangs on "Waterways", inside the name A
        found += [
            t
            for t in holder.subtree
            if t.dep_ == "conj"
            and t.pos_ == "PROPN"
            and _inside_name(t.head, holder)
            and _entity(t.head) is not None
            and _entity(t.head) == _entity(holder) != _entity(t)
        ]
    return list({t.i: t for t in found}.values())


def _entity(token: Token) -> tuple[int, int] | None:
    """(start, end) of the named-entity span holding the token, if any."""
    if token.ent_iob_ not in ("B", "I"):
        return None
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def _inside_name(token: Token, name: Token) -> bool:
    """Is `token` part of the proper name headed by `name` (through compounds and "of" phrases)?"""
    while token.i != name.i:
        if (
            token.pos_ not in ("PROPN", "ADP")
            or token.dep_ not in ("compound", "pobj", "prep", "flat")
            or token.pos_ == "ADP"
            and token.lower_ != "of"
        ):
            return False
        token = token.head
    return True


def prep_objects(token: Token, preps: set[str]) -> list[Token]:
    return [
        o
        for p in token.children
        if (p.dep_ in ("prep", "agent", "dative") or is_conjoined_prep(p)) and p.lower_ in preps
        for o in coordinated_objects(p, preps)  # "to A and to B", "to A as well as B"
    ]


def subjects_of(verb: Token) -> list[Token]:
    """Active subjects, inherited through coordination and control ("X wrote and sent", "asked X to write")."""
    subjects = children_of(verb, "nsubj")
    node = verb
    while not subjects and node.dep_ in ("conj", "xcomp", "advcl") and node.head.i != node.i:
        head = node.head
        controlled = (
            node.dep_ == "xcomp" or node.dep_ == "advcl" and LEX.verb_claim.get(head.lemma_.lower()) == "COMMISSIONED"
        )
        subjects = (children_of(head, "dobj") if controlled else []) or children_of(head, "nsubj")
        if node.dep_ == "xcomp" and not children_of(head, "dobj") and children_of(head, "nsubjpass"):
            subjects = children_of(head, "nsubjpass")
        node = head
    if not subjects:
        subjects = _honour_subjects(verb) or _gerund_clause_subjects(verb) or swallowed_subject(verb)
    return subjects


def _gerund_clause_subjects(verb: Token) -> list[Token]:
    """ "After receiving OSC's report, NSF took action": a gerund after a time preposition
    (`gerund_clause_prepositions`) on a clause is done by that clause's active subject."""
    prep = verb.head
    if verb.tag_ != "VBG" or verb.dep_ != "pcomp" or prep.lower_ not in LEX.gerund_clause_prepositions:
        return []
    if prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
        return []
    return children_of(prep.head, "nsubj")


def _honour_subjects(verb: Token) -> list[Token]:
    """ "I have the honour to submit my report to you": an infinitive on a covering letter's formula
    (`covering_formulas`), the object of "have", is done by the subject of "have"; "had the chance to
    send" is not a sending."""
    noun = verb.head
    if verb.dep_ != "acl" or noun.lemma_.lower() not in LEX.covering_formulas:
        return []
    if noun.dep_ != "dobj" or noun.head.lemma_.lower() != "have":
        return []
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return []
    return children_of(noun.head, "nsubj")


def arguments(verb: Token, frame: VerbFrame = _PLAIN_FRAME) -> tuple[list[Token], list[Token], list[Token]]:
    """(subjects, objects, recipients) of a relation verb, voice and clause type taken into account;
    `frame` says which prepositions introduce recipients and the passive agent."""
    passive = bool(children_of(verb, "nsubjpass", "auxpass"))
    shared = (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and not passive
        and not children_of(verb, "nsubj")
        and bool(children_of(verb.head, "nsubjpass"))
    )
    recipients = prep_objects(verb, frame.recipients) + children_of(verb, "dative")
    if passive or shared:  # "was commissioned by X and written by Y": the second participle shares the passive subject
        subjects = prep_objects(verb, frame.agent)
        objects = children_of(verb if passive else verb.head, "nsubjpass") or inherited_passive_subjects(verb)
        if children_of(verb, "dobj"):  # "the Home Office was sent the report"
            recipients, objects = objects, children_of(verb, "dobj")
            if not subjects:  # "was given the report by X": the parser hangs the agent on the object
                subjects = [o for d in objects for o in prep_objects(d, frame.agent)]
    else:
        subjects, objects = subjects_of(verb), [o for o in children_of(verb, "dobj") if not _paired(verb, o, frame)]
        if objects:  # "received the dossier ..., and a letter from X": the parser hangs the second object on the verb
            objects += [
                c
                for c in verb.children
                if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and not _paired(verb, c, frame)
            ]
        if (
            objects and subjects and frame.claim in ("SENT", "RECEIVED")
        ):  # "sent a copy of X, a version of Y and Z to W"
            objects += listed_objects(objects, frame.recipients | frame.senders)
    if not recipients and objects:  # "shared the report with X": the parser hangs the recipient on the object
        # ("X sent the report, the comments and its letter to Y": on the last of the objects, for all of them;
        # not in a subjectless line, "Send final report and action plan to Y", an action still to do)
        joined = bool(subjects)
        recipients = [
            r for o in objects for c in (o, *(o.conjuncts if joined else ())) for r in prep_objects(c, frame.recipients)
        ]
        recipients = list({r.i: r for r in recipients}.values())  # a listed item may also be a conjunct
    if not objects and not passive:
        contact = contact_relative(verb)
        if contact is not None:  # "the dossier X sent to Y", "in a letter the agency's head, Ana Ruiz, sent to Y"
            return [contact[0]], [contact[1]], recipients
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not objects:  # "a report, commissioned by X"
        subjects, objects = prep_objects(verb, frame.agent), [verb.head]
    return subjects, objects, recipients


def _paired(verb: Token, conjunct: Token, frame: VerbFrame) -> bool:
    """ "sent X to Y, and Z to W": an object hung on the verb with a recipient of its own, when the verb has one
    too, goes to its own recipient only (`object_lists.paired_objects`)."""
    return bool(prep_objects(conjunct, frame.recipients)) and any(
        r.i < conjunct.i for r in prep_objects(verb, frame.recipients)
    )


def contact_relative(verb: Token) -> tuple[Token, Token] | None:
    """A relative clause without a relative pronoun ("the letter X sent to Y", "in a letter the agency's
    head, Ana Ruiz, sent to Y, ..."), which the parser misreads: a document noun, then one noun phrase
    (the subject) and the verb, lacking its object. Returns (subject, document) tokens."""
    if verb.tag_ not in ("VBD", "VBN") or children_of(verb, "dobj", "aux", "auxpass", "nsubjpass", "mark"):
        return None
    sent = verb.sent
    j = verb.i - 1
    while j > sent.start and verb.doc[j].lemma_.lower() not in LEX.document_nouns:
        t = verb.doc[j]
        if t.pos_ in ("VERB", "AUX", "SCONJ") or t.tag_ in ("WDT", "WP", "WRB") or t.lower_ == "that":
            return None
        j -= 1
    document = verb.doc[j]
    if document.lemma_.lower() not in LEX.document_nouns or document.pos_ not in ("NOUN", "PROPN") or j + 1 >= verb.i:
        return None
    if document.head.i > document.i and document.head.i < verb.i and document.dep_ != "compound":
        return None
    first = verb.doc[j + 1]
    if first.pos_ not in ("DET", "PROPN") and first.tag_ != "PRP$":
        return None
    span = range(j + 1, verb.i)
    heads = [verb.doc[k] for k in span if verb.doc[k].head.i not in span and verb.doc[k].pos_ != "PUNCT"]
    if len(heads) != 1 or heads[0].pos_ not in ("NOUN", "PROPN"):
        return None
    return heads[0], document


def _anchor(verb: Token, obj: Ref) -> Token:
    """What dates a transfer: the verb, or for a second object the parser hung on the verb ("received X in
    March, and a letter from Y on 2 July") the object itself, so it keeps its own date."""
    return obj.token if obj.token.dep_ == "conj" and obj.token.head.i == verb.i else verb


def _asks_for_work(verb: Token) -> bool:
    """ "asked X to review / investigate / write ...": the request is a commission of work."""
    return any(c.dep_ in ("xcomp", "ccomp", "advcl") and c.lemma_.lower() in LEX.work_verbs for c in verb.children)


def _asked_workers(verb: Token) -> list[Token]:
    """ "requested that X investigate ...", "asked that X review ...": the subjects of a that-clause
    whose verb is work (the parser makes X the clause's subject, not the request's object)."""
    return [
        s
        for c in verb.children
        if c.dep_ == "ccomp" and c.lemma_.lower() in LEX.work_verbs and not is_negated_or_hedged(c)
        for s in children_of(c, "nsubj")
        for s in [s, *s.conjuncts]
    ]


def requested_only(verb: Token) -> bool:
    """ "asked X to issue subpoenas to compel Y": a verb inside the work clause of a request is what the
    requester asked for, not what anyone did (the request itself is read on its own verb)."""
    node = verb
    while node.dep_ in ("xcomp", "advcl", "ccomp") and node.head.i != node.i:
        node = node.head
        frame = LEX.frames.get(node.lemma_.lower())
        if frame is not None and frame.requests_work and frame.work_not_worker:
            return True
    return False


def _commissioned_work(verb: Token) -> list[Token]:
    """ "commissioned X to conduct a review", "asked X to carry out an inquiry": the objects of the work
    clause the commissioning verb governs (the document the commissioned party is to produce)."""
    found = []
    for clause in verb.children:
        if (
            clause.dep_ in ("xcomp", "ccomp", "advcl")
            and clause.lemma_.lower() in LEX.work_verbs
            and not is_negated_or_hedged(clause)
        ):
            found += [o for d in children_of(clause, "dobj") for o in [d, *d.conjuncts]]
    return found


def telling_lemmas() -> list[str]:
    """The lemmas of the telling frames (`tells`: "warned X about T", "alerted X to T")."""
    return [lemma for lemma, frame in LEX.frames.items() if frame.tells]


def letter_lemmas() -> list[str]:
    """The lemmas of the frames that write a letter to someone (`letter_to`: "X wrote to Y")."""
    return [lemma for lemma, frame in LEX.frames.items() if frame.letter_to]


def verb_claims(verb: Token, refs: RefsOf, topic_of: TopicOf) -> Iterator[RawClaim]:
    """Raw claims of one verb token (nothing when it is not a relation verb or is hedged); a plain
    denial ("never received the report") gives its claims with polarity NEGATED."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in LEX.frames:
        return  # no relation verb: `_verb_claims` gives nothing, so the mood (a walk up the clauses) is not read
    mood = statement_mood(verb)
    if mood == HEDGED:
        return
    for claim in _verb_claims(verb, refs, topic_of):
        if mood == NEGATED:
            if not _denied_outright(verb, claim):
                continue
            claim.polarity = NEGATED
        yield claim


def _denied_outright(verb: Token, claim: RawClaim) -> bool:
    """Whether a denial of the verb denies this claim of it: only the verb's own reading, with its
    actor as the subject. "X never sent it to Y" denies X's sending, not Y's receipt from elsewhere;
    "X did not tell Y about T" or "did not receive complaints about T" says nothing of whether Y or
    X knew about T."""
    frame = LEX.frames.get(verb.lemma_.lower())
    return (
        frame is not None
        and claim.type == frame.claim
        and not frame.tells
        and not claim.rule.endswith((".information", ".unnamed"))
    )


def _verb_claims(verb: Token, refs: RefsOf, topic_of: TopicOf) -> Iterator[RawClaim]:
    lemma = verb.lemma_.lower()
    frame = LEX.frames.get(lemma)
    if frame is None or verb.pos_ not in ("VERB", "AUX"):
        return
    edge = frame.claim
    if frame.particle_missing([c.lower_ for c in verb.children if c.dep_ == "prt"]):
        return  # "hand over", "set up", "carry out"
    subjects, objects, recipients = arguments(verb, frame)
    if frame.needs_recipient and not recipients:
        return  # "address the concerns" is dealing with them; "addressed the memo to X" is sending it
    if not moves_its_objects(frame, objects):
        return  # "made a report to X" sends it; "made recommendations to X", "made changes" send nothing
    light = frame.documents_only
    if light:  # "made several recommendations to X": findings, not the report last named
        objects = [o for o in objects if o.lemma_.lower() not in LEX.findings]
    if frame.sends_when_addressed and (recipients or issues_correspondence(objects)):
        edge = "SENT"  # "issued a notification (to the Secretary of State)": sent to someone, not published
    subj_refs = [r for t in subjects for r in refs(t)]
    obj_refs = [r for t in objects for r in refs(t)]
    rec_refs = [r for t in recipients for r in refs(t)]
    passive = bool(children_of(verb, "nsubjpass") or inherited_passive_subjects(verb))
    rule = f"{lemma}.{'passive' if passive else 'active'}{'.' + verb.dep_ if verb.dep_ in ('relcl', 'acl') else ''}"
    base = 0.9 if verb.dep_ not in ("relcl", "acl", "xcomp") else 0.85
    if not subj_refs and edge in UNNAMED_ACTOR_TYPES and (passive or verb.dep_ == "acl" and verb.tag_ == "VBN"):
        # "The review was commissioned in 2006": someone did, unnamed; a placeholder of that one report stands in
        subj_refs = [Ref(placeholder_for(edge, r.node), 1.0, verb) for r in obj_refs if r.node.label == "Report"]
        for subject, report in zip(subj_refs, [r for r in obj_refs if r.node.label == "Report"]):
            yield RawClaim(edge, subject, report, verb, min(base, report.confidence), rule + ".unnamed")
        return
    if edge == "KNEW_ABOUT":
        yield from _knowledge(verb, frame, subj_refs, obj_refs, rec_refs, topic_of, base, rule, passive)
        return
    reports = [r for r in obj_refs if r.node.label == "Report"]
    if light and not reports:
        return  # "allegations made to X": a light verb hands over documents only
    if edge in ("SENT", "RECEIVED") and not reports:  # "raised concerns with X about T", "received complaints about T"
        info = [o for o in objects if o.lemma_.lower() in LEX.information]
        if not info and verb.dep_ == "relcl" and verb.head.lemma_.lower() in LEX.information:
            info = [verb.head]  # "information it had received about T": the clause's antecedent is what was received
        if edge == "SENT" and not rec_refs:  # the parser often hangs "with the council" inside the topic phrase
            rec_refs = [r for o in info for t in o.subtree for p in prep_objects(t, frame.recipients) for r in refs(p)]
        knowers = rec_refs if edge == "SENT" else subj_refs
        about = [p for o in info for p in prep_objects(o, LEX.topic_prepositions) + phrase_topics(o)]
        if info:  # "received information in 2009 about T": the parser hangs "about T" on the verb
            about += prep_objects(verb, LEX.topic_prepositions) + phrase_topics(verb)
        topics = [t for t in (topic_of(p) for p in about) if t]
        for knower in (k for k in knowers if k.node.label in ("Agency", "Person")):
            for topic in topics:
                yield RawClaim(
                    "KNEW_ABOUT",
                    knower,
                    topic,
                    verb,
                    min(0.75, knower.confidence, topic.confidence),
                    rule + ".information",
                )
        return
    if edge == "SENT":
        yield from _paired_claims(verb, frame, recipients, subj_refs, refs, base, rule)
        for report in reports:
            anchor = _anchor(verb, report)
            for subject in subj_refs:
                yield RawClaim("SENT", subject, report, anchor, min(base, subject.confidence, report.confidence), rule)
            for recipient in rec_refs:
                yield RawClaim(
                    "RECEIVED",
                    recipient,
                    report,
                    anchor,
                    min(base, recipient.confidence, report.confidence),
                    rule + ".recipient",
                )
    elif edge == "RECEIVED":
        for report in reports:
            anchor = _anchor(verb, report)
            for subject in subj_refs:
                yield RawClaim(
                    "RECEIVED", subject, report, anchor, min(base, subject.confidence, report.confidence), rule
                )
            if anchor is not verb:
                continue  # a second object hung on the verb has its own sender ("and a letter from X")
            origins = prep_objects(verb, frame.senders) or [
                o for t in report.token.subtree for o in prep_objects(t, frame.senders)
            ]
            for sender in (r for t in origins for r in refs(t)):
                yield RawClaim(
                    "SENT",
                    sender,
                    report,
                    verb,
                    min(base, sender.confidence, report.confidence) - 0.05,
                    rule + ".sender",
                )
    elif edge == "COMMISSIONED":
        if requested_only(verb):
            return  # "asked X to issue subpoenas to compel Y to ...": the compelling was asked for, not done
        targets = [r for r in obj_refs if r.node.label in ("Agency", "Report", "Person")]
        if frame.requests_work and not _asks_for_work(verb):  # "asked the department to publish its register"
            targets = [r for r in targets if r.node.label == "Report"]
        if frame.requests_work:  # "requested that X investigate the allegations": X is who was asked to do the work
            asked = [r for t in _asked_workers(verb) for r in refs(t) if r.node.label in ("Agency", "Person")]
            targets += [a for a in asked if all(a.node.id != t.node.id for t in targets)]
        # "commissioned X to conduct a review of ...": the commissioner also commissioned the work itself
        works = [r for t in _commissioned_work(verb) for r in refs(t) if r.node.label == "Report"]
        if works and frame.requests_work and frame.work_not_worker:
            # "asked the GAO to conduct a review": what was commissioned is the review, not the office asked
            targets = [r for r in targets if r.node.label == "Report"]
        targets += [w for w in works if all(w.node.id != t.node.id for t in targets)]
        for target in targets:
            for subject in subj_refs:
                if subject.node.id != target.node.id:
                    yield RawClaim(
                        "COMMISSIONED",
                        subject,
                        target,
                        verb,
                        min(base, subject.confidence, target.confidence),
                        rule + (".work" if target in works else ""),
                    )
    else:
        for report in reports:
            for subject in subj_refs:
                yield RawClaim(edge, subject, report, verb, min(base, subject.confidence, report.confidence), rule)
                if (
                    edge == "PUBLISHED"
                    and frame.authors_new
                    and not passive
                    and (introduced_as_new(verb, report.token) or issued_by_number(verb, report))
                ):
                    confidence = min(base, subject.confidence, report.confidence)
                    yield RawClaim("AUTHORED", subject, report, verb, confidence, rule + ".author")
            if frame.letter_to and report.token.lemma_.lower() in LEX.correspondence:
                # "X wrote a letter to Y", "the letter that X wrote to Y": written and sent
                letter_to = [r for t in prep_objects(verb, frame.letter_to) for r in refs(t)] or rec_refs
                if not letter_to:
                    continue
                for subject in subj_refs:
                    yield RawClaim(
                        "SENT",
                        subject,
                        report,
                        verb,
                        min(base, subject.confidence, report.confidence) - 0.05,
                        rule + ".sent",
                    )
                for recipient in letter_to:
                    yield RawClaim(
                        "RECEIVED",
                        recipient,
                        report,
                        verb,
                        min(base, recipient.confidence, report.confidence) - 0.05,
                        rule + ".recipient",
                    )


def introduced_as_new(verb: Token, noun: Token) -> bool:
    """Whether the verb, in the past, has as its direct object one document the clause introduces ("published a
    report"), not one known already ("the report", "the Wilson Report"), a pronoun, or a set counted ("issued two
    reports": a node for the set, where readers name each report)."""
    if noun.dep_ != "dobj" or noun.head.i != verb.i or verb.dep_ in ("relcl", "acl") or noun.pos_ != "NOUN":
        return False
    if verb.tag_ not in ("VBD", "VBN"):
        return False  # "the committee publishes a report from time to time": a habit, not one document written
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)


def issued_by_number(verb: Token, report: Ref) -> bool:
    """ "the NRC issued Bulletin 2001-001": a body issuing (in the past, as the verb's object without a determiner) a
    document known by its number issues its own numbered series; it wrote what it numbered."""
    token = report.token
    if token.head.i != verb.i or token.dep_ != "dobj" or verb.tag_ != "VBD" or verb.dep_ in ("relcl", "acl"):
        return False
    if any(c.dep_ in ("det", "poss") for c in token.children):
        return False
    return is_numbered_name(report.node.name)


def _paired_claims(
    verb: Token, frame: VerbFrame, recipients: list[Token], subj_refs: list[Ref], refs: RefsOf, base: float, rule: str
) -> Iterator[RawClaim]:
    """ "X sent the report to Y and the comments to Z": each further document, read as a recipient, goes from the
    subject to its own recipients."""
    conjuncts = [c for c in verb.children if c.dep_ in ("conj", "dobj") and _paired(verb, c, frame)]
    for token, own in paired_objects(recipients, frame.recipients, conjuncts):
        for report in (r for r in refs(token) if r.node.label == "Report"):
            for subject in subj_refs:
                yield RawClaim("SENT", subject, report, verb, min(base, subject.confidence, report.confidence), rule)
            for recipient in (r for t in own for r in refs(t)):
                yield RawClaim(
                    "RECEIVED",
                    recipient,
                    report,
                    verb,
                    min(base, recipient.confidence, report.confidence),
                    rule + ".recipient",
                )


def _knowledge(
    verb: Token,
    frame: VerbFrame,
    subj_refs: list[Ref],
    obj_refs: list[Ref],
    rec_refs: list[Ref],
    topic_of: TopicOf,
    base: float,
    rule: str,
    passive: bool,
) -> Iterator[RawClaim]:
    """ "X knew about T", "X warned Y about T", "Y was told of T by X", "X learned of the report"."""
    topics = [t for t in (topic_of(o) for o in prep_objects(verb, LEX.topic_prepositions) + phrase_topics(verb)) if t]
    knowers = list(subj_refs)
    if frame.tells:
        knowers += [r for r in obj_refs + rec_refs if r.node.label in ("Agency", "Person")]
        if not topics:  # "notified A and B of T": the parser hangs "of T" on B
            topics = [t for t in (topic_of(o) for o in told_after_conjuncts(verb, LEX.topic_prepositions)) if t]
        if (
            not topics and not frame.needs_recipient and children_of(verb, "dobj", "nsubjpass")
        ):  # "alerted X to the abuse"
            topics = [t for t in (topic_of(o) for o in prep_objects(verb, {"to"})) if t and t.node.label == "Topic"]
            if not topics:  # "alerted X to abuse at Elm House": the parser reads "to abuse" as an infinitive
                topics = [
                    t
                    for c in children_of(verb, "xcomp")
                    if c.tag_ == "VB"
                    and not children_of(c, "dobj")
                    and any(a.lower_ == "to" for a in children_of(c, "aux"))
                    for t in [topic_of(c)]
                    if t and t.node.label == "Topic"
                ]
        # "reported the abuse to the police": what is told is the object
        if not topics and rec_refs and not any(r.node.label in ("Agency", "Person") for r in obj_refs):
            told = children_of(verb, "nsubjpass") if passive and frame.passive_told else children_of(verb, "dobj")
            topics = [t for t in (topic_of(_antecedent(verb, o)) for o in told) if t]  # "T was discussed with Y"
    elif not topics:
        topics = [r for r in obj_refs if r.node.label == "Report"] or [
            t for t in (topic_of(o) for o in children_of(verb, "dobj")) if t
        ]
    if (
        not topics
    ):  # "warned X that residents were at risk", "knew that the audit had found ...": what the clause is about
        topics = [
            t for c in children_of(verb, "ccomp") if not is_negated_or_hedged(c) for t in clause_topics(c, topic_of)
        ]
    for knower in knowers:
        if knower.node.label not in ("Agency", "Person"):
            continue
        for topic in topics:
            yield RawClaim("KNEW_ABOUT", knower, topic, verb, min(base, knower.confidence, topic.confidence), rule)


def _antecedent(verb: Token, token: Token) -> Token:
    """ "the results, which were discussed with you": a relative pronoun stands for the noun its clause hangs on."""
    if token.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        return verb.head
    return token


def clause_topics(clause: Token, topic_of: TopicOf) -> list[Ref]:
    """A that-clause's subject (or, failing that, object) as the topic known: a report it names, else its noun phrase."""
    arguments = children_of(clause, "nsubj", "nsubjpass") or children_of(clause, "dobj")
    arguments = [a for a in arguments if not any(c.dep_ == "det" and c.lower_ == "no" for c in a.children)]
    found = [t for t in (topic_of(a) for a in arguments) if t]  # "that no such order had been laid": nothing known
    found = [t for t in found if t.node.label != "Topic" or not names_a_party(t.token)]  # a report stays
    return [Ref(t.node, min(t.confidence, 0.7), t.token) for t in found]


_PARTY_ENTITIES = ("ORG", "PERSON", "NORP", "GPE")


def names_a_party(token: Token) -> bool:
    """A body or a person ("the Home Office", "the tribunal", "Ann Lee"): in "X was informed that the Home Office
    was seeking to change ...", the clause is about what the party did, and the party is no topic of knowledge."""
    if token.ent_type_ in _PARTY_ENTITIES:
        return True
    lemma = token.lemma_.lower()
    return lemma in LEX.generic_bodies or lemma in LEX.hearing_heads


@triggered_by(lambda: LEX.knowledge)
def nominal_knowledge(token: Token, refs: RefsOf, topic_of: TopicOf) -> Iterator[RawClaim]:
    """ "the knowledge of the council and the force of the abuse", "X's knowledge of T"."""
    if token.lemma_.lower() not in LEX.knowledge or is_negated_or_hedged(token):
        return
    knowers: list[Ref] = [r for p in children_of(token, "poss") for r in refs(p)]
    topics: list[Ref] = []
    candidates = prep_objects(token, {"of", "about"})
    for obj in candidates:
        found = [r for r in refs(obj) if r.node.label in ("Agency", "Person")]
        if found:
            knowers += found
            for holder in [obj, *obj.conjuncts]:
                topics += [t for t in (topic_of(o) for o in prep_objects(holder, {"of", "about"})) if t]
        else:
            topic = topic_of(obj)
            if topic:
                topics.append(topic)
    for knower in knowers:
        for topic in topics:
            yield RawClaim(
                "KNEW_ABOUT", knower, topic, token, min(0.75, knower.confidence, topic.confidence), "knowledge.nominal"
            )


@triggered_by(lambda: LEX.awareness_adjectives)
def aware_claims(token: Token, refs: RefsOf, topic_of: TopicOf) -> Iterator[RawClaim]:
    """ "X was aware of T" / "X was made aware of T"; "X was not aware of T" is a NEGATED claim."""
    if token.lemma_.lower() not in LEX.awareness_adjectives:
        return
    mood = statement_mood(token)
    head = token.head if token.dep_ in ("acomp", "oprd", "ccomp", "xcomp") else token
    if mood == HEDGED or head.i != token.i and statement_mood(head) == HEDGED:
        return
    if head.i != token.i and statement_mood(head) == NEGATED and mood == ASSERTED:
        mood = NEGATED
    polarity = NEGATED if mood == NEGATED else ASSERTED
    knowers = [r for t in children_of(head, "nsubj", "nsubjpass") for r in refs(t)]
    topics = [t for t in (topic_of(o) for o in prep_objects(token, {"of", "about"})) if t]
    for knower in knowers:
        for topic in topics:
            yield RawClaim(
                "KNEW_ABOUT",
                knower,
                topic,
                head,
                min(0.85, knower.confidence, topic.confidence),
                "aware",
                polarity=polarity,
            )


@triggered_by(lambda: LEX.archive_verbs)
def archive_claims(verb: Token, refs: RefsOf) -> Iterator[RawClaim]:
    """ "the report ... was found in the Home Office archives": the body held (knew of) the document."""
    if verb.lemma_.lower() not in LEX.archive_verbs or is_negated_or_hedged(verb):
        return
    _, objects, _ = arguments(verb)
    reports = [r for t in objects for r in refs(t) if r.node.label == "Report"]
    for place in prep_objects(verb, LEX.archive_prepositions):
        if place.lemma_.lower() not in LEX.archives:
            continue
        holders = [
            r
            for c in place.children
            if c.dep_ in ("compound", "poss", "nmod")
            for r in refs(c)
            if r.node.label == "Agency"
        ]
        for holder in holders:
            for report in reports:
                yield RawClaim(
                    "KNEW_ABOUT", holder, report, verb, min(0.7, holder.confidence, report.confidence), "archive"
                )


def published_claims(publishers: list[Ref], documents: list[Ref], verb: Token, rule: str) -> Iterator[RawClaim]:
    """Each publisher PUBLISHED each document, as sure as the less sure of the two (at most 0.85: a
    publication read from one verb, not a masthead)."""
    for document in documents:
        for publisher in publishers:
            yield RawClaim(
                "PUBLISHED", publisher, document, verb, min(0.85, publisher.confidence, document.confidence), rule
            )


def dates_for(anchor: Token, date_spans: list[tuple[int, int, DateValue]], exclude: set[int]) -> DateValue | None:
    """The date of a claim: a DATE in the anchor's own clause (nearest in the tree), never one inside
    another clause or inside an argument that is excluded (a report's own date)."""
    best: tuple[int, DateValue] | None = None
    for start, end, value in date_spans:
        token = anchor.doc[start]
        root = min((anchor.doc[i] for i in range(start, end)), key=lambda t: len(list(t.ancestors)))
        distance, node, ok = 0, root, True
        while node.i != anchor.i:
            clause = (
                node.dep_ in ("relcl", "ccomp", "advcl", "acl", "csubj", "parataxis")
                or node.dep_ == "conj"
                and node.pos_ in ("VERB", "AUX")
            )
            if (
                clause
                and node.dep_ == "advcl"
                and node.head.i == anchor.i
                and any(c.tag_ == "TO" for c in node.children)
            ):
                clause = False  # "commissioned X to audit its accounts in 2012": the purpose clause dates the request
            if node.i in exclude or clause and node.i != root.i:
                ok = False
                break
            if node.head.i == node.i:
                ok = False
                break
            node, distance = node.head, distance + 1
        if ok and token.i not in exclude and (best is None or distance < best[0]):
            best = (distance, value)
    return best[1] if best else None


def opening_date(anchor: Token, date_spans: list[tuple[int, int, DateValue]]) -> DateValue | None:
    """ "On 18 March 2013, after a fire had spread, X wrote to Y": a date opening the sentence dates its
    main clause even when the parser hangs it on the clause in between. Only for the main verb (or
    one coordinated with it), and only a date within the sentence's first three tokens or inside its
    opening phrase ("On the late evening of December 16, 2008, ...")."""
    sent = anchor.sent
    main = anchor
    while main.dep_ == "conj" and main.head.i != main.i:
        main = main.head
    if main.i != sent.root.i:
        return None
    opener = sent[0]
    opening = (
        range(opener.left_edge.i, opener.right_edge.i + 1)
        if opener.dep_ == "prep" and opener.head.i == main.i
        else range(0)
    )
    for start, _, value in date_spans:
        if (sent.start <= start <= sent.start + 2 or start in opening) and start < anchor.i:
            return value
    return None


@triggered_by(lambda: LEX.membership)
def membership_claims(verb: Token, refs: RefsOf) -> Iterator[RawClaim]:
    """ "Ana Ruiz, who leads the Saltmarsh Foundation" / "she works for the council": a person's body."""
    lemma = verb.lemma_.lower()
    frame = LEX.membership.get(lemma)
    if frame is None or is_negated_or_hedged(verb):
        return
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return
    bodies = prep_objects(verb, frame.prepositions) if frame.prepositions else children_of(verb, "dobj")
    people = [r for t in subjects_of(verb) for r in refs(t) if r.node.label == "Person"]
    for body in (r for t in bodies for r in refs(t) if r.node.label == "Agency"):
        for person in people:
            yield RawClaim(
                "MEMBER_OF",
                person,
                body,
                verb,
                min(0.8, person.confidence, body.confidence),
                f"member.{lemma}",
                frame.role,
            )
