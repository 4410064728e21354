"""HTML, PDF and DOCX readers: main text, metadata, page offsets (synthetic fixtures, fictional bodies)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from loaders.document import ReadError
from loaders.readers import read_document

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
_spec = importlib.util.spec_from_file_location("reader_fixtures", FIXTURES / "make_fixtures.py")
make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make)


def test_html_keeps_article_text_and_drops_scripts_navigation_and_boilerplate():
    document = read_document(FIXTURES / "article.html")
    assert "sent its review of custody records to Northshire Police on 5 March 2019." in document.text
    assert "University of Eastmere & the force" in document.text
    for furniture in (
        "do not read me",
        "injected",
        "We use cookies",
        "Home",
        "Share this",
        "Other stories",
        "Copyright",
        "font-family",
    ):
        assert furniture not in document.text
    assert document.media_type == "text/html"


def test_html_markup_in_the_page_stays_plain_text():
    document = read_document(FIXTURES / "article.html")
    assert "<script>alert(1)</script> is just text here." in document.text  # escaped in the page, so text


def test_html_title_date_and_url_come_from_page_metadata():
    document = read_document(FIXTURES / "article.html")
    assert document.title == "Custody review sent to Northshire Police"
    assert (document.published, document.published_precision) == ("2019-03-06", "day")
    assert document.url == "https://news.civic-affairs.example/custody-review"


def test_html_date_from_time_element_and_json_ld(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<html><body><article><time datetime="2020-07-14">14 July</time><p>SYNTHETIC text.</p></article></body></html>'
    )
    assert read_document(page).published == "2020-07-14"
    page.write_text(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2017-02"}</script>'
        "</head><body><p>SYNTHETIC text.</p></body></html>"
    )
    assert (read_document(page).published, read_document(page).published_precision) == ("2017-02-01", "month")


def test_malformed_html_still_reads_its_text():
    document = read_document(FIXTURES / "malformed.html")
    assert "The Eastmere Safeguarding Panel met on 2 April 2018." in document.text
    assert "received the audit in January 2018." in document.text
    assert "Members asked for the full report." in document.text


def test_html_without_text_fails_with_reason(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><script>var x = 1;</script></head><body><nav>Home</nav></body></html>")
    with pytest.raises(ReadError, match="no readable text"):
        read_document(page)


def test_html_in_declared_cp1252_charset_reads_with_warning(tmp_path):
    page = tmp_path / "old.html"
    page.write_bytes(
        '<html><head><meta charset="windows-1252"></head><body><p>SYNTHETIC caf\u00e9 \u2018quoted\u2019 note.</p></body></html>'.encode(
            "cp1252"
        )
    )
    document = read_document(page)
    assert "caf\u00e9 \u2018quoted\u2019 note." in document.text
    assert any("windows-1252" in w for w in document.warnings)


def test_pdf_reads_pages_with_page_starts_and_warns_on_pages_without_text(tmp_path):
    document = read_document(make.make_pdf(tmp_path / "audit.pdf"))
    assert len(document.page_starts) == 3
    first = document.text.index("Northshire Police received")
    third = document.text.index("The Department of Civic Affairs sent")
    assert document.page_of(first) == 1 and document.page_of(third) == 3
    assert document.text[document.page_starts[2] :].startswith("The Department of Civic Affairs")
    assert document.warnings == ["page 2 has no text layer (scanned? OCR is not supported)"]
    assert (document.title, document.published) == ("Custody audit (synthetic)", "2019-03-04")


def test_pdf_without_any_text_fails(tmp_path):
    with pytest.raises(ReadError, match=r"no text layer on any page \(scanned\? OCR is not supported\)"):
        read_document(make.make_pdf(tmp_path / "scan.pdf", pages=["", ""]))


def test_pdf_page_limit_reads_only_the_first_pages(tmp_path, monkeypatch):
    monkeypatch.setenv("KFLOW_MAX_PDF_PAGES", "1")
    document = read_document(make.make_pdf(tmp_path / "audit.pdf"))
    assert "University of Eastmere" not in document.text
    assert "PDF has 3 pages; read only the first 1 (KFLOW_MAX_PDF_PAGES)" in document.warnings


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_pdf_with_empty_user_password_reads(tmp_path, algorithm):
    document = read_document(
        make.make_encrypted_pdf(tmp_path / "restricted.pdf", user_password="", algorithm=algorithm)
    )
    assert "Northshire Police received the custody audit" in document.text
    assert "PDF is encrypted with an empty user password; read without one" in document.warnings


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_pdf_locked_by_a_password_is_refused(tmp_path, algorithm):
    with pytest.raises(ReadError, match="encrypted PDF; decrypt it first$"):
        read_document(make.make_encrypted_pdf(tmp_path / "locked.pdf", user_password="secret", algorithm=algorithm))


def test_docx_reads_paragraphs_and_table_rows_in_order_with_core_properties(tmp_path):
    document = read_document(make.make_docx(tmp_path / "minutes.docx"))
    text = document.text
    assert (
        text.index("Eastmere Safeguarding Panel")
        < text.index("2 April 2018 | Northshire Police | University of Eastmere")
        < text.index("Members asked")
    )
    assert (document.title, document.published, document.published_precision) == (
        "Panel minutes (synthetic)",
        "2018-04-02",
        "day",
    )
