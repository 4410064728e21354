"""Markdown links read as their words: "sent a [letter](/cases/letter-to-president.pdf) to the President"
is parsed as "sent a  letter  ...  to the President". The link's target is blanked with spaces, so every
offset still indexes the document and claims cite the sentence as written."""

from __future__ import annotations

import re

_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\(([^()\s]{0,1000})\)")


def parsing_text(text: str) -> str:
    """The text the parser reads: markdown link brackets and targets turned into spaces (same length)."""
    if "](" not in text:
        return text
    return _LINK.sub(lambda m: " " + m.group(1) + " " * (len(m.group(0)) - len(m.group(1)) - 1), text)
