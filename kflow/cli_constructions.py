"""`kflow constructions`: the construction suite (templated fictional sentences), pass rate per capability."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from loaders.constructions import SuiteError, SuiteReport, descriptions, load_suite, run_suite


def _rate(value: float | None) -> str:
    return "    -" if value is None else f"{value * 100:5.1f}"


def _table(report: SuiteReport) -> list[str]:
    rates = report.by_capability()
    width = max([len("capability"), len("overall"), *map(len, rates)])
    lines = [f"{'capability':<{width}}  {'cases':>5}  {'passed':>6}  {'rate %':>6}"]
    for name, rate in rates.items():
        lines.append(f"{name:<{width}}  {rate.cases:>5}  {rate.passed:>6}  {_rate(rate.rate):>6}")
    overall = report.overall()
    lines.append(f"{'overall':<{width}}  {overall.cases:>5}  {overall.passed:>6}  {_rate(overall.rate):>6}")
    return lines


def _failures(report: SuiteReport) -> list[str]:
    lines = []
    for result in report.failures:
        lines.append(f"FAIL {result.case.id}: {result.case.sentence}")
        lines.extend(f"     missing:   {m}" for m in result.missing)
        lines.extend(f"     forbidden: {f}" for f in result.forbidden)
        lines.append("     produced:  " + ("; ".join(result.produced) or "nothing"))
    return lines


@click.command("constructions")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--capability", "capabilities", multiple=True, help="Only this capability (repeatable).")
@click.option(
    "--show-failures",
    is_flag=True,
    help="List every failing case: its sentence, what was missing or forbidden, what was produced.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report (per capability, overall, failures).")
@click.option("--min-rate", type=click.FloatRange(0, 1), help="Exit 1 when the overall pass rate is below this.")
def constructions_command(
    paths: tuple[Path, ...], capabilities: tuple[str, ...], show_failures: bool, as_json: bool, min_rate: float | None
) -> None:
    """Run the construction suite: what extraction handles, capability by capability.

    Each case is one fictional sentence generated (seeded) from a template in
    tests/constructions/*.yaml (or the suite files / folders given), extracted with the default
    extractor and scored: it passes when every expected claim is drawn (type, ends, year) and no
    forbidden one is (negated, hedged, future, questions, headlines, datelines draw none).
    """
    try:
        cases = load_suite(paths)
        about = descriptions(paths)
    except SuiteError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    if capabilities:
        unknown = sorted(set(capabilities) - {c.capability for c in cases})
        if unknown:
            raise click.UsageError(f"unknown capability {', '.join(unknown)}; the suite has {', '.join(about)}")
        cases = [c for c in cases if c.capability in capabilities]
    report = run_suite(cases)
    report.descriptions = about
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        if show_failures:
            click.echo("\n".join(_failures(report) or ["no failures"]))
            click.echo()
        click.echo("\n".join(_table(report)))
    rate = report.overall().rate or 0.0
    if min_rate is not None and rate < min_rate:
        click.echo(f"below threshold: pass rate {rate:.3f} < {min_rate}", err=True)
        sys.exit(1)


commands = [constructions_command]
