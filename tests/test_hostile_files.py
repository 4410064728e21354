"""Hostile files that are not hostile bytes (issue 12, SYNTHETIC data, fictional bodies only):
FIFOs, device links, sparse giants, links out of a loaded folder, YAML alias bombs in sidecars and
settings files, and a DOCX whose XML inflates far beyond its size. Each fails alone with a reason
naming the file; the good files beside it still load; nothing reads unbounded data.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboards.review import save_upload, stage
from graph.embedded import EmbeddedStore
from kflow.cli import main
from loaders.document import ReadError
from loaders.extract.base import NullExtractor
from loaders.pipeline import load_paths
from loaders.readers import read_document
from loaders.readers.common import file_sha256, read_bytes
from tests.fuzz_inputs import YAML_ALIAS_BOMB, special_files, write_docx_xml_bomb

ROOT = Path(__file__).resolve().parent.parent
KFLOW = Path(sys.executable).with_name("kflow")
GOOD_TEXT = "SYNTHETIC memo. Northshire Police sent the Eastmere Review to the Department of Civic Affairs in 2009.\n"
IN_CI = os.environ.get("CI") == "true"  # CI runs on Linux: nothing here may skip there
needs_posix = pytest.mark.skipif(
    not IN_CI and (not hasattr(os, "mkfifo") or not Path("/dev/zero").exists()), reason="needs FIFOs and /dev/zero"
)


def _in_thread(call, seconds: float = 20.0):
    """Run `call` in a daemon thread; fail (not hang) when it blocks, as a FIFO open would."""
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still blocked after {seconds} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _run_watched(
    args: list[str], cwd: Path, max_rss_mb: int = 1024, seconds: float = 120
) -> subprocess.CompletedProcess:
    """Run a command, killing it (and failing) if its resident memory passes `max_rss_mb` or it runs
    past `seconds`: reading /dev/zero or a 6 GiB file whole must fail the test, not swap the machine.
    (An address-space rlimit cannot be used: the embedded store reserves terabytes of virtual memory.)"""
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd) as child:
        ends = time.monotonic() + seconds
        peak = 0
        while child.poll() is None:
            try:
                status = Path(f"/proc/{child.pid}/status").read_text()
                peak = max(peak, int(status.split("VmRSS:")[1].split()[0]) // 1024) if "VmRSS:" in status else peak
            except (OSError, IndexError, ValueError):
                pass
            if peak > max_rss_mb or time.monotonic() > ends:
                child.kill()
                child.communicate()
                pytest.fail(
                    f"{' '.join(args[:2])} killed: {peak} MB resident after {seconds - (ends - time.monotonic()):.0f} s"
                )
            time.sleep(0.05)
        out, err = child.communicate()
    return subprocess.CompletedProcess(args, child.returncode, out, err)


# -- H2: only regular files are read; size from stat; hashing streamed ---------------------------


@needs_posix
@pytest.mark.parametrize("workers", ["1", "2"])
def test_fifo_dev_zero_link_and_sparse_giant_fail_alone_through_the_cli(tmp_path, workers):
    folder = tmp_path / "docs"
    folder.mkdir()
    makers = special_files()
    hostile = [makers[name](folder) for name in ("fifo", "dev-zero-link", "sparse-6gib")]
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "other.md").write_text("# Synthetic\n\nThe Westbrook Trust wrote to the council.\n", encoding="utf-8")
    args = [
        str(KFLOW),
        "load",
        "--no-extract",
        "--workers",
        workers,
        "--store",
        f"embedded:{tmp_path / 'db'}",
        *map(str, hostile),
        str(folder / "good.txt"),
        str(folder / "other.md"),
    ]
    done = _run_watched(args, tmp_path)
    err = done.stderr
    assert done.returncode == 1, err
    assert (
        f"failed: {folder / 'pipe.txt'}: is a named pipe (FIFO), not a regular file; only regular files are read" in err
    )
    assert (
        f"failed: {folder / 'zero.txt'}: is a character device, not a regular file; only regular files are read" in err
    )
    assert (
        f"failed: {folder / 'sparse.txt'}: file is 6,442,450,944 bytes, over the 52,428,800-byte limit (KFLOW_MAX_FILE_BYTES)"
        in err
    )
    assert "2 loaded, 0 already in the store, 3 failed" in done.stdout
    assert "Traceback" not in err


@needs_posix
def test_readers_refuse_special_files_by_stat_before_opening(tmp_path):
    makers = special_files()
    for name, reason in [
        ("fifo", "is a named pipe (FIFO)"),
        ("dev-zero-link", "is a character device"),
        ("sparse-6gib", "over the"),
    ]:
        path = makers[name](tmp_path)
        for call in (lambda: read_bytes(path), lambda: file_sha256(path), lambda: read_document(path)):
            with pytest.raises(ReadError) as error:
                _in_thread(call)
            assert reason in error.value.reason and str(path) in str(error.value)


def test_streamed_hash_is_the_files_sha256_and_stops_at_the_limit(tmp_path):
    path = tmp_path / "memo.txt"
    path.write_bytes(GOOD_TEXT.encode() * 5000)  # 520 KB: several chunks' worth of the hash loop
    assert file_sha256(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(ReadError, match=r"over the 1,000-byte limit"):
        file_sha256(path, limit=1000)


# -- M2: links out of a walked folder ------------------------------------------------------------


@pytest.fixture
def linked_folder(tmp_path) -> tuple[Path, Path]:
    outside = tmp_path / "private"
    outside.mkdir()
    secret = outside / "credentials.txt"
    secret.write_text("SYNTHETIC private note of the Eastmere clerk, not for loading.\n", encoding="utf-8")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "leak.txt").symlink_to(secret)
    (folder / "alias.txt").symlink_to(folder / "good.txt")  # a link that stays inside: read
    return folder, secret


def test_a_link_out_of_a_loaded_folder_is_skipped_with_a_reason_and_nothing_of_it_stored(tmp_path, linked_folder):
    folder, secret = linked_folder
    store = EmbeddedStore(tmp_path / "db")
    report = load_paths([folder], store)
    by_name = {Path(f.path).name: f for f in report.files}
    assert by_name["leak.txt"].status == "skipped"
    assert (
        by_name["leak.txt"].reason
        == f"symbolic link to {secret.resolve()}, outside the folder being loaded; skipped (name the file itself to load it)"
    )
    assert sorted([by_name["alias.txt"].status, by_name["good.txt"].status]) == [
        "loaded",
        "unchanged",
    ]  # same bytes, one Source
    secret_id = "source:" + hashlib.sha256(secret.read_bytes()).hexdigest()[:16]
    assert not store.has_source(secret_id)
    assert report.failed == []
    store.close()


def test_the_cli_prints_the_skipped_link_and_a_named_link_still_loads(tmp_path, linked_folder):
    folder, secret = linked_folder
    store = f"embedded:{tmp_path / 'db'}"
    result = CliRunner().invoke(
        main, ["load", "--no-extract", "--workers", "1", "--store", store, str(folder)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert f"skipped: {folder / 'leak.txt'}: symbolic link to {secret.resolve()}, outside the folder" in result.output
    assert "1 loaded, 1 already in the store, 0 failed, 1 skipped;" in result.output
    result = CliRunner().invoke(
        main, ["load", "--no-extract", "--store", store, str(folder / "leak.txt")], catch_exceptions=False
    )
    assert result.exit_code == 0 and "1 loaded" in result.output  # named on the command line: the user chose it


# -- H4: YAML alias bombs and oversized or special sidecars ---------------------------------------


def test_a_sidecar_alias_bomb_fails_only_its_document_naming_the_sidecar(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    laughs = special_files()["yaml-alias-bomb-sidecar"](folder)
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    assert len(YAML_ALIAS_BOMB) < 400
    store = EmbeddedStore(tmp_path / "db")
    report = load_paths([folder], store)
    by_name = {Path(f.path).name: f for f in report.files}
    assert by_name["good.txt"].status == "loaded"
    failed = by_name[laughs.name]
    assert failed.status == "failed"
    assert failed.reason.startswith(
        "sidecar laughs.txt.meta.yaml: invalid YAML (YAML anchors and aliases (& and *) are not allowed in kflow's files"
    )
    assert store.counts().nodes["Source"] == 1
    store.close()


@pytest.mark.parametrize(
    "sidecar, reason",
    [
        ("title: &t Eastmere\nnote: *t\n", "YAML anchors and aliases (& and *) are not allowed"),
        ("note: [" + "x, " * 30_000 + "x]\n", "over the 65,536-byte limit"),
        ("note: [synthetic, list]\n", "'note' must be a single value, not a list"),
        ("title: {nested: mapping}\n", "'title' must be a single value, not a dict"),
        ("- just\n- a list\n", "must be a YAML mapping"),
    ],
)
def test_bad_sidecars_are_refused_naming_the_sidecar(tmp_path, sidecar, reason):
    path = tmp_path / "memo.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "memo.meta.yaml").write_text(sidecar, encoding="utf-8")
    with pytest.raises(ReadError) as error:
        read_document(path)
    assert error.value.reason.startswith("sidecar memo.meta.yaml: ") and reason in error.value.reason
    assert str(path) in str(error.value)


@needs_posix
def test_a_fifo_sidecar_is_refused_not_waited_on(tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    os.mkfifo(tmp_path / "memo.txt.meta.yaml")
    with pytest.raises(ReadError, match=r"sidecar memo.txt.meta.yaml: is a named pipe \(FIFO\), not a regular file"):
        _in_thread(lambda: read_document(path))


def test_alias_bombs_in_domains_and_column_maps_fail_the_file_that_uses_them(tmp_path):
    (tmp_path / "domains.yaml").write_text(YAML_ALIAS_BOMB.replace("note:", "eastmere.example:"), encoding="utf-8")
    (tmp_path / "reply.eml").write_text(
        "From: clerk@eastmere.example\nTo: desk@northshire.example\nSubject: SYNTHETIC\n\nThe audit is attached.\n",
        encoding="utf-8",
    )
    with pytest.raises(ReadError, match=r"domain map .*domains.yaml: invalid YAML \(YAML anchors and aliases"):
        read_document(tmp_path / "reply.eml")
    (tmp_path / "log.csv").write_text(
        "date,from,to,title\n2019-03-04,Northshire Police,Eastmere Office,Audit\n", encoding="utf-8"
    )
    (tmp_path / "log.columns.yaml").write_text("date: &d date\nfrom: *d\n", encoding="utf-8")
    with pytest.raises(ReadError, match=r"column map .*log.columns.yaml: invalid YAML \(YAML anchors and aliases"):
        read_document(tmp_path / "log.csv")


# -- H5: a DOCX whose XML inflates far beyond its size ---------------------------------------------


def test_a_docx_xml_bomb_under_the_archive_limit_is_refused_by_the_document_xml_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("KFLOW_MAX_FILE_BYTES", "1000000")  # scaled down: archive limit 20 MB, document.xml 4 MB
    path = write_docx_xml_bomb(tmp_path / "inflated.docx", 5_000_000)
    assert path.stat().st_size < 1_000_000
    with pytest.raises(
        ReadError, match=r"word/document.xml would inflate to 5,\d{3},\d{3} bytes, over the 4,000,000-byte limit"
    ):
        read_document(path)


def test_docx_text_beyond_the_file_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("KFLOW_MAX_FILE_BYTES", "1000000")
    path = write_docx_xml_bomb(tmp_path / "wordy.docx", 2_000_000, text_per_paragraph="Synthetic words. " * 60)
    with pytest.raises(ReadError, match=r"Word document text passes 1,000,000 characters"):
        read_document(path)


@pytest.mark.slow
@pytest.mark.skipif(not IN_CI and not Path("/proc/self/status").exists(), reason="reads VmHWM from /proc")
def test_a_100_mb_docx_body_is_read_in_bounded_memory(tmp_path):
    """python-docx took ~10x the XML in memory (1 GB here); streaming keeps the peak near the text's size."""
    path = write_docx_xml_bomb(tmp_path / "long.docx", 100_000_000)
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from loaders.readers import read_document

        def peak_mb():  # VmHWM: this process's own peak (ru_maxrss would carry the parent's over exec)
            status = Path("/proc/self/status").read_text()
            return int(status.split("VmHWM:")[1].split()[0]) // 1024

        before = peak_mb()
        document = read_document(Path({str(path)!r}))
        print(len(document.text), before, peak_mb())
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    characters, before_mb, peak_mb = map(int, done.stdout.split())
    assert characters > 20_000_000
    assert peak_mb < 300, f"peak RSS {peak_mb} MB reading a 100 MB document.xml (imports alone: {before_mb} MB)"


