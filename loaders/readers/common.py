"""What every reader shares: size limits, hashing, decoding text files, sidecar metadata."""

from __future__ import annotations

import hashlib
import os
import re
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
INSTITUTION_WORDS = frozenset("""
    academy agency association authority bank board borough bureau cabinet center centre chamber charity
    church clinic college commission committee company constabulary corporation council court department
    directorate division executive federation force foundation fund government group guild hospital inc
    inquiry institute institution league llc llp ltd limited ministry network nhs office organisation
    organization panel parliament partnership plc police press programme project school secretariat
    service services society team tribunal trust unit union university
""".split())
# Connectives found in institutions' names but not in people's ("Department of ...", "Friends and Family").
CONNECTIVES = frozenset({"of", "for", "and", "&", "the", "on", "in", "at", "to"})
SURNAME_FIRST = re.compile(r"^([^\W\d][\w'\-]*(?: [^\W\d][\w'\-]*){0,2}), ([^\W\d][\w.'\-]*(?: [^\W\d][\w.'\-]*){0,2})$")


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


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes, refusing missing, empty and over-limit files with the reason."""
    if limit is None:
        try:
            limit = max_file_bytes()
        except ValueError as error:
            raise ReadError(path, str(error)) from None
    if not path.exists():
        raise ReadError(path, "no such file")
    size = path.stat().st_size
    if size > limit:
        raise ReadError(path, f"file is {size:,} bytes, over the {limit:,}-byte limit (KFLOW_MAX_FILE_BYTES)")
    if size == 0:
        raise ReadError(path, "file is empty")
    return path.read_bytes()


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
            raise ReadError(path, f"not valid UTF-8 (byte {error.start}) and no text encoding could be detected") from None
        text = str(best)
        warnings.append(f"not UTF-8; decoded as {best.encoding}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError(path, "contains no text")
    return text


def sidecar_metadata(path: Path) -> dict[str, Any]:
    """Metadata from `NAME.meta.yaml` beside the file (NAME with or without its extension)."""
    for candidate in (path.with_name(path.name + ".meta.yaml"), path.with_suffix(".meta.yaml")):
        if candidate.exists():
            try:
                meta = yaml.safe_load(candidate.read_text(encoding="utf-8")) or {}
            except yaml.YAMLError as error:
                raise ReadError(candidate, f"invalid sidecar YAML: {error}") from None
            if not isinstance(meta, dict):
                raise ReadError(candidate, "sidecar must be a YAML mapping")
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
    return bool(bare) and bare[0].isupper() and all(c.isalpha() or c in "'\u2019-" for c in bare) and not (len(bare) > 1 and bare.isupper())


def person_name(written: str) -> str:
    """A person's name as ids should see it: title dropped, "Surname, Given" turned round.

    "Dr Amara Lines" -> "Amara Lines"; "Okafor, Jane" -> "Jane Okafor". Keep `written` as an alias.
    """
    name = " ".join(written.split()).strip("\"' ")
    match = SURNAME_FIRST.match(name)
    if match:
        name = f"{match.group(2)} {match.group(1)}"
    honorific = HONORIFIC.match(name)
    bare = name[honorific.end():].strip() if honorific else name
    return bare or name
