"""What every reader shares: size limits, hashing, decoding text files, sidecar metadata."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from charset_normalizer import from_bytes

from loaders.document import ReadError

MAX_FILE_BYTES = 50 * 1024 * 1024
HONORIFIC = re.compile(
    r"^(?:the\s+)?(?:rt\.?\s+)?(?:hon\.?\s+)?"
    r"(mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|lord|lady|cllr|councillor|rev|revd|reverend|judge|justice)\.?\s+(?=\S)",
    re.IGNORECASE,
)
# Words that make a name an institution's ("Northshire Police", "Children First Trust", "Home Office").
INSTITUTION_WORDS = frozenset(
    [
        "academy",
        "agency",
        "association",
        "authority",
        "bank",
        "board",
        "borough",
        "bureau",
        "cabinet",
        "center",
        "centre",
        "chamber",
        "charity",
        "church",
        "clinic",
        "college",
        "commission",
        "committee",
        "company",
        "constabulary",
        "corporation",
        "council",
        "court",
        "department",
        "directorate",
        "division",
        "executive",
        "federation",
        "force",
        "foundation",
        "fund",
        "government",
        "group",
        "guild",
        "hospital",
        "inc",
        "inquiry",
        "institute",
        "institution",
        "league",
        "llc",
        "llp",
        "ltd",
        "limited",
        "ministry",
        "network",
        "nhs",
        "office",
        "organisation",
        "organization",
        "panel",
        "parliament",
        "partnership",
        "plc",
        "police",
        "press",
        "programme",
        "project",
        "school",
        "secretariat",
        "service",
        "services",
        "society",
        "team",
        "tribunal",
        "trust",
        "unit",
        "union",
        "university",
    ]
)
# Connectives found in institutions' names but not in people's ("Department of ...", "Friends and Family").
CONNECTIVES = frozenset({"of", "for", "and", "&", "the", "on", "in", "at", "to"})
SURNAME_FIRST = re.compile(
    r"^([^\W\d][\w'\-]*(?: [^\W\d][\w'\-]*){0,2}), ([^\W\d][\w.'\-]*(?: [^\W\d][\w.'\-]*){0,2})$"
)


def env_int(name: str, default: int) -> int:
    """A positive integer setting from the environment; a bad value is an error naming the variable."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a whole number") from None
    if value <= 0:
        raise ValueError(f"{name}={raw!r} must be positive")
    return value


def max_file_bytes() -> int:
    """The per-file size limit: env `KFLOW_MAX_FILE_BYTES`, else MAX_FILE_BYTES (50 MiB)."""
    return env_int("KFLOW_MAX_FILE_BYTES", MAX_FILE_BYTES)


CHUNK_BYTES = 1024 * 1024  # hashing and reading go this far at a time, never the whole file at once
_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def regular_file_size(
    path: Path, limit: int, *, allow_empty: bool = False, limit_name: str = "KFLOW_MAX_FILE_BYTES"
) -> int:
    """The size of `path` from `stat` (links followed), refusing before any open what is not a regular
    file (a FIFO would block the open, /dev/zero never ends) and what is empty or over `limit`."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ReadError(path, "no such file") from None
    except OSError as error:
        raise ReadError(path, f"cannot be read ({error.strerror or error})") from None
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _NOT_REGULAR if test(info.st_mode)), "not a regular file")
        raise ReadError(path, f"is {kind}, not a regular file; only regular files are read")
    if info.st_size > limit:
        raise ReadError(path, f"file is {info.st_size:,} bytes, over the {limit:,}-byte limit ({limit_name})")
    if info.st_size == 0 and not allow_empty:
        raise ReadError(path, "file is empty")
    return info.st_size


def _chunks(
    path: Path, limit: int, *, allow_empty: bool = False, limit_name: str = "KFLOW_MAX_FILE_BYTES"
) -> Iterator[bytes]:
    """The bytes of a regular file of at most `limit` bytes, a chunk at a time.

    Opened non-blocking and checked again with `fstat`, so a file swapped for a FIFO or device after
    the `stat` is refused rather than read; a file that grows past `limit` while read is refused too.
    """
    regular_file_size(path, limit, allow_empty=allow_empty, limit_name=limit_name)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise ReadError(path, f"cannot be read ({error.strerror or error})") from None
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ReadError(path, "changed into something other than a regular file while being opened; not read")
        total = 0
        while True:
            chunk = handle.read(min(CHUNK_BYTES, limit + 1 - total))
            if not chunk:
                return
            total += len(chunk)
            if total > limit:
                raise ReadError(path, f"file grew past the {limit:,}-byte limit ({limit_name}) while being read")
            yield chunk


def _limit(path: Path, limit: int | None) -> int:
    if limit is not None:
        return limit
    try:
        return max_file_bytes()
    except ValueError as error:
        raise ReadError(path, str(error)) from None


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes, refusing missing, empty, over-limit and non-regular files with the reason."""
    data = b"".join(_chunks(path, _limit(path, limit)))
    if not data:
        raise ReadError(path, "file is empty")
    return data