# -- the app's upload path --------------------------------------------------------------------------


@needs_posix
def test_uploads_are_size_checked_before_writing_and_never_written_through_a_link_or_fifo(tmp_path, monkeypatch):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    monkeypatch.setenv("KFLOW_MAX_FILE_BYTES", "1000")
    with pytest.raises(ReadError, match=r"upload is 2,000 bytes, over the 1,000-byte limit"):
        save_upload("big.txt", b"x" * 2000, uploads)
    assert not (uploads / "big.txt").exists()
    monkeypatch.delenv("KFLOW_MAX_FILE_BYTES")
    os.mkfifo(uploads / "memo.txt")
    outside = tmp_path / "outside.txt"
    outside.write_text("SYNTHETIC untouched\n", encoding="utf-8")
    (uploads / "note.txt").symlink_to(outside)
    first = _in_thread(lambda: save_upload("memo.txt", GOOD_TEXT.encode(), uploads))
    second = save_upload("note.txt", GOOD_TEXT.encode(), uploads)
    assert first.name == "memo-1.txt" and second.name == "note-1.txt"
    assert outside.read_text(encoding="utf-8") == "SYNTHETIC untouched\n"
    assert save_upload("memo.txt", GOOD_TEXT.encode(), uploads) == first  # same bytes: reused
    assert "Northshire Police" in stage(first, NullExtractor()).document.text


class _SlowExtractor(NullExtractor):
    """Takes longer than the per-file limit the test sets, as a pathological upload could make it."""

    def extract(self, document):
        time.sleep(3)
        return super().extract(document)


def test_an_upload_is_staged_under_the_load_time_limit(tmp_path, monkeypatch):
    upload = tmp_path / "memo.txt"
    upload.write_text(GOOD_TEXT, encoding="utf-8")
    monkeypatch.setenv("KFLOW_FILE_TIMEOUT", "1")
    with pytest.raises(ReadError, match=r"memo\.txt: .*1-second limit per file \(KFLOW_FILE_TIMEOUT\)"):
        stage(upload, _SlowExtractor())
    monkeypatch.setenv("KFLOW_FILE_TIMEOUT", "soon")
    with pytest.raises(ReadError, match="KFLOW_FILE_TIMEOUT"):
        stage(upload, NullExtractor())
