"""A letter to two or more people greeted together: "Dear Michael and Matt," (issue #13, round 8: address8).

`coref.addressee` reads one addressee from the salutation and gives up on "and": "you" is then
nobody in particular. But a letter greeting several people by name is addressed to each of them, and
its address block above the salutation writes them in full ("Rt Hon Matt Hancock MP / Secretary of State
for ..."). Each name the salutation joins that stands for exactly one person written in full above it (a
first name: "Matt" is Matt Hancock; a title and a surname: "Mr Peach" is Stephen Peach) is an addressee:
that person RECEIVED the letter, cited by the salutation. A name the text never writes in full above
("Michael" over an address line whose name is left out) draws nothing: a first name alone is nobody.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from loaders.extract import own_document
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Mention

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

RULE = "salutation.joint"
BLOCK_RULE = "address.block"  # address_blocks.RULE (that module imports this one)
SALUTATION_SPAN = 2500  # characters from the top where a letter's salutation stands
_NAME = r"[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,3}"


@cache
def _joint_pattern() -> re.Pattern:
    greeting = "|".join(re.escape(s.capitalize()) for s in LEX.salutations)
    return re.compile(
        r"(?m)^[ \t]*(?:" + greeting + r")[ \t]+(" + _NAME + r"(?:[ \t]*,[ \t]*" + _NAME + r")*"
        r"[ \t]*,?[ \t]+(?:and|&)[ \t]+" + _NAME + r")[ \t]*[:,]?[ \t]*$"
    )


def joint_salutation(run: DocumentRun) -> re.Match | None:
    """The salutation greeting several people by name ("Dear Senator Warren and Representatives Scott and
    Takano:"), where `coref.addressee` finds no one addressee; None for none (or one naming nobody).
    Read once per document: the letter's layout (its date line, address block, letterhead) ends there."""
    memo = run.memo
    if "joint_salutation" not in memo:
        memo["joint_salutation"] = _find_joint(run)
    return memo["joint_salutation"]


def _find_joint(run: DocumentRun) -> re.Match | None:
    if run.salutation is not None or run.document.media_type in own_document.READ_BY_READERS:
        return None
    text = run.document.text
    if "and" not in text[:SALUTATION_SPAN] and "&" not in text[:SALUTATION_SPAN]:
        return None
    found = _joint_pattern().search(text, 0, SALUTATION_SPAN)
    if found is None or _impersonal(found.group(1)):
        return None  # "Dear Sir and Madam", "Dear Colleagues and Friends": nobody named
    return found


def greeting_start(run: DocumentRun) -> int | None:
    """Where a letter's salutation line starts, whether it greets one person or several; None without one."""
    if run.salutation is not None:
        return run.salutation.start
    found = joint_salutation(run)
    return None if found is None else found.start(1)


def joint_claims(run: DocumentRun) -> None:
    """Each person a joint salutation greets, named in full above it, RECEIVED the letter (unless the
    address block above already said so)."""
    found = joint_salutation(run)
    if found is None:
        return
    text = run.document.text
    above = [
        m
        for m in run.parse.mentions
        if m.kind == "person"
        and m.node is not None
        and m.node.label == "Person"
        and len(m.node.name.split()) > 1
        and own_document.mention_start(run, m) < found.start()
    ]
    line = (text.rfind("\n", 0, found.start(1)) + 1, found.end(1))
    done = {c.from_id for c in run.claims if c.type == "RECEIVED" and c.extractor.startswith(f"rules.{BLOCK_RULE}")}
    for part in re.split(r"\s*(?:,|\band\b|&)\s*", found.group(1)):
        person = _named_above(part, above)
        if person is not None and person.node.id not in done:
            own_document.own_claims(run, person, ("RECEIVED",), RULE, None, line)
            done.add(person.node.id)


def _named_above(part: str, above: list[Mention]) -> Mention | None:
    """The one person written in full above whom a greeted name stands for: "Matt" is Matt Hancock (a first
    name), "Mr Peach" is Stephen Peach (a title and a surname); None when no one or several are."""
    words = part.split()
    titled = bool(words) and words[0].rstrip(".").lower() in LEX.title_keys
    words = [w for w in words if w.rstrip(".").lower() not in LEX.title_keys]
    if len(words) != 1:
        return None
    position = -1 if titled else 0
    matches = {m.node.id: m for m in above if m.node.name.split()[position] == words[0]}
    return next(iter(matches.values())) if len(matches) == 1 else None


def _impersonal(names: str) -> bool:
    words = {w.lower() for w in re.findall(r"\w+", names)}
    return bool(words & set(LEX.impersonal_addressees))
