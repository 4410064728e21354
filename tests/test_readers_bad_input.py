"""Bad input: each bad file fails with its own clear reason, and the files around it still load."""

from __future__ import annotations

import contextlib
import importlib.util
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.embedded import EmbeddedStore
from loaders.document import ReadError
from loaders.pipeline import load_paths
from loaders.readers import read_document

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
_spec = importlib.util.spec_from_file_location("reader_fixtures", FIXTURES / "make_fixtures.py")
make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make)

CP1252_TEXT = (
    "SYNTHETIC memo. The Department of Civic Affairs\u2019 caf\u00e9 meeting \u2013 r\u00e9sum\u00e9 of the na\u00efve audit, \u00a35,000 budget.\n"
    * 3
)


def bad_files(folder: Path) -> dict[str, str]:
    """file name -> the reason it must fail with (a pattern)."""
    make.make_corrupt_pdf(folder / "corrupt.pdf")
    make.make_encrypted_pdf(folder / "encrypted.pdf")
    make.make_junk_docx(folder / "junk.docx")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "huge.txt").write_text("SYNTHETIC filler line.\n" * 200)
    (folder / "data.xyz").write_text("SYNTHETIC unknown format")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "fake.pdf").write_text("SYNTHETIC: a text file with a .pdf name")
    (folder / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    return {
        "corrupt.pdf": r"^corrupt PDF \(",
        "encrypted.pdf": r"^encrypted PDF; decrypt it first$",
        "junk.docx": r"^ZIP archive without word/document.xml; not a Word document$",
        "empty.txt": r"^file is empty$",
        "huge.txt": r"^file is 4,600 bytes, over the 1,000-byte limit \(KFLOW_MAX_FILE_BYTES\)$",
        "data.xyz": r"^unknown file type '.xyz'; kflow reads .*\.pdf",
        "blob.txt": r"^looks binary \(contains NUL bytes\), not a text document$",
        "fake.pdf": r"^not a PDF \(no %PDF header\)$",
        "old.docx": r"^not a Word document \(.docx must be a ZIP archive; is it an old binary .doc\?\)$",
    }


def good_files(folder: Path) -> list[Path]:
    shutil.copy(FIXTURES / "malformed.html", folder / "malformed.html")
    (folder / "memo-cp1252.txt").write_bytes(CP1252_TEXT.encode("cp1252"))
    shutil.copy(FIXTURES / "reply.eml", folder / "reply.eml")
    shutil.copy(FIXTURES / "register.csv", folder / "register.csv")
    return [
        make.make_pdf(folder / "audit.pdf"),
        folder / "malformed.html",
        folder / "memo-cp1252.txt",
        folder / "reply.eml",
        folder / "register.csv",
    ]


@pytest.fixture
def limit_1000(monkeypatch):
    monkeypatch.setenv("KFLOW_MAX_FILE_BYTES", "1000")


def test_each_bad_file_fails_with_its_reason_and_the_others_load(tmp_path, embedded_store, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    expected = bad_files(folder)
    good = good_files(folder)
    monkeypatch.setenv("KFLOW_MAX_FILE_BYTES", "4000")  # huge.txt is 4,600 bytes; every good file is smaller
    expected["huge.txt"] = expected["huge.txt"].replace("1,000", "4,000")
    paths = sorted([*good, *(folder / name for name in expected)])
    report = load_paths(paths, embedded_store)
    results = {Path(f.path).name: f for f in report.files}
    for name, reason in expected.items():
        assert results[name].status == "failed", name
        assert re.search(reason, results[name].reason), (name, results[name].reason)
    assert {p.name for p in good} == {n for n, f in results.items() if f.status == "loaded"}
    assert any("not UTF-8; decoded as cp1252" in w for w in results["memo-cp1252.txt"].warnings)

    reference = EmbeddedStore(tmp_path / "reference")
    try:
        load_paths(good, reference)
        assert embedded_store.counts() == reference.counts()  # the bad files left nothing behind
    finally:
        reference.close()


def test_cp1252_text_loads_with_its_characters_and_a_warning(tmp_path):
    memo = tmp_path / "memo.txt"
    memo.write_bytes(CP1252_TEXT.encode("cp1252"))
    document = read_document(memo)
    assert document.text == CP1252_TEXT
    assert document.warnings == ["not UTF-8; decoded as cp1252"]


@pytest.mark.usefixtures("limit_1000")
@pytest.mark.parametrize("suffix", [".txt", ".html", ".pdf", ".docx", ".eml", ".mbox", ".csv", ".jsonl"])
def test_size_limit_applies_to_every_reader_and_names_the_limit(tmp_path, suffix):
    big = tmp_path / f"big{suffix}"
    big.write_bytes(b"x" * 1001)
    with pytest.raises(ReadError, match=r"file is 1,001 bytes, over the 1,000-byte limit \(KFLOW_MAX_FILE_BYTES\)"):
        read_document(big)


def test_bad_size_limit_setting_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("KFLOW_MAX_FILE_BYTES", "lots")
    (tmp_path / "a.txt").write_text("SYNTHETIC")
    with pytest.raises(ReadError, match="KFLOW_MAX_FILE_BYTES='lots' is not a whole number"):
        read_document(tmp_path / "a.txt")


@pytest.mark.parametrize("suffix", [".html", ".eml", ".mbox", ".csv", ".jsonl"])
def test_binary_content_is_refused_by_every_text_format(tmp_path, suffix):
    blob = tmp_path / f"blob{suffix}"
    blob.write_bytes(b"\x00\x01\x02\x03" * 64)
    with pytest.raises(ReadError, match="looks binary"):
        read_document(blob)


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".html", ".eml", ".mbox", ".csv", ".jsonl"])
def test_empty_files_are_refused_by_every_reader(tmp_path, suffix):
    (tmp_path / f"empty{suffix}").write_bytes(b"")
    with pytest.raises(ReadError, match="file is empty"):
        read_document(tmp_path / f"empty{suffix}")


