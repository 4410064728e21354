"""Word (.docx): paragraphs and table rows in document order (python-docx), titled and dated by core properties."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from loaders.document import Document, ReadError
from loaders.readers.common import max_file_bytes, read_bytes, sha256

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# A DOCX is a ZIP: refuse archives that would inflate far beyond the file size limit (zip bombs).
INFLATION_FACTOR = 20
CELL_SEPARATOR = " | "


def read_docx(path: Path) -> Document:
    data = read_bytes(path)
    _check_archive(path, data)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(document))
        title, published = _core_properties(document)
    except ReadError:
        raise
    except Exception as error:  # python-docx/lxml raise many kinds of error on broken parts; all mean a bad file
        raise ReadError(path, f"not a readable Word document ({type(error).__name__}: {error})") from None
    text = "\n\n".join(b for b in blocks if b)
    if not text.strip():
        raise ReadError(path, "Word document contains no text")
    return Document(
        path=path, text=text, sha256=sha256(data), media_type=MEDIA_TYPE, title=title,
        published=published, published_precision="day" if published else None,
    )


def _check_archive(path: Path, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            inflated = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ReadError(path, "not a Word document (.docx must be a ZIP archive; is it an old binary .doc?)") from None
    if "word/document.xml" not in names:
        raise ReadError(path, "ZIP archive without word/document.xml; not a Word document")
    if inflated > INFLATION_FACTOR * max_file_bytes():
        raise ReadError(path, f"archive would inflate to {inflated:,} bytes; refused as a possible zip bomb")


def _blocks(document) -> list[str]:
    """Paragraph texts and table rows (cells joined, merged cells once) in body order."""
    out: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            out.append(item.text.strip())
        elif isinstance(item, Table):
            out.extend(_table_rows(item))
    return out


def _table_rows(table: Table) -> list[str]:
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            text = " ".join(cell.text.split())
            if text:
                cells.append(text)
        rows.append(CELL_SEPARATOR.join(cells))
    return rows


def _core_properties(document) -> tuple[str | None, str | None]:
    props = document.core_properties
    title = " ".join((props.title or "").split()) or None
    created = props.created
    return title, created.date().isoformat() if isinstance(created, datetime) else None
