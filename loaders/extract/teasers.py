"""A release's opening line that the story then says again: "OSC today sent a report to the President ..."
as a teaser line, and "The U.S. Office of Special Counsel (OSC) today sent a [report](...) to President ..."
as the lede under it. The claims the teaser shares with the story are the story's: kept once, from the
story, where the text tells them in full (and with its links). A claim only the opening line makes stays."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_KEPT_TYPES = ("MENTIONS",)  # a mention is per place, not per fact


def opening_line_end(text: str) -> int | None:
    """Where the first paragraph ends, when a single line opens the text and more follows; else None."""
    start = len(text) - len(text.lstrip())
    found = _PARAGRAPH_BREAK.search(text, start)
    if found is None or "\n" in text[start : found.start()].strip():
        return None
    return found.start()


def drop_repeated_teaser_claims(run: DocumentRun) -> None:
    """Remove the opening line's claims that the rest of the text also draws (same type and ends)."""
    end = opening_line_end(run.document.text)
    if end is None:
        return
    later = {(c.type, c.from_id, c.to_id) for c in run.claims if c.char_start >= end}
    run.claims[:] = [
        c
        for c in run.claims
        if c.char_start >= end or c.type in _KEPT_TYPES or (c.type, c.from_id, c.to_id) not in later
    ]
