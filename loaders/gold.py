"""The gold file format: what a careful human reader extracts from one document.

A gold file is YAML (see `tests/gold/synthetic/*.gold.yaml` and `tests/gold/*.yaml`):

```yaml
source: {file: NAME.txt, published: 2017-06-14}     # or published_year: 2018
entities:
  must:   [{type: Agency, name: Home Office, aliases: [...], role: ..., year: ..., note: ...}]
  should: [...]
edges:
  must:   [{type: SENT, from: NAME, to: NAME, year: 2002, evidence: "words of the sentence"}]
  should: [...]
  must_not: [{type: RECEIVED, from: NAME, to: NAME, note: "why not: the text denies it"}]
```

- An edge may leave out `from` or `to` when the text does not say it ("the report was published in
  2014"): any node matches the open end. A named end of a type the schema allows only at the
  other end is read at that end (`{type: PUBLISHED, from: Jay Report}` means the report was published).

- `must` items are stated explicitly; `should` items are implied or harder to read.
- `year` is a year (2002) or an inclusive range ("2000-2003" for "the early 2000s"); a claim matches
  when its [date_start, date_end] overlaps it. Without `year` the claim's date is not checked.
- `evidence` is a string or a list of alternatives; one of them must appear (whitespace, case and
  quote style ignored) in the sentence the claim cites. Header and row facts (an e-mail's From/To,
  a register row) may leave it out: which header text a reader cites is the reader's choice.
- Equivalent modelling: an entity may list `may_resolve_to: [NAME]` and an edge
  `from_may_resolve_to` / `to_may_resolve_to`: a node matching one of those names counts too. A
  note saying "may resolve to NAME" ("from may resolve to NAME" for one end) is read the same way,
  so the seed gold's prose notes keep working.
- `this_document: true` on a Report entity says it is the document the gold file describes (a letter, a
  memo, a statement): whatever name the extractor gives the text it is reading (its title, "letter from
  X"), that node is this entity. Gold names the document as a reader would ("OIG letter to Chairman
  Lee"); the extractor names it by its sidecar title; neither name is wrong, so names are not compared.
- `must_not` lists claims a reader must NOT draw (negated or hedged statements, the edge types
  they use are in scope); `from`/`to` may be left out to mean any node. They never count toward
  recall; a predicted claim that matches one is a false positive labelled as such.
- Optional `scope: {edge_types: [...]}` fixes which predicted claim types are scored; by default
  the types the gold's edges use (MENTIONS never).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from graph.names import name_key
from graph.schema import SCHEMA

LEVELS = ("must", "should")
_RESOLVES = re.compile(r"(?:\b(from|to)\s+)?may resolve to\s+([^;,.()]+)", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})(?:\s*-\s*(\d{4}))?$")


class GoldError(ValueError):
    """A malformed gold file; the message names the file and the field."""

    def __init__(self, path: Path | str, where: str, message: str):
        super().__init__(f"{path}: {where}: {message}")


@dataclass(frozen=True)
class GoldEntity:
    type: str
    name: str
    level: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    note: str | None = None
    may_resolve_to: tuple[str, ...] = ()
    this_document: bool = False

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(name_key(n) for n in (self.name, *self.aliases)) - {""}

    def describe(self) -> str:
        return f"{self.type} {self.name!r}" + (f" (aliases {', '.join(self.aliases)})" if self.aliases else "")


@dataclass(frozen=True)
class GoldEdge:
    type: str
    from_name: str | None
    to_name: str | None
    level: str
    years: tuple[int, int] | None = None
    evidence: tuple[str, ...] = ()
    note: str | None = None
    from_alternatives: tuple[str, ...] = ()
    to_alternatives: tuple[str, ...] = ()

    def describe(self) -> str:
        when = (
            ""
            if not self.years
            else f" [{self.years[0]}]"
            if self.years[0] == self.years[1]
            else f" [{self.years[0]}-{self.years[1]}]"
        )
        return f"{self.from_name or '*'} -{self.type}-> {self.to_name or '*'}{when}"


@dataclass
class GoldFile:
    path: Path
    source_file: str
    published: str | None
    entities: list[GoldEntity] = field(default_factory=list)
    edges: list[GoldEdge] = field(default_factory=list)
    must_not: list[GoldEdge] = field(default_factory=list)
    edge_types: frozenset[str] = frozenset()

    def entity_named(self, name: str) -> GoldEntity | None:
        """The gold entity whose name or alias has this name's key (names first, then aliases)."""
        key = name_key(name)
        return next((e for e in self.entities if name_key(e.name) == key), None) or next(
            (e for e in self.entities if key in e.keys), None
        )

    def document_path(self, search_dirs: list[Path] | tuple[Path, ...] = ()) -> Path:
        """The document: beside the gold file, else in each search dir; the error lists where it looked."""
        tried = [self.path.parent / self.source_file, *(Path(d) / self.source_file for d in search_dirs)]
        for candidate in tried:
            if candidate.is_file():
                return candidate
        raise GoldError(
            self.path,
            "source.file",
            f"{self.source_file!r} not found; looked in {', '.join(str(p.parent) for p in tried)}",
        )


