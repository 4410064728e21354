"""The CLI options about grades that several commands share: which scheme, and a minimum grade."""

from __future__ import annotations

import os

import click

from graph.grading import GradeError, load_scheme


def _use_scheme(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Make `value` the scheme every grade in this run is read by (graph/grading.py reads KFLOW_GRADES)."""
    if value:
        os.environ["KFLOW_GRADES"] = value
        try:
            load_scheme(value)
        except GradeError as error:
            raise click.BadParameter(str(error)) from None
    return value


grades_option = click.option(
    "--grades",
    "grades_file",
    envvar="KFLOW_GRADES",
    default=None,
    expose_value=False,
    is_eager=True,
    callback=_use_scheme,
    help="Grading scheme YAML (default: Admiralty A-F / 1-6, graph/grade_schemes/). Env: KFLOW_GRADES.",
)
min_grade_option = click.option(
    "--min-grade",
    default=None,
    help="Use only evidence graded at least this: B2 (source B or better, information 2 or better), B, or 2.",
)
