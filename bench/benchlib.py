"""Shared helpers of the benchmark scripts: result tables, percentiles, corpora and stores.

Every bench script returns :class:`Table` objects from a ``run_*`` function and prints them
as markdown, so ``bench/run_all.py`` can collect the same tables into bench/results/.
Cached inputs (synthetic corpora, built stores) live under ``var/bench/`` (git-ignored).
"""

from __future__ import annotations

import math
import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the scripts run from bench/, the packages live at the root
    sys.path.insert(0, str(ROOT))

CACHE = ROOT / "var" / "bench"
CORPUS = ROOT / "data" / "corpus"
PYTHON = sys.executable

from samverkan.settings import Settings  # noqa: E402


@dataclass
class Table:
    """One result table: a title, column names, rows of already formatted cells, notes."""

    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        numeric = [all(_numeric(r[i]) for r in self.rows) for i in range(len(self.columns))]
        align = ["---:" if n and self.rows else "---" for n in numeric]
        lines = [f"### {self.title}", ""]
        lines.append("| " + " | ".join(self.columns) + " |")
        lines.append("|" + "|".join(align) + "|")
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        if self.notes:
            lines.append("")
            lines += [f"- {note}" for note in self.notes]
        return "\n".join(lines) + "\n"


def _numeric(cell: str) -> bool:
    text = cell.replace(",", "").replace("×", "").replace("%", "").strip()
    try:
        float(text)
    except ValueError:
        return text in {"", "–"}
    return True


def render(tables: Sequence[Table]) -> str:
    return "\n".join(t.markdown() for t in tables)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation; nan for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100.0
    low, high = math.floor(pos), math.ceil(pos)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def loglog_slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Least-squares slope of log(y) against log(x): the growth exponent (nan if < 2 points)."""
    pairs = [(math.log(x), math.log(y)) for x, y in zip(xs, ys, strict=True) if x > 0 and y > 0]
    if len(pairs) < 2:
        return math.nan
    mx = sum(p[0] for p in pairs) / len(pairs)
    my = sum(p[1] for p in pairs) / len(pairs)
    sxx = sum((p[0] - mx) ** 2 for p in pairs)
    sxy = sum((p[0] - mx) * (p[1] - my) for p in pairs)
    return sxy / sxx if sxx else math.nan


def ms(seconds: float) -> str:
    return "–" if math.isnan(seconds) else f"{seconds * 1000:.1f}"


def synthetic_corpus(n: int, cache: Path = CACHE) -> Path:
    """``cache/corpus-<n>``: n synthetic documents (bench/synth.py, seed 0), written once."""
    from synth import write_corpus  # bench/ is on sys.path when a bench script runs

    out = cache / f"corpus-{n}"
    done = out / ".complete"
    if not done.exists() or len(list(out.glob("*.txt"))) != n:
        shutil.rmtree(out, ignore_errors=True)
        write_corpus(n, out)
        done.write_text(f"{n}\n", encoding="utf-8")
    return out


def empty_dir(path: Path) -> Path:
    """A fresh empty directory (an upload folder that must never pick up real uploads)."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def build_settings(corpus: Path, store: Path, *, curation: bool) -> Settings:
    """Settings for a bench build: given folders, no uploads, curation only if asked."""
    uploads = empty_dir(store.with_name(store.name + "-uploads"))
    values: dict[str, object] = {
        "corpus_dir": corpus,
        "store_dir": store,
        "upload_dir": uploads,
        "embedded_falkordb": False,
    }
    if not curation:
        values["curation_file"] = None
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def corpus_store(cache: Path = CACHE) -> Path:
    """``cache/store-corpus``: data/corpus built as ``samverkan build`` does (with curation).

    Rebuilt on every call (a few seconds; the build keeps the version when nothing changed).
    """
    from samverkan.build import build_store

    store = cache / "store-corpus"
    build_store(build_settings(CORPUS, store, curation=True), progress=False)
    return store


def machine() -> dict[str, str]:
    """nproc, RAM, CPU model, Python and the load average (benchmarks on a shared machine)."""
    info = {"nproc": str(os.cpu_count()), "python": sys.version.split()[0]}
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["ram"] = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    info["load"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return info
