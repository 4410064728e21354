"""Correspondence registers (.csv, .jsonl): one row per document sent, each row a Report with SENT/RECEIVED claims.

The Source text is the register's own text, and every claim cites its row (sentence = the row's text,
span = its exact offsets). Bad rows are reported with their row and line numbers; the rest load.

Columns are found by common names (case, spaces, `_` and `-` ignored):

    date       date, sent, sent date, date sent, sent on, dated
    from       from, sender, author, sent by, originator
    to         to, recipient, recipients, addressee, sent to      (several separated by ';')
    title      title, subject, document title
    reference  reference, ref, ref no, reference number, id, document id
    kind       kind, type, document type, doc type                ("letter" when absent)
    from_type  from type, sender type                             (person | agency)
    to_type    to type, recipient type, addressee type

or named explicitly in YAML, in the sidecar `NAME.columns.yaml` (or `NAME.csv.columns.yaml`) or the file
given by env `KFLOW_REGISTER_COLUMNS` (the sidecar wins), e.g.

    date: Date of letter
    from: Originator
    to: Addressee
    date_order: DMY        # how to read 03/04/2019: DMY (default), MDY or YMD

A sender or recipient is a Person when its type column says so ("person", "individual") or, without
one, when its name reads as a person's: a personal title (Mr, Ms, Dr, Cllr, ...) or two to four
capitalised words with no institution word (Police, Council, Trust, Office, ...) and no "of"/"and"
(see `common.looks_like_person`); otherwise it is an Agency. A type column settles any doubt.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.model import Claim, Node, node_id
from loaders.dates import period_end
from loaders.document import Document, ReadError
from loaders.readers.cell_dates import parse_date
from loaders.readers.common import decode_text, load_user_yaml, looks_like_person, person_name, read_bytes, sha256

EXTRACTOR = "reader.register"
ENV_VAR = "KFLOW_REGISTER_COLUMNS"
DEFAULT_KIND = "letter"
SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": ("date", "sent", "sent date", "date sent", "sent on", "dated"),
    "from": ("from", "sender", "author", "sent by", "originator"),
    "to": ("to", "recipient", "recipients", "addressee", "sent to"),
    "title": ("title", "subject", "document title"),
    "reference": ("reference", "ref", "ref no", "reference number", "id", "document id"),
    "kind": ("kind", "type", "document type", "doc type"),
    "from_type": ("from type", "sender type"),
    "to_type": ("to type", "recipient type", "addressee type"),
}
OPTIONS = ("date_order",)
PERSON_TYPES = {"person", "individual", "people", "private individual"}
AGENCY_TYPES = {"agency", "organisation", "organization", "org", "body", "institution", "department", "company"}


@dataclass
class _Row:
    number: int
    line: int
    start: int
    end: int
    values: dict[str, Any]

    @property
    def where(self) -> str:
        return f"row {self.number} (line {self.line})"


def read_register(path: Path) -> Document:
    data = read_bytes(path)
    warnings: list[str] = []
    text = decode_text(path, data, warnings)
    config = column_config(path)
    rows = list(_csv_rows(path, text) if path.suffix.lower() == ".csv" else _jsonl_rows(text, warnings))
    if not rows:
        raise ReadError(path, "register has no rows")
    media_type = "text/csv" if path.suffix.lower() == ".csv" else "application/jsonl"
    document = Document(
        path=path, text=text, sha256=sha256(data), media_type=media_type, title=path.name, warnings=warnings
    )
    columns = _resolve_columns(path, rows, config)
    loaded = sum(_add_row(document, row, columns, str(config.get("date_order", "DMY"))) for row in rows)
    if not loaded:
        raise ReadError(path, f"no row could be read; {'; '.join(warnings[:3])}")
    return document


def column_config(path: Path) -> dict[str, str]:
    """Column names and options from env `KFLOW_REGISTER_COLUMNS`, overridden by the file's sidecar."""
    config: dict[str, str] = {}
    configured = os.environ.get(ENV_VAR, "").strip()
    if configured:
        config.update(_load_config(path, Path(configured).expanduser(), f"(from {ENV_VAR})"))
    for sidecar in (path.with_name(path.name + ".columns.yaml"), path.with_suffix(".columns.yaml")):
        if os.path.lexists(sidecar):
            config.update(_load_config(path, sidecar, ""))
            break
    return config


def _load_config(reading: Path, config_path: Path, origin: str) -> dict[str, str]:
    where = f"column map {config_path} {origin}".strip()
    if not os.path.lexists(config_path):
        raise ReadError(reading, f"{where} does not exist")
    try:
        raw = load_user_yaml(config_path) or {}
    except ReadError as error:
        raise ReadError(reading, f"{where}: {error.reason}") from None
    if not isinstance(raw, dict):
        raise ReadError(reading, f"{where}: must be a mapping of field to column name")
    unknown = sorted(set(map(str, raw)) - set(SYNONYMS) - set(OPTIONS))
    if unknown:
        raise ReadError(
            reading, f"{where}: unknown field(s) {', '.join(unknown)}; expected {', '.join([*SYNONYMS, *OPTIONS])}"
        )
    if str(raw.get("date_order", "DMY")).upper() not in {"DMY", "MDY", "YMD"}:
        raise ReadError(reading, f"{where}: date_order must be DMY, MDY or YMD")
    return {str(k): str(v).upper() if k == "date_order" else str(v) for k, v in raw.items() if v is not None}


def _key(column: str) -> str:
    return " ".join(re.sub(r"[_\-.]+", " ", column).casefold().split())


