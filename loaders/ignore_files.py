"""`.kflowignore`: files in a loaded folder that are not documents (provenance notes, READMEs).

Gitignore syntax (read by `pathspec`), one file per folder at any depth; its patterns apply to the
files below the folder it sits in, as a `.gitignore`'s do. Only folders being walked use it: a
file named on the command line is always read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from pathspec import GitIgnoreSpec

IGNORE_FILE = ".kflowignore"


class IgnoreFileError(ValueError):
    """A `.kflowignore` that cannot be read or holds a pattern gitignore syntax refuses."""


def ignore_rule(root: Path) -> Callable[[Path], bool]:
    """Whether a file found under `root` is excluded by a `.kflowignore` in `root` or a folder between them.

    Raises IgnoreFileError naming the file (and the pattern) when one cannot be used: loading the
    folder anyway would store the very files it was written to keep out.
    """
    specs = [(found.parent, _spec(found)) for found in sorted(root.rglob(IGNORE_FILE)) if found.is_file()]

    def ignored(path: Path) -> bool:
        return any(path.is_relative_to(folder) and spec.match_file(path.relative_to(folder)) for folder, spec in specs)

    return ignored


def _spec(path: Path) -> GitIgnoreSpec:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise IgnoreFileError(f"{path}: cannot be read ({error})") from None
    try:
        return GitIgnoreSpec.from_lines(lines)
    except (ValueError, re.error) as error:  # pathspec's pattern error is a ValueError; a bad [range], re.error
        raise IgnoreFileError(f"{path}: {error}") from None
