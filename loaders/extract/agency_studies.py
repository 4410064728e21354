"""The investigated agency's own study in an oversight release, and who "the agency" is there.

OSC and inspector-general releases tell of the agency's investigation without the "investigation by X" or
"X's investigation" that `authored_studies` reads: "The DOL investigation substantiated ...", "The agency
investigation included a complete inventory ...", "For its investigation, FAA interviewed ...", "The OIG has
completed its investigation", and a link's gap that leaves "by" without its object ("An investigation by FAA
[substantiated](...)"). Each is the agency's work product: a Report it AUTHORED.

Such a release calls the agency it is about "the agency" and names it once ("mismanagement at the U.S.
Department of the Navy (Navy)", "OSC referred the case to the U.S. Department of Transportation (DOT)"). A
federal department or administration has no "Agency" in its name, so "the agency" found no body: here it is the
latest body the text names with a word of `agency_name_words` (a department, an administration, the Navy), when
no body the text names is called an agency (`the_agency`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.attrs import LEMMA
from spacy.tokens import Token

from graph.model import Node, node_id
from graph.names import name_key
from loaders.extract import markup, relations, unfinished_work
from loaders.extract.authored_studies import _study_noun
from loaders.extract.lexicon import LEX
from loaders.extract.linked_letters import linked_anchor
from loaders.extract.mentions import DocumentParse, Mention
from loaders.extract.token_filter import tokens_with

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun
    from loaders.resolve import Body

CONFIDENCE = 0.7
RULE = "rules.study.agency"
_BODY_KINDS = ("agency", "generic")
_AGENCY = "agency"
_SUBJECTS = ("nsubj", "nsubjpass")


def _agency_shaped(node: Node) -> bool:
    return bool(set(name_key(node.name).split()) & LEX.agency_name_words)


def _agency_before(run: DocumentRun, doc_index: int, start: int) -> Node | None:
    """The latest department, administration or service named before token `start` of chunk `doc_index`,
    among those the text names more than once when there are any (a name the parser ran together once,
    "Department of Defense and Navy regulations", is no referent); else the first one named after it."""
    named = sorted(
        (m for m in run.parse.mentions if m.kind == "agency" and m.node is not None and _agency_shaped(m.node)),
        key=lambda m: (m.doc_index, m.start),
    )
    counts = run.ctx.body_counts
    salient = [m for m in named if counts[m.node.id] >= 2] or named
    before = [m for m in salient if (m.doc_index, m.start) < (doc_index, start)]
    chosen = before[-1] if before else next(iter(salient), None)
    return chosen.node if chosen is not None else None


def the_agency(run: DocumentRun, mention: Mention) -> Body | None:
    """ "the agency" in a text naming no body called an agency: the department, administration or service
    named last before it (`_agency_before`)."""
    if mention.context != _AGENCY:
        return None
    node = _agency_before(run, mention.doc_index, mention.start)
    return run.ctx.bodies.get(node.id) if node is not None else None


def _body_token(parse: DocumentParse, doc_index: int, token: Token) -> bool:
    mention = parse.at(doc_index, token)
    return mention is not None and mention.kind in _BODY_KINDS


def _the_agency_word(token: Token) -> bool:
    """ "The agency investigation": "agency" as the modifier of a definite study noun."""
    return token.lower_ == _AGENCY and token.dep_ == "compound" and any(c.lower_ == "the" for c in token.head.lefts)


def _compound_author(parse: DocumentParse, doc_index: int, token: Token) -> Token | None:
    """ "The DOL investigation substantiated ...": a body's name modifying a study that found something."""
    if token.dep_ not in _SUBJECTS or token.head.lemma_.lower() not in LEX.finding_verbs:
        return None
    return next(
        (
            c
            for c in token.lefts
            if c.dep_ in ("compound", "nmod") and (_body_token(parse, doc_index, c) or _the_agency_word(c))
        ),
        None,
    )


def _gapped_by(parse: DocumentParse, doc_index: int, token: Token) -> Token | None:
    """ "An investigation by FAA [substantiated](...)": the link's gap left "by" with no object; the body
    right after it is the author."""
    for prep in token.rights:
        if prep.dep_ != "prep" or prep.lower_ != "by" or any(c.dep_ == "pobj" for c in prep.children):
            continue
        following = next((t for t in token.doc[prep.i + 1 : prep.i + 3] if not t.is_space), None)
        if following is not None and _body_token(parse, doc_index, following):
            return following
    return None


def _split_possessor(parse: DocumentParse, doc_index: int, token: Token) -> Token | None:
    """ "The Naval Inspector General's (Naval IG) investigation substantiated ...": an acronym between the
    possessive and the study cuts the phrase in two for the parser; the possessor is the body before "'s"."""
    if any(c.dep_ in ("det", "poss") for c in token.lefts):
        return None
    i = token.i - 1
    while i >= 0 and token.doc[i].is_space:
        i -= 1
    if i >= 0 and token.doc[i].text == ")":
        while i >= 0 and token.doc[i].text != "(":
            i -= 1
        i -= 1
    if i < 1 or token.doc[i].tag_ != "POS":
        return None
    owner = token.doc[i - 1]
    return owner if _body_token(parse, doc_index, owner) else None


