"""Run every benchmark in sequence and write bench/results/RESULTS.md (``make bench``).

    .venv/bin/python bench/run_all.py                    # make bench: N = 10, 30, 100, 300
    .venv/bin/python bench/run_all.py --max-n 1000       # the full series (~12 min, 6 GB RSS)
    .venv/bin/python bench/run_all.py --max-n 100        # a busy machine: cap the scale
    .venv/bin/python bench/run_all.py --quick --only scale --out /tmp/r.md

Order: corpus build (end to end), extraction speed, extraction quality (dev and unseen),
scale (keeps the largest synthetic store), Cypher load, query latency (corpus store and the
largest synthetic store), API load. Each step prints a progress line to stderr; a failing
step is reported in the results instead of stopping the run. The report starts with the
date, the machine (nproc, RAM, CPU, Python, load average) and every step's duration; it is
printed at the end as well. Figures on a shared machine are noisy: the load average is
recorded before and after so the reader can judge.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import api_load
import query_latency
import scale
from benchlib import CACHE, PYTHON, ROOT, Table, build_settings, machine, render

BENCH = ROOT / "bench"
RESULTS = BENCH / "results" / "RESULTS.md"
SUBPROCESS_TIMEOUT_S = 900
SIZES = (10, 100, 1000)
# The series: N = 10, 100, 1000. N=1000 needs ~5.6 GB RSS in the build process;
# on a busy machine `--max-n 100` keeps `make bench` short (bench/README.md).
DEFAULT_MAX_N = 1000


@dataclass
class Config:
    max_n: int
    quick: bool
    cache: Path


Step = Callable[[Config], list[Table]]


# --- the steps ------------------------------------------------------------------------------


def corpus_build(cfg: Config) -> list[Table]:
    """``samverkan build`` of data/corpus (with curation) into var/bench/store-corpus."""
    from samverkan.build import build_store

    corpus, store = ROOT / "data" / "corpus", cfg.cache / "store-corpus"
    shutil.rmtree(store, ignore_errors=True)  # a fresh store: the full build is measured
    started = time.perf_counter()
    report = build_store(build_settings(corpus, store, curation=True), progress=False)
    wall = time.perf_counter() - started
    kb = sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1024
    return [
        Table(
            "Corpus build end to end (extract with curation → merge → RDF snapshot)",
            ["documents", "KB", "seconds", "KB/s", "triples", "quads", "errors"],
            [
                [
                    str(len(report.documents)),
                    f"{kb:,.0f}",
                    f"{wall:.1f}",
                    f"{kb / wall:.0f}",
                    f"{report.counts.get('triples', 0):,}",
                    f"{report.counts.get('quads', 0):,}",
                    str(len(report.errors)),
                ]
            ],
            ["build_store in this process, all cores"],
        )
    ]


def _script(name: str, *args: str) -> str:
    """Run ``bench/<name>`` and return its stdout (stderr is passed through)."""
    done = subprocess.run(
        [PYTHON, str(BENCH / name), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        timeout=SUBPROCESS_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{name} exited with {done.returncode}")
    return done.stdout


_SPEED = re.compile(r"^(?P<what>[^:]+): (?P<input>.+) in (?P<s>[\d.]+) s = (?P<rate>[\d,]+) KB/s$")


def extraction_speed(cfg: Config) -> list[Table]:
    out = _script("extraction_speed.py", "--repeat", "1" if cfg.quick else "2")
    table = Table("Extraction speed (bench/extraction_speed.py)", ["run", "input", "s", "KB/s"])
    for line in out.splitlines():
        m = _SPEED.match(line.strip())
        if m:
            table.rows.append([m["what"], m["input"], m["s"], m["rate"]])
        elif line.strip():
            table.notes.append(line.strip())
    cores = os.cpu_count() or 1
    table.notes.append(f"KB/s per core on the corpus run = KB/s / {cores}")
    return [table]


QUALITY_SETS = {
    "dev": "dev corpus",
    "dev2": "second development set (dev2)",
    "dev3": "third development set (dev3)",
    "dev4": "fourth development set (dev4)",
    "dev5": "fifth development set (dev5)",
    "dev6": "sixth development set (dev6)",
    "dev7": "seventh development set (dev7)",
    "dev8": "eighth development set (dev8)",
    "dev9": "ninth development set (dev9)",
    "dev10": "tenth development set (dev10)",
    "dev11": "eleventh development set (dev11)",
    "dev12": "twelfth development set (dev12)",
    "dev13": "thirteenth development set (dev13)",
    "dev14": "fourteenth development set (dev14)",
    "dev15": "fifteenth development set (dev15)",
    "dev16": "sixteenth development set (dev16)",
    "dev17": "seventeenth development set (dev17)",
    "dev18": "eighteenth development set (dev18)",
    "dev19": "nineteenth development set (dev19)",
    "dev20": "twentieth development set (dev20)",
    "dev21": "twenty-first development set (dev21)",
    "dev22": "twenty-second development set (dev22)",
    "dev23": "twenty-third development set (dev23)",
    "dev24": "twenty-fourth development set (dev24)",
    "dev25": "twenty-fifth development set (dev25)",
    "dev26": "twenty-sixth development set (dev26)",
    "dev27": "twenty-seventh development set (dev27)",
    "dev28": "twenty-eighth development set (dev28)",
    "dev29": "twenty-ninth development set (dev29)",
    "dev30": "thirtieth development set (dev30)",
    "dev31": "thirty-first development set (dev31)",
    "dev32": "thirty-second development set (dev32)",
    "dev33": "thirty-third development set (dev33)",
    "dev34": "thirty-fourth development set (dev34)",
    "dev35": "thirty-fifth development set (dev35)",
    "unseen": "held-out (unseen)",
    "unseen2": "held-out (unseen2)",
}


def _quality(name: str) -> list[Table]:
    out = _script("extraction_quality.py", "--json", "--set", name)
    data = json.loads(out)
    which = QUALITY_SETS[name]
    table = Table(
        f"Extraction quality, {which} (bench/extraction_quality.py)",
        ["measure", "P", "R", "F1", "TP", "FP", "FN"],
    )
    for group in ("entities", "relations", "combined"):
        for name, s in data.get(group, {}).items():
            table.rows.append(
                [
                    name,
                    f"{s['precision']:.3f}",
                    f"{s['recall']:.3f}",
                    f"{s['f1']:.3f}",
                    str(s["tp"]),
                    str(s["fp"]),
                    str(s["fn"]),
                ]
            )
    for name, t in data.get("targets", {}).items():
        verdict = "PASS" if t["pass"] else "FAIL"
        table.notes.append(f"target {name}: F1 ≥ {t['target']:.2f} {verdict}")
    table.notes.append(f"documents: {', '.join(data.get('documents', []))}")
    offsets = data.get("offsets", {})
    if offsets:
        table.notes.append("offsets: " + ", ".join(f"{k} {v}" for k, v in offsets.items()))
    return [table]


def extraction_quality_dev(cfg: Config) -> list[Table]:
    return [t for name in QUALITY_SETS if name.startswith("dev") for t in _quality(name)]


def extraction_quality_unseen(cfg: Config) -> list[Table]:
    return [t for name in QUALITY_SETS if name.startswith("unseen") for t in _quality(name)]


def scale_step(cfg: Config) -> list[Table]:
    sizes = [3] if cfg.quick else [n for n in SIZES if n <= cfg.max_n]
    speedup = 0 if cfg.quick else min(100, max(sizes))
    keep = cfg.cache / f"store-{max(sizes)}"
    return scale.run_scale(sizes, speedup_n=speedup, keep=keep, cache=cfg.cache)


def markdown_table(title: str, text: str) -> Table:
    """The first markdown table of a script's output; its other lines become notes."""
    rows = [line.strip() for line in text.splitlines() if line.strip().startswith("|")]
    notes = [line.strip() for line in text.splitlines() if line.strip() and line not in rows]
    cells = [[c.strip() for c in r.strip("|").split("|")] for r in rows]
    if len(cells) < 2:
        return Table(title, ["output"], [[line] for line in notes])
    body = [c for c in cells[2:] if not all(set(x) <= set("-:") for x in c)]
    return Table(title, cells[0], body, notes)


