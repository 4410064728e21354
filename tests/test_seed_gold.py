"""The motivating real document: loading seeds/ yields every `must` entity and edge of its gold file."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from graph.names import name_key
from loaders.extract import default_extractor
from loaders.pipeline import load_paths

ROOT = Path(__file__).resolve().parent.parent
GOLD = yaml.safe_load((ROOT / "tests/gold/000_2642609051fa25c3.yaml").read_text(encoding="utf-8"))


def _norm(text: str) -> str:
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.casefold().split())


def _keys(names) -> set[str]:
    return {name_key(n) for n in names if n}


def _gold_entities() -> list[dict]:
    return [*GOLD["entities"]["must"], *GOLD["entities"].get("should", [])]


def _gold_names(name: str) -> set[str]:
    """A gold name and the aliases its entity entry lists."""
    for entity in _gold_entities():
        if name_key(entity["name"]) == name_key(name):
            return _keys([entity["name"], *entity.get("aliases", [])])
    return _keys([name])


def _matches(node, names: set[str], label: str | None = None) -> bool:
    return (label is None or node.label == label) and bool(set(node.keys) & names)


def _load(store):
    report = load_paths([ROOT / "seeds" / "000_2642609051fa25c3.txt"], store, extractor=default_extractor())
    assert not report.failed, report.failed
    nodes = [n for batch in store.iter_nodes() for n in batch]
    claims = [c for batch in store.iter_claims() for c in batch]
    return nodes, claims


def _missing_entity(nodes, entity: dict) -> str | None:
    found = [n for n in nodes if _matches(n, _keys([entity["name"], *entity.get("aliases", [])]), entity["type"])]
    if not found:
        return f"no {entity['type']} named {entity['name']!r}"
    node = found[0]
    if "year" in entity and node.props.get("date_start", "")[:4] != str(entity["year"]):
        return f"{entity['name']!r} is not dated {entity['year']}: {node.props}"
    if "role" in entity and not set(_norm(entity["role"]).split()) <= set(_norm(node.props.get("role") or "").split()):
        return f"{entity['name']!r} lacks role {entity['role']!r}: {node.props}"
    return None


def _endpoint_names(edge: dict, end: str) -> set[str]:
    names = _gold_names(edge[end])
    resolves = re.search(rf"{end} may resolve to ([\w' ]+)", edge.get("note", ""))
    if resolves:
        names |= _gold_names(resolves.group(1).strip())
    return names


def _missing_edge(nodes, claims, edge: dict) -> str | None:
    by_id = {n.id: n for n in nodes}
    from_names, to_names = _endpoint_names(edge, "from"), _endpoint_names(edge, "to")
    candidates = [
        c
        for c in claims
        if c.type == edge["type"] and _matches(by_id[c.from_id], from_names) and _matches(by_id[c.to_id], to_names)
    ]
    label = f"{edge['type']} {edge['from']!r} -> {edge['to']!r}"
    if not candidates:
        return f"no {label}; claims of that type: {[(by_id[c.from_id].name, by_id[c.to_id].name) for c in claims if c.type == edge['type']]}"
    evidenced = [c for c in candidates if _norm(edge["evidence"]) in _norm(c.sentence)]
    if not evidenced:
        return f"no {label} cites {edge['evidence']!r}: {[c.sentence for c in candidates]}"
    if "year" in edge and not [
        c for c in evidenced if c.date_start and int(c.date_start[:4]) <= edge["year"] <= int(c.date_end[:4])
    ]:
        return f"{label} is not dated {edge['year']}: {[(c.date_start, c.date_end) for c in evidenced]}"
    return None


def test_seed_yields_every_must_entity_and_edge(embedded_store):
    nodes, claims = _load(embedded_store)
    problems = [p for e in GOLD["entities"]["must"] if (p := _missing_entity(nodes, e))]
    problems += [p for e in GOLD["edges"]["must"] if (p := _missing_edge(nodes, claims, e))]
    assert not problems, "\n".join(problems)


def test_seed_every_claim_cites_its_sentence_by_offsets(embedded_store):
    nodes, claims = _load(embedded_store)
    texts = {source.id: source.props["text"] for source in embedded_store.sources()}  # seeds/ holds the demo corpus too
    assert len([c for c in claims if c.extractor.startswith("rules.") and c.type != "MENTIONS"]) >= 10
    for claim in claims:
        assert texts[claim.source_id][claim.char_start : claim.char_end] == claim.sentence, claim
