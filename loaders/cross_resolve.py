"""Cross-document entity resolution: which stored nodes are one body, person, report or topic.

Extraction resolves names within one document (`loaders/resolve.py`); each document is read on its
own, so the same entity can still reach the store as several nodes (the acronym DCA in a text that never
spells it out, beside "Department of Civic Affairs", which carries DCA as an alias). This step reads
a whole store's nodes and claims and proposes merges; it changes nothing. Applying a merge is the
corrections layer's job (`graph.corrections.merge_nodes`), which keeps it revertible.

Each rule is general and conservative; every candidate says which rule joined the pair, on what
evidence, and how sure it is:

- `same-name`: two nodes of a type whose distinctive names are equal once case, articles and (for
  people) titles are set aside ("The Rt Hon Helen Ashby" / "Helen Ashby").
- `alias`: a node's name is an alias that exactly one other node carries (the acronym DCA, "Ms Okafor"). A
  surname-only person is joined only when one full-named person in the store has that surname.
- `surname`: a titled surname ("Dr Vance") and the one full name with that surname in a document
  both are cited from.
- `middle-initial`: "Darrell Issa" and "Darrell E. Issa", when no other person with that first
  and last name has another middle name or initial (`loaders/middle_names.py`).
- `report-title`: near-identical report titles (rapidfuzz ratio), distinctive words only.
- `same-letter`: reports of one kind that the same actor sent or wrote on the same day.
- `topic-head`: topics with the same head words once inflection and word order are set aside
  ("child exploitation" / "exploitation of children"), or a general topic and the one qualified
  form of it the same documents name ("exploitation of children" / "... in Eastmere").

Names made only of generic words ("letter", "independent review", "the Authority") are never
joined across documents. Candidates are grouped so that each merged node points at one kept node.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache

import networkx as nx
from rapidfuzz import fuzz, process

from graph.model import Claim, ClaimLink, Node
from graph.names import name_key, person_key
from loaders.extract.lexicon import LEX
from loaders.middle_names import one_person_names

TITLE_THRESHOLD = 95  # rapidfuzz ratio for two report titles to be one report
TITLE_BLOCK = 512  # titles compared against all others at once (a 512 x N score matrix)
_AUTHORSHIP = ("SENT", "AUTHORED")
_REPLY = re.compile(r"^(re|fw|fwd)\b|.* (re|fw|fwd)\b")
_EXTRA_GENERIC = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "its",
        "his",
        "her",
        "their",
        "my",
        "our",
        "your",
        "from",
        "to",
        "by",
        "with",
        "at",
        "on",
        "in",
        "into",
        "about",
        "dated",
        "one",
        "two",
        "three",
        "four",
        "five",
        "first",
        "second",
        "third",
        "final",
        "draft",
        "full",
        "short",
        "long",
        "internal",
        "external",
        "independent",
        "unpublished",
        "published",
        "annual",
        "new",
        "old",
        "written",
        "written",
        "year",
        "years",
        "page",
        "pages",
        "summary",
        "note",
        "notes",
        "copy",
        "copies",
        "reply",
        "response",
    ]
)


@dataclass(frozen=True)
class MergeCandidate:
    """Merge `merge_id` into `keep_id`: `rule` joined them, `evidence` says why in words, `score` in [0, 1]."""

    keep_id: str
    merge_id: str
    rule: str
    evidence: str
    score: float

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class _Link:
    a: str
    b: str
    rule: str
    evidence: str
    score: float


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Words that name no particular entity: document nouns, body heads, roles, function words."""
    return frozenset(
        {
            *LEX.fuzzy_generic_words,
            *LEX.documents,
            *(f"{d}s" for d in LEX.documents),
            *LEX.role_nouns,
            *LEX.body_words,
            *LEX.title_function_words,
            *LEX.skipped_modifiers,
            *LEX.generic_bodies,
            *LEX.place_nouns,
            *LEX.anaphoric_nouns,
            *_EXTRA_GENERIC,
        }
    )


def is_distinctive(key: str) -> bool:
    """A name key with at least one word that is not generic ("hidden in plain sight", "dca"; not "the review")."""
    words = key.split()
    return bool(words) and any(w not in generic_words() and not w.isdigit() for w in words)


