"""Earlier correspondence the text names by whose it is: "your letter of 28 April 2008", "your request dated
21st October 2018", "your Freedom of Information (FoI) request" (issue #13, refs round).

A reply names the letter it answers by its possessor, not by a "from" phrase:

- **"your" is the addressee** of the text (a salutation's, `DocumentRun.addressee`): "your letter" was sent
  by the addressee (`second_person_senders`, before clustering). A "Letter to Y from X" heading with no
  salutation is not taken as the addressee: tried, it drew more wrong claims than right on real dev.
- **The addressee's letter is its own**: "your letter of 28 April" and "the Permanent Under-Secretary's
  quarterly management letter" are never one letter, whatever else they share (`reports._compatible` and
  `_antecedent` ask `same_possessor`); other possessors stay loose ("her letter" may be "Ms Solberg's letter").
- **Nouns that are documents only when possessed**: "request", "response", "reply" are talk in general ("a
  request to review", "the response to the crisis"), but the addressee's own ("your request dated ...",
  "your FoI request") is a document the addressee sent and the writer's side received
  (`possessed_documents` in nominals.yaml).

The Report is named as the text dates it ("request dated 21st October 2018"), the phrase as written ("your
request dated 21st October 2018") an alias; a bare "your request" later is the latest such one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from graph.model import Node, node_id
from loaders.dates import DateValue, parse_date
from loaders.extract import relations
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from loaders.extract.mentions import Sentence
    from loaders.extract.reports import ReportCluster, ReportMention
    from loaders.extract.rules import DocumentRun

CONFIDENCE = 0.7  # the possessor is read off a pronoun, as for "your letter" (`coref.your`)
UNDATED_CONFIDENCE = 0.45  # "your response" with no date of its own may be talk ("based on your response"): a lead
RULE = "coref.your.document"
DATE_LINKS = ("of", "dated")  # "your letter of 28 June", "your request dated 21st October 2018"


def possessor_token(head: Token) -> Token | None:
    """The possessive before a document noun: its "poss" child, or "your" before a date the parser took for
    the possessed noun ("your September 25, 1996 response")."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    i = head.i - 1
    while i >= 0 and (head.doc[i].ent_type_ == "DATE" or head.doc[i].text == ","):
        i -= 1
    return head.doc[i] if 0 <= i < head.i - 1 and head.doc[i].lower_ in LEX.second_person else None


def possessor(head: Token) -> str | None:
    """The possessor's words of a document noun ("your", "the permanent under-secretary's"), lower-cased."""
    owner = possessor_token(head)
    if owner is None:
        return None
    return head.doc[owner.left_edge.i : owner.i + 1].text.lower()


def same_possessor(report: ReportMention, others: list[ReportMention]) -> bool:
    """May `report` be one document with `others`? The addressee's ("your letter") is not one with a letter
    of any other possessor, nor with "a letter from X" named after it. Other possessors are looser ("Ms
    Solberg's letter" may be "her letter"), and studies are owned loosely ("your subsequent report" is "the
    Committee's report")."""
    if report.lemma not in LEX.correspondence:
        return True
    mine = _is_yours(report)
    for other in others:
        theirs = _is_yours(other)
        if mine != theirs and possessor(report.head) is not None and possessor(other.head) is not None:
            return False
        later, earlier = (report, other) if _order(other) < _order(report) else (other, report)
        if later.determiner == "indefinite" and _is_yours(earlier):
            return False  # "your letter ... a letter from X"; "a letter from X ... X's latest letter" may be one
    return True


def _is_yours(report: ReportMention) -> bool:
    owner = possessor_token(report.head)
    return owner is not None and owner.lower_ in LEX.second_person


def _order(report: ReportMention) -> tuple[int, int]:
    return report.mention.sentence, report.mention.start


def second_person_senders(run: DocumentRun) -> None:
    """Before clustering: "your letter" was sent by the addressee, also one known only from a heading line."""
    if run.addressee is None:
        return
    for report in run.reports:
        if report.sender is None and report.lemma in LEX.correspondence and is_yours(run, report.head):
            report.sender = run.addressee.name


def is_yours(run: DocumentRun, head: Token) -> bool:
    """Is the document noun the addressee's ("your letter", "your March 29, 2019 letter"), outside a quotation?"""
    doc_index = next((i for i, d in enumerate(run.parse.docs) if d is head.doc), 0)
    owner = possessor_token(head)
    return owner is not None and owner.lower_ in LEX.second_person and not run._quoted(doc_index, owner)


