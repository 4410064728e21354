"""Documents known by what a flow moves: "issued a subpoena to X", "submitted a Notice of Compliance to the
court", "received an alert from the OIG", "the observations were sent to the Committee", "the Compliance Order
issued to X".

Nouns such as order, notice, alert or statement are talk, acts or phrases by themselves ("in order to",
"took notice", "a public statement of intent"), so they are no document nouns. But the thing a sending,
providing, submitting, receiving, issuing or enclosing verb moves is a document: such a noun, as the verb's
direct object (or its passive subject, or the noun a participle of one with a recipient follows: "the Order
issued to X"), is one. The nouns are `transferred_documents` in nominals.yaml, each
with its frame under `documents`; the verbs are those whose frame draws SENT, RECEIVED or PUBLISHED (verbs.yaml)
and the lexicon's receiving and enclosing verbs. The flow itself is then read as for any document
(`relations.verb_claims`).

Some plurals are findings or matter by themselves ("findings show", "the results of the vote"), and "its
findings" is the report last named. But findings or results a past flow verb moved between named parties are
the set of documents that went: "OSC sent findings to the White House", "the investigation results were
provided to the Department", "the Board received detailed findings from the Council". These are
`moved_plurals` in nominals.yaml (`is_moved_plural`).

A verb whose frame needs a recipient ("make", "serve", "file", "refer", "place") moves a document only when it has
one: "made a referral to X" and "served a notice on X" do, "the court made an order" and "placed an order" do not."""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract import relations
from loaders.extract.enclosing_clauses import is_enclosed
from loaders.extract.lexicon import LEX, VerbFrame

MOVING_CLAIMS = frozenset({"SENT", "RECEIVED", "PUBLISHED"})
PAST_AUXILIARIES = frozenset({"was", "were", "been"})  # "were provided", "have been sent"; not "are provided"
RECIPIENT_PREPOSITIONS = frozenset({"to", "with"})  # "sent findings to X", "shared the results with X"


def _moves_documents(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    frame = LEX.frames.get(lemma)
    if frame is not None and frame.needs_recipient and not _addressed(verb, frame):
        return False  # "the court made an order", "placed an order": a light verb moves something only to someone
    return (
        (frame is not None and frame.claim in MOVING_CLAIMS)
        or lemma in LEX.receiving_verbs
        or lemma in LEX.enclosing_verbs
    )


def _addressed(verb: Token, frame: VerbFrame) -> bool:
    """A recipient phrase on the verb or on what it moves ("made a referral to X", "served a notice on X")."""
    moved = relations.children_of(verb, "dobj", "nsubjpass")
    if verb.dep_ == "acl":
        moved.append(verb.head)  # "the subpoena served on X"
    return any(relations.prep_objects(t, frame.recipients) for t in (verb, *moved)) or bool(
        relations.children_of(verb, "dative")
    )


def is_transferred_document(token: Token) -> bool:
    """A `transferred_documents` noun that a flow verb moves: its object ("sent its observations"), its passive
    subject ("an alert was issued"), a noun coordinated with one ("a notice and an order"), or one a letter
    encloses ("Enclosed is an Administrative Order", `enclosing_clauses.is_enclosed`)."""
    if token.lemma_.lower() not in LEX.transferred_documents or token.pos_ not in ("NOUN", "PROPN"):
        return False
    while token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN"):
        token = token.head
    if token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB" and _moves_documents(token.head):
        return True
    if is_enclosed(token):
        return True  # "Enclosed is an Administrative Order", "Enclosed please find the list": what a letter encloses
    return any(_moving_participle(c) for c in token.children)


def _moving_participle(child: Token) -> bool:
    """ "the Compliance Order issued to X", "a notice sent to the company": a past participle of a flow verb
    after the noun that says where it went (a recipient preposition), as regulators name their orders."""
    return (
        child.dep_ == "acl"
        and child.tag_ == "VBN"
        and _moves_documents(child)
        and any(c.dep_ in ("prep", "dative") and c.lower_ in RECIPIENT_PREPOSITIONS for c in child.children)
    )


def moved_to(token: Token) -> str | None:
    """ "issued to Zahner" of "the Compliance Order issued to Zahner and his company": the participle that names
    where the document went, with its first recipient as written (a title and its compounds), which tells one
    regulator's order apart from its order to someone else; None without such a participle."""
    participle = next((c for c in token.children if _moving_participle(c)), None)
    if participle is None:
        return None
    prep = next(c for c in participle.children if c.lower_ in RECIPIENT_PREPOSITIONS)
    recipient = next((o for o in prep.children if o.dep_ == "pobj"), None)
    if recipient is None:
        return None
    words = list(token.doc[recipient.left_edge.i : recipient.i + 1])
    first = next((i for i, w in enumerate(words) if w.dep_ == "cc" or w.is_punct), len(words))  # "Zahner and ..."
    if first == 0:
        return None
    return f"{participle.text} {prep.text} {' '.join(w.text for w in words[:first])}"


def is_moved_plural(token: Token) -> bool:
    """A `moved_plurals` noun in the plural that a past flow verb moved between named parties: the object of
    "sent findings to X" / "received results from X", or the subject of "the results were provided to X".
    Not one with a possessive pronoun ("its findings": the report last named) and not a present or generic
    flow ("results are sent to members each year")."""
    if (
        token.lemma_.lower() not in LEX.moved_plurals
        or token.tag_ not in ("NNS", "NNPS")
        or token.pos_ != "NOUN"
        or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)
    ):
        return False
    verb = token.head
    if verb.pos_ != "VERB" or not _moves_documents(verb) or relations.is_negated_or_hedged(verb):
        return False
    if token.dep_ == "dobj":
        past = verb.tag_ in ("VBD", "VBN") and bool(relations.subjects_of(verb))
    elif token.dep_ == "nsubjpass":
        past = any(c.dep_ == "auxpass" and c.lower_ in PAST_AUXILIARIES for c in verb.children)
    else:
        return False
    return past and _names_other_party(token, verb)


def _names_other_party(token: Token, verb: Token) -> bool:
    """The flow names who the documents went to ("to X", "with X") or came from ("from X")."""
    wanted = RECIPIENT_PREPOSITIONS | {"from"}
    return any(
        c.dep_ in ("prep", "dative") and c.lower_ in wanted and any(o.dep_ == "pobj" for o in c.children)
        for holder in (verb, token)
        for c in holder.children
    )


MAX_FROM_WORDS = 8  # a longer from-phrase is a clause, not a name


def written_name(token: Token) -> str | None:
    """ "detailed findings from the Council": what the text calls moved plurals with their sender, as written
    (modifiers, the noun, the from-phrase), which an investigator searches for; None without a from-phrase."""
    if not is_moved_plural(token):
        return None
    holders = [token, token.head] if token.dep_ == "dobj" else [token]  # "received observations from X"
    prep = next((c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "from"), None)
    sender = next((o for o in prep.children if o.dep_ == "pobj"), None) if prep is not None else None
    if sender is None:
        return None
    end = sender.right_edge.i if sender.right_edge.i - prep.i <= MAX_FROM_WORDS else sender.i
    start = min([token.i, *(c.i for c in token.lefts if c.dep_ in ("amod", "compound", "nummod"))])
    doc = token.doc
    return f"{doc[start : token.i + 1].text} from {doc[sender.left_edge.i : end + 1].text}"


def is_named_by_modifiers(token: Token) -> bool:
    """Moved plurals are named by all their modifiers, names included ("the OI investigation results"): they
    are no eponymous work as "the Wanless review" is."""
    return is_moved_plural(token)