def test_zip_bomb_docx_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("KFLOW_MAX_FILE_BYTES", "50000")  # inflating past 20 x 50,000 bytes is refused
    bomb = make.make_docx(tmp_path / "bomb.docx")
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/padding.xml", b"0" * 2_000_000)
    with pytest.raises(ReadError, match="refused as a possible zip bomb"):
        read_document(bomb)


HOSTILE_EMAILS = [
    b'From: <<<@@@>>>\nTo: "unterminated <x@\nDate: 99 Foo 20190 25:61:00 +9999\nSubject: =?utf-8?B?!!!notbase64?=\n\nbody\n',
    b'From: a@b.example\nContent-Type: multipart/mixed; boundary="x"\n\n--x\nContent-Type: text/plain; charset=no-such-charset\n\n\xff\xfe body\n--x',
    b"From: undisclosed-recipients:;\nTo: group: a@b.example, c@d.example;\nMessage-ID: <>\nIn-Reply-To: <<>>\nReferences: nonsense\n\n",
    b"From: 0@\n\n",  # the stdlib address parser raises IndexError on this
    b"Subject: " + b"A" * 5000 + b"\n\n" + b"x" * 100,
]


@pytest.mark.parametrize("raw", HOSTILE_EMAILS)
def test_hostile_emails_read_or_fail_with_a_read_error(tmp_path, raw):
    mail = tmp_path / "hostile.eml"
    mail.write_bytes(raw)
    try:
        document = read_document(mail)
    except ReadError:
        return
    for claim in document.structured.claims:
        assert document.text[claim.char_start : claim.char_end] == claim.sentence


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(min_size=1, max_size=400),
    suffix=st.sampled_from([".html", ".pdf", ".docx", ".eml", ".mbox", ".csv", ".jsonl"]),
)
def test_arbitrary_bytes_never_crash_a_reader(tmp_path, data, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    with contextlib.suppress(ReadError):
        read_document(path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=300), suffix=st.sampled_from([".html", ".eml", ".mbox", ".csv", ".jsonl"]))
def test_arbitrary_text_never_crashes_a_reader(tmp_path, text, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_text(text, encoding="utf-8")
    with contextlib.suppress(ReadError):
        read_document(path)
