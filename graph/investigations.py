"""Saved investigations: a named working set an investigator comes back to.

An investigation holds the Sources it draws on, the entities pinned to it, notes on claims, saved
questions (trace, first knowledge, timeline, gaps, with their arguments) and where the app was
left (`place`: the question open last). It is kept in the store as one `investigation` record
(graph/records.py), so it lives on both backends, `kflow sync` copies it, and it moves between
people as one JSON file (`to_json` / `from_json`, format FORMAT). Ids of sources, nodes and claims
are kept as given: an investigation may name evidence a colleague has not loaded yet, and
`missing` says which.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from graph.records import Record, RecordError, now
from graph.store import GraphStore

INVESTIGATION_KIND = "investigation"
FORMAT = "kflow-investigation/1"
QUESTION_KINDS = ("trace", "first_knowledge", "timeline", "gaps")
MAX_NAME = 200
MAX_NOTE = 20_000
MAX_FILE_BYTES = 5_000_000


class InvestigationError(ValueError):
    """An investigation cannot be saved, found or read as given; the message says why."""


@dataclass
class Question:
    """A saved question: its kind and the arguments it is asked with (names or ids, dates, min_grade)."""

    kind: str
    args: dict[str, str] = field(default_factory=dict)
    title: str = ""


@dataclass
class Investigation:
    name: str
    sources: list[str] = field(default_factory=list)
    pinned: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # claim id -> note
    questions: list[Question] = field(default_factory=list)
    place: dict[str, Any] = field(default_factory=dict)  # where the app was left: {"question": index}
    created_at: str = ""
    updated_at: str = ""

    @property
    def id(self) -> str:
        return investigation_id(self.name)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> Investigation:
        """An investigation from plain data, every field checked (a file from elsewhere is input)."""
        if not isinstance(data, dict):
            raise InvestigationError("an investigation must be a JSON object")
        name = _name(data.get("name"))
        questions = [_question(q, i) for i, q in enumerate(_list(data, "questions", dict))]
        notes = data.get("notes") or {}
        if not isinstance(notes, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in notes.items()):
            raise InvestigationError("'notes' must map claim ids to text")
        for claim_id, note in notes.items():
            if len(note) > MAX_NOTE:
                raise InvestigationError(f"the note on {claim_id} is longer than {MAX_NOTE:,} characters")
        place = data.get("place") or {}
        if not isinstance(place, dict):
            raise InvestigationError("'place' must be an object")
        return cls(
            name,
            _dedup(_list(data, "sources", str)),
            _dedup(_list(data, "pinned", str)),
            dict(notes),
            questions,
            place,
            str(data.get("created_at") or ""),
            str(data.get("updated_at") or ""),
        )


def investigation_id(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", _name(name).casefold()).strip("-") or "unnamed"
    return f"investigation:{slug}"


def _name(value: Any) -> str:
    name = " ".join(str(value or "").split())
    if not name:
        raise InvestigationError("an investigation needs a name")
    if len(name) > MAX_NAME or any(ord(ch) < 32 for ch in str(value)):
        raise InvestigationError(f"an investigation's name must be one line of at most {MAX_NAME} characters")
    return name


def _list(data: dict, key: str, kind: type) -> list:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, kind) for v in value):
        raise InvestigationError(f"{key!r} must be a list of {'ids' if kind is str else 'objects'}")
    return value


def _dedup(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v.strip()))


def _question(data: dict, index: int) -> Question:
    kind = data.get("kind")
    if kind not in QUESTION_KINDS:
        raise InvestigationError(f"question {index + 1}: kind {kind!r}; expected one of {', '.join(QUESTION_KINDS)}")
    args = data.get("args") or {}
    if not isinstance(args, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in args.items()):
        raise InvestigationError(f"question {index + 1}: 'args' must map names to text")
    return Question(kind, dict(args), str(data.get("title") or ""))


# -- in the store ------------------------------------------------------------------------------


def save(store: GraphStore, investigation: Investigation) -> Investigation:
    """Write the investigation (replacing any of the same name), stamping when."""
    investigation = Investigation.from_dict(investigation.to_dict())  # checked as any input is
    stamp = now()
    investigation.created_at = investigation.created_at or stamp
    investigation.updated_at = stamp
    try:
        row = Record(investigation.id, INVESTIGATION_KIND, investigation.to_dict(), stamp).to_row()
    except RecordError as error:
        raise InvestigationError(str(error)) from None
    store.save_records([row])
    return investigation


def names(store: GraphStore) -> list[str]:
    return sorted(Record.from_row(r).body["name"] for r in store.load_records(INVESTIGATION_KIND))


def load(store: GraphStore, name: str) -> Investigation:
    wanted = investigation_id(name)
    for row in store.load_records(INVESTIGATION_KIND):
        if row["id"] == wanted:
            return Investigation.from_dict(Record.from_row(row).body)
    known = ", ".join(names(store)) or "none yet"
    raise InvestigationError(f"no investigation named {name!r} in the store (saved: {known})")


def load_or_new(store: GraphStore, name: str) -> Investigation:
    try:
        return load(store, name)
    except InvestigationError:
        return Investigation(_name(name))


def delete(store: GraphStore, name: str) -> None:
    load(store, name)
    store.delete_record(investigation_id(name))


def missing(store: GraphStore, investigation: Investigation) -> list[str]:
    """The sources and pinned entities it names that this store does not hold."""
    return [i for i in [*investigation.sources, *investigation.pinned] if store.get_node(i) is None]


# -- as one file -------------------------------------------------------------------------------


def to_json(investigation: Investigation) -> str:
    return json.dumps({"format": FORMAT, **investigation.to_dict()}, indent=2, ensure_ascii=False)


def from_json(text: str | bytes) -> Investigation:
    """An investigation from an exported file; InvestigationError says what is wrong with it."""
    if len(text) > MAX_FILE_BYTES:
        raise InvestigationError(f"an investigation file is at most {MAX_FILE_BYTES:,} bytes")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InvestigationError(f"not an investigation file: invalid JSON ({error})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvestigationError(f'not an investigation file: expected "format": "{FORMAT}"')
    return Investigation.from_dict({k: v for k, v in data.items() if k != "format"})
