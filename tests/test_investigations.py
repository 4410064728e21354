"""Saved investigations: kept in the store on both backends, copied by `kflow sync`, exported and
imported as one JSON file, and refused with a one-line reason when a file is not one. The world
is the FICTIONAL Northshire of tests/test_analysis.py (synthetic sources only)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graph import investigations as inv
from graph.embedded import EmbeddedStore
from graph.model import Batch
from graph.sync import copy_graph
from kflow.cli import main
from tests.test_analysis import DCA, POLICE, S1, S2, claims, nodes


def harbour_case() -> inv.Investigation:
    first_claim = claims()[0].id
    return inv.Investigation(
        "Harbour pollution (synthetic)",
        sources=[S1, S2],
        pinned=[DCA, POLICE],
        notes={first_claim: "Check the commissioning letter's date."},
        questions=[
            inv.Question(
                "trace", {"source": "University of Eastmere", "target": "Northshire Police"}, "Study to police"
            ),
            inv.Question("first_knowledge", {"body": DCA, "min_grade": "B"}),
        ],
        place={"question": 1},
    )


def test_an_investigation_round_trips_through_the_store(store):
    store.upsert(Batch(nodes(), claims()))
    saved = inv.save(store, harbour_case())
    assert saved.created_at and saved.updated_at
    opened = inv.load(store, "harbour pollution  (SYNTHETIC)")  # a name is found however it is spaced or cased
    assert opened == saved and opened.place == {"question": 1}
    assert inv.missing(store, opened) == []
    opened.notes["claim:extra"] = "second note"
    inv.save(store, opened)
    assert inv.names(store) == ["Harbour pollution (synthetic)"]  # saved again, not twice
    assert inv.load(store, opened.name).notes["claim:extra"] == "second note"
    inv.delete(store, opened.name)
    with pytest.raises(inv.InvestigationError, match="no investigation named 'Harbour"):
        inv.load(store, opened.name)


@pytest.mark.neo4j
def test_an_investigation_saved_on_embedded_opens_the_same_on_neo4j_after_sync(tmp_path, neo4j_store):
    with EmbeddedStore(tmp_path / "kflow-data") as embedded:
        embedded.upsert(Batch(nodes(), claims()))
        saved = inv.save(embedded, harbour_case())
        assert copy_graph(embedded, neo4j_store).records == 1
    assert inv.load(neo4j_store, saved.name) == saved


@pytest.mark.parametrize(
    "text, reason",
    [
        ("not json", "invalid JSON"),
        ('{"name": "x"}', 'expected "format"'),
        ('{"format": "kflow-investigation/1", "name": ""}', "needs a name"),
        ('{"format": "kflow-investigation/1", "name": "x", "sources": "source:a"}', "'sources' must be a list"),
        ('{"format": "kflow-investigation/1", "name": "x", "questions": [{"kind": "drop"}]}', "kind 'drop'"),
        ('{"format": "kflow-investigation/1", "name": "x", "notes": {"c": 1}}', "'notes' must map"),
        ('{"format": "kflow-investigation/1", "name": "a\\nb"}', "one line"),
    ],
)
def test_a_bad_file_is_refused_saying_why(text, reason):
    with pytest.raises(inv.InvestigationError, match=reason):
        inv.from_json(text)


def test_the_cli_saves_exports_and_imports_one_file(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for path in (first, second):
        with EmbeddedStore(path) as store:
            store.upsert(Batch(nodes(), claims()))
    runner = CliRunner()
    run = lambda *args: runner.invoke(main, [*map(str, args)])  # noqa: E731
    done = run(
        "investigation", "save", "Harbour case", "--source", S1, "--pin", DCA, "--note", claims()[0].id, "check",
        "--trace", "University of Eastmere", "Northshire Police", "--min-grade", "B2", "--store", f"embedded:{first}",
    )  # fmt: skip
    assert done.exit_code == 0 and "1 source(s), 1 pinned, 1 note(s), 1 question(s)" in done.output
    out = tmp_path / "harbour.json"
    assert run("investigation", "export", "Harbour case", out, "--store", f"embedded:{first}").exit_code == 0
    exported = json.loads(out.read_text())
    assert exported["format"] == inv.FORMAT and exported["questions"][0]["args"]["min_grade"] == "B2"
    assert run("investigation", "import", out, "--store", f"embedded:{second}").exit_code == 0
    again = run("investigation", "import", out, "--store", f"embedded:{second}")
    assert again.exit_code == 1 and "exists: use --replace or --as NAME" in again.output
    shown = run("investigation", "show", "Harbour case", "--json", "--store", f"embedded:{second}")
    imported = json.loads(shown.output)
    assert imported.pop("updated_at") >= exported.pop("updated_at")  # stamped when saved into this store
    assert imported == exported
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "kflow-investigation/1", "name": "x", "pinned": [3]}')
    refused = run("investigation", "import", broken, "--store", f"embedded:{second}")
    assert refused.exit_code == 1 and "'pinned' must be a list of ids" in refused.output
    assert run("investigation", "list", "--store", f"embedded:{second}").output.splitlines() == ["Harbour case"]
