"""Writing a chronology to files: one renderer per format, chosen by name."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from graph.report.model import Chronology

FORMATS = ("md", "docx", "pdf")


def renderer(fmt: str) -> Callable[[Chronology], bytes]:
    """The function writing `fmt` ("md", "docx", "pdf") as bytes; imported late (ReportLab, python-docx)."""
    if fmt == "md":
        from graph.report.markdown import render_markdown

        return lambda chronology: render_markdown(chronology).encode("utf-8")
    if fmt == "docx":
        from graph.report.docx_render import render_docx

        return render_docx
    if fmt == "pdf":
        from graph.report.pdf import render_pdf

        return render_pdf
    raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")


def write_chronology(chronology: Chronology, stem: Path, formats: Iterable[str] = FORMATS) -> list[Path]:
    """Render every format first, then write STEM.md / STEM.docx / STEM.pdf; nothing is written
    when a renderer fails, and a missing folder is an error rather than created."""
    if not stem.parent.is_dir():
        raise FileNotFoundError(f"folder {stem.parent} does not exist")
    rendered = {fmt: renderer(fmt)(chronology) for fmt in dict.fromkeys(formats)}
    paths = []
    for fmt, data in rendered.items():
        path = stem.with_name(f"{stem.name}.{fmt}")
        path.write_bytes(data)
        paths.append(path)
    return paths
