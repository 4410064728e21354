"""The demo corpus: every document under seeds/, without its catalogue (seeds/SOURCES.md lists
where each document came from and under which licence; it is not itself evidence)."""

from __future__ import annotations

from pathlib import Path

from loaders.pipeline import SKIPPED_SUFFIXES

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CATALOGUE = "SOURCES.md"


def demo_paths(seeds: Path = SEEDS) -> tuple[Path, ...]:
    """The entries of seeds/ to load: its documents and folders (sidecars are read with their
    documents), the catalogue left out."""
    return tuple(
        p
        for p in sorted(seeds.iterdir())
        if p.name != CATALOGUE and not p.name.startswith(".") and not p.name.endswith(SKIPPED_SUFFIXES)
    )
