"""A small FICTIONAL graph for the app tests (synthetic: every body, person and event is invented).

Claims cite spans of one fictional source text, so evidence offsets are real offsets.
"""

from __future__ import annotations

from pathlib import Path

from graph.embedded import EmbeddedStore
from graph.model import Batch, Claim, Node

SOURCE_ID = "source:00000000000fac70"
SENTENCES = {
    "commission": "In 2001 the Department of Civic Affairs commissioned the University of Eastmere to study youth safety.",
    "authored": "The University of Eastmere wrote the Eastmere Youth Safety Study in 2002.",
    "sent": "In March 2002 the University of Eastmere sent the Eastmere Youth Safety Study to the Department of Civic Affairs.",
    "received": "The Department of Civic Affairs received the study in March 2002.",
    "concerns": "The Eastmere Youth Safety Study described youth exploitation in Eastmere.",
    "police_knew": "Northshire Police may have known about youth exploitation in Eastmere by 2003.",
    "briefing_sent": "In 2004 Northshire Police sent a briefing to Eastmere Council.",
    "briefing_received": "Eastmere Council received the Northshire Police briefing in 2004.",
    "memo_sent": "In 2005 Eastmere Council sent a memo on the briefing to the Department of Civic Affairs.",
    "memo_received": "The Department of Civic Affairs received the council memo in 2005.",
    "inquiry": "In 2010 the Department of Civic Affairs commissioned the Eastmere Inquiry.",
    "member": "Dr Ada Quill led the research at the University of Eastmere.",
}
TEXT = "Synthetic test document, all names fictional.\n" + "\n".join(SENTENCES.values()) + "\n"

NODES = [
    Node(
        "agency:department-of-civic-affairs", "Agency", "Department of Civic Affairs", ["DCA"], {"kind": "department"}
    ),
    Node("agency:university-of-eastmere", "Agency", "University of Eastmere", [], {"kind": "university"}),
    Node("agency:northshire-police", "Agency", "Northshire Police", [], {"kind": "police"}),
    Node("agency:eastmere-council", "Agency", "Eastmere Council", [], {"kind": "council"}),
    Node("person:ada-quill", "Person", "Dr Ada Quill", [], {"role": "researcher"}),
    Node(
        "report:eastmere-youth-safety-study",
        "Report",
        "Eastmere Youth Safety Study",
        [],
        {"kind": "report", "date_start": "2002-03-01"},
    ),
    Node("report:northshire-police-briefing", "Report", "Northshire Police briefing", [], {"kind": "briefing"}),
    Node("report:eastmere-inquiry", "Report", "Eastmere Inquiry", [], {"kind": "inquiry"}),
    Node("report:council-memo", "Report", "Council memo", [], {"kind": "memo"}),
    Node("topic:youth-exploitation-in-eastmere", "Topic", "youth exploitation in Eastmere"),
]


def _claim(
    key: str,
    edge: str,
    a: str,
    b: str,
    start: str | None,
    end: str | None,
    precision: str | None,
    confidence: float = 0.9,
    text: str = TEXT,
    sentences: dict = SENTENCES,
    source: str = SOURCE_ID,
) -> Claim:
    sentence = sentences[key]
    begin = text.index(sentence)
    return Claim(
        edge, a, b, source, sentence, begin, begin + len(sentence), confidence, "test.fixture", start, end, precision
    )


def claims() -> list[Claim]:
    dca, uni, police, council = (n.id for n in NODES[:4])
    study, briefing, inquiry, topic = (
        "report:eastmere-youth-safety-study",
        "report:northshire-police-briefing",
        "report:eastmere-inquiry",
        "topic:youth-exploitation-in-eastmere",
    )
    return [
        _claim("commission", "COMMISSIONED", dca, uni, "2001-01-01", "2001-12-31", "year"),
        _claim("authored", "AUTHORED", uni, study, "2002-01-01", "2002-12-31", "year"),
        _claim("sent", "SENT", uni, study, "2002-03-01", "2002-03-31", "month"),
        _claim("received", "RECEIVED", dca, study, "2002-03-01", "2002-03-31", "month"),
        _claim("concerns", "CONCERNS", study, topic, None, None, None),
        _claim("police_knew", "KNEW_ABOUT", police, topic, "2003-01-01", "2003-12-31", "year", confidence=0.4),
        _claim("briefing_sent", "SENT", police, briefing, "2004-01-01", "2004-12-31", "year"),
        _claim("briefing_received", "RECEIVED", council, briefing, "2004-01-01", "2004-12-31", "year"),
        _claim("memo_sent", "SENT", council, "report:council-memo", "2005-01-01", "2005-12-31", "year"),
        _claim("memo_received", "RECEIVED", dca, "report:council-memo", "2005-01-01", "2005-12-31", "year"),
        _claim("inquiry", "COMMISSIONED", dca, inquiry, "2010-01-01", "2010-12-31", "year"),
        _claim("member", "MEMBER_OF", "person:ada-quill", uni, None, None, None, confidence=0.5),
    ]


def source_node() -> Node:
    return Node(
        SOURCE_ID,
        "Source",
        "Eastmere synthetic file",
        props={
            "title": "Eastmere synthetic file",
            "published": "2011-01-01",
            "path": "fictional/eastmere.txt",
            "text": TEXT,
        },
    )


def fictional_batch() -> Batch:
    return Batch([source_node(), *NODES], claims())


HOSTILE_SOURCE_ID = "source:00000000000bad01"
HOSTILE_NAME = "<img src=x onerror=alert(1)> Board of <b>Westmarch</b>"
HOSTILE_SENTENCES = {
    "sent": f"In 2005 the {HOSTILE_NAME} sent <script>alert('kflow')</script> a memo to Northshire Police.",
    "received": "Northshire Police received the memo <iframe src=javascript:alert(2)></iframe> in 2005.",
}
HOSTILE_TEXT = "Synthetic hostile document.\n" + "\n".join(HOSTILE_SENTENCES.values()) + "\n"


def hostile_batch() -> Batch:
    """A fictional document whose names and sentences carry HTML and script: it must show as text."""
    board = Node("agency:img-src-x-onerror-alert-1-board-of-b-westmarch-b", "Agency", HOSTILE_NAME)
    memo = Node("report:memo-script", "Report", "<script>alert('memo')</script> memo")
    source = Node(
        HOSTILE_SOURCE_ID, "Source", "<b>hostile</b> file", props={"title": "<b>hostile</b> file", "text": HOSTILE_TEXT}
    )
    args = dict(text=HOSTILE_TEXT, sentences=HOSTILE_SENTENCES, source=HOSTILE_SOURCE_ID)
    found = [
        _claim("sent", "SENT", board.id, memo.id, "2005-01-01", "2005-12-31", "year", **args),
        _claim("received", "RECEIVED", "agency:northshire-police", memo.id, "2005-01-01", "2005-12-31", "year", **args),
    ]
    return Batch([source, board, memo, NODES[2]], found)


def build_store(path: Path, hostile: bool = False) -> str:
    """Write the fictional graph to an embedded store at `path`; returns its store spec."""
    store = EmbeddedStore(path)
    try:
        store.upsert(fictional_batch())
        if hostile:
            store.upsert(hostile_batch())
    finally:
        store.close()
    return f"embedded:{path}"
