"""A small SYNTHETIC graph for the RDF tests: fictional bodies mirroring the seed's shape
(a university sends an unpublished report, a department receives it and knows about a topic)."""

from __future__ import annotations

from graph.model import Batch, Claim, Node

SOURCE = "source:synthetic-westbrook"
SOURCE_TEXT = (
    "An unpublished 2009 report by the University of Westbrook was sent to the Department of Civic Affairs. "
    'The Department of Civic Affairs knew about "flood risk in Eastmere" from 2010. '
    "Jo Marsh, <script>alert('x')</script> chief clerk at the Department of Civic Affairs, said: \u201cwe read it\u201d.\n"
)


def _span(fragment: str) -> tuple[int, int]:
    start = SOURCE_TEXT.index(fragment)
    return start, start + len(fragment)


def westbrook_batch() -> Batch:
    """Nodes and claims of the fictional Westbrook graph; every claim cites SOURCE."""
    sent = "An unpublished 2009 report by the University of Westbrook was sent to the Department of Civic Affairs."
    knew = 'The Department of Civic Affairs knew about "flood risk in Eastmere" from 2010.'
    quote = "Jo Marsh, <script>alert('x')</script> chief clerk at the Department of Civic Affairs, said: \u201cwe read it\u201d.\n"
    nodes = [
        Node(
            SOURCE,
            "Source",
            "Synthetic Westbrook note",
            props={
                "path": "synthetic/westbrook.txt",
                "sha256": "0" * 64,
                "title": "Synthetic Westbrook note",
                "published": "2018-01-01",
                "published_precision": "year",
                "text": SOURCE_TEXT,
                "media_type": "text/plain",
                "loaded_at": "2024-05-01T10:00:00+00:00",
            },
        ),
        Node(
            "agency:university-of-westbrook",
            "Agency",
            "University of Westbrook",
            ["Westbrook University"],
            {"kind": "university"},
        ),
        Node(
            "agency:department-of-civic-affairs",
            "Agency",
            "Department of Civic Affairs",
            ["DCA"],
            {"kind": "department"},
        ),
        Node(
            "report:westbrook-2009",
            "Report",
            "Westbrook report 2009",
            props={
                "title": 'Report on "flood risk"\nin Eastmere',
                "kind": "report",
                "date_start": "2009-01-01",
                "date_end": "2009-12-31",
                "date_precision": "year",
                "published": False,
            },
        ),
        Node("topic:flood-risk-in-eastmere", "Topic", "flood risk in Eastmere"),
        Node("person:jo-marsh", "Person", "Jo Marsh", props={"role": "chief clerk"}),
        Node("agency:odd.Id_x-9", "Agency", "Odd Body \u00e4", props={"kind": "charity"}),
    ]
    dated = {"date_start": "2009-01-01", "date_end": "2009-12-31", "date_precision": "year", "date_text": "2009"}
    claims = [
        Claim(
            "SENT",
            "agency:university-of-westbrook",
            "report:westbrook-2009",
            SOURCE,
            sent,
            *_span(sent),
            0.9,
            "test.synthetic",
            **dated,
        ),
        Claim(
            "RECEIVED",
            "agency:department-of-civic-affairs",
            "report:westbrook-2009",
            SOURCE,
            sent,
            *_span(sent),
            0.85,
            "test.synthetic",
            **dated,
        ),
        Claim(
            "CONCERNS",
            "report:westbrook-2009",
            "topic:flood-risk-in-eastmere",
            SOURCE,
            sent,
            *_span(sent),
            0.7,
            "test.synthetic",
        ),
        Claim(
            "KNEW_ABOUT",
            "agency:department-of-civic-affairs",
            "topic:flood-risk-in-eastmere",
            SOURCE,
            knew,
            *_span(knew),
            0.8,
            "test.synthetic",
            date_start="2010-01-01",
            date_end="2010-12-31",
            date_precision="year",
            date_text="2010",
        ),
        Claim(
            "KNEW_ABOUT",
            "agency:department-of-civic-affairs",
            "topic:flood-risk-in-eastmere",
            SOURCE,
            quote,
            *_span(quote),
            0.6,
            "test.synthetic",
            date_start="2011-03-01",
            date_end="2011-03-31",
            date_precision="month",
        ),
        Claim(
            "MEMBER_OF",
            "person:jo-marsh",
            "agency:department-of-civic-affairs",
            SOURCE,
            quote,
            *_span(quote),
            1.0,
            "test.synthetic",
            role="chief clerk",
        ),
        Claim("MENTIONS", SOURCE, "agency:odd.Id_x-9", SOURCE, quote, *_span(quote), 0.5, "pipeline.mentions"),
    ]
    return Batch(nodes, claims)
