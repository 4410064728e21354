"""Plain text and Markdown: the text as is, titled by its first line unless a sidecar says otherwise."""

from __future__ import annotations

from pathlib import Path

from loaders.document import Document
from loaders.readers.common import decode_text, read_bytes, sha256


def read_text(path: Path) -> Document:
    data = read_bytes(path)
    warnings: list[str] = []
    text = decode_text(path, data, warnings)
    first_line = next((line.strip().lstrip("# ").strip() for line in text.splitlines() if line.strip()), None)
    media_type = "text/markdown" if path.suffix.lower() in {".md", ".markdown"} else "text/plain"
    return Document(
        path=path, text=text, sha256=sha256(data), media_type=media_type, title=first_line, warnings=warnings
    )
