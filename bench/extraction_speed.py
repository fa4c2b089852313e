"""Extraction speed: the large report on one core, and the corpus in parallel.

    .venv/bin/python bench/extraction_speed.py [--repeat 3]

Prints seconds and KB/s (best of ``--repeat`` runs) for read → clean → structure → mentions
→ relations → themes of one document in this process, then the whole corpus via
``loaders.pipeline.extract`` with a process pool.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from loaders.pipeline import ExtractOptions, extract, extract_text  # noqa: E402

REPORT = ROOT / "data" / "corpus" / "vasterbotten-resultat-2024.txt"


def _best(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--file", type=Path, default=REPORT)
    args = parser.parse_args()
    text = args.file.read_text(encoding="utf-8")
    kb = len(text.encode("utf-8")) / 1024
    extract_text(text, "warmup")  # caches: gazetteer, patterns, reference data
    single = _best(lambda: extract_text(text, args.file.stem), args.repeat)
    print(
        f"one document, one core: {args.file.name} {kb:.0f} KB in {single:.2f} s "
        f"= {kb / single:.0f} KB/s"
    )
    corpus = sorted((ROOT / "data" / "corpus").glob("*.txt"))
    total_kb = sum(p.stat().st_size for p in corpus) / 1024
    workers = os.cpu_count() or 1
    options = ExtractOptions(workers=workers, apply_curation=False)
    par = _best(lambda: extract(corpus, options), args.repeat)
    print(
        f"corpus, {workers} workers: {len(corpus)} files {total_kb:.0f} KB in {par:.2f} s "
        f"= {total_kb / par:.0f} KB/s"
    )


if __name__ == "__main__":
    main()