def names_something(name: str) -> bool:
    """A name that names one thing: a distinctive word written as a name ("Hidden in Plain Sight",
    "letter from Maria Okafor", an acronym such as DCA), or three or more capitalised words ("Children First Trust");
    not a description ("inspection report", "the Authority", "Trust Board")."""
    words = name.replace("\u2019", "'").split()
    content = [w for w in words if name_key(w) not in LEX.title_function_words]
    if len(content) >= 3 and all(w[:1].isupper() for w in content):
        return True
    return any(
        w[:1].isupper() and name_key(w) and is_distinctive(name_key(w)) and (i or len(words) == 1 or w.isupper())
        for i, w in enumerate(words)
    ) or (len(words) > 1 and words[0][:1].isupper() and is_distinctive(name_key(words[0])))


def find_duplicates(nodes: Iterable[Node], claims: Iterable[Claim | ClaimLink]) -> list[MergeCandidate]:
    """Merge candidates among `nodes` (any labels; Sources are ignored), using `claims` for the
    documents each node is cited from and for who sent what when. Pure: reads, never writes.

    Runs after every load over the whole store, so its memory and time follow the number of nodes:
    claims are streamed, Source ids shared, and the pairwise rules look up candidates by key."""
    by_id = {n.id: n for n in nodes if n.label != "Source"}
    sources: dict[str, set[str]] = defaultdict(set)
    dated_authorship: list[Claim | ClaimLink] = []  # all `_same_letter` needs: claims are never held whole
    for claim in claims:
        source_id = sys.intern(claim.source_id)  # one string per Source, not one per claim end
        for end in (claim.from_id, claim.to_id):
            if end in by_id:
                sources[end].add(source_id)
        if claim.type in _AUTHORSHIP and claim.date_precision == "day" and claim.date_start:
            dated_authorship.append(claim)
    links: list[_Link] = []
    by_label: dict[str, list[Node]] = defaultdict(list)
    for node in by_id.values():
        by_label[node.label].append(node)
    for label, group in by_label.items():
        key_of = person_key if label == "Person" else name_key
        links += _same_name(group, key_of)
        links += _alias(group, key_of)
        if label == "Person":
            links += _surname(group, sources)
            links += _middle_initial(group)
        if label == "Report":
            links += _report_titles(group)
            links += _same_letter(group, dated_authorship)
        if label == "Topic":
            links += _topic_heads(group, sources)
    return _grouped(links, by_id, sources)


def _same_name(group: list[Node], key_of: Callable[[str], str]) -> list[_Link]:
    found: dict[str, list[Node]] = defaultdict(list)
    for node in group:
        key = key_of(node.name)
        if _identifying(node, key) and (node.label != "Person" or len(key.split()) >= 2):
            found[key].append(node)
    links = []
    for key, same in found.items():
        first = same[0]
        for other in same[1:]:
            rule = "same-name" if name_key(first.name) == name_key(other.name) else "honorific"
            evidence = f"{first.name!r} and {other.name!r} are one name ({key!r})"
            if rule == "honorific":
                evidence += " once titles are set aside"
            links.append(_Link(first.id, other.id, rule, evidence, 1.0 if rule == "same-name" else 0.95))
    return links


def _alias(group: list[Node], key_of: Callable[[str], str]) -> list[_Link]:
    """A node named by an alias that exactly one other node carries (and no other node is named by)."""
    named: dict[str, set[str]] = defaultdict(set)
    carriers: dict[str, dict[str, str]] = defaultdict(dict)  # key -> {node id: the alias as written}
    for node in group:
        named[key_of(node.name)].add(node.id)
        for alias in node.aliases:
            carriers[key_of(alias)].setdefault(node.id, alias)
    surnames = _surname_index(group) if group and group[0].label == "Person" else {}
    links = []
    for node in group:
        key = key_of(node.name)
        holders = {i: a for i, a in carriers.get(key, {}).items() if i != node.id}
        if not _identifying(node, key) or len(holders) != 1 or len(named[key]) > 1:
            continue
        ((holder_id, alias),) = holders.items()
        if node.label == "Person" and len(key.split()) == 1 and len(surnames.get(key, ())) > 1:
            continue  # "Dr Oduya" when the store knows two Oduyas
        links.append(
            _Link(holder_id, node.id, "alias", f"{node.name!r} is an alias of node {holder_id} ({alias!r})", 0.95)
        )
    return links


