"""The Review page walks a queue longer than one page: Previous / Next, "showing 26-30 of 30", the
page number kept in session state and reset when the filter changes. AppTest over a FICTIONAL
(synthetic) store of 30 letters from the Department of Civic Affairs to Northshire Police."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboards.review_paging import QueuePage, current_page, turn
from graph.model import Batch
from graph.stores import open_store
from tests.test_analysis import DCA, LETTER, c, nodes

APP = str(Path(__file__).resolve().parent.parent / "dashboards" / "app.py")
LETTERS = 30


def _letters() -> list:
    sentences = [f"The Department of Civic Affairs sent letter {i} to Northshire Police." for i in range(LETTERS)]
    return [c("SENT", DCA, LETTER, s, at=i * 100) for i, s in enumerate(sentences)]


@pytest.fixture
def review(tmp_path, monkeypatch) -> AppTest:
    spec = f"embedded:{tmp_path / 'kflow-data'}"
    store = open_store(spec)
    store.upsert(Batch(nodes(), _letters()))
    store.close()
    monkeypatch.setenv("KFLOW_STORE", spec)
    monkeypatch.setenv("KFLOW_APP_DATA", str(tmp_path / "app-data"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("views/review.py").run()
    assert not at.exception, at.exception
    return at


def _shown(at: AppTest) -> tuple[str, list[str]]:
    """The page's "showing" caption and the quotes of the rows on it."""
    captions = [x.value for x in at.caption]
    label = next(x for x in captions if x.startswith("showing"))
    return label, sorted(x.split("letter ")[1].split(" ")[0] for x in captions if "sent letter" in x)


def test_next_and_previous_walk_the_queue(review):
    at = review
    label, first = _shown(at)
    assert label == f"showing 1-25 of {LETTERS}" and len(first) == 25
    assert at.button(key="review_prev").disabled and not at.button(key="review_next").disabled
    at.button(key="review_next").click().run()
    label, second = _shown(at)
    assert label == f"showing 26-{LETTERS} of {LETTERS}" and len(second) == LETTERS - 25
    assert not set(first) & set(second) and len(set(first) | set(second)) == LETTERS
    assert at.button(key="review_next").disabled and not at.button(key="review_prev").disabled
    at.button(key="review_prev").click().run()
    assert _shown(at) == (f"showing 1-25 of {LETTERS}", first)


def test_another_filter_starts_on_its_first_page(review):
    at = review
    at.button(key="review_next").click().run()
    at.selectbox(key="review_status").select("All").run()
    assert _shown(at)[0] == f"showing 1-25 of {LETTERS}"


def test_a_page_past_a_shrunken_queue_falls_back_to_the_last():
    state = {}
    assert current_page(state, "To review", 25, 60) == QueuePage(0, 25, 60)
    turn(state, 1)
    turn(state, 1)
    page = current_page(state, "To review", 25, 60)
    assert (page.offset, page.label(), page.has_next) == (50, "showing 51-60 of 60", False)
    assert current_page(state, "To review", 25, 50).label() == "showing 26-50 of 50"
    assert current_page(state, "To review", 25, 0).label() == "showing 0 of 0"