def cypher_load(cfg: Config) -> list[Table]:
    store = cfg.cache / "store-corpus"
    args = ["--store", str(store)] if (store / "current").exists() else []
    runs = ["--runs", "1", "--batch-sizes", "100"] if cfg.quick else ["--runs", "3"]
    out = _script("cypher_load.py", *args, *runs)
    return [markdown_table("Cypher load into FalkorDB by batch size (bench/cypher_load.py)", out)]


def query_latency_step(cfg: Config) -> list[Table]:
    n = 3 if cfg.quick else max(n for n in SIZES if n <= cfg.max_n)
    reps, budget = (2, 0.5) if cfg.quick else (5, 1.0)
    return query_latency.run_latency(synth_n=n, reps=reps, budget_s=budget, cache=cfg.cache)


def api_load_step(cfg: Config) -> list[Table]:
    store = cfg.cache / "store-corpus"
    requests, clients = (20, (1,)) if cfg.quick else (200, (1, 8, 32))
    return api_load.run_api_load(
        store if (store / "current").exists() else None,
        requests=requests,
        clients=clients,
        cache=cfg.cache,
    )


STEPS: dict[str, Step] = {
    "corpus_build": corpus_build,
    "extraction_speed": extraction_speed,
    "extraction_quality": extraction_quality_dev,
    "extraction_quality_unseen": extraction_quality_unseen,
    "scale": scale_step,
    "cypher_load": cypher_load,
    "query_latency": query_latency_step,
    "api_load": api_load_step,
}


