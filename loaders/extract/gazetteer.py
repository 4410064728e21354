"""The hand-curated gazetteer of UK bodies, role words and topic acronyms (data in `data/*.yaml`).

Bodies become EntityRuler patterns carrying their canonical node id, so a known body is
recognised (and typed) before the statistical NER guesses, and resolves without fuzziness.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from graph.model import node_id
from graph.names import name_key

DATA_DIR = Path(__file__).with_name("data")
CONTEXTS = ("department", "force", "council", "none")  # none: an office of no body ("the President")
_COUNCIL_FORMS = {
    "metropolitan borough": (
        "{p} Metropolitan Borough Council",
        ["{p} Council", "{p} Borough Council", "{p} MBC", "Metropolitan Borough of {p}"],
    ),
    "city": ("{p} City Council", ["{p} Council", "City of {p} Council"]),
    "county": ("{p} County Council", ["{p} Council"]),
    "london borough": ("{p} Council", ["London Borough of {p}", "{p} Borough Council"]),
    "borough": ("{p} Borough Council", ["{p} Council"]),
    "unitary": ("{p} Council", []),
}


class GazetteerError(ValueError):
    """A gazetteer data file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Body:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()  # matched case-sensitively, never fuzzily
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class Role:
    phrase: str
    body_id: str | None  # the institution, or None when `context` decides
    context: str | None = None
    collective: bool = False


@dataclass
class Gazetteer:
    bodies: dict[str, Body] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)  # keyed by name_key(phrase)
    topics: dict[str, str] = field(default_factory=dict)  # acronym -> long form
    _by_key: dict[str, str] = field(default_factory=dict)
    _by_acronym: dict[str, str] = field(default_factory=dict)
    councils_by_place: dict[str, str] = field(default_factory=dict)  # name_key(place) -> body id
    forces_by_place: dict[str, str] = field(default_factory=dict)

    def add(self, body: Body, where: str) -> None:
        if body.id in self.bodies:
            raise GazetteerError(f"{where}: {body.name!r} is listed twice")
        self.bodies[body.id] = body
        for name in (body.name, *body.aliases):
            key = name_key(name)
            if self._by_key.get(key, body.id) != body.id:
                raise GazetteerError(
                    f"{where}: name {name!r} of {body.name!r} already belongs to {self.bodies[self._by_key[key]].name!r}"
                )
            self._by_key[key] = body.id
        for acronym in body.acronyms:
            self._by_acronym[acronym] = body.id

    def lookup(self, surface: str) -> Body | None:
        """The body a surface form names: exact acronym (case-sensitive) or name key; no fuzziness."""
        body_id = self._by_acronym.get(surface.strip()) or self._by_key.get(name_key(surface))
        return self.bodies.get(body_id) if body_id else None

    def role(self, phrase: str) -> Role | None:
        return self.roles.get(name_key(phrase))

    @property
    def places(self) -> set[str]:
        """Every place the gazetteer links to a council or a force, as written."""
        return {p for b in self.bodies.values() for p in b.places}


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GazetteerError(f"{where}: expected a list of non-empty strings, got {value!r}")
    return tuple(value)


def _entry(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise GazetteerError(f"{where}: each entry must be a mapping, got {raw!r}")
    return raw


def _body(raw: dict[str, Any], kind: str, where: str) -> Body:
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise GazetteerError(f"{where}: entry has no name: {raw!r}")
    return Body(
        id=node_id("Agency", name),
        name=name,
        kind=str(raw.get("kind") or kind),
        aliases=_strings(raw.get("aliases"), f"{where} {name} aliases"),
        acronyms=_strings(raw.get("acronyms"), f"{where} {name} acronyms"),
        places=_strings(raw.get("places"), f"{where} {name} places"),
    )


def _council(raw: dict[str, Any], where: str) -> Body:
    place, kind = raw.get("place"), raw.get("type")
    if not isinstance(place, str) or kind not in _COUNCIL_FORMS:
        raise GazetteerError(
            f"{where}: a council needs `place` and `type` (one of {', '.join(_COUNCIL_FORMS)}): {raw!r}"
        )
    derived_name, derived_aliases = _COUNCIL_FORMS[kind]
    forms = [f.format(p=place) for f in [derived_name, *derived_aliases]] if raw.get("derive", True) else []
    name = raw.get("name") or forms[0]
    aliases = [*_strings(raw.get("aliases"), f"{where} {place} aliases"), *forms]
    return Body(
        node_id("Agency", name),
        name,
        "council",
        tuple(a for a in aliases if a != name),
        _strings(raw.get("acronyms"), f"{where} {place} acronyms"),
        (place,),
    )


def _load_file(gazetteer: Gazetteer, path: Path) -> None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise GazetteerError(f"{path.name}: invalid YAML: {error}") from None
    kind = str(data.get("kind") or "body")
    for i, raw in enumerate(data.get("bodies") or []):
        gazetteer.add(_body(_entry(raw, f"{path.name} bodies[{i}]"), kind, f"{path.name} bodies[{i}]"), path.name)
    for i, raw in enumerate(data.get("councils") or []):
        body = _council(_entry(raw, f"{path.name} councils[{i}]"), f"{path.name} councils[{i}]")
        gazetteer.add(body, path.name)
        gazetteer.councils_by_place.setdefault(name_key(body.places[0]), body.id)
    for i, raw in enumerate(data.get("roles") or []):
        _add_role(gazetteer, _entry(raw, f"{path.name} roles[{i}]"), f"{path.name} roles[{i}]")
    topics = data.get("topics") or {}
    if not isinstance(topics, dict):
        raise GazetteerError(f"{path.name}: `topics` must map acronyms to long forms")
    gazetteer.topics.update({str(k): str(v) for k, v in topics.items()})


def _add_role(gazetteer: Gazetteer, raw: dict[str, Any], where: str) -> None:
    phrase, body, context = raw.get("phrase"), raw.get("body"), raw.get("context")
    if not isinstance(phrase, str) or bool(body) == bool(context):
        raise GazetteerError(f"{where}: a role needs `phrase` and exactly one of `body` or `context`: {raw!r}")
    if context and context not in CONTEXTS:
        raise GazetteerError(f"{where}: context {context!r} is not one of {', '.join(CONTEXTS)}")
    gazetteer.roles[name_key(phrase)] = Role(
        phrase, node_id("Agency", body) if body else None, context, bool(raw.get("collective"))
    )


def _check_role_bodies(gazetteer: Gazetteer) -> None:
    for role in gazetteer.roles.values():
        if role.body_id and role.body_id not in gazetteer.bodies:
            raise GazetteerError(
                f"roles.yaml: role {role.phrase!r} names a body that is not in the gazetteer ({role.body_id})"
            )


@lru_cache(maxsize=4)
def load_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    """Every `*.yaml` under `data_dir`, checked: duplicate names and dangling role bodies are errors."""
    gazetteer = Gazetteer()
    for path in sorted(Path(data_dir).glob("*.yaml")):
        _load_file(gazetteer, path)
    _check_role_bodies(gazetteer)
    for body in gazetteer.bodies.values():
        if body.kind == "police force":
            for place in body.places:
                gazetteer.forces_by_place.setdefault(name_key(place), body.id)
    return gazetteer
