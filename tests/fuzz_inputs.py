"""Hostile inputs for every reader (SYNTHETIC, fictional bodies only) and the property they must keep.

Shared by tests/test_fuzz_readers.py (a quick property run in the suite) and bench/bench_fuzz.py
(the same strategies at scale). The property: reading any file either gives a Document whose text
is non-empty and whose hash is the file's, or raises ReadError naming the file; storing what was
read either works or fails with ModelError (both are per-file failures the pipeline reports).
Anything else (another exception, a hang) is a finding.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from graph.model import ModelError
from loaders.document import ReadError
from loaders.extract.base import NullExtractor
from loaders.pipeline import document_batch
from loaders.readers import read_document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "readers"
EXTENSIONS = (".txt", ".md", ".html", ".pdf", ".docx", ".eml", ".mbox", ".csv", ".jsonl")
SLOW_SECONDS = 20.0  # one small file taking longer than this is a hang, whatever the machine


def _make_fixtures():
    spec = importlib.util.spec_from_file_location("reader_fixtures", FIXTURES / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seed_files(folder: Path) -> dict[str, bytes]:
    """One valid file per extension (the reader fixtures, PDF and DOCX built on the fly) to mutate."""
    fixtures = _make_fixtures()
    folder.mkdir(parents=True, exist_ok=True)
    return {
        ".txt": b"SYNTHETIC. Northshire Police sent the custody audit to the Department of Civic Affairs on 4 March 2019.\n",
        ".md": b"# Review (synthetic)\n\nThe University of Eastmere received the review in April 2019.\n",
        ".html": (FIXTURES / "article.html").read_bytes(),
        ".pdf": fixtures.make_pdf(folder / "seed.pdf").read_bytes(),
        ".docx": fixtures.make_docx(folder / "seed.docx").read_bytes(),
        ".eml": (FIXTURES / "original.eml").read_bytes(),
        ".mbox": (FIXTURES / "thread.mbox").read_bytes(),
        ".csv": (FIXTURES / "register.csv").read_bytes(),
        ".jsonl": (FIXTURES / "register.jsonl").read_bytes(),
    }


# -- strategies ---------------------------------------------------------------------------------


@st.composite
def mutated(draw, seed: bytes) -> bytes:
    """A valid file damaged the way transfers and adversaries damage files: flipped bytes,
    cut or repeated chunks, inserted junk, truncation."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "delete", "insert", "truncate", "repeat"]))
        if op == "flip":
            data[at] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif op == "truncate":
            del data[at:]
        else:
            chunk = data[at : at + draw(st.integers(1, 256))]
            data[at:at] = chunk * draw(st.integers(1, 20))
    return bytes(data)


HOSTILE_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"), st.sampled_from(list("<>&\"'`=+-@;,|\\\x1b\x00\r\n\t\u202e\ufeff"))
    ),
    max_size=400,
)


@st.composite
def structured(draw, ext: str) -> bytes:
    """A file of the right shape with hostile field values (markup, control characters, odd encodings)."""
    value = draw(HOSTILE_TEXT)
    other = draw(HOSTILE_TEXT)
    if ext in (".txt", ".md"):
        return value.encode("utf-8", "surrogatepass")
    if ext == ".html":
        return f"<html><head><title>{value}</title><meta name='date' content='{other}'></head><body><p>{other}</p><script>{value}</script></body></html>".encode()
    if ext in (".eml", ".mbox"):
        head = "From MAILER-DAEMON Thu Jan  1 00:00:00 2019\n" if ext == ".mbox" else ""
        return (
            f"{head}From: {value} <a@northshire.example>\nTo: {other}\nDate: {value}\nSubject: {other}\n"
            f"Message-ID: <{value}>\nContent-Type: text/html; charset={other[:20] or 'utf-8'}\n\n{value}<b>{other}</b>\n"
        ).encode()
    if ext == ".csv":
        rows = draw(st.lists(st.lists(HOSTILE_TEXT, min_size=1, max_size=6), max_size=6))
        body = "\n".join(",".join('"' + c.replace('"', '""') + '"' for c in row) for row in rows)
        return f"date,from,to,title\n{value},{other},Northshire Police,x\n{body}\n".encode()
    if ext == ".jsonl":
        import json

        rows = draw(
            st.lists(
                st.dictionaries(
                    st.sampled_from(["date", "from", "to", "title", "sender", "author", "type", value[:10]]),
                    st.one_of(HOSTILE_TEXT, st.integers(), st.none(), st.lists(HOSTILE_TEXT, max_size=3)),
                ),
                max_size=5,
            )
        )
        return "\n".join(json.dumps(r) for r in rows).encode() + b"\n"
    if ext == ".docx":
        return docx_with(f"<w:p><w:r><w:t>{_xml(value)}</w:t></w:r></w:p>{other}")
    if ext == ".pdf":
        return b"%PDF-1.4\n" + value.encode("utf-8", "surrogatepass") + b"\n%%EOF\n"
    raise ValueError(ext)