def _identifying(node: Node, key: str) -> bool:
    """Topics are compared by head words elsewhere; other names must name one thing."""
    return is_distinctive(key) and (node.label == "Topic" or names_something(node.name))


def _surname_index(group: list[Node]) -> dict[str, set[str]]:
    """Last name -> ids of the people with a first and last name."""
    index: dict[str, set[str]] = defaultdict(set)
    for node in group:
        words = person_key(node.name).split()
        if len(words) >= 2:
            index[words[-1]].add(node.id)
    return index


def _surname(group: list[Node], sources: dict[str, set[str]]) -> list[_Link]:
    """ "Dr Vance" and the one "Harriet Vance" of a document both are cited from."""
    index = _surname_index(group)
    by_id = {n.id: n for n in group}
    links = []
    for node in group:
        words = person_key(node.name).split()
        if len(words) != 1 or name_key(node.name) == words[0] or not is_distinctive(words[0]):
            continue  # only a titled surname: "Ms Okafor", not a bare "Hannah"
        shared = [i for i in index.get(words[0], ()) if sources.get(i, set()) & sources.get(node.id, set())]
        if len(shared) == 1 and len(index[words[0]]) >= 1:
            full = by_id[shared[0]]
            evidence = f"{node.name!r} is the only {full.name!r} of the documents citing both"
            links.append(_Link(full.id, node.id, "surname", evidence, 0.8))
    return links


def _middle_initial(group: list[Node]) -> list[_Link]:
    """ "Darrell Issa" and "Darrell E. Issa", when no other Darrell Issa has another middle initial."""
    named = [n for n in group if _identifying(n, person_key(n.name))]
    first_of: dict[str, Node] = {}
    for node in named:
        first_of.setdefault(node.name, node)
    joined = one_person_names(n.name for n in named)
    links = []
    for node in named:
        fuller = joined.get(node.name)
        if fuller is not None:
            evidence = (
                f"{node.name!r} is {fuller!r} without a middle name or initial, and no other person contradicts it"
            )
            links.append(_Link(first_of[fuller].id, node.id, "middle-initial", evidence, 0.85))
    return links


def _report_titles(group: list[Node]) -> list[_Link]:
    """Pairs of titles at least TITLE_THRESHOLD alike with as many words. Titles are compared within
    their word count, a block of rows at a time by rapidfuzz's `cdist` (C, no pair loop in Python),
    then each hit is scored again exactly; 10,000 reports took 40 s pair by pair."""
    titled = [(n, name_key(n.name)) for n in group if _identifying(n, name_key(n.name)) and len(n.name) >= 12]
    by_length: dict[int, list[int]] = defaultdict(list)
    for index, (_, key) in enumerate(titled):
        by_length[len(key.split())].append(index)
    pairs: list[tuple[int, int, float]] = []
    for members in by_length.values():
        keys = [titled[i][1] for i in members]
        for low in range(0, len(keys), TITLE_BLOCK):
            near = process.cdist(
                keys[low : low + TITLE_BLOCK], keys, scorer=fuzz.ratio, score_cutoff=TITLE_THRESHOLD - 1
            )
            for row, column in zip(*near.nonzero(), strict=True):
                a, b = members[low + int(row)], members[int(column)]
                key, other_key = titled[a][1], titled[b][1]
                if b <= a or key == other_key or _REPLY.match(key + " " + other_key):
                    continue  # same-name already; an added word ("Re:") is another document, not a spelling
                score = fuzz.ratio(key, other_key)
                if score >= TITLE_THRESHOLD:
                    pairs.append((a, b, score))
    links = []
    for a, b, score in sorted(pairs):
        node, other = titled[a][0], titled[b][0]
        evidence = f"titles {node.name!r} and {other.name!r} are {score:.0f}% alike"
        links.append(_Link(node.id, other.id, "report-title", evidence, round(score / 100, 2)))
    return links


