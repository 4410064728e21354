"""When the embedded writer closes and reopens its LadybugDB database, to give back native memory.

LadybugDB 0.22 keeps ~2-3 KB of native memory per relationship written for as long as the
Database object is open (docs/reliability.md, section 2a); closing it gives that memory back. So
a long-running writer reopens its database, between transactions, once this many rows (new nodes
+ new claims) have been written since it was opened. `KFLOW_REOPEN_ROWS=0` turns it off.
"""

from __future__ import annotations

import os

REOPEN_ROWS = 50_000  # default rows written between reopens (measured: docs/reliability.md, section 2a)


def reopen_rows() -> int:
    """Rows between reopens: env `KFLOW_REOPEN_ROWS` (default 50,000; 0 = never); ValueError if malformed."""
    raw = os.environ.get("KFLOW_REOPEN_ROWS", "").strip()
    if not raw:
        return REOPEN_ROWS
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"KFLOW_REOPEN_ROWS={raw!r} is not a whole number of rows (0 turns reopening off)") from None
    if value < 0:
        raise ValueError(f"KFLOW_REOPEN_ROWS={raw!r} must be 0 (never) or a positive number of rows")
    return value
