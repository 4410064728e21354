"""Markdown links read as their words: "sent a [letter](/cases/letter-to-president.pdf) to the President"
is parsed as "sent a  letter  ...  to the President". The link's target is blanked with spaces, so every
offset still indexes the document and claims cite the sentence as written. Bold markers
around words ("said **Special Counsel Ann Lee**") are blanked the same way: the parser read "**Special"
as a word of its own and lost the name."""

from __future__ import annotations

import re

from loaders.extract.title_abbreviations import blank_title_stops

_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\(([^()\s]{0,1000})\)")
_BOLD = re.compile(r"\*\*(?=\S)([^*\n]{0,299}[^*\s:])\*\*")  # not a bold label ("**Apologies:**"), layout


def parsing_text(text: str) -> str:
    """The text the parser reads: markdown link brackets and targets, emphasis markers and the full
    stops of title abbreviations ("my right hon. Friend", title_abbreviations.py) turned into spaces
    (same length)."""
    text = blank_title_stops(text)
    if "**" in text:
        text = _BOLD.sub(lambda m: "  " + m.group(1) + "  ", text)
    if "](" not in text:
        return text
    return _LINK.sub(lambda m: " " + m.group(1) + " " * (len(m.group(0)) - len(m.group(1)) - 1), text)


def has_links(text: str) -> bool:
    """Whether the text may hold a markdown link at all (`_LINK` needs its "](")."""
    return "](" in text


def is_link_anchor(text: str, start: int, end: int) -> bool:
    """The words text[start:end] are a whole link's anchor ("OSC [referred](/docs/referral.pdf) the ..."):
    the linked document is what those words stand for."""
    return start > 0 and text[start - 1] == "[" and text.startswith("](", end)


def anchor_of(text: str, start: int, end: int) -> str | None:
    """The anchor of the markdown link whose words are just text[start:end], emphasis and spaces aside
    ("[alerted](...)", "[**notified** ](...)"), as written; else None."""
    opening = text.rfind("[", max(0, start - 4), start + 1)
    if opening < 0:
        return None
    link = _LINK.match(text, opening)
    if link is None or link.end(1) < end:
        return None
    return link.group(1) if link.group(1).strip(" *_") == text[start:end] else None
