"""A busy FICTIONAL graph for the graph-view browser tests (synthetic: every body, person and
document is invented): one hub agency with ~150 neighbours, three dated claims that the hub sent
the same review (parallel claims), a person who wrote reports the hub never touched (to expand),
and an agency that received the review (a flow to trace)."""

from __future__ import annotations

from pathlib import Path

from graph.embedded import EmbeddedStore
from graph.model import Batch, Claim, Node

SOURCE_ID = "source:000000000b05y001"
HUB = Node("agency:northshire-records-office", "Agency", "Northshire Records Office", props={"kind": "agency"})
REVIEW = Node("report:harbour-safety-review", "Report", "Harbour Safety Review")
PORT = Node("agency:eastmere-port-authority", "Agency", "Eastmere Port Authority")
AUTHOR = Node("person:wren-halloway", "Person", "Dr Wren Halloway")
SENT_YEARS = (2003, 2004, 2005)
NEIGHBOUR_REPORTS = 90
NEIGHBOUR_PEOPLE = 56
AUTHOR_REPORTS = 6


def _sentences() -> dict[str, str]:
    s = {
        f"sent{y}": f"In {y} the Northshire Records Office sent the Harbour Safety Review to the ministry."
        for y in SENT_YEARS
    }
    s["received"] = "In 2006 the Eastmere Port Authority received the Harbour Safety Review."
    s["member"] = "Dr Wren Halloway worked for the Northshire Records Office."
    s.update({f"r{i}": f"The Northshire Records Office sent Ledger {i} in 2001." for i in range(NEIGHBOUR_REPORTS)})
    s.update({f"p{i}": f"Clerk {i} Marsh belonged to the Northshire Records Office." for i in range(NEIGHBOUR_PEOPLE)})
    s.update({f"a{i}": f"Dr Wren Halloway wrote Tide Study {i} in 2002." for i in range(AUTHOR_REPORTS)})
    return s


SENTENCES = _sentences()
TEXT = "Synthetic test document, all names fictional.\n" + "\n".join(SENTENCES.values()) + "\n"


def _claim(key: str, edge: str, a: str, b: str, year: int | None) -> Claim:
    sentence = SENTENCES[key]
    begin = TEXT.index(sentence)
    start, end, precision = (f"{year}-01-01", f"{year}-12-31", "year") if year else (None, None, None)
    return Claim(
        edge, a, b, SOURCE_ID, sentence, begin, begin + len(sentence), 0.9, "test.fixture", start, end, precision
    )


def busy_batch() -> Batch:
    ledgers = [Node(f"report:ledger-{i}", "Report", f"Ledger {i}") for i in range(NEIGHBOUR_REPORTS)]
    clerks = [Node(f"person:clerk-{i}-marsh", "Person", f"Clerk {i} Marsh") for i in range(NEIGHBOUR_PEOPLE)]
    studies = [Node(f"report:tide-study-{i}", "Report", f"Tide Study {i}") for i in range(AUTHOR_REPORTS)]
    claims = [_claim(f"sent{y}", "SENT", HUB.id, REVIEW.id, y) for y in SENT_YEARS]
    claims += [
        _claim("received", "RECEIVED", PORT.id, REVIEW.id, 2006),
        _claim("member", "MEMBER_OF", AUTHOR.id, HUB.id, None),
    ]
    claims += [_claim(f"r{i}", "SENT", HUB.id, n.id, 2001) for i, n in enumerate(ledgers)]
    claims += [_claim(f"p{i}", "MEMBER_OF", n.id, HUB.id, None) for i, n in enumerate(clerks)]
    claims += [_claim(f"a{i}", "AUTHORED", AUTHOR.id, n.id, 2002) for i, n in enumerate(studies)]
    source = Node(
        SOURCE_ID,
        "Source",
        "Northshire synthetic file",
        props={"title": "Northshire synthetic file (fictional)", "text": TEXT},
    )
    return Batch([source, HUB, REVIEW, PORT, AUTHOR, *ledgers, *clerks, *studies], claims)


def build_busy_store(path: Path) -> str:
    store = EmbeddedStore(path)
    try:
        store.upsert(busy_batch())
    finally:
        store.close()
    return f"embedded:{path}"
