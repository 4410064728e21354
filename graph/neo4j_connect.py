"""Turn a kflow Neo4j store spec into driver arguments, and driver failures into one clear message.

A spec is a Bolt URI: `bolt://`, `neo4j://` (routing) or either with `+s` / `+ssc` (TLS), with an
optional `?database=NAME`. Credentials come from `NEO4J_USER` / `NEO4J_PASSWORD` (or the URI's
`user:password@`, which kflow never prints); without them the driver connects without auth.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from neo4j.exceptions import AuthError, ClientError, DriverError, Neo4jError, ServiceUnavailable, TransientError

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@dataclass(frozen=True)
class Connection:
    """Where and how to connect; `auth` stays out of repr so it never reaches a log or traceback."""

    uri: str
    database: str | None
    auth: tuple[str, str] | None = field(default=None, repr=False)

    @property
    def where(self) -> str:
        """The server (and database) in words a user recognises, without credentials."""
        return self.uri + (f" (database {self.database!r})" if self.database else "")


def split_credentials(spec: str) -> tuple[str, str | None, str | None]:
    """(spec without its `user:password@`, user, password): the one split every caller uses, so
    what is printed and what is sent to the server can never disagree about where a secret ends.

    The userinfo ends at the LAST `@` (a password may hold `@`, `/`, `:`, `#`, `?`, which the
    generic URL grammar would take as the end of the host); the user ends at the first `:`.
    Percent-escapes in either are decoded (`p%40ss` is `p@ss`), as in any URI.
    """
    scheme, sep, rest = spec.partition("://")
    if not sep or "@" not in rest:
        return spec, None, None
    userinfo, _, host = rest.rpartition("@")
    user, colon, password = userinfo.partition(":")
    return f"{scheme}://{host}", unquote(user) or None, unquote(password) if colon else None


def parse_spec(spec: str, environ: dict[str, str] | None = None) -> Connection:
    """Split a store spec into the driver's URI, the database name and the credentials.

    Raises ValueError naming the part that is wrong.
    """
    env = os.environ if environ is None else environ
    spec, uri_user, uri_password = split_credentials(spec)
    parts = urlsplit(spec)
    if parts.scheme not in SCHEMES:
        raise ValueError(
            f"unknown Neo4j URI scheme {parts.scheme!r} in the store; expected one of {', '.join(s + '://' for s in SCHEMES)}"
        )
    if not parts.hostname:
        raise ValueError("the Neo4j URI has no host (expected e.g. bolt://localhost:7687)")
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    database = query.pop("database", None) or env.get("NEO4J_DATABASE") or None
    if query and not parts.scheme.startswith("neo4j"):
        raise ValueError(f"unknown option(s) {', '.join(query)} in the Neo4j URI; only ?database=NAME is understood")
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    uri = urlunsplit((parts.scheme, netloc, "", urlencode(query), ""))
    user = uri_user or env.get("NEO4J_USER")
    password = uri_password if uri_user else env.get("NEO4J_PASSWORD")
    auth = (user, password or "") if user else None
    return Connection(uri, database, auth)


def explain(error: Exception, connection: Connection) -> str:
    """One sentence for a driver or server failure; the secret and the stack trace stay out."""
    where = connection.where
    if isinstance(error, AuthError):
        return f"Neo4j at {where} refused the credentials; check NEO4J_USER and NEO4J_PASSWORD"
    if isinstance(error, ServiceUnavailable):
        reason = re.search(r"\(reason ([^\n]*)\)\s*$", str(error))
        return f"cannot reach Neo4j at {where}: is the server running? ({reason.group(1) if reason else _first_line(error)})"
    if isinstance(error, Neo4jError):
        code = error.code or ""
        if code.endswith("DatabaseNotFound"):
            return f"Neo4j at {connection.uri} has no database {connection.database!r}; create it or change ?database= / NEO4J_DATABASE"
        if "MemoryPoolOutOfMemoryError" in code or "TransactionOutOfMemory" in code:
            return (
                f"Neo4j at {where} ran out of transaction memory; nothing was written. Upsert smaller batches "
                "or raise dbms.memory.transaction.total.max on the server"
            )
        kind = (
            "query failed"
            if isinstance(error, ClientError)
            else "Neo4j error"
            if not isinstance(error, TransientError)
            else "Neo4j is busy"
        )
        return f"{kind} on {where}: {error.message or code}"
    if isinstance(error, DriverError):
        return f"Neo4j driver error talking to {where}: {_first_line(error)}"
    return f"Neo4j at {where}: {_first_line(error)}"


def _first_line(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]
