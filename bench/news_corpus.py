"""A synthetic, fictional news corpus for throughput benchmarks (no real bodies or people)."""

from __future__ import annotations

import random
from pathlib import Path

PLACES = ["Eastmere", "Westbrook", "Northshire", "Southholm", "Ashford Vale", "Kelbridge", "Marlow Fen", "Oldcastle"]
BODIES = [
    "{p} Police",
    "{p} City Council",
    "University of {p}",
    "{p} Safeguarding Board",
    "{p} Health Trust",
    "Department of Civic Affairs",
    "Children First Trust",
    "Office for Public Records",
    "{p} Housing Association",
]
PEOPLE = [
    "Maria Okafor",
    "Daniel Reeve",
    "Helen Ashby",
    "Tomasz Nowak",
    "Priya Raman",
    "Owen Blake",
    "Grace Mwangi",
    "Luke Hartley",
]
ROLES = ["chief executive", "director", "chief constable", "leader", "chair", "spokesperson"]
TOPICS = [
    "missing records",
    "the abuse of children in care",
    "fraud in housing grants",
    "failures in custody",
    "unsafe hospital wards",
]
SENTENCES = [
    "A report on {t} was sent to the {b2} by the {b1} in {y}.",
    "The {b1}, which was commissioned in {y} by the {b2}, found evidence of {t}.",
    "{r} of the {b1}, {n}, said the {b2} knew about {t} from {y}.",
    "An unpublished review from {y} was found in the archives of the {b2}.",
    "The {b1} and the {b2} received the findings in March {y}.",
    "{n} wrote to the {b2} {a} years ago about {t}.",
    "There was no evidence that the {b2} received the letter before {y}.",
    "The review, written by {n}, was published in {y2} after years of delay.",
    "It was passed to the {b2} between {y} and {y2}, officials said.",
    "Campaigners said the {b1} had failed to act on warnings about {t} in the early 2000s.",
]


def _body(rng: random.Random) -> str:
    return rng.choice(BODIES).format(p=rng.choice(PLACES))


def article(rng: random.Random) -> str:
    lines = [f"Synthetic news item: {rng.choice(TOPICS)} in {rng.choice(PLACES)}", ""]
    for _ in range(rng.randrange(8, 14)):
        y = rng.randrange(1995, 2016)
        b1, b2 = _body(rng), _body(rng)
        lines.append(
            rng.choice(SENTENCES).format(
                t=rng.choice(TOPICS),
                b1=b1,
                b2=b2,
                y=y,
                y2=y + rng.randrange(1, 9),
                n=rng.choice(PEOPLE),
                r=rng.choice(ROLES).capitalize(),
                a=rng.randrange(2, 20),
            )
        )
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, n_docs: int, seed: int = 3) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n_docs):
        path = folder / f"news-{i:05d}.txt"
        path.write_text(article(rng), encoding="utf-8")
        paths.append(path)
    return paths
