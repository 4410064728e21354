"""Every reader on malformed and random input (SYNTHETIC): a Document or a ReadError, never a crash or a hang.

A quick property run (hypothesis) per extension plus named worst cases; bench/bench_fuzz.py runs the
same strategies at scale and records what it tried in docs/reliability.md. Also the limits that bound
a hostile file: size, PDF pages, header length, and the per-file time limit of the pipeline.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from graph.embedded import EmbeddedStore
from loaders.document import Document, Extraction
from loaders.extract.base import Extractor, NullExtractor
from loaders.pipeline import load_paths
from loaders.readers import read_document
from tests.fuzz_inputs import EXTENSIONS, check_file, inputs, pathological, seed_files

EXAMPLES = 25  # per extension here; the bench runs thousands


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, bytes]:
    return seed_files(tmp_path_factory.mktemp("seeds"))


@pytest.mark.parametrize("ext", EXTENSIONS)
def test_seed_files_read_as_documents(seeds, ext, tmp_path):
    path = tmp_path / f"seed{ext}"
    path.write_bytes(seeds[ext])
    assert check_file(path).kind == "document"


@pytest.mark.parametrize("ext", EXTENSIONS)
def test_random_and_damaged_files_give_a_document_or_a_read_error(seeds, ext, tmp_path):
    counter = iter(range(10**9))

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=inputs(ext, seeds[ext]))
    def prop(data: bytes) -> None:
        path = tmp_path / f"fuzz-{next(counter)}{ext}"
        path.write_bytes(data)
        check_file(path)

    prop()


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(pathological()))
def test_worst_case_files_are_read_or_refused_quickly(name, tmp_path):
    ext, build = pathological()[name]
    path = tmp_path / f"{name}{ext}"
    path.write_bytes(build())
    started = time.process_time()  # CPU time: a blow-up shows, a busy machine does not
    outcome = check_file(path)
    spent = time.process_time() - started
    assert spent < 15, f"{name} took {spent:.1f} CPU s"
    if name == "docx-zip-bomb":
        assert outcome.kind == "read_error" and "zip bomb" in outcome.detail
    if name == "html-deep-nesting":
        assert outcome.kind == "document"


def test_deeply_nested_html_keeps_its_text_and_drops_its_script(tmp_path):
    path = tmp_path / "deep.html"
    path.write_bytes(
        b"<html><body>"
        + b"<div>" * 20_000
        + b"SYNTHETIC Northshire Police<script>alert(1)</script>"
        + b"</div>" * 20_000
        + b"</body></html>"
    )
    document = read_document(path)
    assert "Northshire Police" in document.text and "alert" not in document.text


def test_a_giant_address_header_is_cut_with_a_warning_not_parsed_for_minutes(tmp_path):
    path = tmp_path / "giant.eml"
    path.write_bytes(
        b"From: a@northshire.example\nTo: " + b"clerk@eastmere.example, " * 50_000 + b"\nSubject: SYNTHETIC\n\nbody\n"
    )
    started = time.process_time()
    document = read_document(path)
    assert time.process_time() - started < 10
    assert any(w.startswith("To header is 1,200,000 characters; read only its first") for w in document.warnings), (
        document.warnings
    )


def test_files_over_the_size_limit_are_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setenv("KFLOW_MAX_FILE_BYTES", "1000")
    path = tmp_path / "big.txt"
    path.write_bytes(b"SYNTHETIC Northshire Police. " * 100)
    report = load_paths([path], EmbeddedStore(tmp_path / "store"))
    assert report.failed and "KFLOW_MAX_FILE_BYTES" in report.failed[0].reason


def test_pdf_pages_beyond_the_limit_are_not_read(tmp_path, monkeypatch):
    from tests.fuzz_inputs import _make_fixtures

    monkeypatch.setenv("KFLOW_MAX_PDF_PAGES", "2")
    path = _make_fixtures().make_pdf(
        tmp_path / "five.pdf", pages=[f"SYNTHETIC page {i} of the Eastmere review." for i in range(1, 6)]
    )
    document = read_document(path)
    assert "page 2" in document.text and "page 3" not in document.text
    assert any("KFLOW_MAX_PDF_PAGES" in w for w in document.warnings)


# -- the per-file time limit --------------------------------------------------------------------


class _StallingExtractor(Extractor):
    """An extractor that never finishes on one document, as a pathological input could make it."""

    name = "test.stalling"

    def __init__(self, stall_on: str):
        self.stall_on = stall_on

    def extract(self, document: Document) -> Extraction:
        while self.stall_on in document.text:
            time.sleep(0.05)
        return Extraction()


def _two_files(folder: Path) -> list[Path]:
    folder.mkdir()
    (folder / "a-stalls.txt").write_text("SYNTHETIC: this one never finishes extracting.\n")
    (folder / "b-fine.txt").write_text("SYNTHETIC: the Department of Civic Affairs wrote to Northshire Police.\n")
    return sorted(folder.iterdir())


def test_a_file_over_the_time_limit_fails_alone_naming_the_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("KFLOW_FILE_TIMEOUT", "1")
    store = EmbeddedStore(tmp_path / "store")
    started = time.monotonic()
    report = load_paths(_two_files(tmp_path / "docs"), store, _StallingExtractor("never finishes"))
    assert time.monotonic() - started < 10
    assert [f.status for f in report.files] == ["failed", "loaded"]
    assert "1-second limit per file (KFLOW_FILE_TIMEOUT)" in report.files[0].reason
    assert not store.has_source(report.files[0].source_id), "a timed-out file left a Source behind"
    store.close()


def test_a_malformed_time_limit_is_a_per_file_error_naming_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("KFLOW_FILE_TIMEOUT", "soon")
    report = load_paths(_two_files(tmp_path / "docs"), EmbeddedStore(tmp_path / "store"), NullExtractor())
    assert {f.status for f in report.files} == {"failed"} and "KFLOW_FILE_TIMEOUT" in report.files[0].reason


def test_off_the_main_thread_there_is_no_time_limit_and_the_load_still_works(tmp_path, monkeypatch):
    """The documented fallback (the Streamlit app loads in a script thread): no alarm, nothing breaks."""
    monkeypatch.setenv("KFLOW_FILE_TIMEOUT", "1")
    files = _two_files(tmp_path / "docs")
    store = EmbeddedStore(tmp_path / "store")
    stalls = [0]

    class _Slow(Extractor):
        name = "test.slow"

        def extract(self, document: Document) -> Extraction:
            if "never finishes" in document.text:
                time.sleep(1.5)  # over the limit, but no alarm can fire off the main thread
                stalls[0] += 1
            return Extraction()

    result: list = []
    worker = threading.Thread(target=lambda: result.append(load_paths(files, store, _Slow())))
    worker.start()
    worker.join(30)
    assert stalls == [1] and [f.status for f in result[0].files] == ["loaded", "loaded"]
    store.close()


def test_a_truncated_email_with_nothing_readable_is_refused_not_stored_empty(tmp_path):
    """Found by bench_fuzz: 'From: Tom Reyes <' used to give a Document whose text was blank."""
    path = tmp_path / "cut.eml"
    path.write_bytes(b"From: Tom Reyes <")
    assert check_file(path).kind == "read_error"