def own_date(head: Token, published: str | None, precision: str | None) -> tuple[str, DateValue] | None:
    """ "of 28 June" / "dated 21st October 2018" / "your September 25, 1996 response": the document's own day,
    as written and parsed (the year from the document's date when the text gives none)."""
    spans = [
        _date_after(link)
        for link in head.children
        if link.dep_ in ("prep", "acl") and link.lower_ in DATE_LINKS and link.right_edge.i > link.i
    ]
    spans = [span for span in spans if span is not None]
    owner = possessor_token(head)
    if owner is not None and owner.i + 1 < head.i:  # "your 24 April letter", "your September 25, 1996 response"
        spans.append(head.doc[owner.i + 1 : head.i])
    for span in spans:
        text = span.text.strip(" ,")
        value = parse_date(text, published, precision)
        if value is not None and value.precision == "day":
            return text, value
    return None


def _date_after(link: Token) -> Span | None:
    """The date right after "of" / "dated" ("of 11 September 2023, in which you asked ..."): its DATE entity."""
    doc, start = link.doc, link.i + 1
    entity = next((e for e in doc.ents if e.start == start and e.label_ == "DATE"), None)
    return entity if entity is not None else doc[start : link.right_edge.i + 1]


def phrase(head: Token, date_text: str | None) -> str:
    """The words the text names the document by: possessor, modifiers, noun, and its date link ("your letter
    of 28 June"); a "for"-phrase says which request ("your request for an internal review")."""
    start = possessor_token(head).left_edge.i
    end = head.i + 1
    doc = head.doc
    words = doc[start:end].text
    link = next((c for c in head.children if c.dep_ in ("prep", "acl") and c.i > head.i), None)
    if link is not None and date_text and link.lower_ in DATE_LINKS:
        words = f"{doc[start:end].text} {link.text} {date_text}"
    elif link is not None and link.lower_ == "for":
        words = doc[start : link.right_edge.i + 1].text
    return " ".join(words.split())


def document_claims(run: DocumentRun) -> None:
    """After the sentence pass: the addressee's possessed request / response / reply, which no lexicon noun
    makes a Report, was AUTHORED and SENT by the addressee and RECEIVED by the writer's side."""
    if run.addressee is None:
        return
    writer = run.speaker_body or run.speaker
    latest: dict[str, Node] = {}
    claimed: set[str] = set()  # the first sentence naming a document says who sent it; later ones add nothing
    for sentence in run.parse.sentences:
        if sentence.heading:
            continue
        for head in sentence.span:
            if not _possessed_document(run, sentence, head):
                continue
            node = _document_node(run, head, latest)
            if node.id in claimed:
                continue
            claimed.add(node.id)
            confidence = CONFIDENCE if node.props.get("date_start") else UNDATED_CONFIDENCE
            target = relations.Ref(node, confidence, head)
            you = relations.Ref(run.addressee, confidence, head)
            run._add(relations.RawClaim("SENT", you, target, head, confidence, RULE), sentence, [])
            if writer is not None and writer.id != run.addressee.id:
                mine = relations.Ref(writer, confidence, head)
                run._add(relations.RawClaim("RECEIVED", mine, target, head, confidence, RULE), sentence, [])


def _possessed_document(run: DocumentRun, sentence: Sentence, head: Token) -> bool:
    return (
        head.pos_ in ("NOUN", "PROPN")
        and head.lemma_.lower() in LEX.possessed_documents
        and run.parse.at(sentence.doc_index, head) is None
        and is_yours(run, head)
        and not relations.is_negated_or_hedged(head.head)
    )


def _document_node(run: DocumentRun, head: Token, latest: dict[str, Node]) -> Node:
    """A dated or specified one is its own document; a bare "your request" is the latest request named."""
    lemma = head.lemma_.lower()
    dated = own_date(head, run.published, run.precision)
    words = phrase(head, dated[0] if dated else None)
    bare = words.lower() == f"your {head.lower_}"
    if bare and lemma in latest:
        node = latest[lemma]
        return run.add_node(Node(node.id, node.label, node.name, [words], {}))
    props: dict = {"kind": lemma}
    if dated:
        value = dated[1]
        props.update(date_start=value.start, date_end=value.end, date_precision=value.precision)
    written = words[:1].lower() + words[1:]
    owner = possessor_token(head)
    name = written[len(head.doc[owner.left_edge.i : owner.i + 1].text) :].strip()  # "request of 11 September 2023"
    node = run.add_node(
        Node(node_id("Report", f"{name} {run.document.source_id.split(':')[-1]}"), "Report", name, [written], props)
    )
    latest[lemma] = node
    return node


def name_as_written(clusters: list[ReportCluster], published: str | None, precision: str | None) -> None:
    """ "your letter of 28 June": a possessed letter is also known by the words the text cites it with,
    its date link included (the built name says whose it is and carries the year)."""
    for cluster in clusters:
        node = cluster.node
        if node is None or cluster.named:
            continue
        for report in cluster.mentions:
            if possessor_token(report.head) is None:
                continue
            dated = own_date(report.head, published, precision)
            if dated is not None:
                node.aliases = sorted({*node.aliases, phrase(report.head, dated[0])})