def inputs(ext: str, seed: bytes) -> st.SearchStrategy[bytes]:
    """Every way the fuzz run makes a file of this extension."""
    return st.one_of(st.binary(max_size=2048), mutated(seed), structured(ext))


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def docx_with(body_xml: str, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .docx (ZIP) whose document body is `body_xml`, well-formed or not."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body_xml}</w:body></w:document>",
        )
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


# -- hand-made pathological files -----------------------------------------------------------------


def pathological() -> dict[str, tuple[str, Callable[[], bytes]]]:
    """Named worst cases that random generation rarely reaches: deep nesting, entity expansion,
    huge fields, many parts. name -> (extension, builder of the file's bytes)."""
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
        + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
    )
    many_parts = "".join(f"--b\nContent-Type: text/plain\n\npart {i}\n" for i in range(5000))
    return {
        "html-deep-nesting": (
            ".html",
            lambda: (
                b"<html><body>" + b"<div>" * 100_000 + b"Northshire Police" + b"</div>" * 100_000 + b"</body></html>"
            ),
        ),
        "html-unclosed-title": (".html", lambda: b"<html><title>" + b"x" * 200_000),
        "html-entity-flood": (".html", lambda: b"<p>" + b"&amp;&#0;&#xD800;&#1114112;" * 20_000 + b"</p>"),
        "docx-billion-laughs": (".docx", lambda: _docx_raw(laughs.encode())),
        "docx-zip-bomb": (".docx", _docx_plus_bomb),
        "docx-deep-nesting": (".docx", lambda: docx_with("<w:p>" * 50_000 + "</w:p>" * 50_000)),
        "eml-5000-parts": (
            ".eml",
            lambda: (
                f"From: a@northshire.example\nSubject: parts\nContent-Type: multipart/mixed; boundary=b\n\n{many_parts}--b--\n".encode()
            ),
        ),
        "eml-nested-multipart": (".eml", lambda: _nested_mime(200)),
        "eml-huge-header": (
            ".eml",
            lambda: b"From: a@northshire.example\nTo: " + b"x@y.example, " * 100_000 + b"\nSubject: s\n\nbody\n",
        ),
        "mbox-10000-messages": (
            ".mbox",
            lambda: b"".join(
                b"From x@y Thu Jan  1 00:00:00 2019\nFrom: x@northshire.example\nSubject: m%d\n\nbody %d\n\n" % (i, i)
                for i in range(10_000)
            ),
        ),
        "csv-huge-field": (
            ".csv",
            lambda: b'date,from,to,title\n2019,Northshire Police,Eastmere Office,"' + b"x" * 1_000_000 + b'"\n',
        ),
        "csv-unterminated-quote": (
            ".csv",
            lambda: b'date,from,to,title\n2019,"Northshire Police,Eastmere Office,x\n' * 1000,
        ),
        "jsonl-deep-nesting": (".jsonl", lambda: b"[" * 100_000 + b"]" * 100_000 + b"\n"),
        "jsonl-huge-number": (".jsonl", lambda: b'{"date": 1' + b"0" * 100_000 + b', "from": "a", "to": "b"}\n'),
        "pdf-page-tree-loop": (".pdf", _pdf_loop),
        "pdf-header-only": (".pdf", lambda: b"%PDF-1.7\n" + b"\x00" * 4096),
        "txt-one-huge-line": (".txt", lambda: b"Northshire Police " * 200_000),
        "txt-bidi-and-ansi": (
            ".txt",
            lambda: "SYNTHETIC \u202egnirts\u202c \x1b[31mred\x1b[0m <script>alert(1)</script>\n".encode(),
        ),
    }


