"""Rows for timeline bars, so that no bar hides another.

A subject's claims often share a date ("knew in 2002" twice, sent and received the same month):
drawn on one row, the later bar covers the earlier one and a reader never sees it. Each subject
gets as many rows (lanes) as its most overlapping moment needs; a bar goes on the first lane that
is free when it starts (greedy interval partitioning, which uses the fewest lanes).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date


def lanes(spans: Sequence[tuple[date, date]]) -> list[int]:
    """The lane of each half-open span [start, end): overlapping spans never share a lane."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], spans[i][1], i))
    lane_ends: list[date] = []
    found = [0] * len(spans)
    for i in order:
        start, end = spans[i]
        free = next((lane for lane, busy_until in enumerate(lane_ends) if busy_until <= start), None)
        if free is None:
            free = len(lane_ends)
            lane_ends.append(end)
        else:
            lane_ends[free] = end
        found[i] = free
    return found


def pack(subjects: Sequence[str], spans: Sequence[tuple[date, date]]) -> tuple[list[int], dict[str, tuple[int, int]]]:
    """Rows for bars of `subjects` (one per bar) over `spans`: subjects in order of first appearance,
    each a block of consecutive rows. Returns each bar's row and each subject's (first row, rows)."""
    by_subject: dict[str, list[int]] = {}
    for i, subject in enumerate(subjects):
        by_subject.setdefault(subject, []).append(i)
    rows = [0] * len(spans)
    blocks: dict[str, tuple[int, int]] = {}
    next_row = 0
    for subject, members in by_subject.items():
        own = lanes([spans[i] for i in members])
        for i, lane in zip(members, own, strict=True):
            rows[i] = next_row + lane
        height = max(own) + 1
        blocks[subject] = (next_row, height)
        next_row += height
    return rows, blocks
