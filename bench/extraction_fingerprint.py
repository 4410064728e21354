"""A stable digest of everything the extractor produces, so a speed-up can prove it changed nothing.

Extracts every gold document (tests/gold seed, synthetic/, dev/, heldout/, real/dev/; never real/test/)
one file at a time, and `--bench-docs` synthetic news documents (bench/news_corpus.py) in runs, as the
benches and `kflow load --workers` do, then prints one SHA-256 over every node and claim (ids and every
field) of every batch, in file order. Run it before and after an optimisation: the digests must match.
`--per-file` also prints one digest per file, to find the file that differs.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.news_corpus import write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
GOLD_FOLDERS = ("synthetic", "dev", "heldout", "real/dev")  # real/test is the frozen split: never read here


def gold_documents() -> list[tuple[Path, str | None]]:
    """(document, published) for every gold file outside the frozen test split, as `kflow eval` finds them."""
    from loaders.evaluate import PROJECT_SEEDS
    from loaders.gold import load_gold

    golds = sorted(GOLD.glob("000_*.yaml"))
    for folder in GOLD_FOLDERS:
        golds += sorted((GOLD / folder).glob("*.gold.yaml"))
    found = []
    for gold_path in golds:
        gold = load_gold(gold_path)
        found.append((gold.document_path([PROJECT_SEEDS]), gold.published))
    return found


def _record(item: object) -> str:
    return json.dumps(dataclasses.asdict(item), sort_keys=True, default=str)  # type: ignore[call-overload]


def file_digest(prepared: object, name: str) -> str:
    """One file's nodes and claims (or its failure), without the folder it was read from."""
    from loaders.pipeline import FileResult

    digest = hashlib.sha256(name.encode())
    if isinstance(prepared, FileResult):
        digest.update(f"failed {prepared.reason}".encode())
        return digest.hexdigest()
    _, batch = prepared  # type: ignore[misc]
    for line in sorted(_record(n) for n in batch.nodes if n.label != "Source"):
        digest.update(line.encode())
    for line in sorted(_record(c) for c in batch.claims):
        digest.update(line.encode())
    return digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-docs", type=int, default=300)
    parser.add_argument("--run", type=int, default=16, help="bench files per prepare_run (FILES_PER_TASK)")
    parser.add_argument("--per-file", action="store_true")
    args = parser.parse_args()
    from loaders.extract import default_extractor
    from loaders.pipeline import prepare_file, prepare_run

    extractor = default_extractor()
    extractor.warm()
    digests: list[tuple[str, str]] = []
    for path, published in gold_documents():
        name = str(path.relative_to(ROOT))
        digests.append((name, file_digest(prepare_file(path, extractor, published), name)))
    with tempfile.TemporaryDirectory() as folder:
        paths = write_corpus(Path(folder), args.bench_docs)
        for i in range(0, len(paths), args.run):
            run = paths[i : i + args.run]
            for path, prepared in zip(run, prepare_run(run, extractor, "2018")):
                digests.append((path.name, file_digest(prepared, path.name)))
    total = hashlib.sha256("".join(d for _, d in digests).encode()).hexdigest()
    if args.per_file:
        for name, digest in digests:
            print(digest[:16], name)
    print(f"{len(digests)} files, digest {total}")


if __name__ == "__main__":
    main()
