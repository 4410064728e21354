"""Search, the document viewer and uploads with sidecars in a real browser (Playwright on Debian's
Chromium, the app served by `kflow serve` over stores filled by `kflow load`). Synthetic documents
about fictional bodies; one carries HTML and script that must show as text everywhere.
Under CI=true these tests never skip: a missing browser is a failure."""

from __future__ import annotations

import re

import pytest
from app_browser import Session, browser_for_tests, kflow_load, kflow_serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]
MEMO = (
    "Synthetic memo.\n\nNorthshire Police sent the Eastmere Review to the Department of Civic Affairs in March 2009. "
    "The Department of Civic Affairs received the Eastmere Review in April 2009.\n\n"
    "The review described missing records in Eastmere and the allotment ledger.\n"
)
MINUTES = (
    "Synthetic minutes.\n\nThe Westbrook Trust discussed the allotment budget in 2015. "
    'Its chair wrote <script>window.__kflowXss=1</script> and <img src=x onerror="window.__kflowXss=2"> in the margin.\n'
)
NO_INJECTION = """() => ({
    flag: window.__kflowXss === undefined ? null : window.__kflowXss,
    imgs: document.querySelectorAll("img[src='x']").length,
    scripts: [...document.scripts].filter(s => s.text.includes('__kflowXss')).length,
})"""


@pytest.fixture(scope="module")
def browser():
    with browser_for_tests() as b:
        yield b


@pytest.fixture(scope="module")
def search_app(tmp_path_factory):
    work = tmp_path_factory.mktemp("search-app")
    corpus = work / "corpus"
    corpus.mkdir()
    (corpus / "memo.txt").write_text(MEMO, encoding="utf-8")
    (corpus / "memo.txt.meta.yaml").write_text(
        "title: Synthetic memo on the Eastmere Review\npublished: 2009-05-01\nnote: synthetic\n", encoding="utf-8"
    )
    (corpus / "minutes.txt").write_text(MINUTES, encoding="utf-8")
    (corpus / "minutes.txt.meta.yaml").write_text("published: 2015-07-01\nnote: synthetic\n", encoding="utf-8")
    spec = f"embedded:{work / 'kflow-data'}"
    kflow_load([corpus], spec)
    with kflow_serve(spec, work / "serve.log", {"KFLOW_APP_DATA": str(work / "app-data")}) as url:
        yield url, corpus


def _frame(session: Session):
    """The viewer's frame once its text is in."""
    session.page.locator("iframe").first.wait_for(timeout=30_000)
    for frame in session.page.frames:
        if frame != session.page.main_frame and frame.locator("#kf-text").count():
            return frame
    raise AssertionError("the document viewer's frame did not render")


def _assert_not_injected(session: Session) -> None:
    assert session.dialogs == []
    for frame in session.page.frames:
        assert frame.evaluate(NO_INJECTION) == {"flag": None, "imgs": 0, "scripts": 0}, frame.url


def test_search_highlights_filters_and_opens_the_viewer_at_the_match(browser, search_app):
    url, _ = search_app
    session = Session(browser, url)
    page = session.page
    try:
        session.open("search")
        session.fill("Search the documents' text", "allotment")
        page.get_by_text("2 document(s)").wait_for(timeout=30_000)
        marks = page.locator(".kf-snippet mark")
        assert marks.count() >= 2 and {m.lower() for m in marks.all_inner_texts()} == {"allotment"}
        assert page.get_by_role("link", name="Synthetic memo on the Eastmere Review").is_visible()  # sidecar title
        session.screenshot("app-search")  # docs/screenshots/search.png is a copy

        page.get_by_text("Filters").click()
        session.fill("Published until", "2010")
        page.get_by_text("1 document(s)").wait_for(timeout=30_000)
        assert page.get_by_role("link", name="Synthetic minutes.").count() == 0

        session.fill("Search the documents' text", '"missing records"')
        page.get_by_role("link", name="open here").first.click()
        session.settle(1500)
        assert "/document?source=source" in page.url and "start=" in page.url
        frame = _frame(session)
        assert frame.locator("#kf-focus").inner_text() == "missing records"
        assert frame.locator("#kf-margin li").count() >= 2  # the memo's other claims, in the margin
        assert page.get_by_text("“missing records”").is_visible()
        assert not page.get_by_test_id("stException").count()
        assert session.foreign_requests() == []
    finally:
        session.close()


