"""Documents listed after the sentence that says what happened to them.

"Two reports have been published today. An inspection of X and an inspection report on Y." / "The
following reports were sent to the Home Secretary on 3 May:" and a bulleted list: the flow is stated
once, of a counted or "following" plural ("two reports", "the following reports"), and the documents
are the items of the list under it. After the sentence pass, each claim on the plural is drawn again
for every listed document, citing the flow sentence:

- items are the document mentions of the next verbless sentence (a list joined by "and" or commas),
  or, after a sentence ending in a colon, the short lines under it (each line a Report named by its
  words, a leading bullet dropped);
- a count ("two", "three") must equal the number of items, else nothing is drawn;
- an unnamed actor (a placeholder) becomes the listed document's own placeholder.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from graph.model import Node, node_id
from graph.placeholders import is_placeholder, placeholder_for
from loaders.extract.mentions import Sentence

if TYPE_CHECKING:
    from loaders.extract.reports import ReportMention
    from loaders.extract.rules import DocumentRun

FLOW_TYPES = ("SENT", "RECEIVED", "PUBLISHED", "AUTHORED", "COMMISSIONED")
LIST_CUES = ("following",)  # "the following reports were sent ...:"
BULLETS = "-\u2013\u2014\u2022*\u00b7"
MAX_ITEM_TOKENS = 30
MAX_LINES = 12
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _count(report: ReportMention) -> int | None:
    for child in report.head.lefts:
        if child.dep_ == "nummod":
            word = child.lower_
            return int(word) if word.isdigit() else NUMBERS.get(word)
    return None


def _listing(report: ReportMention) -> bool:
    """ "two reports", "the following reports": a plural that announces a list."""
    if report.head.tag_ not in ("NNS", "NNPS") or report.mention.node is None:
        return False
    return _count(report) is not None or any(c.lower_ in LIST_CUES for c in report.head.lefts)


def _verbless(sentence: Sentence) -> bool:
    """A list, not a clause: no finite verb ("asylum-seeking" and "for housing" are not clauses)."""
    return not any(t.pos_ == "AUX" or t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in sentence.span)


def _items_in_sentence(run: DocumentRun, sentence: Sentence) -> list[Node]:
    found = [
        r.mention.node
        for r in run.reports
        if r.mention.sentence == sentence.index
        and r.mention.node is not None
        and (r.head.dep_ == "ROOT" or r.head.dep_ == "conj")
    ]
    return list({n.id: n for n in found}.values())


def _items_on_lines(run: DocumentRun, after: Sentence) -> list[Node]:
    """The short lines right under a sentence ending in a colon: each a document named by its words."""
    text, found = run.document.text, []
    position = text.find("\n", after.end)
    for _ in range(MAX_LINES):
        if position < 0:
            break
        end = text.find("\n", position + 1)
        line = text[position + 1 : len(text) if end < 0 else end].strip()
        position = end
        if not line:
            if found:
                break
            continue
        title = line.lstrip(BULLETS).strip().rstrip(";,.")
        if not title or len(title.split()) > MAX_ITEM_TOKENS or title.endswith(":"):
            break
        name = title[:1].upper() + title[1:]
        found.append(Node(node_id("Report", name), "Report", name, [], {"title": name}))
    return found


def list_claims(run: DocumentRun) -> None:
    """After the sentence pass: each claim on a listing plural, drawn again for every listed document."""
    for report in (r for r in run.reports if _listing(r)):
        sentence = run.parse.sentences[report.mention.sentence]
        following = run.parse.sentences[sentence.index + 1] if sentence.index + 1 < len(run.parse.sentences) else None
        if sentence.text.rstrip().endswith(":"):
            items = _items_on_lines(run, sentence)
        elif following is not None and _verbless(following):
            items = _items_in_sentence(run, following)
        else:
            continue
        count = _count(report)
        if not items or count is not None and count != len(items):
            continue
        plural = report.mention.node.id
        for claim in [c for c in run.claims if c.to_id == plural and c.type in FLOW_TYPES]:
            for item in items:
                run.add_node(item)
                actor = claim.from_id
                if is_placeholder(actor, run.nodes.get(actor).props if actor in run.nodes else None):
                    actor = run.add_node(placeholder_for(claim.type, item)).id
                run.claims.append(dataclasses.replace(claim, from_id=actor, to_id=item.id, id=""))