def _docx_raw(document_xml: bytes) -> bytes:
    base = zipfile.ZipFile(io.BytesIO(docx_with("")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in base.infolist():
            archive.writestr(
                info.filename, document_xml if info.filename == "word/document.xml" else base.read(info.filename)
            )
    return out.getvalue()


def _docx_plus_bomb() -> bytes:
    """A .docx with one extra part that inflates 1 GiB from about 1 MiB."""
    out = io.BytesIO(docx_with("<w:p><w:r><w:t>SYNTHETIC</w:t></w:r></w:p>"))
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/bomb.bin", "w", force_zip64=True) as part,
    ):
        block = b"\0" * (1024 * 1024)
        for _ in range(1024):
            part.write(block)
    return out.getvalue()


def _nested_mime(depth: int) -> bytes:
    text = "SYNTHETIC innermost part\n"
    for level in range(depth):
        text = f"Content-Type: multipart/mixed; boundary=b{level}\n\n--b{level}\n{text}\n--b{level}--\n"
    return ("From: a@northshire.example\nSubject: nested\n" + text).encode()


def _pdf_loop() -> bytes:
    """A PDF whose page tree points back at itself."""
    objects = [
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
        b"2 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n",
        b"3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n",
        b"4 0 obj << /Length 44 >> stream\nBT /F1 12 Tf 72 712 Td (Northshire) Tj ET\nendstream endobj\n",
    ]
    body = b"%PDF-1.4\n" + b"".join(objects)
    return body + b"trailer << /Root 1 0 R /Size 5 >>\n%%EOF\n"


# -- hostile files that are not just bytes: special files, links, sidecars, inflated XML ----------

YAML_ALIAS_BOMB = (
    "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    + "note: *i\n"
)  # 9^9 leaves from ~350 bytes


def write_docx_xml_bomb(
    path: Path, inflated: int, text_per_paragraph: str = "Synthetic line of the Eastmere panel. "
) -> Path:
    """A valid .docx whose word/document.xml inflates to about `inflated` bytes, mostly run and
    paragraph properties (as Word writes them), from a file of a few MB: streamed, never held whole."""
    base = zipfile.ZipFile(io.BytesIO(docx_with("")))
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    )
    run = (
        b'<w:r><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:sz w:val="22"/></w:rPr>'
        b'<w:t xml:space="preserve">' + text_per_paragraph.encode() + b"</w:t></w:r>"
    )
    block = (b'<w:p><w:pPr><w:pStyle w:val="Normal"/><w:spacing w:after="120"/></w:pPr>' + run * 3 + b"</w:p>") * 1000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for info in base.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info.filename, base.read(info.filename))
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head)
            written = len(head)
            while written < inflated:
                part.write(block)
                written += len(block)
            part.write(b"</w:body></w:document>")
    return path


def special_files() -> dict[str, Callable[[Path], Path]]:
    """Named hostile files that random bytes never make: name -> maker(folder) -> the path to load.
    Each must fail alone, quickly and without reading unbounded data."""

    def fifo(folder: Path) -> Path:
        os.mkfifo(folder / "pipe.txt")
        return folder / "pipe.txt"

    def zero_link(folder: Path) -> Path:
        (folder / "zero.txt").symlink_to("/dev/zero")
        return folder / "zero.txt"

    def sparse(folder: Path) -> Path:
        with open(folder / "sparse.txt", "wb") as handle:
            handle.truncate(6 * 1024**3)  # 6 GiB of holes: no disk used
        return folder / "sparse.txt"

    def alias_bomb_sidecar(folder: Path) -> Path:
        (folder / "laughs.txt").write_text(
            "SYNTHETIC memo. Northshire Police wrote to the Eastmere panel.\n", encoding="utf-8"
        )
        (folder / "laughs.txt.meta.yaml").write_text(YAML_ALIAS_BOMB, encoding="utf-8")
        return folder / "laughs.txt"

    def docx_xml_bomb(folder: Path) -> Path:  # under the 1 GiB archive limit, over the document.xml one
        return write_docx_xml_bomb(folder / "inflated.docx", 1_040_000_000)

    return {
        "fifo": fifo,
        "dev-zero-link": zero_link,
        "sparse-6gib": sparse,
        "yaml-alias-bomb-sidecar": alias_bomb_sidecar,
        "docx-xml-bomb-under-archive-limit": docx_xml_bomb,
    }


# -- the property -------------------------------------------------------------------------------


@dataclass
class Outcome:
    kind: str  # document | read_error | model_error
    seconds: float
    detail: str = ""


def check_file(path: Path) -> Outcome:
    """Read and batch one file; AssertionError (with the input's path) on any behaviour outside the contract."""
    started = time.monotonic()
    try:
        document = read_document(path)
        batch = document_batch(document, NullExtractor())
        batch.deduplicated().check_references({n.id for n in batch.nodes})
    except ReadError as error:
        assert str(path) in str(error), f"ReadError without the file's path: {error}"
        return Outcome("read_error", time.monotonic() - started, error.reason)
    except ModelError as error:
        return Outcome("model_error", time.monotonic() - started, str(error))
    seconds = time.monotonic() - started
    assert seconds < SLOW_SECONDS, f"{path.name} took {seconds:.1f} s"
    assert document.text.strip(), "a Document with no text"
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    for claim in batch.claims:
        assert 0 <= claim.char_start <= claim.char_end <= len(document.text), (
            f"evidence offsets outside the text: {claim}"
        )
    return Outcome("document", seconds)