def _resolve_columns(path: Path, rows: list[_Row], config: dict[str, str]) -> dict[str, str]:
    """field -> the register's column holding it; date and from are required."""
    present: dict[str, str] = {}
    for row in rows:
        for column in row.values:
            present.setdefault(_key(column), column)
    columns: dict[str, str] = {}
    for name, synonyms in SYNONYMS.items():
        if name in config:
            if _key(config[name]) not in present:
                raise ReadError(
                    path,
                    f"column {config[name]!r} (mapped to {name}) is not in the register; columns: {', '.join(present.values())}",
                )
            columns[name] = present[_key(config[name])]
            continue
        found = next((present[s] for s in synonyms if s in present), None)
        if found:
            columns[name] = found
    for required in ("date", "from"):
        if required not in columns:
            raise ReadError(
                path,
                (
                    f"no {required} column (looked for {', '.join(SYNONYMS[required])}); columns: {', '.join(present.values())}; "
                    f"name it in {path.name}.columns.yaml"
                ),
            )
    return columns


def _csv_rows(path: Path, text: str) -> Iterator[_Row]:
    lines = _TrackedLines(text)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(lines, dialect)
    try:
        header = next(reader)
        number = 0
        while True:
            lines.mark()
            cells = next(reader)
            if not any(c.strip() for c in cells):
                continue
            number += 1
            start, end = lines.span(text)
            yield _Row(number, reader.line_num, start, end, dict(zip(header, cells)))
    except StopIteration:
        return
    except csv.Error as error:
        raise ReadError(path, f"malformed CSV at line {reader.line_num}: {error}") from None


class _TrackedLines:
    """Feeds csv.reader line by line and remembers where the record it is reading began and ended."""

    def __init__(self, text: str):
        self.text = text
        self.position = 0
        self.first: int | None = None

    def __iter__(self) -> _TrackedLines:
        return self

    def __next__(self) -> str:
        if self.position >= len(self.text):
            raise StopIteration
        start = self.position
        newline = self.text.find("\n", start)
        self.position = len(self.text) if newline < 0 else newline + 1
        if self.first is None:
            self.first = start
        return self.text[start : self.position]

    def mark(self) -> None:
        self.first = None

    def span(self, text: str) -> tuple[int, int]:
        start = self.first or 0
        end = self.position
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        return start, end


def _jsonl_rows(text: str, warnings: list[str]) -> Iterator[_Row]:
    position, number = 0, 0
    for line_number, line in enumerate(text.split("\n"), 1):
        start, position = position, position + len(line) + 1
        if not line.strip():
            continue
        number += 1
        where = f"row {number} (line {line_number})"
        try:
            value = json.loads(line)
        except ValueError as error:
            warnings.append(f"{where}: not valid JSON ({error.args[0] if error.args else error}); skipped")
            continue
        except RecursionError:
            warnings.append(f"{where}: JSON nested too deeply to read; skipped")
            continue
        if not isinstance(value, dict):
            warnings.append(f"{where}: not a JSON object; skipped")
            continue
        stripped = len(line) - len(line.lstrip())
        yield _Row(number, line_number, start + stripped, start + len(line.rstrip()), value)


def _add_row(document: Document, row: _Row, columns: dict[str, str], date_order: str) -> bool:
    """The row's Report, parties and claims added to the document; False (with a warning) for a bad row."""

    def value(name: str) -> str:
        return _text(row.values.get(columns[name])) if name in columns else ""

    sender, raw_date = value("from"), value("date")
    if not raw_date or not sender:
        document.warnings.append(f"{row.where}: missing {'date' if not raw_date else 'sender (from)'}; skipped")
        return False
    parsed = parse_date(raw_date, date_order)
    if parsed is None:
        document.warnings.append(f"{row.where}: unreadable date {raw_date!r}; skipped")
        return False
    day, precision = parsed
    kind = value("kind") or DEFAULT_KIND
    title, reference = value("title"), value("reference")
    sender_node = _party(sender, value("from_type"), row, document.warnings)
    identity = f"{sender_node.name} {reference}" if reference else f"{sender_node.name} {day} {title or kind}"
    props = {"kind": kind, "title": title or None, "date_start": day, "date_precision": precision}
    report = Node(
        node_id("Report", identity),
        "Report",
        title or f"{kind} from {sender_node.name}, {day}",
        aliases=[reference],
        props={k: v for k, v in props.items() if v},
    )
    recipients = [
        _party(r, value("to_type"), row, document.warnings) for r in _recipients(row.values.get(columns.get("to", "")))
    ]
    sentence = document.text[row.start : row.end]
    document.structured.nodes.extend([report, sender_node, *recipients])
    for edge, party in [("SENT", sender_node), *(("RECEIVED", r) for r in recipients)]:
        document.structured.claims.append(
            Claim(
                edge,
                party.id,
                report.id,
                document.source_id,
                sentence,
                row.start,
                row.end,
                1.0,
                EXTRACTOR,
                date_start=day,
                date_end=period_end(day, precision),
                date_precision=precision,
                date_text=raw_date,
            )
        )
    return True


def _party(name: str, declared_type: str, row: _Row, warnings: list[str]) -> Node:
    kind = declared_type.casefold()
    if kind and kind not in PERSON_TYPES | AGENCY_TYPES:
        warnings.append(f"{row.where}: unknown party type {declared_type!r} (use person or agency); judged by the name")
        kind = ""
    if kind in PERSON_TYPES or (not kind and looks_like_person(name)):
        canonical = person_name(name)
        return Node(node_id("Person", canonical), "Person", canonical, aliases=[name])
    return Node(node_id("Agency", name), "Agency", name)


def _recipients(raw: Any) -> list[str]:
    items = raw if isinstance(raw, list) else str(raw or "").split(";")
    return [t for t in (_text(i) for i in items) if t]


def _text(value: Any) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    return " ".join(str(value).split())
