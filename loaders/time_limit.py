"""A wall-clock limit on reading and extracting one file, so a hostile file cannot stall a bulk load.

The limit is env `KFLOW_FILE_TIMEOUT` seconds (default 120). It uses SIGALRM, which only the main
thread of a process may set: the CLI gets the limit; code running in another thread (the Streamlit
app runs pages in a script thread) gets no time limit, and relies on the size and page limits
(`KFLOW_MAX_FILE_BYTES`, `KFLOW_MAX_PDF_PAGES`) alone. The alarm interrupts Python code; a single
long call inside a C extension is interrupted only when it returns to Python.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from loaders.readers.common import env_int

FILE_TIMEOUT_S = 120


class FileTimeout(BaseException):
    """The file's time is up. A BaseException, so the readers' catch-alls for damaged files
    (`except Exception`) cannot mistake it for a parse error and carry on."""

    def __init__(self, seconds: float):
        super().__init__(f"took longer than the {seconds:g}-second limit per file (KFLOW_FILE_TIMEOUT); skipped")
        self.seconds = seconds


def file_timeout() -> int:
    """Seconds allowed per file: env `KFLOW_FILE_TIMEOUT`, else FILE_TIMEOUT_S. ValueError if malformed."""
    return env_int("KFLOW_FILE_TIMEOUT", FILE_TIMEOUT_S)


def can_time_limit() -> bool:
    """Whether this thread can set an alarm (main thread of the main interpreter, on a POSIX system)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class Deadline:
    """One budget shared by the stages of one file (reading, then extraction)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    @contextmanager
    def running(self) -> Iterator[None]:
        """Run the block under what is left of the budget; FileTimeout when it runs out."""
        if not can_time_limit():
            yield
            return
        left = self.ends - time.monotonic()
        if left <= 0:
            raise FileTimeout(self.seconds)

        def expire(signum, frame):  # noqa: ARG001 (signal handler signature)
            raise FileTimeout(self.seconds)

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, left)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
