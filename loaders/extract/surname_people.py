"""One surname, two title forms, one person: "Mr. Tolley" and "Chairman Tolley" in a text that gives no
full name and no other form of the surname are the same person.

`titled_names.surname_node` names the person an office title stands before by the surname ("Chairman
Tolley" is Tolley). An honorific keeps its form ("Mr. Tolley"), because "Mr. Tolley" and "Mrs. Tolley" may
be two people; but when the text also writes the surname after an office title and uses no second
honorific with it, the honorific form is that office holder too. Within one document only: the node is
the surname node the office form already makes, never a person of another text found by the surname.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.model import Node
from graph.names import name_key
from loaders.extract.lexicon import LEX
from loaders.extract.titled_names import surname_id

_HONORIFICS = frozenset(t.rstrip(".") for t in LEX.title_keys)


def _honorific(word: str) -> str | None:
    """ "Mr." -> "mr"; None for a word that is no honorific."""
    key = word.lower().rstrip(".")
    return key if key in _HONORIFICS else None


def _office_form(words: list[str], surname: str) -> bool:
    return len(words) >= 2 and words[-1] == surname and all(w in LEX.office_titles for w in words[:-1])


def honorific_surname_node(node: Node, written: str, people_written: Sequence[str], scope: str) -> Node:
    """The office holder's surname node for "Mr. Tolley" when the text also writes "Chairman Tolley" and
    no other honorific with Tolley; any other node as it is (a full name, an honorific alone)."""
    words = written.split()
    if len(words) != 2 or _honorific(words[0]) is None or name_key(node.name) != name_key(written):
        return node
    surname = words[1]
    forms = [w.split() for w in people_written]
    if not any(_office_form(f, surname) for f in forms):
        return node
    honorifics = {_honorific(f[0]) for f in forms if len(f) == 2 and f[1] == surname} - {None}
    if len(honorifics) > 1:  # "Mr. Tolley" and "Mrs. Tolley": maybe two people
        return node
    return Node(surname_id(surname, scope), "Person", surname, sorted({*node.aliases, written} - {surname}))
