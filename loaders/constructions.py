"""The construction suite: behavioural tests of extraction, one capability at a time (CheckList style).

Each suite file (`tests/constructions/*.yaml`) holds a lexicon of FICTIONAL bodies, people, roles,
documents and dates, and per capability a list of templates. A template is a sentence with slots
and the claims a careful reader draws from it:

```yaml
seed: 13                      # generation is seeded: the same file always gives the same cases
published: 2015-06-12         # publication date of every generated sentence (anchors "on Friday")
per_template: 3               # cases generated from each template (a template may say `n:`)
lexicon:
  agency: {type: Agency, fillers: [{text: Northshire Police}, {text: the Department of Civic Affairs, name: Department of Civic Affairs, aliases: [DCA]}]}
  doc:    {type: Report, fillers: [{text: the report, name: "*"}, {text: the Harbour Review, name: Harbour Review}]}
  year:   {fillers: [{text: "2011", year: 2011}]}
capabilities:
  active:
    description: X sent the report to Y
    templates:
      - text: "{agency} sent {doc} to {agency2} in {year}."
        expect: [[SENT, agency, doc, year], [RECEIVED, agency2, doc, year]]
      - text: "{agency} did not send {doc} to {agency2}."
        expect: none
        about: [SENT, RECEIVED]   # the relation types the case is about (default: every flow type)
```

- A slot is a lexicon class name with an optional number (`{agency2}` is a second, different
  agency). `{Agency}` capitalises the filler's first letter; `{agency.name}` uses a field of the
  filler instead of its text.
- An expected claim is `[TYPE, FROM, TO]` or `[TYPE, FROM, TO, YEAR]`. An end is a slot (the
  filler's `name`, default its text, plus its `aliases`), a literal name, or `*` (any node);
  `a|b` accepts b as well as a. YEAR is a slot whose filler has a `year`, or a number.
- `expect: none` expects no claim of the `about` types; `forbid:` lists claims (same form) that
  must not be drawn, next to the expected ones.
- `title:` (optional) is the case's sidecar title, as a reader gives it (`own_titles.py` names the
  document being read by it); without it the title is the case id.
- `publisher:` (optional) is the case's sidecar publisher ("U.S. Department of X, Office of Inspector
  General"), as a reader gives it (`publisher_we.py` reads who "we" is by it).

A case passes when every expected claim is produced (type, ends, and year when given) and no
forbidden one is. Ends are matched the way `loaders.evaluate` matches gold edges: by name or alias
key and node type (the suite's fillers become the gold entities).
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from graph.model import Claim, Node
from graph.schema import SCHEMA
from loaders.document import Document, Extraction
from loaders.evaluate import _Matcher
from loaders.extract.base import Extractor
from loaders.gold import GoldEdge, GoldEntity, GoldFile

SUITE_DIR = Path(__file__).resolve().parent.parent / "tests" / "constructions"
FLOW_TYPES = ("SENT", "RECEIVED", "COMMISSIONED", "AUTHORED", "PUBLISHED", "KNEW_ABOUT")
DEFAULT_PUBLISHED = "2015-06-12"
ANY = "*"
LEXICON_FILE = "lexicon.yaml"  # shared by the suite files beside it
_SLOT = re.compile(r"\{([A-Za-z_]+?)(\d*)(?:\.([a-z_]+))?\}")


class SuiteError(ValueError):
    """A malformed suite file; the message names the file and the place."""


@dataclass(frozen=True)
class Expected:
    """One claim a case expects (or forbids): ends are names, None for any node."""

    type: str
    from_name: str | None
    to_name: str | None
    year: int | None = None
    from_alternatives: tuple[str, ...] = ()
    to_alternatives: tuple[str, ...] = ()

    def edge(self, level: str) -> GoldEdge:
        years = (self.year, self.year) if self.year else None
        return GoldEdge(
            self.type,
            self.from_name,
            self.to_name,
            level,
            years,
            (),
            None,
            self.from_alternatives,
            self.to_alternatives,
        )

    def describe(self) -> str:
        return self.edge("must").describe()


@dataclass(frozen=True)
class Case:
    id: str
    capability: str
    template: str
    sentence: str
    expect: tuple[Expected, ...]
    forbid: tuple[Expected, ...]
    entities: tuple[GoldEntity, ...]
    published: str = DEFAULT_PUBLISHED
    title: str | None = None  # a sidecar title ("Review of X (NSP-2019-004)"); else the case id
    publisher: str | None = None  # a sidecar publisher, when the case needs one

    def gold(self) -> GoldFile:
        """The case as a gold file, so `loaders.evaluate`'s matcher scores it."""
        return GoldFile(
            Path(f"constructions/{self.id}"),
            f"{self.id}.txt",
            self.published,
            list(self.entities),
            [e.edge("must") for e in self.expect],
            [f.edge("must_not") for f in self.forbid],
            frozenset(e.type for e in (*self.expect, *self.forbid)),
        )

    def document(self) -> Document:
        sha = hashlib.sha256(f"{self.id}\n{self.sentence}".encode()).hexdigest()
        title = self.title or self.id
        document = Document(Path(f"{self.id}.txt"), self.sentence, sha, "text/plain", title, self.published, "day")
        document.publisher = self.publisher
        return document

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "capability": self.capability,
            "sentence": self.sentence,
            "expect": [e.describe() for e in self.expect],
            "forbid": [f.describe() for f in self.forbid],
        }


