"""E-mail (.eml, .mbox): body text under a rendered header block, and the headers as evidenced claims.

The Source text of a message is its header block ("From: ...", "To: ...", "Date: ...", "Subject: ...")
followed by the body (plain part preferred, HTML converted to text), so every header fact can cite its
header line. Each message is a Report whose id derives from its Message-ID, so a reply's In-Reply-To /
References (CITES claims) meet the original when both are loaded, in either order. Senders SENT and
To/Cc/Bcc recipients RECEIVED it, dated by the Date header; people are MEMBER_OF an organisation only
where a user-given domain map says so (see `loaders.readers.domains`).

An .mbox is one file, so it is one Source: all its messages are rendered, each under its own header
block, into one text, and every message still becomes its own Report with its own claims. Keeping
file = Source keeps the pipeline and content addressing (same bytes, same Source) unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from graph.model import Claim, Node, node_id
from graph.names import slug
from loaders.document import Document, Extraction, ReadError
from loaders.readers.common import person_name, read_bytes, sha256
from loaders.readers.domains import Organisation, domain_map_for, organisation_of
from loaders.readers.webpage import html_to_text

EXTRACTOR = "reader.email"
ADDRESS_FIELDS = ("From", "To", "Cc", "Bcc")
RENDERED_FIELDS = ("From", "To", "Cc", "Bcc", "Date", "Subject", "Message-ID", "In-Reply-To", "References")
IDENTIFYING = ("From", "To", "Date", "Subject", "Message-ID")
MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
REPLY_PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|sv|antw)(\[\d+\])?\s*:\s*)+", re.IGNORECASE)
MBOX_FROM_LINE = re.compile(rb"^From .*$", re.MULTILINE)
# The stdlib's header parser slows down more than linearly: a 1.3 MB To: line took 107 s. Longer headers
# are cut at the last address that fits (about 5,000 addresses, parsed in under a second).
MAX_HEADER_CHARS = 64_000
MEMBERSHIP_CONFIDENCE = 0.9  # the domain map is the user's general rule, not a statement in the message


def email_report_id(message_id: str) -> str:
    """Report id of the e-mail with this Message-ID (angle brackets optional)."""
    return f"report:email-{slug(message_id.strip().strip('<>'))}"


@dataclass
class _Text:
    """The Source text being written, with the span of every header line."""

    parts: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, start + len(text.rstrip("\n"))

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class _Line:
    """One rendered header line, with the parsed header it shows."""

    header: object
    text: str
    start: int
    end: int


def read_eml(path: Path) -> Document:
    data = read_bytes(path)
    _refuse_binary(path, data)
    capped: list[str] = []
    message = _parse(data, capped)
    if not {k.casefold() for k in message} & {name.casefold() for name in IDENTIFYING}:
        raise ReadError(path, "no e-mail headers found (From, To, Date, Subject, Message-ID); is it an e-mail?")
    document = Document(path=path, text="", sha256=sha256(data), media_type="message/rfc822", warnings=capped)
    out = _Text()
    reader = _MessageReader(document, out, domain_map_for(path), data)
    title, published = reader.read(message, document.warnings)
    if not out.text.strip():
        raise ReadError(path, "e-mail has no readable header or body text")
    document.text = out.text
    document.title, document.published = title, published
    document.published_precision = "day" if published else None
    return document


def read_mbox(path: Path) -> Document:
    data = read_bytes(path)
    _refuse_binary(path, data)
    chunks = split_mbox(data)
    if not chunks:
        raise ReadError(path, "no messages found (an mbox starts each message with a line 'From ...')")
    document = Document(path=path, text="", sha256=sha256(data), media_type="application/mbox")
    out = _Text()
    domains = domain_map_for(path)
    for number, chunk in enumerate(chunks, 1):
        if number > 1:
            out.add("\n")
        out.add(f"=== message {number} of {len(chunks)} ===\n\n")
        warnings: list[str] = []
        _MessageReader(document, out, domains, chunk).read(_parse(chunk, warnings), warnings)
        document.warnings.extend(f"message {number}: {w}" for w in warnings)
    document.text = out.text
    document.title = f"{path.name} ({len(chunks)} messages)"
    return document


def split_mbox(data: bytes) -> list[bytes]:
    """Messages of an mbox, each without its 'From ' separator line.

    Split here rather than with `mailbox.mbox`, which opens the file read-write, so that the messages
    are exactly the bytes that were hashed.
    """
    starts = [m for m in MBOX_FROM_LINE.finditer(data)]
    if not starts or data[: starts[0].start()].strip():
        return []
    chunks = []
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(data)
        chunk = data[match.end() + 1 : end].strip(b"\r\n")
        if chunk:
            chunks.append(chunk)
    return chunks


def _refuse_binary(path: Path, data: bytes) -> None:
    if b"\x00" in data[:8192]:
        raise ReadError(path, "looks binary (contains NUL bytes), not an e-mail")


def _parse(data: bytes, warnings: list[str]) -> EmailMessage:
    message: EmailMessage = BytesParser(policy=policy.default).parsebytes(data)  # type: ignore[assignment]
    for name, value in message.raw_items():  # raw: nothing parsed yet, so the check itself is cheap
        if len(value) > MAX_HEADER_CHARS:
            cut = re.sub(r"[\r\n]+", " ", value[:MAX_HEADER_CHARS])  # unfolded: a stored header is one line
            cut = cut[: cut.rfind(",")] if "," in cut else cut
            del message[name]
            message[name] = cut
            warnings.append(
                f"{name} header is {len(value):,} characters; read only its first {len(cut):,} (MAX_HEADER_CHARS)"
            )
    return message


class _MessageReader:
    """Renders one message into the Source text and adds its Report, people and claims to the document."""

    def __init__(self, document: Document, out: _Text, domains: dict[str, Organisation], raw: bytes):
        self.document = document
        self.out = out
        self.domains = domains
        self.raw = raw
        self.structured: Extraction = document.structured

    def read(self, message: EmailMessage, warnings: list[str]) -> tuple[str | None, str | None]:
        lines = self._render_headers(message, warnings)
        self.out.add(_body(message, warnings) + "\n")
        subject = _first_text(message, "Subject") or None
        day, date_text = _date(message, warnings)
        report = self._report(message, subject, day, warnings)
        self._address_claims(lines, report, day, date_text, warnings)
        self._citation_claims(lines, report, subject, day, date_text)
        return subject, day

    def _render_headers(self, message: EmailMessage, warnings: list[str]) -> dict[str, list[_Line]]:
        lines: dict[str, list[_Line]] = {}
        for name in RENDERED_FIELDS:
            for header in _all_headers(message, name, warnings):
                value = _one_line(str(header))
                if value:
                    rendered = f"{name}: {value}"
                    start, end = self.out.add(rendered + "\n")
                    lines.setdefault(name, []).append(_Line(header, rendered, start, end))
        self.out.add("\n")
        return lines

    def _report(self, message: EmailMessage, subject: str | None, day: str | None, warnings: list[str]) -> Node:
        ids = MESSAGE_ID.findall(_first_text(message, "Message-ID"))
        if ids:
            report_id = email_report_id(ids[0])
        else:
            report_id = f"report:email-{sha256(self.raw)[:16]}"
            warnings.append("no Message-ID header; replies to this e-mail cannot be linked to it")
        props = {"kind": "email", "title": subject, "date_start": day, "date_precision": "day" if day else None}
        aliases = [f"<{ids[0]}>", ids[0]] if ids else []
        node = Node(
            report_id, "Report", subject or "(no subject)", aliases=aliases, props={k: v for k, v in props.items() if v}
        )
        self.structured.nodes.append(node)
        return node

    def _address_claims(self, lines, report, day, date_text, warnings) -> None:
        for name in ADDRESS_FIELDS:
            for line in lines.get(name, []):
                for address in _addresses(line.header, name, warnings):
                    person = self._person(address, line, day, date_text)
                    edge, role = ("SENT", None) if name == "From" else ("RECEIVED", name.lower())
                    self._claim(edge, person.id, report.id, line, day, date_text, confidence=1.0, role=role)

    def _person(self, address, line: _Line, day: str | None, date_text: str | None) -> Node:
        addr_spec = address.addr_spec.strip()
        written = _one_line(address.display_name)
        name = person_name(written) if written else addr_spec
        person = Node(node_id("Person", name), "Person", name, aliases=[written, addr_spec])
        self.structured.nodes.append(person)
        organisation = organisation_of(addr_spec, self.domains) if "@" in addr_spec else None
        if organisation:
            agency = Node(
                node_id("Agency", organisation.name),
                "Agency",
                organisation.name,
                props={"kind": organisation.kind} if organisation.kind else {},
            )
            self.structured.nodes.append(agency)
            self._claim("MEMBER_OF", person.id, agency.id, line, day, date_text, confidence=MEMBERSHIP_CONFIDENCE)
        return person

    def _citation_claims(self, lines, report, subject, day, date_text) -> None:
        answered = _answered(lines)
        thread = REPLY_PREFIX.sub("", subject or "").strip() if REPLY_PREFIX.match(subject or "") else ""
        seen = {report.id}
        for name in ("In-Reply-To", "References"):
            for line in lines.get(name, []):
                for message_id in MESSAGE_ID.findall(line.text.partition(": ")[2]):
                    cited = email_report_id(message_id)
                    if cited in seen:
                        continue
                    seen.add(cited)
                    # Only a reply ("Re: X") names the message it answers: X. Another subject, or an
                    # older message of the thread, says nothing of the cited message's own subject.
                    cited_name = (thread if message_id == answered else "") or f"e-mail <{message_id}>"
                    self.structured.nodes.append(
                        Node(
                            cited,
                            "Report",
                            cited_name,
                            aliases=[f"<{message_id}>", message_id],
                            props={"kind": "email"},
                        )
                    )
                    self._claim("CITES", report.id, cited, line, day, date_text, confidence=1.0, role=name.lower())

    def _claim(
        self, edge, from_id, to_id, line: _Line, day, date_text, confidence: float, role: str | None = None
    ) -> None:
        self.structured.claims.append(
            Claim(
                edge,
                from_id,
                to_id,
                self.document.source_id,
                line.text,
                line.start,
                line.end,
                confidence,
                EXTRACTOR,
                date_start=day,
                date_end=day,  # one day: both bounds, like an extracted claim
                date_precision="day" if day else None,
                date_text=date_text if day else None,
                role=role,
            )
        )


def _all_headers(message: EmailMessage, name: str, warnings: list[str]) -> list:
    try:
        return list(message.get_all(name) or [])
    except Exception as error:  # the stdlib header parser can raise on hostile headers
        warnings.append(f"unreadable {name} header ({type(error).__name__}); ignored")
        return []


def _first_text(message: EmailMessage, name: str) -> str:
    """The first `name` header as one line ('' when absent; unreadable ones were warned about when rendered)."""
    headers = _all_headers(message, name, [])
    return _one_line(str(headers[0])) if headers else ""


def _addresses(header, name: str, warnings: list[str]) -> list:
    try:
        found = [a for a in getattr(header, "addresses", ()) if a.addr_spec.strip() or a.display_name.strip()]
    except Exception as error:
        warnings.append(f"unreadable addresses in {name} header ({type(error).__name__}); ignored")
        return []
    if not found and str(header).strip():
        warnings.append(f"no address could be read from {name} header {str(header)[:60]!r}")
    return found


def _date(message: EmailMessage, warnings: list[str]) -> tuple[str | None, str | None]:
    """The Date header as the sender's calendar day (in the sender's own time zone)."""
    headers = _all_headers(message, "Date", warnings)
    if not headers:
        warnings.append("no Date header; claims are undated")
        return None, None
    moment = getattr(headers[0], "datetime", None)
    if moment is None:
        warnings.append(f"unreadable Date header {str(headers[0])[:60]!r}; claims are undated")
        return None, None
    return moment.date().isoformat(), _one_line(str(headers[0]))


def _body(message: EmailMessage, warnings: list[str]) -> str:
    try:
        return _readable_body(message, warnings)
    except Exception as error:  # the stdlib MIME parser can raise on hostile structure; keep the headers
        warnings.append(f"body could not be read ({type(error).__name__}); headers only")
        return ""


def _readable_body(message: EmailMessage, warnings: list[str]) -> str:
    attachments = (
        [p.get_filename() or p.get_content_type() for p in message.iter_attachments()] if message.is_multipart() else []
    )
    if attachments:
        warnings.append(f"{len(attachments)} attachment(s) not read: {', '.join(attachments)}")
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        warnings.append("no text body")
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, AssertionError, KeyError) as error:
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else str(payload)
        warnings.append(f"body charset could not be used ({type(error).__name__}); decoded as UTF-8 with replacements")
    if not isinstance(content, str):
        return ""
    if part.get_content_subtype() == "html":
        content = html_to_text(content)
    content = content.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in content.strip("\n").split("\n"))


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _answered(lines: dict[str, list[_Line]]) -> str | None:
    """The Message-ID a message directly answers: its In-Reply-To, else the last of its References."""
    for name in ("In-Reply-To", "References"):
        ids = [i for line in lines.get(name, []) for i in MESSAGE_ID.findall(line.text.partition(": ")[2])]
        if ids:
            return ids[0] if name == "In-Reply-To" else ids[-1]
    return None
