"""The demo corpus: every document under seeds/. Its catalogue (seeds/SOURCES.md lists where each
document came from and under which licence) is not itself evidence: seeds/.kflowignore leaves it
out, so `kflow demo` and `kflow load seeds` read the same files."""

from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CATALOGUE = "SOURCES.md"
