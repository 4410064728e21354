"""People named with and without a middle initial ("Darrell Issa", "Darrell E. Issa") are one
person unless the names in view contradict it: another person with the same first and last names
and a different middle name or initial ("Ann F. Lee" beside "Ann E. Lee" leaves "Ann Lee" open).

Used by the in-document resolver (`loaders/resolve.py`, over the names one document gives) and by
cross-document resolution (`loaders/cross_resolve.py`, over a store's people). Names are compared by
`graph.names.person_key`, so titles, case and the initial's full stop do not matter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from graph.names import person_key


def _parts(key: str) -> tuple[tuple[str, str], tuple[str, ...]] | None:
    """((first, last), middles) of a person key with a first and a last name, else None."""
    words = key.split()
    return ((words[0], words[-1]), tuple(words[1:-1])) if len(words) >= 2 else None


def _compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Middle names that may be one person's: one side has none, or word by word each pair is
    equal or an initial of the other ("e" / "edward")."""
    if not a or not b:
        return True
    return len(a) == len(b) and all(x == y or (len(x) == 1 or len(y) == 1) and x[0] == y[0] for x, y in zip(a, b))


def one_person_names(names: Iterable[str]) -> dict[str, str]:
    """Name -> the fullest name of the same person, for each name that differs from another only by
    a middle name or initial and whose first-and-last-name group holds no contradiction. Names not
    joined are left out. The fullest name has the most middle letters, then comes first in order."""
    groups: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    middles: dict[str, tuple[str, ...]] = {}
    for name in names:
        key = person_key(name)
        parts = _parts(key)
        if parts is not None:
            groups[parts[0]][key].append(name)
            middles[key] = parts[1]
    joined: dict[str, str] = {}
    for by_key in groups.values():
        keys = list(by_key)
        if len(keys) < 2 or not all(_compatible(middles[a], middles[b]) for a in keys for b in keys):
            continue
        fullest = max(keys, key=lambda k: (len("".join(middles[k])), len(middles[k]), -keys.index(k)))
        for key in keys:
            if key != fullest:
                for name in by_key[key]:
                    joined[name] = by_key[fullest][0]
    return joined
