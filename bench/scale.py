"""Scale: build synthetic corpora of N documents and report how time, memory and triples grow.

    .venv/bin/python bench/scale.py                      # N = 10, 100, 1000; speed-up at 100
    .venv/bin/python bench/scale.py --sizes 10,100 --speedup-n 0
    .venv/bin/python bench/scale.py --max-n 100          # cap the sizes (a slow machine)

Each build runs ``samverkan.build.build_store`` in a child process (a fresh store, no
curation, no uploads), so its peak RSS is measured by ``os.wait4``: the largest process of
the build (the main process or one extraction worker; not the sum). Corpora are cached
under var/bench/corpus-<N>; the largest store is kept as var/bench/store-<N> for
bench/query_latency.py. The growth exponent is the least-squares slope of log(cost) against
log(N) (1.0 = linear). Prints a markdown table; never asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import (
    CACHE,
    PYTHON,
    Table,
    build_settings,
    loglog_slope,
    render,
    synthetic_corpus,
)


@dataclass
class BuildRun:
    n: int
    workers: int
    build_s: float  # BuildReport.seconds (extract + merge + snapshot, no interpreter start)
    wall_s: float  # the child process, imports included
    peak_mb: float
    triples: int
    quads: int
    kb: float
    errors: int


def child(corpus: Path, store: Path, workers: int) -> None:
    """The measured build (runs in its own process); prints its report as JSON."""
    from samverkan.build import build_store

    shutil.rmtree(store, ignore_errors=True)
    settings = build_settings(corpus, store, curation=False)
    report = build_store(settings, workers=workers, no_curation=True, progress=False)
    out = {
        "seconds": report.seconds,
        "triples": report.counts.get("triples", 0),
        "quads": report.counts.get("quads", 0),
        "documents": len(report.documents),
        "errors": len(report.errors),
    }
    print(json.dumps(out))


def measure(n: int, workers: int, store: Path, cache: Path = CACHE) -> BuildRun:
    """Build the cached N-document corpus into a fresh ``store`` in a child process."""
    corpus = synthetic_corpus(n, cache)
    kb = sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1024
    cmd = [PYTHON, __file__, "--child", str(corpus), str(store), str(workers)]
    log_out, log_err = cache / "scale-child.out", cache / "scale-child.err"
    with log_out.open("w") as out_fh, log_err.open("w") as err_fh:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out_fh, stderr=err_fh)
        # wait4 gives this child's own rusage; its ru_maxrss covers its waited-for workers.
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    if code != 0:
        tail = " | ".join(log_err.read_text(errors="replace").strip().splitlines()[-3:])
        raise RuntimeError(f"build of {n} documents failed ({code}): {tail}")
    data = json.loads(log_out.read_text().strip().splitlines()[-1])
    return BuildRun(
        n=n,
        workers=workers,
        build_s=float(data["seconds"]),
        wall_s=wall,
        peak_mb=usage.ru_maxrss / 1024,
        triples=int(data["triples"]),
        quads=int(data["quads"]),
        kb=kb,
        errors=int(data["errors"]),
    )


def _row(r: BuildRun) -> list[str]:
    return [
        str(r.n),
        str(r.workers),
        f"{r.kb:,.0f}",
        f"{r.build_s:.1f}",
        f"{r.wall_s:.1f}",
        f"{r.peak_mb:,.0f}",
        f"{r.triples:,}",
        f"{r.quads:,}",
        f"{r.n / r.build_s:.2f}",
        f"{r.kb / r.build_s:.0f}",
        str(r.errors),
    ]


def run_scale(
    sizes: Sequence[int],
    *,
    workers: int | None = None,
    speedup_n: int = 100,
    keep: Path | None = None,
    cache: Path = CACHE,
    log: bool = True,
) -> list[Table]:
    """Build every size (ascending); the largest store is moved to ``keep`` when given."""
    workers = workers or os.cpu_count() or 1
    runs: list[BuildRun] = []
    scratch = cache / "scale-store"
    for n in sorted(set(sizes)):
        if log:
            print(f"  building {n} documents with {workers} workers …", file=sys.stderr)
        runs.append(measure(n, workers, scratch, cache))
        if keep is not None and n == max(sizes):
            shutil.rmtree(keep, ignore_errors=True)
            scratch.rename(keep)
    shutil.rmtree(scratch, ignore_errors=True)
    table = Table(
        "Scale: build of N synthetic documents (fresh store, no curation)",
        [
            "N",
            "workers",
            "KB",
            "build s",
            "process s",
            "peak RSS MB",
            "triples",
            "quads",
            "docs/s",
            "KB/s",
            "errors",
        ],
        [_row(r) for r in runs],
    )
    ns = [float(r.n) for r in runs]
    table.notes.append(
        f"growth exponent (log-log slope over N = {', '.join(str(r.n) for r in runs)}): "
        f"build time {loglog_slope(ns, [r.build_s for r in runs]):.2f}, "
        f"triples {loglog_slope(ns, [float(r.triples) for r in runs]):.2f}, "
        f"peak RSS {loglog_slope(ns, [r.peak_mb for r in runs]):.2f} (1.00 = linear)"
    )
    table.notes.append(
        "build s = BuildReport.seconds (extract + merge + write snapshot); process s adds "
        "interpreter start and imports; peak RSS = largest single process of the build"
    )
    tables = [table]
    if speedup_n > 0 and workers > 1:
        tables.append(_speedup(speedup_n, workers, runs, scratch, cache, log))
    shutil.rmtree(scratch, ignore_errors=True)
    return tables


def _speedup(
    n: int, workers: int, runs: list[BuildRun], scratch: Path, cache: Path, log: bool
) -> Table:
    """Workers=1 against workers=``workers`` at N=n (reuses the series run when present)."""
    if log:
        print(f"  building {n} documents with 1 worker …", file=sys.stderr)
    one = measure(n, 1, scratch, cache)
    many = next((r for r in runs if r.n == n and r.workers == workers), None)
    if many is None:
        if log:
            print(f"  building {n} documents with {workers} workers …", file=sys.stderr)
        many = measure(n, workers, scratch, cache)
    return Table(
        f"Parallel build speed-up at N = {n}",
        ["workers", "build s", "peak RSS MB", "docs/s", "speed-up"],
        [
            [str(1), f"{one.build_s:.1f}", f"{one.peak_mb:,.0f}", f"{n / one.build_s:.2f}", "1.00"],
            [
                str(workers),
                f"{many.build_s:.1f}",
                f"{many.peak_mb:,.0f}",
                f"{n / many.build_s:.2f}",
                f"{one.build_s / many.build_s:.2f}",
            ],
        ],
        [
            "only extraction runs in parallel; merging and writing the RDF snapshot are "
            "serial, which bounds the speed-up (Amdahl)"
        ],
    )


def _sizes(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=_sizes, default=[10, 100, 1000], help="e.g. 10,100,1000")
    parser.add_argument("--max-n", type=int, default=None, help="drop sizes above this")
    parser.add_argument("--workers", type=int, default=None, help="default: all cores")
    parser.add_argument(
        "--speedup-n", type=int, default=100, help="N of the 1-vs-all-workers run (0: skip)"
    )
    parser.add_argument("--keep", type=Path, default=None, help="keep the largest store here")
    parser.add_argument("--cache", type=Path, default=CACHE, help="corpus cache (var/bench)")
    parser.add_argument("--child", nargs=3, metavar=("CORPUS", "STORE", "WORKERS"), help="internal")
    args = parser.parse_args(argv)
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), int(args.child[2]))
        return 0
    sizes = [n for n in args.sizes if args.max_n is None or n <= args.max_n]
    speedup_n = args.speedup_n if args.max_n is None or args.speedup_n <= args.max_n else 0
    if not sizes:
        parser.error("no size left (check --sizes and --max-n)")
    tables = run_scale(
        sizes, workers=args.workers, speedup_n=speedup_n, keep=args.keep, cache=args.cache
    )
    print(render(tables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
