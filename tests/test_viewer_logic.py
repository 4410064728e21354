"""The viewer's and the Load page's logic without a browser: spans, escaping, links, sidecar pairing."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboards.document import DocumentView, MarkedClaim, document_html, document_link, parse_span
from dashboards.search import snippet_html
from dashboards.upload import Upload, checked_published, pair_sidecars, save_with_sidecar
from graph.model import Claim, Node
from graph.search import Snippet
from loaders.document import ReadError
from loaders.readers import read_document

TEXT = "Synthetic. <b>Northshire Police</b> sent the Eastmere Review. The Department of Civic Affairs filed it."


def _view(focus: tuple[int, int] | None) -> DocumentView:
    source = Node("source:1111111111111111", "Source", "synthetic", props={"text": TEXT})
    first = TEXT.index("<b>")
    second = TEXT.index("The Department")
    claims = [
        Claim("SENT", "agency:a", "report:r", source.id, TEXT[first:second], first, second - 1, 0.9, "test"),
        Claim("RECEIVED", "agency:b", "report:r", source.id, TEXT[second:], second, len(TEXT), 0.8, "test"),
    ]
    marked = [MarkedClaim(1, claims[0], "<i>Northshire</i>", "Eastmere Review"), MarkedClaim(2, claims[1], "DCA", "R")]
    return DocumentView(source, TEXT, focus, marked)


def test_the_focus_span_is_marked_and_every_claim_numbered_with_text_escaped():
    start = TEXT.index("Eastmere")
    html = document_html(_view((start, start + len("Eastmere Review"))))
    assert '<mark class="kf-focus" id=kf-focus><span class="kf-claim kf-c1">Eastmere Review</span></mark>' in html
    assert '<sup class="kf-n" data-claim="1">1</sup>' in html and '<sup class="kf-n" data-claim="2">2</sup>' in html
    assert "&lt;b&gt;Northshire Police&lt;/b&gt;" in html and "<b>Northshire" not in html
    assert "&lt;i&gt;Northshire&lt;/i&gt;" in html  # names in the margin are escaped too
    assert html.count("<li data-claim=") == 2


def test_spans_outside_the_text_are_ignored():
    assert parse_span("5", "2", 10) is None and parse_span("0", "11", 10) is None and parse_span("x", "3", 10) is None
    assert parse_span("2", "5", 10) == (2, 5)
    assert "kf-focus" not in document_html(_view(None)).split("<script>")[0].split("</style>")[1]


def test_links_and_snippets_are_escaped():
    assert document_link("source:ab", 3, 9) == "document?source=source%3Aab&start=3&end=9"
    assert document_link("source:ab", 9, 3) == "document?source=source%3Aab"
    html = snippet_html(Snippet((("<img src=x>", False), ("<b>", True)), 0, 3), 'source:"x')
    assert "&lt;img src=x&gt;<mark>&lt;b&gt;</mark>" in html and "source%3A%22x" in html


def test_sidecars_pair_with_their_documents():
    paired, unpaired = pair_sidecars(
        [("a.txt", b"A"), ("a.txt.meta.yaml", b"title: A"), ("b.md", b"B"), ("b.meta.yaml", b"t"), ("c.yaml", b"x")]
    )
    assert paired == [Upload("a.txt", b"A", b"title: A"), Upload("b.md", b"B", b"t")]
    assert unpaired == ["c.yaml"]


def test_an_uploaded_sidecar_is_read_and_a_stale_one_removed(tmp_path: Path):
    text = b"Synthetic. The Westbrook Trust met.\n"
    path = save_with_sidecar(Upload("note.txt", text, b"title: Synthetic note\npublished: 2011\n"), tmp_path)
    document = read_document(path)
    assert document.title == "Synthetic note" and document.published == "2011-01-01"
    again = save_with_sidecar(Upload("note.txt", text), tmp_path)
    assert again == path and read_document(again).title != "Synthetic note"
    with pytest.raises(ReadError, match="sidecar is"):
        save_with_sidecar(Upload("note.txt", text, b"x" * 70_000), tmp_path)


def test_the_publication_date_field_is_checked():
    assert checked_published(" 2016-02 ") == "2016-02" and checked_published("") is None
    with pytest.raises(ReadError, match="is not YYYY, YYYY-MM or YYYY-MM-DD"):
        checked_published("May 2016")


def test_claim_tables_link_each_row_to_its_evidence_span():
    from dashboards.widgets import claims_frame

    claim = _view(None).claims[0].claim
    frame = claims_frame([claim], {}, {})
    assert list(frame["context"]) == [
        f"document?source=source%3A1111111111111111&start={claim.char_start}&end={claim.char_end}"
    ]
