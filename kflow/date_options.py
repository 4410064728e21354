"""The CLI's date options (--since, --until, --published): declared once, checked once.

Each takes YYYY, YYYY-MM or YYYY-MM-DD and is read by `graph.analysis.date_bounds`, so a bad date
gets the same one line from every command ("since '2002-13' is not a date; write YYYY, YYYY-MM or
YYYY-MM-DD"), before a store is opened or a file read. Under `--json` a command built on
`JsonUsageCommand` answers with one JSON object of kind `DateWindowError` instead.
"""

from __future__ import annotations

from collections.abc import Callable

import click

from kflow.terminal import visible

DATE_METAVAR = "YYYY[-MM[-DD]]"


class BadDateOption(click.ClickException):
    """A date option that is not YYYY, YYYY-MM or YYYY-MM-DD: one `error: ...` line, exit status 1."""

    kind = "DateWindowError"  # as the library names it (graph/analysis/date_bounds.py)

    def show(self, file=None) -> None:
        click.echo(f"error: {visible(self.format_message())}", err=True, file=file)


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        from graph.analysis.date_bounds import DateWindowError, first_day  # graph.analysis loads networkx: late

        try:
            first_day(value, param.name or "date")
        except DateWindowError as error:
            raise BadDateOption(str(error)) from None
    return value


def date_option(name: str, help: str) -> Callable:
    """A `--NAME` option taking YYYY, YYYY-MM or YYYY-MM-DD, refused up front when it is none of these."""
    return click.option(f"--{name}", metavar=DATE_METAVAR, callback=_check_date, help=help)


claims_since_option = date_option("since", "Only claims dated (at least partly) on or after this date.")
claims_until_option = date_option("until", "Only claims dated (at least partly) on or before this date.")
