"""`kflow eval`: score the default extractor against gold files, per file and overall."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kflow.terminal import visible
from loaders.evaluate import FALSE_CAUSES, KINDS, MISS_CAUSES, SCORE_LEVELS, EvalReport, Score, Tally, evaluate_paths
from loaders.extract.confidence import LEAD_THRESHOLD
from loaders.gold import GoldError, find_gold_files

COLUMNS = [(kind, level) for kind in KINDS for level in SCORE_LEVELS]
HEADERS = {
    ("entities", "must"): "entities must",
    ("entities", "all"): "entities must+should",
    ("edges", "must"): "edges must",
    ("edges", "all"): "edges must+should",
}


def _embedded_store(path: Path):
    from graph.embedded import EmbeddedStore

    return EmbeddedStore(path)


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{value * 100:4.0f}"


def _cell(tally: Tally) -> str:
    return f"P {_pct(tally.precision)}  R {_pct(tally.recall)}"


def _table(report: EvalReport) -> list[str]:
    width = max([len("overall"), *(len(visible(Path(s.gold_path).name)) for s in report.scores)])
    lines = [f"{'gold file':<{width}}  " + "  ".join(f"{HEADERS[c]:<21}" for c in COLUMNS)]
    for score in report.scores:
        suffix = f"  ERROR: {visible(str(score.error))}" if score.error else ""
        lines.append(
            f"{visible(Path(score.gold_path).name):<{width}}  "
            + "  ".join(f"{_cell(score.tally(*c)):<21}" for c in COLUMNS)
            + suffix
        )
    lines.append(f"{'overall':<{width}}  " + "  ".join(f"{_cell(report.overall(*c)):<21}" for c in COLUMNS))
    counts = report.overall("edges", "all")
    threshold = report.scores[0].threshold if report.scores else LEAD_THRESHOLD
    leads = sum(1 for s in report.scores for c, *_ in s.predicted_edges if c < threshold)
    lines.append(
        f"(micro-averaged, %; {counts.gold} gold edges, {counts.predicted} predicted claims in scope"
        f" at confidence >= {threshold:g}; {leads} below it are leads, not counted)"
    )
    return lines


def _curve(report: EvalReport) -> list[str]:
    """Edge precision and recall as the confidence threshold rises: they should trade off if confidences rank."""
    lines = ["threshold  " + "  ".join(f"{HEADERS[('edges', lv)]:<21}" for lv in SCORE_LEVELS) + "  claims kept"]
    curves = [report.curve(lv) for lv in SCORE_LEVELS]
    for points in zip(*curves):
        threshold = points[0][0]
        lines.append(
            f"{threshold:>9.1f}  " + "  ".join(f"{_cell(t):<21}" for _, t in points) + f"  {points[1][1].predicted:>11}"
        )
    return lines


def _errors(score: Score) -> list[str]:
    lines = [f"== {visible(Path(score.gold_path).name)} ({visible(str(score.document))})"]
    for miss in score.misses:
        lines.append(
            f"  MISS {miss.level:<6} {miss.kind:<8} {visible(str(miss.item))}"
            + (f"\n         nearest: {visible(str(miss.nearest))}" if miss.nearest else "")
        )
    for fp in score.false_positives:
        lines.append(
            f"  FALSE  {fp.kind:<8} {visible(str(fp.item))}\n         why: {visible(str(fp.reason))}"
            + (f"\n         sentence: {visible(' '.join(fp.sentence.split()))}" if fp.sentence else "")
        )
    return lines


@click.command("eval")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--docs",
    "docs_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder holding the documents, when they are neither beside the gold file nor in seeds/. Repeatable.",
)
@click.option(
    "--show-errors", is_flag=True, help="List every missed gold item and every false positive, with its sentence."
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report (per file, overall, errors).")
@click.option(
    "--min-precision",
    type=click.FloatRange(0, 1),
    help="Exit 1 when overall edge precision (must+should) is below this.",
)
@click.option("--min-recall", type=click.FloatRange(0, 1), help="Exit 1 when overall edge recall (must) is below this.")
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=LEAD_THRESHOLD,
    show_default=True,
    help="Count only edge claims at or above this confidence; those below are leads (still stored by `kflow load`).",
)
@click.option(
    "--curve",
    is_flag=True,
    help="Also print edge precision and recall at thresholds 0.0, 0.1, ..., 0.9 (always in --json).",
)
@click.option(
    "--breakdown",
    is_flag=True,
    help="Also count missed must edges and false edges by cause and edge type: where recall and precision go.",
)
def eval_command(
    paths: tuple[Path, ...],
    docs_dirs: tuple[Path, ...],
    show_errors: bool,
    as_json: bool,
    min_precision: float | None,
    min_recall: float | None,
    threshold: float,
    curve: bool,
    breakdown: bool,
) -> None:
    """Score extraction against gold files (GOLD.yaml, or folders of them).

    Each gold file's document is loaded with the default extractor into a fresh temporary
    embedded store and compared with what a careful reader extracts: precision and recall for
    entities and edges, for the must items and for must+should. The document is looked for
    beside the gold file, then in --docs folders, then in seeds/. Edge claims below --threshold
    are leads and not counted; --curve shows what each threshold would give.
    """
    from loaders.extract import default_extractor
    from loaders.extract.learned.scorer import ScorerError

    try:
        extractor = default_extractor()
    except ScorerError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    try:
        gold_files = find_gold_files(paths)
        if not gold_files:
            raise click.UsageError(f"no gold files (YAML with a 'source' mapping) under {', '.join(map(str, paths))}")
        report = evaluate_paths(gold_files, _embedded_store, extractor, docs_dirs, threshold)
    except GoldError as error:
        click.echo(f"error: {visible(str(error))}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        if show_errors:
            for score in report.scores:
                click.echo("\n".join(_errors(score)))
            click.echo()
        click.echo("\n".join(_table(report)))
        if curve:
            click.echo()
            click.echo("\n".join(_curve(report)))
        if breakdown:
            click.echo()
            click.echo("\n".join(_breakdown(report)))
    _enforce(report, min_precision, min_recall)


def _breakdown(report: EvalReport) -> list[str]:
    """Two cause x edge-type tables: missed must edges, then false edges (claims at or above the threshold)."""
    counts = report.breakdown("must")
    lines = []
    for part, title, causes in (
        ("misses", "missed must edges", MISS_CAUSES),
        ("false", "false edges", FALSE_CAUSES),
    ):
        table = counts[part]
        types = sorted({t for _, t in table}, key=lambda t: -sum(n for (_, u), n in table.items() if u == t))
        width = max(len(c) for c in causes)
        lines.append(f"{title:<{width}}  " + " ".join(f"{t[:11]:>11}" for t in types) + f" {'total':>7}")
        for cause in causes:
            row = [table.get((cause, t), 0) for t in types]
            if sum(row):
                lines.append(f"{cause:<{width}}  " + " ".join(f"{n:>11}" for n in row) + f" {sum(row):>7}")
        lines.append(
            f"{'total':<{width}}  "
            + " ".join(f"{sum(n for (_, u), n in table.items() if u == t):>11}" for t in types)
            + f" {sum(table.values()):>7}"
        )
        lines.append("")
    return lines[:-1]


def _enforce(report: EvalReport, min_precision: float | None, min_recall: float | None) -> None:
    precision = report.overall("edges", "all").precision or 0.0
    recall = report.overall("edges", "must").recall or 0.0
    failures = []
    if min_precision is not None and precision < min_precision:
        failures.append(f"edge precision {precision:.3f} < {min_precision}")
    if min_recall is not None and recall < min_recall:
        failures.append(f"edge recall (must) {recall:.3f} < {min_recall}")
    if failures:
        click.echo("below threshold: " + "; ".join(failures), err=True)
        sys.exit(1)


commands = [eval_command]
