"""An investigation saved on the embedded store and copied by `kflow sync` to a real Neo4j opens the
same in the app pointed at Neo4j, on the question where it was left; the minimum-grade control
changes the answer, and moving to another question is remembered in Neo4j.

The world is the FICTIONAL Northshire of tests/test_analysis.py (synthetic sources only). Driven
by Playwright on Debian's Chromium; under CI=true it never skips.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from app_browser import KFLOW, Session, chromium, kflow_serve, require_chromium
from playwright.sync_api import expect

from graph import investigations as inv
from graph.embedded import EmbeddedStore
from graph.grades import set_source_grade
from graph.model import Batch
from tests.test_analysis import DCA, POLICE, S1, S2, claims
from tests.test_grades import graded_nodes

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.neo4j]
NOTE = "Synthetic note: check the commissioning letter's date."


def answer_line(page, answer: str, grade: str):
    """The paragraph heading an answer: what it found and the weakest grade on its chain."""
    pattern = re.compile(rf"{re.escape(answer)}\s*·\s*weakest grade on the chain\s*{grade}")
    return page.locator("p").filter(has_text=pattern)


def harbour_case() -> inv.Investigation:
    return inv.Investigation(
        "Harbour pollution (synthetic)",
        sources=[S1, S2],
        pinned=[DCA, POLICE],
        notes={claims()[0].id: NOTE},
        questions=[
            inv.Question("trace", {"source": "University of Eastmere", "target": "Northshire Police"}),
            inv.Question("first_knowledge", {"body": DCA}, "When did the Department first know?"),
        ],
        place={"question": 1},  # where it was left: the first-knowledge question
    )


def test_an_investigation_saved_on_embedded_opens_the_same_on_neo4j(tmp_path, neo4j_uri, neo4j_store):
    require_chromium()
    path = tmp_path / "kflow-data"
    with EmbeddedStore(path) as embedded:
        embedded.upsert(Batch(graded_nodes(), claims()))
        set_source_grade(embedded, S2, "source", "A", by="Investigator A")
        set_source_grade(embedded, S2, "information", "1", by="Investigator A")
        inv.save(embedded, harbour_case())
    synced = subprocess.run(
        [str(KFLOW), "sync", "--from", f"embedded:{path}", "--to", neo4j_uri],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert synced.returncode == 0, synced.stderr
    assert "3 investigator record(s)" in synced.stdout

    with chromium() as browser, kflow_serve(neo4j_uri, tmp_path / "serve.log") as url:
        session = Session(browser, url)
        try:
            session.open("investigation")
            page = session.page
            expect(page.get_by_role("heading", name="Harbour pollution (synthetic)")).to_be_visible()
            expect(page.get_by_text("Northshire Gazette (synthetic)").first).to_be_visible()
            expect(page.get_by_text("Department of Civic Affairs").first).to_be_visible()
            expect(page.get_by_text(NOTE)).to_be_visible()
            herald = re.compile(r"Northshire Herald \(synthetic\)\s*·\s*grade\s*A1")  # graded by hand
            expect(page.locator("p").filter(has_text=herald)).to_be_visible()
            # reopened where it was left: the first-knowledge question, answered on Neo4j
            expect(page.get_by_role("radio", name="When did the Department first know?")).to_be_checked()
            expect(page.get_by_text("Department of Civic Affairs first knew: 2001")).to_be_visible()
            expect(answer_line(page, "first knew: 2001", "B2")).to_be_visible()
            session.screenshot("investigation-neo4j")

            minimum = page.get_by_role("combobox", name="Minimum grade of the evidence")
            minimum.click()
            minimum.press_sequentially("A1")  # the list is long: typing filters it to the one grade
            minimum.press("Enter")
            session.settle()
            expect(answer_line(page, "first knew: March 2002", "A1")).to_be_visible()

            page.get_by_text("Trace University of Eastmere → Northshire Police").click()
            session.settle()
            assert session.foreign_requests() == []
        finally:
            session.close()
    assert inv.load(neo4j_store, "Harbour pollution (synthetic)").place == {"question": 0}