def load_gold(path: Path | str) -> GoldFile:
    """Parse and check one gold file; every problem is reported with the file and the field."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise GoldError(path, "file", f"cannot read gold YAML: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("source"), dict):
        raise GoldError(path, "source", "a gold file is a mapping with a 'source' mapping")
    source = data["source"]
    if not source.get("file"):
        raise GoldError(path, "source.file", "missing: the document this gold describes")
    published = source.get("published", source.get("published_year"))
    gold = GoldFile(
        path,
        str(source["file"]),
        published.isoformat() if isinstance(published, date) else (str(published) if published else None),
    )
    gold.entities = [
        _entity(path, f"entities.{level}[{i}]", item, level)
        for level, i, item in _items(path, data, "entities", LEVELS)
    ]
    selves = [e.name for e in gold.entities if e.this_document]
    if len(selves) > 1:
        raise GoldError(
            path,
            "entities",
            f"this_document is true on {len(selves)} entities ({', '.join(selves)}); a gold file describes one document",
        )
    gold.edges = [
        _edge(path, f"edges.{level}[{i}]", item, level) for level, i, item in _items(path, data, "edges", LEVELS)
    ]
    gold.must_not = [
        _edge(path, f"edges.must_not[{i}]", item, "must_not")
        for _, i, item in _items(path, data, "edges", ("must_not",))
    ]
    gold.edges = [_orient(gold, edge) for edge in gold.edges]
    scope = (data.get("scope") or {}).get("edge_types")
    types = scope if scope is not None else [e.type for e in [*gold.edges, *gold.must_not]]
    for edge_type in types:
        if edge_type not in SCHEMA.edges:
            raise GoldError(path, "scope.edge_types", f"unknown edge type {edge_type!r}")
    gold.edge_types = frozenset(types) - set(SCHEMA.edges_with("derived"))
    return gold


def _items(
    path: Path, data: dict[str, Any], section: str, levels: tuple[str, ...]
) -> list[tuple[str, int, dict[str, Any]]]:
    block = data.get(section) or {}
    if not isinstance(block, dict):
        raise GoldError(path, section, "must be a mapping of levels (must, should)")
    out = []
    for level in levels:
        items = block.get(level) or []
        if not isinstance(items, list):
            raise GoldError(path, f"{section}.{level}", "must be a list")
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise GoldError(path, f"{section}.{level}[{i}]", "must be a mapping")
            out.append((level, i, item))
    return out


def _strings(path: Path, where: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, (str, int)) and str(v).strip() for v in values):
        raise GoldError(path, where, "must be a non-empty string or a list of them")
    return tuple(str(v) for v in values)


def _note_alternatives(note: str | None, end: str) -> tuple[str, ...]:
    """Names a prose note says this end 'may resolve to' (an unqualified note covers both ends)."""
    return tuple(name.strip() for which, name in _RESOLVES.findall(note or "") if not which or which.lower() == end)


ENTITY_KEYS = frozenset({"type", "name", "aliases", "role", "year", "note", "may_resolve_to", "this_document"})
EDGE_KEYS = frozenset({"type", "from", "to", "year", "evidence", "note", "from_may_resolve_to", "to_may_resolve_to"})


def _known_keys(path: Path, where: str, item: dict[str, Any], allowed: frozenset[str]) -> None:
    """An unquoted comma inside a flow mapping (`{name: Bureau of Alcohol, Tobacco, ...}`) silently cuts the
    value and turns the rest into keys: refuse any key the format does not have, and say why it happens."""
    unknown = [str(key) for key in item if key not in allowed]
    if unknown:
        raise GoldError(
            path,
            where,
            f"unknown key(s) {', '.join(map(repr, unknown))}; expected {', '.join(sorted(allowed))} "
            f"(a value with a comma inside {{...}} must be quoted)",
        )


def _entity(path: Path, where: str, item: dict[str, Any], level: str) -> GoldEntity:
    _known_keys(path, where, item, ENTITY_KEYS)
    label, name = item.get("type"), item.get("name")
    if label not in SCHEMA.nodes or label == "Source":
        raise GoldError(
            path, f"{where}.type", f"{label!r} is not an entity type; expected Agency, Report, Person or Topic"
        )
    if not name or not str(name).strip():
        raise GoldError(path, f"{where}.name", "missing")
    this_document = item.get("this_document", False)
    if not isinstance(this_document, bool) or (this_document and label != "Report"):
        raise GoldError(path, f"{where}.this_document", "must be true or false, and true only on a Report")
    note = item.get("note")
    alternatives = _strings(path, f"{where}.may_resolve_to", item.get("may_resolve_to")) + _note_alternatives(
        note, "from"
    )
    return GoldEntity(
        label,
        str(name),
        level,
        _strings(path, f"{where}.aliases", item.get("aliases")),
        item.get("role"),
        note,
        alternatives,
        this_document,
    )


def _edge(path: Path, where: str, item: dict[str, Any], level: str) -> GoldEdge:
    _known_keys(path, where, item, EDGE_KEYS)
    edge_type = item.get("type")
    if edge_type not in SCHEMA.edges:
        raise GoldError(
            path, f"{where}.type", f"unknown edge type {edge_type!r}; expected one of {', '.join(SCHEMA.edges)}"
        )
    ends = {end: item.get(end) for end in ("from", "to")}
    if not any(ends.values()):
        raise GoldError(path, where, "an edge needs 'from' or 'to' (leave one out only when the text does not say it)")
    note = item.get("note")
    return GoldEdge(
        edge_type,
        str(ends["from"]) if ends["from"] else None,
        str(ends["to"]) if ends["to"] else None,
        level,
        _years(path, f"{where}.year", item.get("year")),
        _strings(path, f"{where}.evidence", item.get("evidence")),
        note,
        _strings(path, f"{where}.from_may_resolve_to", item.get("from_may_resolve_to"))
        + _note_alternatives(note, "from"),
        _strings(path, f"{where}.to_may_resolve_to", item.get("to_may_resolve_to")) + _note_alternatives(note, "to"),
    )


def _orient(gold: GoldFile, edge: GoldEdge) -> GoldEdge:
    """A one-ended edge whose named entity the schema allows only at the other end is read there.

    The seed gold writes `{type: PUBLISHED, from: Jay Report}` for "the Jay report was published"
    (publisher unknown): a Report can only be the object of PUBLISHED, so it is the `to` end.
    """
    if edge.from_name and edge.to_name:
        return edge
    named = edge.from_name or edge.to_name
    entity = gold.entity_named(named or "")
    if entity is None:
        return edge
    schema = SCHEMA.edges[edge.type]
    if edge.from_name and entity.type not in schema.from_labels and entity.type in schema.to_labels:
        return replace(
            edge, from_name=None, to_name=named, from_alternatives=(), to_alternatives=edge.from_alternatives
        )
    if edge.to_name and entity.type not in schema.to_labels and entity.type in schema.from_labels:
        return replace(edge, from_name=named, to_name=None, from_alternatives=edge.to_alternatives, to_alternatives=())
    return edge


def _years(path: Path, where: str, value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    match = _YEAR.match(str(value).strip())
    if not match:
        raise GoldError(path, where, f"{value!r}: expected a year (2002) or a range ('2000-2003')")
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    if last < first:
        raise GoldError(path, where, f"{value!r}: the range ends before it starts")
    return first, last


def normalise_text(text: str) -> str:
    """Text for evidence comparison: NFKC, straight quotes, one space, case-folded."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(
        str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
    )
    return " ".join(text.split()).casefold()


def find_gold_files(paths: list[Path] | tuple[Path, ...]) -> list[Path]:
    """Gold files named directly, or found under folders (YAML with a 'source' mapping, sidecars left out)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            for candidate in sorted(path.rglob("*.yaml")):
                if not candidate.name.endswith(".meta.yaml") and _looks_like_gold(candidate):
                    found.append(candidate)
        elif path.is_file():
            found.append(path)
        else:
            raise GoldError(path, "path", "no such file or directory")
    return found


def _looks_like_gold(path: Path) -> bool:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return True  # let load_gold report the problem with the file's name
    return isinstance(data, dict) and isinstance(data.get("source"), dict)
