"""Stable IRIs for kflow ids under a configurable base: `agency:home-office` -> `<base>agency/home-office`.

The part after the prefix is percent-encoded (everything but RFC 3986 unreserved characters),
so any id, however odd, gives a valid IRI, and two different ids never give the same IRI.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from pyoxigraph import NamedNode

from graph.names import slug

DEFAULT_BASE = "https://kflow.example/id/"


class IriError(ValueError):
    """A base IRI or id that cannot become an IRI; the message names it."""


def check_base(base: str) -> str:
    """The base, if it is an absolute IRI ending in `/` or `#` (ids are appended to it)."""
    parts = urlsplit(base)
    if not parts.scheme or not (parts.netloc or parts.scheme == "urn") or not base.endswith(("/", "#")):
        raise IriError(f"--base {base!r}: must be an absolute IRI ending in '/' or '#', e.g. {DEFAULT_BASE}")
    try:
        NamedNode(base)
    except ValueError as error:
        raise IriError(f"--base {base!r} is not a valid IRI: {error}") from None
    return base


def local_part(node_id: str) -> str:
    """`prefix:rest` -> `prefix/<rest percent-encoded>`; the id's prefix is already a safe word."""
    prefix, sep, rest = node_id.partition(":")
    if not sep or not prefix or not rest:
        raise IriError(f"id {node_id!r} is not of the form 'prefix:name'")
    return f"{quote(prefix, safe='')}/{quote(rest, safe='-._~')}"


class Minter:
    """Makes (and caches the hot ones) NamedNodes for ids under one base."""

    def __init__(self, base: str = DEFAULT_BASE, cache_size: int = 100_000):
        self.base = check_base(base)
        self._cache: dict[str, NamedNode] = {}
        self._cache_size = cache_size

    def node(self, node_id: str) -> NamedNode:
        """IRI of a node or claim id; cached because the same ends recur across claims."""
        term = self._cache.get(node_id)
        if term is None:
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            term = self._cache[node_id] = NamedNode(self.base + local_part(node_id))
        return term

    def sub(self, node_id: str, part: str) -> NamedNode:
        """A resource that exists only as part of another (a claim's activity, association)."""
        return NamedNode(f"{self.base}{local_part(node_id)}/{part}")

    def role(self, role: str) -> NamedNode:
        """An org:Role from a role title ("Home Secretary" -> `<base>role/home-secretary`)."""
        return self.node(f"role:{slug(role)}")
