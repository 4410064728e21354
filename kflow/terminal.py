"""Document text shown in a terminal: control characters made visible so text cannot forge output,
and the one way a command reports an expected error (`fail`).

ANSI/VT escapes (7-bit ESC and the 8-bit CSI 0x9b), bells, backspaces, carriage returns and the
Unicode bidi overrides ("Trojan Source") can redraw, reorder or hide what a table shows.
"""

from __future__ import annotations

import re
import sys
from typing import NoReturn

import click

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def visible(text: str) -> str:
    """`text` with every control or bidi character written as an escape (\\n, \\x1b, \\u202e)."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def fail(message: str) -> NoReturn:
    """Print one clear line to stderr and exit non-zero (no traceback for expected errors)."""
    click.echo(f"error: {visible(message)}", err=True)
    sys.exit(1)