# --- running and reporting ----------------------------------------------------------------


@dataclass
class Outcome:
    name: str
    seconds: float
    tables: list[Table]
    error: str | None = None


def run_steps(names: Sequence[str], cfg: Config) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for i, name in enumerate(names, 1):
        print(f"[{i}/{len(names)}] {name} …", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            tables, error = STEPS[name](cfg), None
        except Exception as exc:  # a failed bench is a result too; the others still run
            traceback.print_exc(file=sys.stderr)
            tables, error = [], f"{type(exc).__name__}: {exc}"
        seconds = time.perf_counter() - started
        outcomes.append(Outcome(name, seconds, tables, error))
        state = "FAILED" if error else "done"
        print(f"[{i}/{len(names)}] {name} {state} in {seconds:.0f} s", file=sys.stderr, flush=True)
    return outcomes


def report(outcomes: Sequence[Outcome], started: dt.datetime, load_before: str) -> str:
    info = machine()
    total = sum(o.seconds for o in outcomes)
    lines = [
        "# Samverkansgrafen benchmark results",
        "",
        f"- date: {started.strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {info.get('nproc')} cores ({info.get('cpu', '?')}), RAM {info.get('ram')}, "
        f"Python {info.get('python')}",
        f"- load average (1/5/15 min) before: {load_before}; after: {info['load']}",
        f"- total: {total:.0f} s ({total / 60:.1f} min)",
        "- the machine is shared: figures taken while other processes use the CPU are noisy "
        "(a load average above the core count means every figure is slower than on an idle "
        "machine)",
        "",
        "| step | seconds | status |",
        "|---|---:|---|",
    ]
    lines += [f"| {o.name} | {o.seconds:.0f} | {o.error or 'ok'} |" for o in outcomes]
    lines.append("")
    for o in outcomes:
        if o.tables:
            lines.append(render(o.tables))
    return "\n".join(lines).rstrip() + "\n"


def write_report(text: str, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--max-n", type=int, default=DEFAULT_MAX_N, help="largest synthetic N (10, 100, 1000)"
    )
    parser.add_argument("--quick", action="store_true", help="smallest settings (a smoke run)")
    parser.add_argument("--only", default="", help=f"comma list of: {', '.join(STEPS)}")
    parser.add_argument("--skip", default="", help="comma list of steps to leave out")
    parser.add_argument("--out", type=Path, default=RESULTS, help="markdown report path")
    parser.add_argument("--cache", type=Path, default=CACHE, help="corpora and stores")
    args = parser.parse_args(argv)
    only = [s for s in args.only.split(",") if s]
    skip = {s for s in args.skip.split(",") if s}
    unknown = (set(only) | skip) - set(STEPS)
    if unknown:
        parser.error(f"unknown step(s): {', '.join(sorted(unknown))}")
    names = [s for s in STEPS if (not only or s in only) and s not in skip]
    args.cache.mkdir(parents=True, exist_ok=True)
    cfg = Config(max_n=args.max_n, quick=args.quick, cache=args.cache)
    started = dt.datetime.now(dt.UTC)
    load_before = machine()["load"]
    outcomes = run_steps(names, cfg)
    text = report(outcomes, started, load_before)
    write_report(text, args.out)
    print(text)
    print(f"written to {args.out}", file=sys.stderr)
    return 1 if any(o.error for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
