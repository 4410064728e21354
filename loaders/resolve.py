"""Entity resolution: surface forms to canonical nodes, within a document and across documents.

Order of evidence, strongest first: the gazetteer (exact names, aliases, case-sensitive
acronyms), acronyms the document defines ("Department for Civic Affairs (DCA)"), the document's
own full names (a bare "Mr Javid" is the one Javid named in full), the document's context
("the council" in a text about a place is that place's council), an optional store of earlier
documents, and last a strict fuzzy match for long names only. Ids come from
`graph.model.node_id(label, canonical name)`, so the same body gets the same id in every document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from graph.model import Node, node_id
from graph.names import name_key
from graph.store import GraphStore
from loaders.extract.gazetteer import Body, Gazetteer
from loaders.extract.lexicon import LEX
from loaders.middle_names import one_person_names

FUZZY_THRESHOLD = 92
ARTICLES = frozenset(["the", "a", "an"])  # "Office of the Inspector General" is "Office of Inspector General"
MIN_FUZZY_CHARS = 15  # acronyms and short names are never fuzzy-matched
# Heads too common to take the latest body that fits ("the Authority" after two authorities are
# named is either): such a definite description resolves only when one body's name ends in it.
ONE_BODY_CONTEXTS = frozenset(["authority", "agency"])
_ACRONYM = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9&]{1,9})\s*\)")
_WORD = re.compile(r"[\w'&-]+")


def strip_article(name: str) -> str:
    """ "the Home Office" -> "Home Office"; keeps inner words and case."""
    return re.sub(r"^(the|a|an)\s+", "", name.strip(), flags=re.I).strip(" ,.;:'\"\u201c\u201d\u2018\u2019")


def define_acronyms(text: str) -> dict[str, str]:
    """Schwartz-Hearst: "long form (SF)" pairs where SF's letters appear in order in the long form,
    the first one starting a word. Returns {short form: long form}."""
    found: dict[str, str] = {}
    for match in _ACRONYM.finditer(text):
        short = match.group(1)
        if not any(c.isupper() for c in short) or short.lower() in {"the", "and"}:
            continue
        window = text[max(0, match.start() - 200) : match.start()].replace("\u2019", "'")
        words = [_unpossessed(w) for w in _WORD.findall(window)]
        words = [w for w in words if w][-min(len(short) + 5, 2 * len(short)) :]
        long_form = _best_long_form(short, words)
        if long_form:
            found.setdefault(short, _with_head(long_form, words))
    return found


def _unpossessed(word: str) -> str:
    """ "General's" / "Affairs'" -> the name word; a lone "s" left by a curly apostrophe is dropped."""
    word = word.removesuffix("'s").rstrip("'")
    return "" if word == "s" else word


def _with_head(long_form: str, words: list[str]) -> str:
    """ "Department of Veterans Affairs (VA)": the short form skips the body's head word and its "of",
    which still belong to the name ("Veterans Affairs" alone is no body)."""
    before = words[: len(words) - len(long_form.split())]
    joint = 2 if before[-1:] == ["the"] else 1  # "Office of the Naval Inspector General (NAVINSGEN)"
    head = before[-joint - 1 :]
    if (
        len(head) == joint + 1
        and head[1] in ("of", "for")
        and head[0].lower() in LEX.body_words
        and head[0][0].isupper()
    ):
        return " ".join([*head, long_form])
    return long_form


def _best_long_form(short: str, words: list[str]) -> str | None:
    letters = [c.lower() for c in short if c.isalnum()]
    found = None
    for start in range(len(words) - 1, -1, -1):
        candidate = words[start:]
        if len(candidate) > len(letters) + 2:
            break
        if candidate[0][0].lower() == letters[0] and _letters_in_order(letters, " ".join(candidate).lower()):
            if candidate[0][0].isupper() or short.isupper() is False:
                return " ".join(candidate)
            found = found or " ".join(candidate)  # "of Special Counsel (OSC)": a capitalised "Office of ..." may follow
    return found


def _letters_in_order(letters: list[str], text: str) -> bool:
    """Schwartz-Hearst backward match: the last letter near the end, the first at a word start."""
    position = len(text)
    for index in range(len(letters) - 1, -1, -1):
        position = text.rfind(letters[index], 0, position)
        while index == 0 and position > 0 and text[position - 1].isalnum():
            position = text.rfind(letters[index], 0, position)
        if position < 0:
            return False
    return True


def clean_person_name(name: str) -> tuple[str, str | None]:
    """("Barrister Richard Whittam QC" minus role words handled by the caller) -> ("Richard Whittam", "QC").
    Strips honorifics and post-nominals; returns the name and the post-nominal letters, if any."""
    words = name.replace("\u2019", "'").split()
    if len(words) > 1 and words[0].lower() == "the":  # "The Rt Hon Ann Lee", "The Honorable Ann Lee"
        words = words[1:]
    while words and words[0].rstrip(".").lower() in LEX.title_keys:
        words = words[1:]
    suffix = None
    while len(words) > 1 and words[-1].strip(",.") in LEX.post_nominals:
        suffix = words[-1].strip(",.")
        words = words[:-1]
    while words and words[-1] in {"'s", "'"}:
        words = words[:-1]
    return " ".join(w.removesuffix("'s") if i == len(words) - 1 else w for i, w in enumerate(words)), suffix


def kind_of(name: str) -> str:
    words = name_key(name).split()
    for word in reversed(words):
        if word in LEX.kind_by_head:
            return LEX.kind_by_head[word]
    if words[:2] == ["university", "of"]:
        return "university"
    return "organisation"


@dataclass
class DocumentContext:
    """What a document says about itself that resolution needs: places, named bodies, full names."""

    place_counts: Counter = field(default_factory=Counter)  # name_key(place) -> mentions
    body_counts: Counter = field(default_factory=Counter)  # body id -> mentions
    bodies: dict[str, Body] = field(default_factory=dict)  # every body the text names, gazetteer or not
    full_names: dict[str, set[str]] = field(default_factory=dict)  # surname key -> full names
    acronyms: dict[str, str] = field(default_factory=dict)
    body_sentences: list[tuple[int, str]] = field(default_factory=list)  # (sentence, body id) per named mention
    renamed: dict[str, Node] = field(default_factory=dict)  # a bare office's id -> its department's office

    def latest_body(self, compatible: Callable[[Body], bool], sentence: int) -> Body | None:
        """The body named most recently at or before `sentence` that `compatible` accepts; else the
        first one named after it (a headline's "the ministry" before the body is named)."""
        before = [b for s, b in self.body_sentences if s <= sentence and compatible(self.bodies[b])]
        if before:
            return self.bodies[before[-1]]
        after = [b for s, b in self.body_sentences if s > sentence and compatible(self.bodies[b])]
        return self.bodies[after[0]] if after else None

    def add_body(self, node: Node, gazetteer: Gazetteer, sentence: int = 0) -> None:
        """Count a named body; one the gazetteer does not know gets the place its name starts with."""
        self.body_counts[node.id] += 1
        self.body_sentences.append((sentence, node.id))
        if node.id not in self.bodies:
            known = gazetteer.bodies.get(node.id)
            key = name_key(node.name)
            places = tuple(p for p in self.place_counts if key.startswith(p + " "))
            self.bodies[node.id] = known or Body(
                node.id, node.name, node.props.get("kind", "organisation"), tuple(node.aliases), (), places
            )

    def add_person(self, full_name: str) -> None:
        parts = full_name.split()
        if len(parts) >= 2:
            self.full_names.setdefault(parts[-1].lower(), set()).add(full_name)

    def first_name_holders(self, first: str) -> set[str]:
        """The full names the document gives whose first word is `first` ("Celia" -> {"Celia Varrow"})."""
        key = first.lower()
        return {n for names in self.full_names.values() for n in names if n.split()[0].lower() == key}

    @property
    def main_place(self) -> str | None:
        return self.place_counts.most_common(1)[0][0] if self.place_counts else None


class Resolver:
    """Canonical Agency/Person nodes for surface forms. Stateless across documents except caches;
    pass a `DocumentContext` per document. `store` (optional) lends names learned from earlier loads."""

    def __init__(self, gazetteer: Gazetteer, store: GraphStore | None = None):
        self.gazetteer = gazetteer
        self.store = store
        self._fuzzy_names = {
            name: body.id
            for body in gazetteer.bodies.values()
            for name in (body.name, *body.aliases)
            if len(name) >= MIN_FUZZY_CHARS
        }
        self._fuzzy_key = _Names(self._fuzzy_names)

    def body_node(self, body: Body, surface: str | None = None) -> Node:
        aliases = [*body.aliases, *body.acronyms]
        if surface and name_key(surface) not in {name_key(a) for a in [body.name, *aliases]}:
            aliases.append(strip_article(surface))
        return Node(body.id, "Agency", body.name, aliases, {"kind": body.kind})

    def agency(self, surface: str, ctx: DocumentContext, ent_id: str = "") -> Node:
        """The Agency a name denotes; a new canonical node when nothing known matches. A bare office the
        document places in a department is that department's office (`department_offices.py`)."""
        node = self._agency(surface, ctx, ent_id)
        return ctx.renamed.get(node.id, node) if ctx.renamed else node

    def _agency(self, surface: str, ctx: DocumentContext, ent_id: str = "") -> Node:
        body = self.gazetteer.bodies.get(ent_id) or self.known_body(surface, ctx)
        if body:
            return self.body_node(body, surface)
        name = strip_article(surface).removesuffix("'s").removesuffix("\u2019s").strip()
        long_form = ctx.acronyms.get(name)
        if long_form:
            body = self.known_body(long_form, ctx)
            if body:
                return self.body_node(body, name)
            return Node(node_id("Agency", long_form), "Agency", long_form, [name], {"kind": kind_of(long_form)})
        stored = self._stored(name, "Agency")
        if stored:
            return Node(stored.id, "Agency", stored.name, [name], dict(stored.props))
        return Node(node_id("Agency", name), "Agency", name, [], {"kind": kind_of(name)})

    def known_body(self, surface: str, ctx: DocumentContext) -> Body | None:
        name = strip_article(surface)
        body = self.gazetteer.lookup(name) or self.gazetteer.lookup(name.removesuffix("'s"))
        if body is None and name in ctx.acronyms:
            body = self.gazetteer.lookup(ctx.acronyms[name])
        return body or self._fuzzy(name)

    def _fuzzy(self, name: str) -> Body | None:
        if len(name) < MIN_FUZZY_CHARS or len(name.split()) < 2:
            return None
        return _fuzzy_lookup(self, name)

    def _stored(self, name: str, label: str) -> Node | None:
        if self.store is None:
            return None
        key = name_key(name)
        return next((n for n in self.store.find_nodes(name, label, limit=5) if key in n.keys), None)

    def context_body(self, context: str, ctx: DocumentContext, sentence: int = 10**9) -> Body | None:
        """ "the council" / "the force" / "Ministers": the body the document's context makes them."""
        named = [ctx.bodies[b] for b, _ in ctx.body_counts.most_common() if b in ctx.bodies]
        place = ctx.main_place
        if context == "council":
            councils = [b for b in named if b.kind == "council"]
            for body in councils:
                if place and place in {name_key(p) for p in body.places}:
                    return body
            linked = self.gazetteer.councils_by_place.get(place or "")
            return self.gazetteer.bodies[linked] if linked else (councils[0] if len(councils) == 1 else None)
        if context == "force":
            forces = [b for b in named if b.kind == "police force"]
            local = [b for b in forces if place in {name_key(p) for p in b.places}]
            return (local or forces)[0] if len(local) == 1 or len(forces) == 1 else None
        heads = LEX.contexts.get(context)
        if heads is None:
            return None
        if context in ONE_BODY_CONTEXTS:  # "the Authority": the one body the text names "... Authority"
            named_so = {b for _, b in ctx.body_sentences if name_key(ctx.bodies[b].name).split()[-1:] == [context]}
            return ctx.bodies[next(iter(named_so))] if len(named_so) == 1 else None
        # A definite description ("the department", "the inspectorate") names a body the text has
        # named: the most recent compatible one. Never a gazetteer body the text does not mention.
        return ctx.latest_body(lambda b: b.kind in heads[0] or bool(set(name_key(b.name).split()) & heads[1]), sentence)

    def person(self, full_name: str, ctx: DocumentContext, surface: str) -> Node | None:
        """A Person by cleaned name; a lone surname becomes the document's unique full name with it."""
        if not full_name or not any(c.isalpha() for c in full_name):
            return None
        aliases = [strip_article(surface)] if surface and name_key(surface) != name_key(full_name) else []
        if len(full_name.split()) == 1:
            # a lone surname ("Ms Okafor"), else a lone first name ("Dame Celia"): the document's one full name with it
            candidates = ctx.full_names.get(full_name.lower(), set()) or ctx.first_name_holders(full_name)
            if len(candidates) == 1:
                return Node(node_id("Person", next(iter(candidates))), "Person", next(iter(candidates)), aliases)
            stored = self._stored(surface, "Person")
            if stored:
                return Node(stored.id, "Person", stored.name, aliases)
            return Node(node_id("Person", surface), "Person", strip_article(surface), [])
        fuller = one_person_names(ctx.full_names.get(full_name.split()[-1].lower(), ())).get(full_name)
        if fuller:  # "Darrell Issa" in a document that also says "Darrell E. Issa" (loaders/middle_names.py)
            return Node(node_id("Person", fuller), "Person", fuller, list(dict.fromkeys([*aliases, full_name])))
        return Node(node_id("Person", full_name), "Person", full_name, aliases)


@lru_cache(maxsize=10_000)
def _fuzzy_cached(names: tuple[str, ...], name: str) -> str | None:
    match = process.extractOne(name, names, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_THRESHOLD)
    if not match:
        return None
    words, matched = set(name_key(name).split()), set(name_key(match[0]).split())
    if not (words - LEX.fuzzy_generic_words) & matched:
        return None
    return None if _function_words_differ(words, matched) else match[0]


def _function_words_differ(words: set[str], matched: set[str]) -> bool:
    """A fuzzy match is for spelling ("Organisation"/"Organization"), not for another name: "Department of
    Education" (United States) is not "Department for Education" (England), so names whose small linking words
    differ ("of"/"for", "and"/"&") are different bodies; known misnamings are gazetteer aliases instead."""
    return any(word in LEX.title_function_words and word not in ARTICLES for word in words ^ matched)


class _Names(tuple):
    """The fuzzy candidates as a cache key hashed by identity: a tuple of every gazetteer name hashed per lookup
    was most of a lookup's cost. One per resolver, made with it."""

    __hash__ = object.__hash__

    def __eq__(self, other: object) -> bool:
        return self is other


def _fuzzy_lookup(resolver: Resolver, name: str) -> Body | None:
    matched = _fuzzy_cached(resolver._fuzzy_key, name)
    return resolver.gazetteer.bodies[resolver._fuzzy_names[matched]] if matched else None
