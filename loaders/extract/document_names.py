"""Documents named as the text names them (issue #13, entities round).

Two ways an extracted name fell short of what the text says:

- **Titles with punctuation inside.** "the report entitled Cross-Government Fraud Landscape: Annual Report
  2022" was cut to "Annual Report": a title runs on over a hyphen or a colon between capitalised words,
  over a shorter title the tagger found inside it, and takes a year that closes it.
- **Dated letters.** "the letter from the Principal Clerk, Table Office dated 27 January 2000" was named
  "letter from Principal Clerk"; a British or US text cites such a letter by its writer and its day ("the
  Principal Clerk's letter of 27 January 2000", "your letter of August 3, 2012"), and two letters from one
  writer are told apart only by it. The built name stays an alias, and the node's id is unchanged (so
  replies citing one letter still share it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from loaders.extract import letter_headings
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from loaders.dates import DateValue
    from loaders.extract.mentions import Mention
    from loaders.extract.reports import ReportCluster

TITLE_JOINS = frozenset({"-", "\u2013", ":"})  # "Cross-Government", "Fraud Landscape: Annual Report"


def joins_title(doc: Doc, i: int, end: int) -> bool:
    """Does the punctuation at `i` join two parts of one title ("Cross-Government", "Landscape: Annual")?
    Only between a capitalised word before and one after, within the sentence."""
    return (
        doc[i].text in TITLE_JOINS
        and i > 0
        and i + 1 < end
        and doc[i - 1].is_title
        and doc[i + 1].is_title
        and doc[i + 1].lower_ not in LEX.title_function_words
    )


def closing_year(doc: Doc, i: int, end: int) -> bool:
    """ "... Annual Report 2022": a year right after a title is part of it. Taken into the title, it is no
    longer a DATE, so it cannot date what happened to the report ("published ... Annual Report 2021 in 2008")."""
    if not (i < end and doc[i].is_digit and len(doc[i].text) == 4 and doc[i].text[:2] in ("19", "20")):
        return False
    if doc[i].ent_type_ == "DATE":
        doc.ents = [e for e in doc.ents if not (e.start <= i < e.end)]
    return True


def name_dated_letters(clusters: list[ReportCluster]) -> None:
    """Name an untitled letter from a named sender with a day-exact date of its own "X's letter of DATE"."""
    for cluster in clusters:
        node, date, sender = cluster.node, cluster.date, cluster.sender
        if node is None or cluster.named or not sender or cluster.lemma not in LEX.correspondence:
            continue
        if (
            date is None
            or date.precision != "day"
            or not date.text
            or not any(_own_day(m.head) for m in cluster.mentions)
        ):
            continue  # "received a letter from X on 4 June": the day it arrived, not the letter's own
        written = date.text.removeprefix("dated ").strip()
        if not any(w.isdigit() and len(w) == 4 for w in written.replace(",", " ").split()):
            written = f"{written} {date.start[:4]}"  # "your letter of 28 June": the year the reply dates it to
        name = f"{letter_headings.possessive(sender)} {cluster.lemma} of {written}"
        node.aliases = sorted({*node.aliases, *_sender_names(sender, cluster.lemma, date), node.name} - {name})
        node.name = name


def _sender_names(sender: str, noun: str, date: DateValue) -> list[str]:
    """ "Cummings's letter of March 29, 2019", "the Clerk's letter of 8 June 2006": the sender by surname or office
    head, the day in the British and US orders, with and without the year (as `letter_headings` names headings)."""
    days = [*letter_headings.date_forms(date), *letter_headings.date_forms(date, with_year=False)]
    party = letter_headings.Party(sender, None)
    return [f"{letter_headings.possessive(name)} {noun} of {day}" for name in party.names() for day in days]


def _own_day(head: Token) -> bool:
    """Is the letter's day written as its own: "letter of 27 January 2000", "letter ... dated 3 May"?"""
    own = [c for c in head.children if c.dep_ in ("prep", "acl") and c.lower_ in ("of", "dated")]
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    before = head.doc[owner.i + 1 : head.i] if owner is not None else []  # "your March 29, 2019 letter"
    return (
        dated_after(head) is not None
        or any(t.ent_type_ == "DATE" for c in own for t in c.subtree)
        or any(t.ent_type_ == "DATE" for t in before)
    )


def title_kinds(links: Span) -> frozenset[str]:
    """Mention kinds a title after these words may run through: a place and a shorter title always ("the
    report Annual Report 2022"); after "entitled" / "titled" / "called" any name ("the report entitled
    Cross-Government Fraud Landscape: Annual Report 2022", which the tagger took for a body)."""
    named = any(t.lower_ in LEX.title_links and t.is_alpha for t in links)
    return frozenset({"place", "report", *(("agency", "person", "topic") if named else ())})


def inside_title(other: Mention, kinds: frozenset[str], first: Token) -> bool:
    """May a title run through this mention? A place or a shorter title, or (after "entitled") the name the
    title opens with; a name after a function word ends it ("... Lessons Learned to Northshire Police")."""
    if other.kind in ("place", "report"):
        return True
    joined = other.start > 0 and first.doc[other.start - 1].text in TITLE_JOINS  # "Cross-Border Ferry Services"
    return other.kind in kinds and (other.start <= first.i or joined)


def dated_after(token: Token) -> Span | None:
    """ "the letter from the Principal Clerk, Table Office dated 27 January 2000": the parser hangs "dated" on
    the verb or on "a copy of", but a "dated DATE" right after the document's phrase is the document's date.
    The DATE span, when there is one."""
    doc, after = token.doc, token.right_edge.i + 1
    if after + 1 >= len(doc) or doc[after].lower_ != "dated" or doc[after + 1].ent_iob_ != "B":
        return None
    return next((e for e in doc.ents if e.start == after + 1 and e.label_ == "DATE"), None)
