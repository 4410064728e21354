"""A click command whose usage errors (a missing argument, an unknown option) are JSON under --json.

click reports usage errors itself, before the command body runs, as "Usage: ... Error: ..." text
on stderr; a script that asked for `--json` would then have nothing on stdout to parse. This class
catches the error while the arguments are parsed and answers in the same shape as every other
`--json` error: one object on stdout, `{"error": ..., "kind": "UsageError"}`, exit status 2.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

JSON_FLAG = "--json"


class JsonUsageCommand(click.Command):
    """A command that reports its usage errors as one JSON object when `--json` is among its arguments."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any):
        wants_json = JSON_FLAG in args
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.ClickException as error:  # a usage error, or a bad value refused by its option
            if not wants_json:
                raise
            kind = getattr(error, "kind", "UsageError")
            click.echo(json.dumps({"error": error.format_message(), "kind": kind}, ensure_ascii=False))
            sys.exit(error.exit_code)
