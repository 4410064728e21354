"""Which reader handles which extension, and the sidecar metadata every document may carry."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from loaders.document import Document, ReadError
from loaders.readers.common import normalise_published, sidecar_metadata
from loaders.readers.mail import read_eml, read_mbox
from loaders.readers.pdf import read_pdf
from loaders.readers.register import read_register
from loaders.readers.sidecar_grades import sidecar_grades
from loaders.readers.text import read_text
from loaders.readers.webpage import read_html
from loaders.readers.word import read_docx

Reader = Callable[[Path], Document]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_text,
    ".markdown": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".eml": read_eml,
    ".mbox": read_mbox,
    ".csv": read_register,
    ".jsonl": read_register,
}


def supported_extensions() -> list[str]:
    return sorted(READERS)


def read_document(path: Path, published: str | None = None) -> Document:
    """Read one file with the reader for its extension; sidecar and `published` override what it found."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(
            path, f"unknown file type {path.suffix or '(none)'!r}; kflow reads {', '.join(supported_extensions())}"
        )
    if path.is_dir():
        raise ReadError(path, "is a directory")
    document = reader(path)
    meta = sidecar_metadata(path)
    chosen = published or meta.get("published")
    if chosen:
        document.published, document.published_precision = normalise_published(chosen, path)
    document.title = str(meta.get("title") or document.title or path.name)
    document.note = meta.get("note") or document.note
    document.url = meta.get("url") or document.url
    document.publisher = meta.get("publisher") or document.publisher
    document.reliability, document.credibility = sidecar_grades(path, meta)
    return document
