"""Programme areas written beside a title, read as no body a person is a member of.

GAO and inspector-general testimony signs its witness "Ann Lee, Director, Defense Capabilities and
Management": the words after the title name the team's subjects, not an organisation, and the tagger's
ORG span has no body head word ("Office", "Committee", "Agency", ...), no acronym and no company ending. The
person's body is the one the heading or letterhead names (GAO), so the apposition draws no MEMBER_OF.
A name the gazetteer knows, or the long form of an acronym the text defines, is a body whatever its shape;
one subject alone ("Tarnside Water", "Trade") may be a company's name and is left as it is.
"""

from __future__ import annotations

from loaders.extract.mentions import names_a_body

_JOINERS = {"and", "&", "of", "the", "for"}


def headless_unit(name: str, known: bool) -> bool:
    """True when `name` is capitalised subject words joined by "and" ("Defense Capabilities and Management"):
    no body head word, no acronym, no digits; `known`: the gazetteer or a defined acronym names it."""
    words = name.split()
    if known or not {"and", "&"} & set(words) or names_a_body(name):
        return False  # one subject alone ("Tarnside Water") may be a company's name
    for word in words:
        if word.lower() in _JOINERS:
            continue
        if not (word.isalpha() and word[0].isupper() and word[1:].islower()):
            return False  # "NSPCC", "3TP", "McKinsey": an acronym, code or coined name
    return True
