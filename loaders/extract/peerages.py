"""Peers by the names the text gives them (issue #13, entities round 11).

A peer is known by the title and name, and formally by the title, name and territorial designation:
"Lord Davies of Coity asked Her Majesty's Government ...", "(Lord Bassam of Brighton)". The tagger ends
the name before "of", and often leaves the title out ("Lord [McCarthy]"), so the person became "Lord
Bassam" or "McCarthy". A peer is named "Title Name of Place" when the text writes it so anywhere, else
"Title Name"; a shorter mention of the same peer resolves to the same node.
"""

from __future__ import annotations

import re
from functools import lru_cache

from loaders.extract.lexicon import LEX

_NAME = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"


@lru_cache(maxsize=1)
def _designation() -> re.Pattern:
    titles = "|".join(re.escape(t) for t in LEX.peer_titles)
    return re.compile(rf"\b({titles}) ({_NAME}) of ((?:{_NAME})(?: {_NAME})?)\b")


def territorial_names(text: str) -> dict[str, str]:
    """ "Lord Bassam" -> "Lord Bassam of Brighton" for each peer the text names with a place; a short name
    two peers share is left alone. "Lord Mayor of London" is an office, not a peer."""
    found: dict[str, set[str]] = {}
    for match in _designation().finditer(text):
        title, name, place = match.groups()
        if name in LEX.not_name_words or name in LEX.office_titles:
            continue
        found.setdefault(f"{title} {name}", set()).add(f"{title} {name} of {place}")
    return {short: next(iter(full)) for short, full in found.items() if len(full) == 1}


def peer_name(name: str, written: str, title_before: str, designations: dict[str, str]) -> str:
    """The name of a peer: `name` is the cleaned name ("Bassam"), `written` the mention as written ("Lord
    Bassam"), `title_before` the word before it ("Lord" in "Lord [McCarthy]"). Anyone else keeps `name`."""
    words = written.split()
    title = words[0] if len(words) > 1 and words[0] in LEX.peer_titles else title_before
    if title not in LEX.peer_titles or name.split()[0] in LEX.peer_titles:
        return name
    short = f"{title} {name}"
    return designations.get(short, short)
