"""Which page of the review queue is on screen, kept in session state, so an investigator can walk a
queue longer than one page ("showing 26-50 of 180") without the page forgetting where they were."""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass

PAGE_KEY = "review_page"  # 0-based page number
SHOWN_KEY = "review_page_of"  # the status filter the page number belongs to


@dataclass(frozen=True)
class QueuePage:
    """One page of a queue of `total` claims: its number (0-based), first offset and size."""

    number: int
    size: int
    total: int

    @property
    def offset(self) -> int:
        return self.number * self.size

    @property
    def has_previous(self) -> bool:
        return self.number > 0

    @property
    def has_next(self) -> bool:
        return self.offset + self.size < self.total

    def label(self) -> str:
        """ "showing 26-50 of 180", 1-based and inclusive as a reader counts."""
        if not self.total:
            return "showing 0 of 0"
        return f"showing {self.offset + 1}-{min(self.offset + self.size, self.total)} of {self.total}"


def current_page(state: MutableMapping, shown: str, size: int, total: int) -> QueuePage:
    """The page to show: back to the first when the filter changed, and never past the last page
    (a decision can shrink the queue under the page the investigator was on)."""
    if state.get(SHOWN_KEY) != shown:
        state[SHOWN_KEY], state[PAGE_KEY] = shown, 0
    last = max(0, (total - 1) // size)
    state[PAGE_KEY] = min(max(0, int(state.get(PAGE_KEY, 0))), last)
    return QueuePage(state[PAGE_KEY], size, total)


def turn(state: MutableMapping, step: int) -> None:
    """A Previous (-1) or Next (+1) button's callback; current_page clamps it on the next run."""
    state[PAGE_KEY] = max(0, int(state.get(PAGE_KEY, 0)) + step)
