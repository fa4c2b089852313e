"""Helpers shared by graph and e2e tests (tests/ is on sys.path: `import graphtools`)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from graph.cypher_engines import CypherEngine
from graph.store import write_snapshot
from ontology.model import Entity, EntityType, Evidence, Extraction, Mention, Relation, RelationType

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini_extraction.json"
CORPUS_REL = Path("data") / "corpus"
# The two corpus documents the mini extraction is made from.
GREEN = "norrbotten-north-sweden-green-deal"
RESULTAT = "vasterbotten-resultat-2024"


def load_mini() -> Extraction:
    """A fresh copy of the mini extraction (callers may change it; the session fixture not)."""
    return Extraction.model_validate_json(MINI.read_text(encoding="utf-8"))


def build_corpus_store(
    store_dir: Path, root: Path = ROOT, workers: int | None = 1
) -> tuple[Extraction, dict[str, str]]:
    """Extract ``root``/data/corpus/*.txt by relative path (as `samverkan build` does) and
    write a snapshot to ``store_dir``; returns the extraction and the document texts.

    Relative paths keep ``Document.path`` equal between the real corpus and a changed copy,
    so only the changed document differs.
    """
    from loaders.pipeline import ExtractOptions, extract  # only the corpus tests need it

    with contextlib.chdir(root):
        paths = sorted(CORPUS_REL.glob("*.txt"))
        assert paths, f"{root / CORPUS_REL} has no .txt files"
        result = extract(paths, ExtractOptions(workers=workers))
    assert result.errors == [], result.errors
    write_snapshot(store_dir, result.extraction, result.texts)
    return result.extraction, result.texts


def organisation(slug: str, name: str) -> Entity:
    """An organisation mentioned once in document ``d`` (for hand-built graphs)."""
    return Entity(
        id=f"org:{slug}",
        type=EntityType.ORGANISATION,
        name=name,
        mentions=[Mention(document="d", start=0, end=1)],
    )


def relation(kind: RelationType, source: str, target: str) -> Relation:
    """A relation with one placeholder evidence entry in document ``d``."""
    ev = Evidence(document="d", start=0, end=1, quote="x")
    return Relation(type=kind, source=source, target=target, evidence=[ev])


def one(engine: CypherEngine, query: str, params: dict[str, Any] | None = None) -> Any:
    """The single value of a one-row, one-column read."""
    rows = engine.ro_query(query, params).rows
    assert len(rows) == 1, rows
    return rows[0][0]


def graph_state(engine: CypherEngine) -> tuple[list[Any], list[Any]]:
    """Every node and relationship with all properties, in a stable order.

    Labels are sorted: their order reflects when each label was first created in that
    graph, which two equal graphs need not share.
    """
    nodes = engine.ro_query("MATCH (n) RETURN n.id, labels(n), properties(n) ORDER BY n.id").rows
    rels = engine.ro_query(
        "MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r) ORDER BY a.id, type(r), b.id"
    ).rows
    return [[i, sorted(labels), props] for i, labels, props in nodes], rels


def child_env() -> dict[str, str]:
    """The environment for a child Python that imports the project from this checkout."""
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def run_samverkan(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m samverkan <args>`` as a user runs it, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "samverkan", *args],
        cwd=cwd,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
