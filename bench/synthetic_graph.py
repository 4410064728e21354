"""A SYNTHETIC knowledge-flow graph for benchmarks: fictional bodies, reports and topics, all dated.

Nothing here describes a real institution: bodies are "Synthetic Body 000042 of Eastmere" and so
on. The shape imitates real corpora: bodies sit in small communities that write to each other,
each report is authored, sent, received and about a topic, bodies commission each other and
reports cite older ones, so time-respecting flows exist between bodies of one community and
sometimes across communities.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from graph.model import Batch, Claim, Node, node_id

PLACES = ["Eastmere", "Northshire", "Westholm", "Southdale", "Ravensford", "Kellbridge", "Ashcombe", "Thornley"]
KINDS = ["Council", "Police", "Trust", "University", "Department", "Agency", "Board", "Commission"]
START = date(1990, 1, 1)
SPAN_DAYS = 30 * 365
SOURCES = 1_000
TOPICS = 500
COMMUNITY = 50


@dataclass(frozen=True)
class SyntheticSpec:
    bodies: int = 100_000
    claims: int = 1_000_000
    seed: int = 7

    @property
    def reports(self) -> int:
        """Each report carries five claims (AUTHORED, SENT, 2 RECEIVED, CONCERNS); they make 3/4 of all claims."""
        return self.claims * 3 // 4 // 5


def body_name(i: int) -> str:
    return f"Synthetic Body {i:06d} of {PLACES[i % len(PLACES)]}"


def body_id(i: int) -> str:
    """The id the pipeline would give the body: `node_id("Agency", name)`."""
    return node_id("Agency", body_name(i))


def report_id(i: int) -> str:
    return f"report:synthetic-report-{i:07d}"


def topic_id(i: int) -> str:
    return f"topic:synthetic-topic-{i:04d}"


def source_id(i: int) -> str:
    return f"source:synthetic{i:08d}"


def nodes(spec: SyntheticSpec) -> list[Node]:
    """Bodies, reports, topics and the sources every claim cites."""
    rng = random.Random(spec.seed)
    out = [
        Node(source_id(i), "Source", f"Synthetic source {i}", props={"note": "synthetic benchmark data"})
        for i in range(SOURCES)
    ]
    out += [Node(topic_id(i), "Topic", f"synthetic topic {i:04d}") for i in range(TOPICS)]
    for i in range(spec.bodies):
        kind = KINDS[(i // len(PLACES)) % len(KINDS)]
        out.append(Node(body_id(i), "Agency", body_name(i), props={"kind": kind.lower()}))
    for i in range(spec.reports):
        day = START + timedelta(days=rng.randrange(SPAN_DAYS))
        out.append(
            Node(
                report_id(i),
                "Report",
                f"Synthetic Report {i:07d}",
                props={
                    "title": f"Synthetic Report {i:07d} on synthetic topic {i % TOPICS:04d}",
                    "date_start": day.isoformat(),
                    "date_end": day.isoformat(),
                    "date_precision": "day",
                },
            )
        )
    return out


def claims(spec: SyntheticSpec) -> Iterator[Claim]:
    """Exactly `spec.claims` dated claims, deterministic for a seed."""
    rng = random.Random(spec.seed + 1)
    counter = iter(range(spec.claims))
    dates: list[date] = []

    def claim(kind: str, a: str, b: str, start: date, end: date, precision: str) -> Claim:
        n = next(counter)
        return Claim(
            kind,
            a,
            b,
            source_id(n % SOURCES),
            f"Synthetic sentence {n}: {a} {kind} {b}.",
            0,
            40,
            0.9,
            "bench.synthetic",
            start.isoformat(),
            end.isoformat(),
            precision,
            id=f"claim:syn{n:09d}",
        )

    def near(body: int) -> int:
        if rng.random() < 0.05:
            return rng.randrange(spec.bodies)
        base = body - body % COMMUNITY
        return min(base + rng.randrange(COMMUNITY), spec.bodies - 1)

    for i in range(spec.reports):
        day = START + timedelta(days=rng.randrange(SPAN_DAYS))
        dates.append(day)
        author = rng.randrange(spec.bodies)
        report = report_id(i)
        yield claim("AUTHORED", body_id(author), report, day, day, "day")
        yield claim("SENT", body_id(author), report, day, day, "day")
        for _ in range(2):
            received = day + timedelta(days=rng.randrange(60))
            yield claim("RECEIVED", body_id(near(author)), report, received, received, "day")
        yield claim("CONCERNS", report, topic_id(rng.randrange(TOPICS)), day, day, "day")
    rest = spec.claims - spec.reports * 5
    for _ in range(rest * 2 // 5):
        commissioner = rng.randrange(spec.bodies)
        year = START.year + rng.randrange(30)
        yield claim(
            "COMMISSIONED",
            body_id(commissioner),
            body_id(near(commissioner)),
            date(year, 1, 1),
            date(year, 12, 31),
            "year",
        )
    for _ in range(rest // 5):
        citing, cited = rng.randrange(spec.reports), rng.randrange(spec.reports)
        day = max(dates[citing], dates[cited])
        yield claim("CITES", report_id(citing), report_id(cited), day, day, "day")
    while True:
        try:
            day = START + timedelta(days=rng.randrange(SPAN_DAYS))
            month_end = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            n_claim = claim(
                "KNEW_ABOUT",
                body_id(rng.randrange(spec.bodies)),
                topic_id(rng.randrange(TOPICS)),
                day.replace(day=1),
                month_end,
                "month",
            )
        except StopIteration:
            return
        yield n_claim


def batches(spec: SyntheticSpec, chunk: int = 250_000) -> Iterator[Batch]:
    """The nodes in one batch, then the claims in chunks (the embedded store COPYs each chunk)."""
    yield Batch(nodes(spec), [])
    buffer: list[Claim] = []
    for c in claims(spec):
        buffer.append(c)
        if len(buffer) >= chunk:
            yield Batch([], buffer)
            buffer = []
    if buffer:
        yield Batch([], buffer)
