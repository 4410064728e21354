"""Word (.docx): paragraphs and table rows in document order, titled and dated by core properties.

`word/document.xml` is streamed with lxml's `iterparse`: each element is handled when it ends and
then removed from the tree, so memory holds only the open elements (the path from the root to the
current one) and the text found, never the whole parsed tree. python-docx built the whole tree,
about 10x the XML's size: a 3 MB file inflating to 1 GB took 10 GB of memory.

The text is what python-docx gave: a paragraph is the text of its runs (directly, or inside a
hyperlink): `w:t`, tabs, line breaks, non-breaking hyphens; a table row is its cells joined by
CELL_SEPARATOR, a horizontally merged cell once, a vertically merged one repeated down its rows;
tables nested in a cell, text boxes and content controls are left out as before.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from loaders.document import Document, ReadError
from loaders.readers.common import max_file_bytes, read_bytes, sha256

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# A DOCX is a ZIP: refuse archives that would inflate far beyond the file size limit (zip bombs).
INFLATION_FACTOR = 20
# word/document.xml alone: real documents' XML is a few MB; reading costs time in proportion (~5 s per 100 MB).
DOCUMENT_XML_FACTOR = 4
CELL_SEPARATOR = " | "
CORE_PART = "docProps/core.xml"
MAX_CORE_BYTES = 1024 * 1024  # title and dates; anything bigger is not core properties
MAX_ROW_CELLS = 4096  # Word allows 63 columns; a row of millions of cells is an attack on memory

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_BODY, W_P, W_R, W_HYPERLINK, W_TBL, W_TR, W_TC, W_TCPR = (
    W + n for n in ("body", "p", "r", "hyperlink", "tbl", "tr", "tc", "tcPr")
)
W_GRIDSPAN, W_VMERGE, W_VAL, W_BR, W_TYPE = (W + n for n in ("gridSpan", "vMerge", "val", "br", "type"))
RUN_TEXT = {W + "tab": "\t", W + "ptab": "\t", W + "cr": "\n", W + "noBreakHyphen": "-"}
HANDLED = frozenset({W + "t", W_BR, *RUN_TEXT, W_P, W_GRIDSPAN, W_VMERGE, W_TC, W_TR, W_TBL})
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
DC_CREATED = "{http://purl.org/dc/terms/}created"


def read_docx(path: Path) -> Document:
    data = read_bytes(path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_archive(path, archive)
            text = _body_text(path, archive)
            title, published = _core_properties(archive)
    except ReadError:
        raise
    except zipfile.BadZipFile:
        raise ReadError(path, "not a Word document (.docx must be a ZIP archive; is it an old binary .doc?)") from None
    except Exception as error:  # zipfile/lxml raise many kinds of error on broken parts; all mean a bad file
        raise ReadError(path, f"not a readable Word document ({type(error).__name__}: {error})") from None
    if not text.strip():
        raise ReadError(path, "Word document contains no text")
    return Document(
        path=path,
        text=text,
        sha256=sha256(data),
        media_type=MEDIA_TYPE,
        title=title,
        published=published,
        published_precision="day" if published else None,
    )


def _check_archive(path: Path, archive: zipfile.ZipFile) -> None:
    names = set(archive.namelist())
    inflated = sum(info.file_size for info in archive.infolist())
    if "word/document.xml" not in names:
        raise ReadError(path, "ZIP archive without word/document.xml; not a Word document")
    if inflated > INFLATION_FACTOR * max_file_bytes():
        raise ReadError(path, f"archive would inflate to {inflated:,} bytes; refused as a possible zip bomb")
    body = archive.getinfo("word/document.xml").file_size  # zipfile stops at this size, so it cannot lie upward
    if body > DOCUMENT_XML_FACTOR * max_file_bytes():
        raise ReadError(
            path,
            f"word/document.xml would inflate to {body:,} bytes, over the {DOCUMENT_XML_FACTOR * max_file_bytes():,}-byte "
            f"limit for a document's text ({DOCUMENT_XML_FACTOR} x KFLOW_MAX_FILE_BYTES); refused as a possible XML bomb",
        )


def _parser_options() -> dict:
    """No DTD, no entity expansion, no network, libxml2's default depth and size limits (no huge_tree)."""
    return {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


def _body_text(path: Path, archive: zipfile.ZipFile) -> str:
    """The body's paragraphs and table rows, joined by blank lines, streamed from word/document.xml.

    Refused once the text passes the file size limit in characters: a document yielding more text
    than a text file may hold is refused like that file would be.
    """
    limit = max_file_bytes()
    blocks: list[str] = []
    size = 0
    runs: dict[etree._Element, list[str]] = {}  # open paragraph -> its run text so far
    cells: dict[etree._Element, list[str]] = {}  # open cell -> its paragraphs' text
    spans: dict[etree._Element, tuple[int, str | None]] = {}  # open cell -> (gridSpan, vMerge)
    rows: dict[etree._Element, list[tuple[str, int, str | None]]] = {}  # open row -> its cells
    above: dict[etree._Element, dict[int, str]] = {}  # open table -> grid column -> text (for vMerge)
    with archive.open("word/document.xml") as stream:
        for _, element in etree.iterparse(stream, events=("end",), **_parser_options()):
            tag = element.tag
            parent = element.getparent()
            if tag not in HANDLED:  # most elements (run and paragraph properties): just let go
                if parent is not None:
                    parent.remove(element)
                continue
            block = None
            if tag == W + "t" or tag in RUN_TEXT or tag == W_BR:
                size += _run_text(element, tag, parent, runs)
            elif tag == W_P:
                text = "".join(runs.pop(element, ()))
                if parent is not None and parent.tag == W_TC:
                    if text.strip():
                        cells.setdefault(parent, []).append(text)
                elif parent is not None and parent.tag == W_BODY:
                    block = text.strip()
            elif (tag in (W_GRIDSPAN, W_VMERGE)) and parent is not None and parent.tag == W_TCPR:
                cell = parent.getparent()
                span, merge = spans.get(cell, (1, None))
                if tag == W_GRIDSPAN:
                    span = _int(element.get(W_VAL))
                else:
                    merge = element.get(W_VAL) or "continue"
                spans[cell] = (span, merge)
            elif tag == W_TC:
                span, merge = spans.pop(element, (1, None))
                text = " ".join("\n".join(cells.pop(element, ())).split())
                if parent is not None:
                    row = rows.setdefault(parent, [])
                    if len(row) >= MAX_ROW_CELLS:
                        raise ReadError(path, f"a table row has more than {MAX_ROW_CELLS:,} cells; not a Word table")
                    row.append((text, span, merge))
            elif tag == W_TR:
                table = parent
                row = _row(rows.pop(element, []), above.setdefault(table, {}) if table is not None else {})
                if table is not None and table.getparent() is not None and table.getparent().tag == W_BODY:
                    block = row
            elif tag == W_TBL:
                above.pop(element, None)
            if block:
                blocks.append(block)
                size += 2
            if size > limit:
                raise ReadError(
                    path,
                    f"Word document text passes {limit:,} characters, the file size limit (KFLOW_MAX_FILE_BYTES); refused",
                )
            if parent is not None:
                parent.remove(element)  # done with it: the tree never holds more than the open elements
    return "\n\n".join(blocks)


def _run_text(element: etree._Element, tag: str, run: etree._Element | None, runs: dict) -> int:
    """Text of a run's child, kept for its paragraph when the run sits in one (directly or in a
    hyperlink); returns the characters kept, so the text limit is checked before the paragraph ends."""
    if run is None or run.tag != W_R:
        return 0
    paragraph = run.getparent()
    if paragraph is not None and paragraph.tag == W_HYPERLINK:
        paragraph = paragraph.getparent()
    if paragraph is None or paragraph.tag != W_P:
        return 0
    if tag == W + "t":
        text = element.text or ""
    elif tag == W_BR:
        text = "\n" if element.get(W_TYPE, "textWrapping") == "textWrapping" else ""
    else:
        text = RUN_TEXT[tag]
    if text:
        runs.setdefault(paragraph, []).append(text)
    return len(text)


def _row(cells: list[tuple[str, int, str | None]], above: dict[int, str]) -> str:
    """A row's cell texts joined; a vertically merged continuation cell shows the text of its first cell."""
    texts: list[str] = []
    column = 0
    for text, span, merge in cells:
        if merge == "continue":
            text = above.get(column, "")
        else:
            for offset in range(span):
                above[column + offset] = text
        if text:
            texts.append(text)
        column += span
    return CELL_SEPARATOR.join(texts)


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 64))  # Word allows at most 63 columns
    except ValueError:
        return 1


def _core_properties(archive: zipfile.ZipFile) -> tuple[str | None, str | None]:
    """Title and creation date (UTC, as python-docx gave it) from docProps/core.xml, when present and small."""
    try:
        info = archive.getinfo(CORE_PART)
    except KeyError:
        return None, None
    if info.file_size > MAX_CORE_BYTES:
        return None, None
    with archive.open(info) as part:
        data = part.read(MAX_CORE_BYTES + 1)
    root = etree.fromstring(data, etree.XMLParser(**_parser_options()))
    title = " ".join((root.findtext(DC_TITLE) or "").split()) or None
    return title, _created(root.findtext(DC_CREATED))


def _created(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    try:
        created = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if created.tzinfo is not None:
        created = created.astimezone(UTC)
    return created.date().isoformat()