@dataclass
class CaseResult:
    case: Case
    passed: bool
    missing: list[str] = field(default_factory=list)  # expected claims not produced, with the nearest one
    forbidden: list[str] = field(default_factory=list)  # forbidden claims that were produced
    produced: list[str] = field(default_factory=list)  # every claim of the sentence (MENTIONS left out)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.case.to_dict(),
            "passed": self.passed,
            "missing": self.missing,
            "forbidden": self.forbidden,
            "produced": self.produced,
        }


@dataclass
class Rate:
    cases: int = 0
    passed: int = 0

    @property
    def rate(self) -> float | None:
        return self.passed / self.cases if self.cases else None

    def to_dict(self) -> dict[str, Any]:
        return {"cases": self.cases, "passed": self.passed, "rate": self.rate}


@dataclass
class SuiteReport:
    results: list[CaseResult] = field(default_factory=list)
    descriptions: dict[str, str] = field(default_factory=dict)

    def by_capability(self) -> dict[str, Rate]:
        """Pass counts per capability, in suite order."""
        rates: dict[str, Rate] = {}
        for result in self.results:
            rate = rates.setdefault(result.case.capability, Rate())
            rate.cases += 1
            rate.passed += result.passed
        return rates

    def overall(self) -> Rate:
        return Rate(len(self.results), sum(r.passed for r in self.results))

    @property
    def failures(self) -> list[CaseResult]:
        return [r for r in self.results if not r.passed]

    def to_dict(self) -> dict[str, Any]:
        return {
            "capabilities": {
                name: {**rate.to_dict(), "description": self.descriptions.get(name)}
                for name, rate in self.by_capability().items()
            },
            "overall": self.overall().to_dict(),
            "failures": [r.to_dict() for r in self.failures],
        }


# --- generation -----------------------------------------------------------------------------


def suite_files(paths: Iterable[Path | str] = ()) -> list[Path]:
    """The suite files under `paths` (files or folders); the project's suite when none are given."""
    paths = [Path(p) for p in paths] or [SUITE_DIR]
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return files


def load_suite(paths: Iterable[Path | str] = ()) -> list[Case]:
    """Every case of the suite files, generated deterministically (seeded per template)."""
    return [case for path in suite_files(paths) for case in load_suite_file(path)]


def descriptions(paths: Iterable[Path | str] = ()) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in suite_files(paths):
        for name, block in (_read(path).get("capabilities") or {}).items():
            out[name] = str((block or {}).get("description") or "")
    return out


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SuiteError(f"{path}: cannot read suite YAML: {error}") from None
    if not isinstance(data, dict):
        raise SuiteError(f"{path}: a suite file is a mapping with 'lexicon' and 'capabilities'")
    return data


