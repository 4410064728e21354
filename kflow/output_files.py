"""Files written with `-o`: whole or not at all, and with the permissions the user's umask gives.

Why: a temporary file from `tempfile.mkstemp` is created 0600 so nobody else can read a half-written
export; renamed into place as it was, every export ended up 0600 whatever the umask (a shared
folder's 0644 or 0664 expected by teammates). The mode is set to what `open()` would have made
just before the rename.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


class OutputError(OSError):
    """The output file cannot be written where asked (the message names the place)."""


def umask_mode() -> int:
    """The mode a new file gets from `open()`: 0666 less the process umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_output(output: Path) -> Iterator[IO[bytes]]:
    """A binary file that becomes `output` only when the block ends without an error."""
    directory = output.resolve().parent
    if not directory.is_dir():
        raise OutputError(f"-o {output}: directory {directory} does not exist")
    handle, temp = tempfile.mkstemp(prefix=f".{output.name}.", dir=directory)
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
        os.chmod(temp, umask_mode())
        os.replace(temp, output)
    except BaseException:
        os.unlink(temp)
        raise
