"""Fuzz every reader at scale (hypothesis): random bytes, damaged valid files, hostile field values,
and the named worst cases. Every input must give a Document or a ReadError (or a ModelError the
pipeline reports per file), within SLOW_SECONDS. Findings are saved with their input for replay.

    python bench/bench_fuzz.py [--examples 400] [--findings DIR]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402

from bench.results import write_section  # noqa: E402
from tests.fuzz_inputs import EXTENSIONS, check_file, inputs, pathological, seed_files, special_files  # noqa: E402


def fuzz_extension(
    ext: str, seed: bytes, examples: int, work: Path, findings: Path
) -> tuple[Counter, float, list[str]]:
    outcomes: Counter = Counter()
    slowest = [0.0]
    found: list[str] = []
    counter = iter(range(10**9))

    @settings(
        max_examples=examples, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    @given(data=inputs(ext, seed))
    def prop(data: bytes) -> None:
        path = work / f"fuzz-{next(counter)}{ext}"
        path.write_bytes(data)
        started = time.monotonic()
        try:
            outcome = check_file(path)
            outcomes[outcome.kind] += 1
        except BaseException as error:  # noqa: BLE001 (every other outcome is a finding, kept with its input)
            outcomes["finding"] += 1
            kept = findings / path.name
            kept.write_bytes(data)
            found.append(f"{ext}: {type(error).__name__}: {str(error)[:160]} (input {kept})")
        finally:
            slowest[0] = max(slowest[0], time.monotonic() - started)
            path.unlink(missing_ok=True)

    prop()
    return outcomes, slowest[0], found


def _special(path: Path, t0: float) -> str:
    """check_file on a special file in a thread, so a blocking open is a finding, not a hung bench."""
    result: list = []

    def run() -> None:
        try:
            result.append(check_file(path))
        except BaseException as error:  # noqa: BLE001 - re-raised below, in the bench's thread
            result.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(60)
    if thread.is_alive():
        raise TimeoutError(f"{path.name} still blocked after 60 s")
    if isinstance(result[0], BaseException):
        raise result[0]
    outcome = result[0]
    return f"{outcome.kind} in {time.monotonic() - t0:.2f} s" + (f" ({outcome.detail[:80]})" if outcome.detail else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=400, help="hypothesis examples per extension")
    parser.add_argument("--findings", type=Path, default=ROOT / "test-artifacts" / "fuzz-findings")
    args = parser.parse_args()
    args.findings.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="kflow-fuzz-"))
    seeds = seed_files(work / "seeds")
    started = time.monotonic()
    rows, findings, total = [], [], Counter()
    for ext in EXTENSIONS:
        outcomes, slowest, found = fuzz_extension(ext, seeds[ext], args.examples, work, args.findings)
        total.update(outcomes)
        findings.extend(found)
        rows.append(
            f"| {ext} | {sum(outcomes.values())} | {outcomes['document']} | {outcomes['read_error']} | "
            f"{outcomes['model_error']} | {outcomes['finding']} | {slowest:.2f} |"
        )
        print(rows[-1], flush=True)
    worst = defaultdict(str)
    for name, (ext, build) in sorted(pathological().items()):
        path = work / f"{name}{ext}"
        path.write_bytes(build())
        t0 = time.monotonic()
        try:
            outcome = check_file(path)
            worst[name] = f"{outcome.kind} in {time.monotonic() - t0:.2f} s" + (
                f" ({outcome.detail[:80]})" if outcome.detail else ""
            )
        except BaseException as error:  # noqa: BLE001
            worst[name] = f"FINDING {type(error).__name__}: {str(error)[:120]}"
            findings.append(f"{name}: {worst[name]}")
        path.unlink()
        print(f"{name}: {worst[name]}", flush=True)
    for name, make in sorted(
        special_files().items()
    ):  # FIFO, /dev/zero link, sparse giant, alias-bomb sidecar, XML bomb
        folder = work / f"special-{name}"
        folder.mkdir()
        t0 = time.monotonic()
        try:
            worst[name] = _special(make(folder), t0)
        except BaseException as error:  # noqa: BLE001
            worst[name] = f"FINDING {type(error).__name__}: {str(error)[:120]}"
            findings.append(f"{name}: {worst[name]}")
        shutil.rmtree(folder, ignore_errors=True)
        print(f"{name}: {worst[name]}", flush=True)
    seconds = time.monotonic() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        f"- inputs: {sum(total.values()):,} generated ({args.examples} per extension x {len(EXTENSIONS)} extensions) "
        f"+ {len(worst)} named worst cases, in {seconds:.0f} s; peak RSS {peak_mb:.0f} MB",
        f"- outcomes: {total['document']:,} documents, {total['read_error']:,} ReadErrors, {total['model_error']:,} ModelErrors, "
        f"**{total['finding'] + sum(1 for v in worst.values() if v.startswith('FINDING'))} findings**",
        "",
        "| ext | inputs | documents | ReadError | ModelError | findings | slowest (s) |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        "| worst case | outcome |",
        "|---|---|",
        *[f"| {k} | {v.replace('|', '/')} |" for k, v in worst.items()],
    ]
    if findings:
        lines += ["", "Findings:", *[f"- {f}" for f in findings]]
    write_section(
        "bench_fuzz", "Reader fuzzing (bench_fuzz)", f"python bench/bench_fuzz.py --examples {args.examples}", lines
    )
    print("\n".join(lines))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