def file_sha256(path: Path, limit: int | None = None) -> str:
    """The sha256 of a regular file, streamed a chunk at a time; refused (ReadError) as `read_bytes` would."""
    digest = hashlib.sha256()
    for chunk in _chunks(path, _limit(path, limit)):
        digest.update(chunk)
    return digest.hexdigest()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(path: Path, data: bytes, warnings: list[str]) -> str:
    """UTF-8 when it is; otherwise the encoding charset-normalizer detects, with a warning. Binary is refused."""
    if b"\x00" in data[:8192]:
        raise ReadError(path, "looks binary (contains NUL bytes), not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        best = from_bytes(data).best()
        if best is None or best.chaos > 0.2:
            raise ReadError(
                path, f"not valid UTF-8 (byte {error.start}) and no text encoding could be detected"
            ) from None
        text = str(best)
        warnings.append(f"not UTF-8; decoded as {best.encoding}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError(path, "contains no text")
    return text


MAX_SIDECAR_BYTES = 64 * 1024  # a sidecar holds a title, a date, a URL and a note
MAX_CONFIG_BYTES = 1024 * 1024  # domains.yaml and NAME.columns.yaml
SIDECAR_TEXT_FIELDS = ("title", "published", "url", "note", "publisher", "reliability", "credibility")


class PlainYamlLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases: kflow's YAML files never need them, and nested
    aliases let a few hundred bytes expand to gigabytes ("billion laughs") once the value is used."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None, None, "YAML anchors and aliases (& and *) are not allowed in kflow's files", event.start_mark
            )
        return super().compose_node(parent, index)


def load_user_yaml(path: Path, limit: int = MAX_CONFIG_BYTES) -> Any:
    """YAML from a user's folder: a regular file of at most `limit` bytes, UTF-8, without anchors or
    aliases. Raises ReadError(path, reason); an empty file is None."""
    data = b"".join(
        _chunks(path, limit, allow_empty=True, limit_name="the limit for YAML kflow reads beside documents")
    )
    try:
        return yaml.load(data.decode("utf-8"), Loader=PlainYamlLoader)  # noqa: S506 - a SafeLoader subclass
    except UnicodeDecodeError as error:
        raise ReadError(path, f"not UTF-8 (byte {error.start})") from None
    except yaml.YAMLError as error:
        raise ReadError(path, f"invalid YAML ({' '.join(str(error).split())})") from None


def sidecar_metadata(path: Path) -> dict[str, Any]:
    """Metadata from `NAME.meta.yaml` beside the file (NAME with or without its extension).

    Any problem with the sidecar is a ReadError on the document whose reason names the sidecar.
    """
    for candidate in (path.with_name(path.name + ".meta.yaml"), path.with_suffix(".meta.yaml")):
        if os.path.lexists(candidate):
            try:
                meta = load_user_yaml(candidate, MAX_SIDECAR_BYTES) or {}
            except ReadError as error:
                raise ReadError(path, f"sidecar {candidate.name}: {error.reason}") from None
            if not isinstance(meta, dict):
                raise ReadError(path, f"sidecar {candidate.name}: must be a YAML mapping")
            for key in SIDECAR_TEXT_FIELDS:
                value = meta.get(key)
                if value is not None and not isinstance(value, (str, int, float, date)):
                    raise ReadError(
                        path, f"sidecar {candidate.name}: {key!r} must be a single value, not a {type(value).__name__}"
                    )
            return meta
    return {}


def normalise_published(value: Any, where: Path) -> tuple[str | None, str | None]:
    """A publication date given as a year, 'YYYY-MM', or a full date -> (ISO start date, precision)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, date):
        return value.isoformat(), "day"
    text = str(value).strip()
    try:
        if len(text) == 4 and text.isdigit():
            return f"{text}-01-01", "year"
        if len(text) == 7:
            return date.fromisoformat(f"{text}-01").isoformat(), "month"
        return date.fromisoformat(text[:10]).isoformat(), "day"
    except ValueError:
        raise ReadError(where, f"publication date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from None


def has_honorific(name: str) -> bool:
    """Whether a name starts with a personal title (Mr, Ms, Dr, Cllr, ...), the mark of a person."""
    return HONORIFIC.match(name.strip()) is not None


def looks_like_person(name: str) -> bool:
    """Whether a bare name (no type given) reads as a person's: a title, or 2-4 capitalised words
    ("Maria Okafor", "J. K. Obi") with no institution word or connective. Two-word company names
    without such a word ("Acme Widgets") read as people; a type column or field settles those."""
    if has_honorific(name):
        return True
    words = person_name(name).split()
    if not 2 <= len(words) <= 4:
        return False
    if any(w.casefold().strip(".,") in INSTITUTION_WORDS | CONNECTIVES for w in words):
        return False
    return all(_is_name_word(w) for w in words)


def _is_name_word(word: str) -> bool:
    """Capitalised letters ("Okafor", "McDonald", "O'Neill-Smith", "Zo\u00eb", "J."), not an acronym ("NHS")."""
    bare = word.rstrip(".")
    return (
        bool(bare)
        and bare[0].isupper()
        and all(c.isalpha() or c in "'\u2019-" for c in bare)
        and not (len(bare) > 1 and bare.isupper())
    )


def person_name(written: str) -> str:
    """A person's name as ids should see it: title dropped, "Surname, Given" turned round.

    "Dr Amara Lines" -> "Amara Lines"; "Okafor, Jane" -> "Jane Okafor". Keep `written` as an alias.
    """
    name = " ".join(written.split()).strip("\"' ")
    match = SURNAME_FIRST.match(name)
    if match:
        name = f"{match.group(2)} {match.group(1)}"
    honorific = HONORIFIC.match(name)
    bare = name[honorific.end() :].strip() if honorific else name
    return bare or name
