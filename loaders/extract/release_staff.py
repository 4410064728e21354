"""Officials a body's own release quotes by title alone (issue #13, round 8: roles8).

A press release quotes the publisher's people by their title and name and leaves the body unsaid:
"“We commend the whistleblower,” said Senior Counsel Ann Lee." The title names no body, so the title and
apposition rules (people.py) place her nowhere, yet a release only quotes its own officials so: she is a
MEMBER_OF the body whose release it is (the record's publisher as the text names it, publisher_we.py).
Only staff titles count (`release_staff_titles` in data/lexicon/words.yaml: counsel, director,
spokesperson, ...), never an elected or judicial one ("said Senator Tom Hale" is no official of the
agency), only as the subject of a quoting verb, only where nothing else made the person a member of a body,
and never in a letter or testimony (a writer, a salutation: their "said" is someone else's words).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from loaders.extract import publisher_we
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from loaders.extract.mentions import Mention
    from loaders.extract.rules import DocumentRun

STAFF_CONFIDENCE = 0.7
EXTRACTOR = "rules.release_staff"
FORMER = frozenset({"former", "ex", "then", "retired", "late"})  # "said former Director Ann Lee": no longer theirs


def staff_claims(run: DocumentRun) -> None:
    """MEMBER_OF the release's publisher for each official it quotes by a staff title alone."""
    if run.speaker_body is None or run.speaker is not None or run.salutation is not None:
        return
    placed = {c.from_id for c in run.claims if c.type == "MEMBER_OF"}
    quoted = [m for m in run.parse.mentions if m.kind == "person" and m.node is not None and _quoted_staff(run, m)]
    quoted = [m for m in quoted if m.node.id not in placed]
    if not quoted or not _publisher_speaks(run):
        return
    for mention in quoted:
        if mention.node.id in placed:
            continue
        placed.add(mention.node.id)
        body = run.add_node(run.speaker_body)
        sentence = run.parse.sentences[mention.sentence]
        title = _title(run.parse.docs[mention.doc_index], mention)
        claim = run._claim("MEMBER_OF", mention.node.id, body.id, sentence, STAFF_CONFIDENCE, EXTRACTOR, role=title)
        run.claims.append(claim)


def _quoted_staff(run: DocumentRun, mention: Mention) -> bool:
    """ "said Senior Counsel Ann Lee": a staff title and a name, the subject of a quoting verb."""
    doc = run.parse.docs[mention.doc_index]
    root = doc[mention.start : mention.end].root
    if root.dep_ != "nsubj" or root.head.lemma_.lower() not in LEX.quoting_verbs:
        return False
    words = {w.lower() for w in _title(doc, mention).split()}
    return bool(words & LEX.release_staff_titles) and not words & FORMER and not _body_beside(run, doc, mention)


def _title(doc: Doc, mention: Mention) -> str:
    """The title written before the name: the words left of the mention that modify it ("Senior") and the
    mention's own leading title words ("Counsel" in "Counsel Ann Lee")."""
    start, end = mention.start, mention.end
    i = start - 1
    while i >= 0 and doc[i].dep_ in ("compound", "amod") and start <= doc[i].head.i < end:
        i -= 1
    lead = []
    for token in doc[start : end - 1]:
        if token.text not in LEX.office_titles and token.lower_ not in LEX.role_nouns:
            break
        lead.append(token.text)
    return " ".join([t.text for t in doc[i + 1 : start]] + lead)


def _body_beside(run: DocumentRun, doc: Doc, mention: Mention) -> bool:
    """A body written before the title ("HHS Director Ann Lee"): the title rules place the person there."""
    before = doc[max(0, mention.start - 4) : mention.start]
    return any((m := run.parse.at(mention.doc_index, t)) is not None and m.kind == "agency" for t in before)


def _publisher_speaks(run: DocumentRun) -> bool:
    """The body "we" is the record's publisher the text names: the document is that body's own release."""
    publisher = publisher_we.publisher_body(run)
    named = publisher_we.named_in_text(run, publisher) if publisher is not None else None
    return named is not None and named.id == run.speaker_body.id
