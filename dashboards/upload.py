"""Upload-side helpers for the Load page: pair each uploaded document with its uploaded sidecar
(`NAME.meta.yaml`: title, publication date, note, url) and keep the two side by side, so the
reader applies the sidecar exactly as `kflow load` does for files on disk."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dashboards.review import save_upload
from loaders.document import ReadError
from loaders.readers.common import MAX_SIDECAR_BYTES, normalise_published

SIDECAR_SUFFIX = ".meta.yaml"


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes
    sidecar: bytes | None = None


def pair_sidecars(files: list[tuple[str, bytes]]) -> tuple[list[Upload], list[str]]:
    """Documents with their sidecars (`doc.txt.meta.yaml` or `doc.meta.yaml`), and the names of
    uploaded YAML files that are no document's sidecar (reported, not read)."""
    documents = [(n, d) for n, d in files if not n.lower().endswith((".yaml", ".yml"))]
    sidecars = {n: d for n, d in files if n.endswith(SIDECAR_SUFFIX)}
    used: set[str] = set()
    paired = []
    for name, data in documents:
        found = next(
            (c for c in (name + SIDECAR_SUFFIX, Path(name).stem + SIDECAR_SUFFIX) if c in sidecars and c not in used),
            None,
        )
        if found:
            used.add(found)
        paired.append(Upload(name, data, sidecars[found] if found else None))
    unpaired = [n for n, _ in files if n.lower().endswith((".yaml", ".yml")) and n not in used]
    return paired, unpaired


def save_with_sidecar(upload: Upload, folder: Path) -> Path:
    """Save the document (`save_upload`) and put its sidecar beside it, or remove a sidecar left
    there by an earlier upload of the same file, so what is read is what was uploaded now."""
    if upload.sidecar is not None and len(upload.sidecar) > MAX_SIDECAR_BYTES:
        raise ReadError(
            upload.name, f"sidecar is {len(upload.sidecar):,} bytes, over the {MAX_SIDECAR_BYTES:,}-byte limit"
        )
    path = save_upload(upload.name, upload.data, folder)
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if os.path.lexists(sidecar):
        sidecar.unlink()
    stem_sidecar = path.with_suffix(SIDECAR_SUFFIX)
    if os.path.lexists(stem_sidecar):
        stem_sidecar.unlink()
    if upload.sidecar is not None:
        descriptor = os.open(sidecar, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(upload.sidecar)
    return path


def checked_published(text: str) -> str | None:
    """The publication date typed on the page, or None; ReadError naming the problem when malformed."""
    text = text.strip()
    if not text:
        return None
    normalise_published(text, Path("publication date"))
    return text
