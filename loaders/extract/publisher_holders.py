"""The publisher's own office named by its holder's bare title: "the Commissioner" in a decision notice.

A regulator's decision notice, an ombudsman's report or a commissioner's release speaks of its author by the
office's head word alone ("The Commissioner's decision is that ...", "the Commissioner upheld the refusal").
With no body in the sentence the title reads as nobody. When the document's record names its publisher and
that publisher is the office of a titled holder (a gazetteer role of that body, "Information Commissioner" of the
"Information Commissioner's Office", or the office's own name: "X's Office", "Office of the X"), a capitalised
"the <head>" of that title is the holder: the same Person `DocumentRun._resolve_roles` makes for "the
Information Commissioner", MEMBER_OF the office once the holder acts (`offices.memberships`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.model import Node, node_id
from graph.names import name_key
from loaders.extract import letterhead_offices
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Mention

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

HOLDER_CONFIDENCE = 0.85  # a title read as its holder (confidence.yaml's `role`)
_OWN_OFFICE = re.compile(r"^(?:the\s+)?(?P<title>.+?)['\u2019]s\s+Office$|^(?:the\s+)?Office\s+of\s+the\s+(?P<of>.+)$")
_OTHER_OFFICE = frozenset({"of", "for"})  # "the Commissioner for Victims": another office, named


def read(run: DocumentRun) -> None:
    """Read each bare "the <head word>" of the publishing office's title as that office's holder."""
    found = _publishing_office(run)
    if found is None:
        return
    body, titles = found
    by_head = {title.split()[-1]: title for title in titles if title.split()[-1].lower() in LEX.role_nouns}
    for doc_index, doc in enumerate(run.parse.docs):
        for token in doc[1:]:
            title = by_head.get(token.text)
            if title is None or not _bare_definite(run, doc_index, token):
                continue
            sentence = run.parse.sentence_index(doc_index, token)
            if sentence is None:
                continue
            mention = Mention(
                "role", doc_index, token.i - 1, token.i + 1, sentence, doc[token.i - 1 : token.i + 1].text
            )
            mention.node = run.add_node(_holder(title, body))
            mention.confidence = HOLDER_CONFIDENCE
            mention.context = body.id  # the office's body, for offices.memberships
            run.parse.add(mention)


def _publishing_office(run: DocumentRun) -> tuple[Node, list[str]] | None:
    """The publisher's body and the titles of the office holder it is the office of, or None."""
    publisher = letterhead_offices.publisher_name(run.document.publisher)
    if not publisher:
        return None
    body = letterhead_offices.publisher_node(run, publisher)
    if body is None:
        return None
    titles = [r.phrase for r in run.x.gazetteer.roles.values() if r.body_id == body.id and not r.collective]
    shape = _OWN_OFFICE.match(body.name)
    if shape:
        titles.append(shape.group("title") or shape.group("of"))
    return (body, titles) if titles else None


def _bare_definite(run: DocumentRun, doc_index: int, token) -> bool:
    """ "the Commissioner" / "The Commissioner's": capitalised, after "the", in no other mention, and not
    followed by "of" / "for" naming another office."""
    doc = token.doc
    before = doc[token.i - 1]
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (
        before.lower_ == "the"
        and token.is_title
        and run.parse.at(doc_index, token) is None
        and run.parse.at(doc_index, before) is None
        and (after is None or after.lower_ not in _OTHER_OFFICE)
    )


def _holder(title: str, body: Node) -> Node:
    """The office's holder, with the id `DocumentRun._resolve_roles` gives a gazetteer role's holder."""
    aliases = [] if name_key(body.name) in name_key(title) else [f"{body.name} {title}", f"{title} of {body.name}"]
    return Node(
        node_id("Person", f"{title} of {body.name}"), "Person", title, aliases, {"role": f"{title}, {body.name}"}
    )