def load_suite_file(path: Path | str) -> list[Case]:
    path = Path(path)
    data = _with_shared(path, _read(path))
    lexicon = data.get("lexicon") or {}
    published = data.get("published", DEFAULT_PUBLISHED)
    published = published.isoformat() if isinstance(published, date) else str(published)
    seed = data.get("seed", 0)
    per_template = int(data.get("per_template", 3))
    cases: list[Case] = []
    for capability, block in (data.get("capabilities") or {}).items():
        for index, template in enumerate((block or {}).get("templates") or []):
            where = f"{path.name}: {capability}.templates[{index}]"
            generator = _Template(where, capability, template, lexicon, block or {})
            rng = random.Random(f"{seed}/{capability}/{index}")
            cases.extend(
                generator.cases(rng, int(template.get("n", block.get("per_template", per_template))), published)
            )
    return cases


def _with_shared(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """The file's settings over those of `lexicon.yaml` beside it (shared fillers, seed, published)."""
    shared_path = path.parent / LEXICON_FILE
    if path.name == LEXICON_FILE or not shared_path.is_file():
        return data
    shared = _read(shared_path)
    return {**shared, **data, "lexicon": {**(shared.get("lexicon") or {}), **(data.get("lexicon") or {})}}


class _Template:
    def __init__(
        self, where: str, capability: str, template: dict[str, Any], lexicon: dict[str, Any], block: dict[str, Any]
    ):
        if not isinstance(template, dict) or not template.get("text"):
            raise SuiteError(f"{where}: a template is a mapping with 'text'")
        self.where, self.capability, self.text, self.lexicon = where, capability, str(template["text"]), lexicon
        self.title = template.get("title")
        self.publisher = template.get("publisher")
        self.slots = sorted({(m.group(1).lower(), m.group(2)) for m in _SLOT.finditer(self.text)})
        for cls, _ in self.slots:
            if cls not in lexicon:
                raise SuiteError(f"{where}: slot class {cls!r} is not in the lexicon")
        expect = template.get("expect")
        if expect == "none":
            about = template.get("about", block.get("about", list(FLOW_TYPES)))
            self.expect, self.forbid = [], [[t, ANY, ANY] for t in about]
        else:
            self.expect = expect or []
            self.forbid = template.get("forbid") or []
        if not self.expect and not self.forbid:
            raise SuiteError(f"{where}: give 'expect' (a list, or none) or 'forbid'")

    def cases(self, rng: random.Random, n: int, published: str) -> list[Case]:
        out: list[Case] = []
        seen: set[str] = set()
        for _ in range(n * 30):
            if len(out) == n:
                break
            fill = self._draw(rng)
            sentence = _SLOT.sub(lambda m: self._render(m, fill), self.text)
            if sentence in seen:
                continue
            seen.add(sentence)
            case_id = f"{self.capability}-{self.where.rsplit('[', 1)[1].rstrip(']')}-{len(out)}"
            out.append(
                Case(
                    case_id,
                    self.capability,
                    self.text,
                    sentence,
                    tuple(self._claims(self.expect, fill)),
                    tuple(self._claims(self.forbid, fill)),
                    tuple(self._entities(fill)),
                    published,
                    self.title,
                    self.publisher,
                )
            )
        return out

    def _draw(self, rng: random.Random) -> dict[str, dict[str, Any]]:
        fill: dict[str, dict[str, Any]] = {}
        by_class: dict[str, list[str]] = {}
        for cls, number in self.slots:
            by_class.setdefault(cls, []).append(cls + number)
        for cls, slots in by_class.items():
            fillers = [f if isinstance(f, dict) else {"text": str(f)} for f in (self.lexicon[cls].get("fillers") or [])]
            if len(fillers) < len(slots):
                raise SuiteError(f"{self.where}: {len(slots)} {cls!r} slots but only {len(fillers)} fillers")
            for slot, filler in zip(slots, rng.sample(fillers, len(slots))):
                fill[slot] = filler
        return fill

    def _render(self, match: re.Match, fill: dict[str, dict[str, Any]]) -> str:
        cls, number, attr = match.groups()
        filler = fill[cls.lower() + number]
        text = str(filler.get("name", filler["text"]) if attr == "name" else filler.get(attr or "text") or "")
        if not text:
            raise SuiteError(f"{self.where}: filler {filler} has no {attr!r}")
        return text[:1].upper() + text[1:] if cls[:1].isupper() else text

    def _end(self, token: Any, fill: dict[str, dict[str, Any]]) -> tuple[str | None, tuple[str, ...]]:
        names = []
        for part in str(token).split("|"):
            part = part.strip()
            filler = fill.get(part.lower())
            names.append(str(filler.get("name", filler["text"])) if filler is not None else self._literal(part, fill))
        names = [n for n in names if n != ANY]
        return (names[0], tuple(names[1:])) if names else (None, ())

    def _literal(self, name: str, fill: dict[str, dict[str, Any]]) -> str:
        """A literal end with slots inside ("letter from {person3.name}"), filled as the sentence is."""

        def render(match: re.Match) -> str:
            if match.group(1).lower() + match.group(2) not in fill:
                raise SuiteError(f"{self.where}: claim end {name!r} uses slot {match.group(0)} that the sentence lacks")
            return self._render(match, fill)

        return _SLOT.sub(render, name)

    def _claims(self, items: list[Any], fill: dict[str, dict[str, Any]]) -> list[Expected]:
        out = []
        for item in items:
            if not isinstance(item, list) or len(item) not in (3, 4):
                raise SuiteError(f"{self.where}: a claim is [TYPE, FROM, TO] or [TYPE, FROM, TO, YEAR], not {item!r}")
            year = None
            if len(item) == 4:
                filler = fill.get(str(item[3]).lower())
                year = int(filler["year"]) if filler is not None else int(item[3])
            (from_name, from_alts), (to_name, to_alts) = self._end(item[1], fill), self._end(item[2], fill)
            out.append(Expected(str(item[0]), from_name, to_name, year, from_alts, to_alts))
        return out

    def _entities(self, fill: dict[str, dict[str, Any]]) -> list[GoldEntity]:
        entities = []
        for slot, filler in fill.items():
            label = self.lexicon[_SLOT.match("{" + slot + "}").group(1)].get("type")
            name = str(filler.get("name", filler["text"]))
            if label and name != ANY:
                entities.append(GoldEntity(label, name, "must", tuple(filler.get("aliases") or ())))
        return entities


# --- scoring --------------------------------------------------------------------------------


def score_case(case: Case, extraction: Extraction) -> CaseResult:
    """Pass when every expected claim is among `extraction`'s claims and no forbidden one is."""
    nodes: dict[str, Node] = {}
    for node in extraction.nodes:
        nodes[node.id] = nodes[node.id].merged_with(node) if node.id in nodes else node
    claims: list[Claim] = [c for c in extraction.claims if c.type in SCHEMA.analysed_types and not c.negated]
    gold = case.gold()
    matcher = _Matcher(gold, nodes)
    missing = []
    for edge in gold.edges:
        if not any(matcher.matches(edge, claim) for claim in claims):
            nearest = matcher.nearest(edge, claims)
            missing.append(edge.describe() + (f" (nearest: {nearest})" if nearest else ""))
    forbidden = [matcher.describe(c) for c in claims if any(matcher.matches(edge, c) for edge in gold.must_not)]
    return CaseResult(case, not missing and not forbidden, missing, forbidden, [matcher.describe(c) for c in claims])


def run_suite(cases: Sequence[Case], extractor: Extractor | None = None) -> SuiteReport:
    """Extract every case's sentence (as its own document) and score it."""
    if extractor is None:
        from loaders.extract import default_extractor

        extractor = default_extractor()
    documents = [case.document() for case in cases]
    extractions = extractor.extract_batch(documents)
    return SuiteReport([score_case(case, extraction) for case, extraction in zip(cases, extractions)])