def _clause_subject(token: Token) -> Token | None:
    """The subject of the clause a noun phrase sits in ("For its investigation, FAA interviewed ...")."""
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
        verb = verb.head
    for holder in (verb, verb.head if verb.dep_ == "conj" else None):
        if holder is None:
            continue
        subject = next((c for c in holder.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            return subject
    return None


def _own_study(parse: DocumentParse, doc_index: int, token: Token) -> Token | None:
    """ "The OIG has completed its investigation", "In its investigation, the FAA's Office of Audit ...
    determined": "its" is the body that is the clause's subject."""
    if token.dep_ == "appos" or not any(c.dep_ == "poss" and c.lower_ == "its" for c in token.children):
        return None  # "opened Operation Lantern, its largest investigation": a name for an operation under way
    if token.head.dep_ == "prep" and token.head.head.lemma_.lower() in LEX.document_nouns:
        return None  # "a report on its statutory inquiry": the report is the document told of
    subject = _clause_subject(token)
    return subject if subject is not None and _body_token(parse, doc_index, subject) else None


def author_token(parse: DocumentParse, doc_index: int, token: Token) -> Token | None:
    """The token naming the body whose study `token` is, in the forms above; None otherwise."""
    if not _study_noun(token) or unfinished_work.is_unfinished(token):  # "its ongoing investigation": no author yet
        return None
    return (
        _compound_author(parse, doc_index, token)
        or _gapped_by(parse, doc_index, token)
        or _own_study(parse, doc_index, token)
        or _split_possessor(parse, doc_index, token)
    )


def _authors(run: DocumentRun, doc_index: int, token: Token) -> list[str]:
    if _the_agency_word(token) and run.parse.at(doc_index, token) is None:
        body = _agency_before(run, doc_index, token.i)
        return [run.add_node(body).id] if body is not None else []
    return [r.node.id for r in run.refs(doc_index, token) if r.node.label == "Agency"]


def _alias(study: Token, author: Token) -> str | None:
    """The study as the text calls it, when the parse hid that name: "DOL investigation" (the compound),
    "investigation by FAA" (the gapped "by")."""
    if author.i < study.i and author.head is study:
        return f"{author.text} {study.text}"
    if author.i > study.i:
        return f"{study.text} by {author.text}"
    return None


def author_claims(run: DocumentRun) -> None:
    """AUTHORED by the agency, for each study it made in a form above, cited by the study's sentence. The
    sentence pass may have drawn it already from the bare compound or possessive, below what these forms
    warrant: that claim is raised, not repeated."""
    for report in run.reports:
        node = report.mention.node
        token = author_token(run.parse, report.mention.doc_index, report.head) if node is not None else None
        if node is None or token is None:
            continue
        sentence = run.parse.sentences[report.mention.sentence]
        alias = _alias(report.head, token)
        if alias:
            run.add_node(Node(node.id, "Report", node.name, [alias], node.props))
        for author in _authors(run, report.mention.doc_index, token):
            drawn = [
                c for c in run.claims if (c.type, c.from_id, c.to_id) == ("AUTHORED", author, node.id) and not c.negated
            ]
            if any(c.confidence >= CONFIDENCE for c in drawn):
                continue
            here = next((c for c in drawn if c.char_start == sentence.start), None)
            if here is not None:
                here.confidence, here.extractor = CONFIDENCE, RULE
            else:
                run.claims.append(run._claim("AUTHORED", author, node.id, sentence, CONFIDENCE, RULE))


def _study_of(run: DocumentRun, author: str) -> Node | None:
    """The study the text already gives `author` ("The agency investigation ..."), to name once."""
    studies = {r.mention.node.id: r.mention.node for r in run.reports if r.mention.node is not None}
    return next(
        (
            studies[c.to_id]
            for c in run.claims
            if c.type == "AUTHORED" and c.from_id == author and c.to_id in studies and c.confidence >= CONFIDENCE
        ),
        None,
    )


def _finding_verb(lemma: str) -> bool:
    return lemma.lower() in LEX.finding_verbs


def linked_findings(run: DocumentRun) -> None:
    """ "The agency [substantiated](/agency-report.pdf) the whistleblower's allegations": a body's finding
    verb that is a link's anchor stands for the report the finding is in, AUTHORED by the body (the same
    node as the study the text gives it elsewhere), the anchor kept as an alias."""
    if not markup.has_links(run.document.text):
        return  # no link, no anchor
    finding = {
        i for i, doc in enumerate(run.parse.docs) if next(tokens_with(doc, LEMMA, _finding_verb), None) is not None
    }
    for sentence in (s for s in run.parse.sentences if s.doc_index in finding):  # no finding verb, nothing to read
        for verb in sentence.span:
            if (
                verb.pos_ != "VERB"
                or verb.lemma_.lower() not in LEX.finding_verbs
                or relations.is_negated_or_hedged(verb)
                or (anchor := linked_anchor(run, verb)) is None
            ):
                continue
            for subject in relations.subjects_of(verb):
                study = run.parse.at(sentence.doc_index, subject)
                if study is not None and study.node is not None and _study_noun(subject):
                    run.add_node(Node(study.node.id, "Report", study.node.name, [anchor], study.node.props))
                    continue  # "An investigation by FAA [substantiated]": the study itself, called so too
                for ref in [r for r in run.refs(sentence.doc_index, subject) if r.node.label == "Agency"]:
                    report = _study_of(run, ref.node.id) or Node(
                        node_id("Report", f"report by {ref.node.name} {run.document.source_id.split(':')[-1]}"),
                        "Report",
                        f"report by {ref.node.name}",
                        ["report"],
                        {"kind": "report"},
                    )
                    report = run.add_node(
                        Node(report.id, "Report", report.name, [*report.aliases, anchor], report.props)
                    )
                    if not any(
                        (c.type, c.from_id, c.to_id, c.char_start)
                        == ("AUTHORED", ref.node.id, report.id, sentence.start)
                        for c in run.claims
                    ):
                        confidence = min(CONFIDENCE, ref.confidence)
                        run.claims.append(run._claim("AUTHORED", ref.node.id, report.id, sentence, confidence, RULE))
