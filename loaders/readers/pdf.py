"""PDF: the text layer page by page (pypdf), with where each page starts so evidence can name its page.

Scanned pages have no text layer and OCR is not supported: such pages are reported, and a PDF with no
text at all is refused. Pages read are bounded by env `KFLOW_MAX_PDF_PAGES` (default 2000) so that a
hostile or enormous file cannot keep a load busy indefinitely.
"""

from __future__ import annotations

import io
import logging
from datetime import datetime
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from loaders.document import Document, ReadError
from loaders.readers.common import env_int, read_bytes, sha256

MAX_PDF_PAGES = 2000
PAGE_SEPARATOR = "\n\n"
ENCRYPTED = "encrypted PDF; decrypt it first"

# pypdf logs every oddity it recovers from (as warnings and errors); what matters reaches the user as a
# ReadError or a Document warning, so its log would only be noise on the console of a bulk load.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)


def read_pdf(path: Path) -> Document:
    data = read_bytes(path)
    warnings: list[str] = []
    reader = _open(path, data, warnings)
    texts = _page_texts(path, reader, warnings)
    text, page_starts = _join(texts)
    if not text.strip():
        raise ReadError(path, "PDF has no text layer on any page (scanned? OCR is not supported)")
    title, published = _metadata(reader)
    return Document(
        path=path,
        text=text,
        sha256=sha256(data),
        media_type="application/pdf",
        title=title,
        published=published,
        published_precision="day" if published else None,
        page_starts=page_starts,
        warnings=warnings,
    )


def _open(path: Path, data: bytes, warnings: list[str]) -> PdfReader:
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise ReadError(path, "not a PDF (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(path, reader, warnings)
        len(reader.pages)  # forces the page tree to parse, where corrupt files fail
    except ReadError:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise ReadError(path, ENCRYPTED) from None
    except PdfReadError as error:
        raise ReadError(path, f"corrupt PDF ({error})") from None
    except Exception as error:  # pypdf raises assorted errors on damaged files; each is a bad file, not a crash
        raise ReadError(path, f"corrupt PDF ({type(error).__name__}: {error})") from None
    return reader


def _decrypt(path: Path, reader: PdfReader, warnings: list[str]) -> None:
    """Files locked only against editing open with an empty password and read normally; others are refused."""
    try:
        opened = reader.decrypt("")
    except (DependencyError, NotImplementedError):
        raise ReadError(path, f"{ENCRYPTED} (its encryption needs a library kflow does not install)") from None
    if not opened:
        raise ReadError(path, ENCRYPTED)
    warnings.append("PDF is encrypted with an empty user password; read without one")


def _page_texts(path: Path, reader: PdfReader, warnings: list[str]) -> list[str]:
    try:
        limit = env_int("KFLOW_MAX_PDF_PAGES", MAX_PDF_PAGES)
    except ValueError as error:
        raise ReadError(path, str(error)) from None
    total = len(reader.pages)
    if total > limit:
        warnings.append(f"PDF has {total} pages; read only the first {limit} (KFLOW_MAX_PDF_PAGES)")
    texts: list[str] = []
    for number in range(1, min(total, limit) + 1):
        try:
            raw = reader.pages[number - 1].extract_text() or ""
        except Exception as error:  # one damaged page must not lose the others
            warnings.append(f"page {number} could not be read ({type(error).__name__}); skipped")
            raw = ""
        else:
            if not raw.strip():
                warnings.append(f"page {number} has no text layer (scanned? OCR is not supported)")
        texts.append(_clean(raw))
    return texts


def _clean(raw: str) -> str:
    text = raw.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _join(texts: list[str]) -> tuple[str, list[int]]:
    """One text with a blank line between pages; page_starts[i] is where page i+1 begins."""
    starts: list[int] = []
    offset = 0
    for index, page in enumerate(texts):
        if index:
            offset += len(PAGE_SEPARATOR)
        starts.append(offset)
        offset += len(page)
    return PAGE_SEPARATOR.join(texts), starts


def _metadata(reader: PdfReader) -> tuple[str | None, str | None]:
    try:
        meta = reader.metadata
        title = (meta.title or "").strip() if meta else ""
        created = meta.creation_date if meta else None
    except Exception:  # unreadable metadata leaves the document untitled and undated, not unread
        return None, None
    published = created.date().isoformat() if isinstance(created, datetime) else None
    return " ".join(title.split()) or None, published
