"""A click group whose subcommands are imported only when run, so `kflow --help` starts fast.

The analysis, evaluation, import and export commands pull in networkx, pandas, pyarrow and spaCy;
importing them all to print a help page took seconds. Each lazy command is named with its import
path and its one-line help, so listing the commands imports nothing (click's documented LazyGroup
pattern, plus a help line kept beside the path; `tests/test_cli_startup.py` holds the two equal).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import click


@dataclass(frozen=True)
class LazyCommand:
    """Where a command lives ("module:attribute") and the line `kflow --help` shows for it."""

    target: str
    short_help: str

    def short_help_str(self, limit: int = 45) -> str:
        """The line shortened as click shortens a command's own help."""
        return click.Command(None, help=self.short_help).get_short_help_str(limit)

    def load(self) -> click.Command:
        module, attribute = self.target.split(":")
        command = getattr(importlib.import_module(module), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{self.target} is not a click command")
        return command


class LazyGroup(click.Group):
    """A group that holds some commands as `LazyCommand`s until one is asked for."""

    def __init__(self, *args, lazy_commands: dict[str, LazyCommand] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands and cmd_name not in self.commands:
            self.add_command(self.lazy_commands[cmd_name].load(), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list, lazy ones described by their stored line instead of being imported."""
        limit = formatter.width - 6 - max((len(name) for name in self.list_commands(ctx)), default=0)
        rows = []
        for name in self.list_commands(ctx):
            if name in self.lazy_commands and name not in self.commands:
                rows.append((name, self.lazy_commands[name].short_help_str(limit)))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