def _same_letter(group: list[Node], claims: list[Claim | ClaimLink]) -> list[_Link]:
    """Reports of one kind the same actor sent or wrote on the same day are one document."""
    kinds = {n.id: n.props.get("kind") for n in group}
    seen: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for claim in claims:
        kind = kinds.get(claim.to_id)
        if claim.type not in _AUTHORSHIP or not kind or claim.date_precision != "day" or not claim.date_start:
            continue
        key = (claim.from_id, claim.date_start, kind)
        if claim.to_id not in seen[key]:
            seen[key].append(claim.to_id)
    links = []
    for (actor, day, kind), ids in seen.items():
        for other in ids[1:]:
            evidence = f"both a {kind} that {actor} sent or wrote on {day}"
            links.append(_Link(ids[0], other, "same-letter", evidence, 0.85))
    return links


def _topic_heads(group: list[Node], sources: dict[str, set[str]]) -> list[_Link]:
    heads = {n.id: _head_words(n.name) for n in group}
    position = {n.id: i for i, n in enumerate(group)}
    by_id = {n.id: n for n in group}
    same_heads: dict[frozenset[str], list[Node]] = defaultdict(list)
    having: dict[str, set[str]] = defaultdict(set)  # head word -> ids of the topics that have it
    for node in group:
        same_heads[heads[node.id]].append(node)
        for word in heads[node.id]:
            having[word].add(node.id)
    links = []
    for i, node in enumerate(group):
        words = heads[node.id]
        if len(words) < 2:
            continue  # one word ("abuse") is too general to join anything
        for other in same_heads[words]:
            if position[other.id] > i:
                evidence = f"{node.name!r} and {other.name!r} have the same head words ({' '.join(sorted(words))})"
                links.append(_Link(node.id, other.id, "topic-head", evidence, 0.9))
        cited = sources.get(node.id, set())
        supersets = set.intersection(*(having[w] for w in words))  # every topic whose head words include these
        wider = [
            by_id[j]
            for j in sorted(supersets, key=position.__getitem__)
            if heads[j] > words and cited & sources.get(j, set())
        ]
        if len({heads[o.id] for o in wider}) == 1:
            evidence = f"{node.name!r} is {wider[0].name!r} without its qualifier, in the same documents"
            links.append(_Link(wider[0].id, node.id, "topic-head", evidence, 0.75))
    return links


def _head_words(name: str) -> frozenset[str]:
    """Content words of a topic name, singular, order-free: "exploitation of children" -> {child, exploitation}."""
    return frozenset(_lemma(w) for w in name_key(name).split() if w not in LEX.title_function_words and len(w) > 1)


@lru_cache(maxsize=4096)
def _lemma(word: str) -> str:
    irregular = {"children": "child", "people": "person", "men": "man", "women": "woman"}
    if word in irregular:
        return irregular[word]
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + replacement
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _preference(node: Node, sources: dict[str, set[str]]) -> tuple:
    """Which node of a group is kept: cited from most documents, then the fuller name, then a stable id."""
    return (-len(sources.get(node.id, ())), -len(person_key(node.name).split()), -len(node.aliases), node.id)


def _grouped(links: list[_Link], by_id: dict[str, Node], sources: dict[str, set[str]]) -> list[MergeCandidate]:
    """One kept node per connected group; each other node gets the link that brought it in."""
    graph = nx.Graph()
    for link in links:
        if not graph.has_edge(link.a, link.b) or graph[link.a][link.b]["link"].score < link.score:
            graph.add_edge(link.a, link.b, link=link)
    candidates = []
    for component in nx.connected_components(graph):
        keep = min((by_id[i] for i in component), key=lambda n: _preference(n, sources))
        paths = nx.single_source_shortest_path(graph, keep.id)
        for node_id in sorted(component - {keep.id}):
            path = paths[node_id]
            steps = [graph[a][b]["link"] for a, b in zip(path, path[1:])]
            last = steps[-1]
            evidence = "; then ".join(s.evidence for s in steps)
            candidates.append(
                MergeCandidate(keep.id, node_id, last.rule, evidence, round(min(s.score for s in steps), 2))
            )
    return sorted(candidates, key=lambda c: (c.keep_id, c.merge_id))
