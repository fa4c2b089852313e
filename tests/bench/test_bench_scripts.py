"""The benchmark scripts run in their smallest mode and print well-formed, plausible tables.

No timing is asserted (benchmarks measure, tests prove they run): each script is started as
``make bench`` starts it, in a subprocess, on a 3-document synthetic corpus in a private
cache directory, and its markdown table is parsed back. The statistics helpers the tables
rely on (percentile, log-log growth exponent) are checked on known inputs.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"

pytestmark = pytest.mark.slow


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def _run(script: str, *args: str, timeout: float = 120) -> str:
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _table(text: str, first_cell: str) -> list[list[str]]:
    """Body rows of the markdown table whose rows start with ``first_cell`` (header excluded)."""
    rows = [
        [c.strip() for c in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("|")
    ]
    return [r for r in rows if r[0] == first_cell]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A private cache with a 3-document synthetic store built by scale.py (kept as store-3)."""
    path = tmp_path_factory.mktemp("bench-cache")
    out = _run(
        "scale.py", "--sizes", "3", "--speedup-n", "0", "--cache", str(path),
        "--keep", str(path / "store-3"),
    )  # fmt: skip
    (row,) = _table(out, "3")
    assert int(row[6].replace(",", "")) > 1000  # triples of three report-sized documents
    assert row[10] == "0"  # no file failed
    assert "growth exponent" in out
    yield path


@pytest.mark.timeout(180)
def test_scale_keeps_a_queryable_store(cache: Path) -> None:
    assert (cache / "store-3" / "current").is_symlink()
    assert (cache / "corpus-3" / ".complete").exists()
    assert len(list((cache / "corpus-3").glob("*.txt"))) == 3


@pytest.mark.timeout(180)
def test_query_latency_smallest_mode(cache: Path) -> None:
    out = _run(
        "query_latency.py", "--no-corpus", "--synth-n", "3", "--reps", "1", "--budget", "0",
        "--query", "members_of_arena", "--query", "sdg_coverage", "--cache", str(cache),
    )  # fmt: skip
    rows = _table(out, "sdg_coverage") + _table(out, "members_of_arena")
    assert {(r[1], r[2]) for r in rows} == {("synth-3", "oxigraph"), ("synth-3", "falkordb")}
    coverage = {r[2]: r for r in rows if r[0] == "sdg_coverage"}
    # both engines answer the same question with the same number of rows
    assert coverage["oxigraph"][3] == coverage["falkordb"][3] != "–"
    assert all(float(r[4]) >= 0 and int(r[6]) >= 1 for r in rows)


@pytest.mark.timeout(180)
def test_api_load_smallest_mode(cache: Path) -> None:
    out = _run(
        "api_load.py", "--store", str(cache / "store-3"), "--requests", "20", "--clients", "1",
        "--cache", str(cache),
    )  # fmt: skip
    endpoints = ("/entities?q=…", "/entities/{id}", "/questions/who_collaborates")
    rows = [row for e in endpoints for row in _table(out, e)]
    assert len(rows) == 3
    for row in rows:
        assert row[1:3] == ["1", "20"]
        assert float(row[3]) > 0
        assert row[6] == "0", f"{row[0]} had errors"


@pytest.mark.timeout(180)
def test_run_all_writes_the_report(cache: Path, tmp_path: Path) -> None:
    report = tmp_path / "RESULTS.md"
    out = _run(
        "run_all.py", "--quick", "--only", "scale", "--cache", str(cache), "--out", str(report)
    )
    text = report.read_text(encoding="utf-8")
    assert text in out  # printed as written
    assert "# Samverkansgrafen benchmark results" in text
    assert "| scale |" in text and "| ok |" in text
    assert "cores" in text and "Python" in text
    assert _table(text, "3"), "the scale table is in the report"


def test_percentile_and_growth_exponent() -> None:
    lib = _module("benchlib")
    assert lib.percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert lib.percentile([0.0, 10.0], 95) == pytest.approx(9.5)
    assert lib.percentile([], 50) != lib.percentile([], 50)  # nan
    assert lib.loglog_slope([10, 100, 1000], [2.0, 20.0, 200.0]) == pytest.approx(1.0)
    assert lib.loglog_slope([10, 100, 1000], [1.0, 100.0, 10_000.0]) == pytest.approx(2.0)


def test_markdown_table_alignment() -> None:
    lib = _module("benchlib")
    table = lib.Table("T", ["name", "n"], [["a", "1,200"], ["b", "3"]], ["a note"])
    text = table.markdown()
    assert "|---|---:|" in text
    assert "| a | 1,200 |" in text and "- a note" in text