def test_every_quote_opens_the_viewer_at_its_span_with_the_claims_marked(browser, search_app):
    url, _ = search_app
    session = Session(browser, url)
    page = session.page
    try:
        session.open("trace")
        session.fill("From body", "Northshire Police")
        session.fill("To body", "Department of Civic Affairs")
        link = page.get_by_role("link", name="read in context").first
        link.wait_for(timeout=30_000)
        href = link.get_attribute("href")
        assert re.fullmatch(r"document\?source=source%3A[0-9a-f]{16}&start=\d+&end=\d+", href), href
        session.open(href)
        frame = _frame(session)
        focus = "".join(frame.locator("mark.kf-focus").all_inner_texts())
        assert "Northshire Police sent the Eastmere Review" in focus
        numbered = frame.locator("#kf-text sup.kf-n")
        assert numbered.count() >= 2
        frame.locator("#kf-margin li").nth(1).click()  # a margin entry shows its span
        assert frame.locator("#kf-text .kf-claim.kf-on").count() >= 1
        session.screenshot("app-document")  # docs/screenshots/document.png is a copy
        assert not page.get_by_test_id("stException").count()
    finally:
        session.close()


def test_document_html_in_search_and_viewer_shows_as_text(browser, search_app):
    url, _ = search_app
    session = Session(browser, url)
    page = session.page
    try:
        session.open("search")
        session.fill("Search the documents' text", "kflowXss")
        page.get_by_text("1 document(s)").wait_for(timeout=30_000)
        assert "<script>window.__kflowXss=1</script>" in page.locator(".kf-snippet").first.inner_text()
        _assert_not_injected(session)
        page.get_by_role("link", name="open here").first.click()
        session.settle(1500)
        frame = _frame(session)
        assert "<script>window.__kflowXss=1</script>" in frame.locator("#kf-text").inner_text()
        _assert_not_injected(session)
        session.open("document?source=source%3A0000000000000000")
        page.get_by_text("No stored document has the id").wait_for(timeout=30_000)
    finally:
        session.close()


def test_upload_keeps_the_sidecar_takes_a_date_and_says_when_already_stored(browser, search_app):
    url, corpus = search_app
    session = Session(browser, url)
    page = session.page
    try:
        session.open("load")
        new = corpus.parent / "letter.txt"
        new.write_text("Synthetic letter.\n\nThe Westbrook Trust wrote to Northshire Police.\n", encoding="utf-8")
        sidecar = corpus.parent / "letter.txt.meta.yaml"
        sidecar.write_text("title: Synthetic letter to the police\nnote: synthetic\n", encoding="utf-8")
        session.fill(
            "Publication date (YYYY, YYYY-MM or YYYY-MM-DD; applies to every file, over a sidecar's)", "2016-02"
        )
        page.locator("input[type=file]").set_input_files([str(new), str(sidecar), str(corpus / "memo.txt")])
        session.settle(2000)
        page.get_by_text("Synthetic letter to the police").wait_for(timeout=60_000)  # the sidecar's title
        assert page.get_by_text("published 2016-02-01").first.is_visible()
        assert page.get_by_text("metadata from its sidecar").first.is_visible()
        already = page.get_by_text(re.compile("^Already in the store"))
        assert already.count() == 1  # memo.txt was loaded before; the letter was not
        assert not page.get_by_test_id("stException").count()

        session.fill(
            "Publication date (YYYY, YYYY-MM or YYYY-MM-DD; applies to every file, over a sidecar's)", "May 2016"
        )
        page.get_by_text("publication date 'May 2016' is not YYYY, YYYY-MM or YYYY-MM-DD").wait_for(timeout=30_000)
    finally:
        session.close()
