"""The embedded RDF store: pyoxigraph snapshots on disk, swapped atomically.

Layout (docs/DESIGN.md, "Store directory")::

    store_dir/
      current -> snap-3          symlink, replaced atomically after a complete build
      snap-3/oxigraph/           pyoxigraph store: one named graph per document + reference graphs
      snap-3/extraction.json     the Extraction this snapshot was built from
      snap-3/manifest.json       {version, built_at, documents, graphs, counts}
      .snap-4.tmp-<pid>/         a build in progress (never read; removed if left by a crash)

A build writes a whole new snapshot aside and only then moves ``current``: readers never
see a half-written store, and a killed build leaves the served one intact. A graph whose
content hash is unchanged is copied from the previous snapshot; only changed documents'
graphs are written anew, and removed documents' graphs are left out.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any, Final
from typing import Literal as TypingLiteral

from pydantic import BaseModel
from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    Store,
    Triple,
    Variable,
)

from graph.triples import all_graphs, graph_hash
from ontology import mapping
from ontology.ids import document_graph_iri
from ontology.model import EntityType, Extraction, RelationType
from ontology.vocab import PREFIXES, RDF_PREDICATE, SAM_ASSERTION, SAM_DOCUMENT, SAM_ID, XSD

CURRENT: Final = "current"
OXIGRAPH: Final = "oxigraph"
MANIFEST: Final = "manifest.json"
EXTRACTION: Final = "extraction.json"
LOCK: Final = ".lock"
KEEP_SNAPSHOTS: Final = 3  # the served one plus two older ones still open in readers

Term = NamedNode | BlankNode | Literal | Triple
BindingValue = str | int | float | bool | NamedNode | Literal
GraphCallback = Callable[[str], None]


class StoreError(Exception):
    """A store directory that is missing, corrupt or locked; the message names the path."""


class QueryTimeoutError(StoreError):
    """A query that ran longer than its time limit."""


class DocumentEntry(BaseModel):
    path: str
    sha256: str | None = None
    graph_hash: str


class Manifest(BaseModel):
    version: int
    built_at: str
    documents: dict[str, DocumentEntry]
    graphs: dict[str, str]  # graph IRI → content hash (documents and reference graphs)
    counts: dict[str, Any]


@dataclass(frozen=True)
class WriteReport:
    """What a write did: the served version and which graphs changed."""

    version: int
    changed: bool
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    counts: dict[str, Any] = field(default_factory=dict)


# --- query results ----------------------------------------------------------------------------

_INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger")}
_FLOAT_TYPES = {XSD + t for t in ("decimal", "double", "float")}


def to_python(term: Term | None) -> Any:
    """An RDF term as a plain value: IRI → str, typed literal → int/float/bool/str."""
    if term is None:
        return None
    if isinstance(term, Literal):
        datatype = term.datatype.value
        if datatype in _INTEGER_TYPES:
            return int(term.value)
        if datatype in _FLOAT_TYPES:
            return float(term.value)
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, NamedNode | BlankNode):
        return term.value
    return str(term)


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


@dataclass(frozen=True)
class QueryResult:
    """A materialised result: SELECT rows, an ASK boolean or CONSTRUCT/DESCRIBE triples."""

    kind: TypingLiteral["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)
    truncated: bool = False

    def dicts(self) -> list[dict[str, Any]]:
        """SELECT rows as ``{variable: python value}`` (unbound → None)."""
        return [
            {v: to_python(t) for v, t in zip(self.variables, row, strict=True)} for row in self.rows
        ]

    def to_sparql_json(self) -> dict[str, Any]:
        """The SPARQL 1.1 Query Results JSON form (SELECT and ASK)."""
        if self.kind == "ask":
            return {"head": {}, "boolean": bool(self.boolean)}
        bindings = [
            {v: _json_term(t) for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]
        return {"head": {"vars": self.variables}, "results": {"bindings": bindings}}


def _term(value: BindingValue) -> NamedNode | Literal:
    if isinstance(value, NamedNode | Literal):
        return value
    return Literal(value)


_IRI_CHARS_END = frozenset('<>"{}|^`\\ \t\r\n')


def _skip_string(q: str, i: int) -> int:
    """Index just past the string literal starting at ``q[i]`` (a quote)."""
    quote = q[i]
    long = q.startswith(quote * 3, i)
    delim = quote * 3 if long else quote
    j = i + len(delim)
    while j < len(q):
        if q[j] == "\\":
            j += 2
            continue
        if q.startswith(delim, j):
            return j + len(delim)
        if not long and q[j] == "\n":
            break
        j += 1
    raise SyntaxError(f"unterminated string literal at offset {i} of the query")


def _skip_iri(q: str, i: int) -> int:
    """Index past ``<…>`` if ``q[i]`` opens an IRI, else ``i + 1`` (a less-than sign)."""
    j = i + 1
    while j < len(q) and q[j] not in _IRI_CHARS_END:
        j += 1
    return j + 1 if j < len(q) and q[j] == ">" else i + 1


def substitute(query: str, bindings: Mapping[str, BindingValue]) -> tuple[str, set[str]]:
    """Replace ``$name`` variables by the bound RDF terms (outside strings, IRIs, comments).

    Terms are serialised by pyoxigraph (escaped literals, validated IRIs), so a value can
    never change the query's structure. Returns the query and the names it replaced.
    """
    out: list[str] = []
    used: set[str] = set()
    i = 0
    while i < len(query):
        c = query[i]
        if c in "\"'":
            j = _skip_string(query, i)
        elif c == "<":
            j = _skip_iri(query, i)
        elif c == "#":
            nl = query.find("\n", i)
            j = len(query) if nl < 0 else nl
        elif c == "$":
            j = i + 1
            while j < len(query) and (query[j].isalnum() or query[j] == "_"):
                j += 1
            name = query[i + 1 : j]
            if name in bindings:
                out.append(str(_term(bindings[name])))
                used.add(name)
                i = j
                continue
        else:
            j = i + 1
        out.append(query[i:j])
        i = j
    return "".join(out), used


# --- reading ------------------------------------------------------------------------------------


def _read_manifest(snapshot: Path) -> Manifest:
    path = snapshot / MANIFEST
    try:
        return Manifest.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path}: unreadable manifest ({exc})") from exc


def current_snapshot(store_dir: Path) -> Path | None:
    """The snapshot ``current`` points to, or None before the first build."""
    link = Path(store_dir) / CURRENT
    if not link.is_symlink() and not link.exists():
        return None
    return link.resolve()


def current_version(store_dir: Path) -> int | None:
    """The served version (cheap: reads the symlink and the manifest)."""
    snapshot = current_snapshot(store_dir)
    return None if snapshot is None else _read_manifest(snapshot).version


class StoreHandle:
    """A read-only view of one snapshot. Queries see the union of all named graphs."""

    def __init__(self, snapshot: Path) -> None:
        self.path = snapshot
        self.manifest = _read_manifest(snapshot)
        try:
            self._store = Store.read_only(str(snapshot / OXIGRAPH))
        except OSError as exc:
            raise StoreError(f"{snapshot / OXIGRAPH}: cannot open the RDF store ({exc})") from exc

    @property
    def version(self) -> int:
        return self.manifest.version

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, BindingValue] | None = None,
        timeout_s: float | None = None,
        *,
        max_rows: int | None = None,
    ) -> QueryResult:
        """Run a SPARQL query with parameters bound safely.

        ``bindings`` fill ``$name`` variables (any position where a term may stand, e.g.
        inside FILTER); a name only present as ``?name`` is bound with pyoxigraph's
        ``substitutions=`` (which requires it to be projected). ``timeout_s`` bounds the wall
        time the caller waits (pyoxigraph cannot cancel, so the evaluation is abandoned).
        """
        text, used = substitute(sparql, bindings or {})
        rest = {Variable(k): _term(v) for k, v in (bindings or {}).items() if k not in used}
        box: dict[str, Any] = {}
        deadline = None if timeout_s is None else time.monotonic() + timeout_s

        def run() -> None:
            try:
                box["result"] = self._evaluate(text, rest, max_rows, deadline)
            except BaseException as exc:  # re-raised in the caller's thread
                # pyoxigraph result iterators must be dropped on the thread that made them:
                # clear this thread's frames so the traceback keeps no reference to one.
                traceback.clear_frames(exc.__traceback__)
                box["error"] = exc

        if timeout_s is None:
            run()
        else:
            worker = threading.Thread(target=run, daemon=True, name="sparql-query")
            worker.start()
            worker.join(timeout_s)
            if worker.is_alive():
                raise QueryTimeoutError(f"SPARQL query exceeded its time limit of {timeout_s:g} s")
        if "error" in box:
            raise box["error"]
        result: QueryResult = box["result"]
        return result

    def _evaluate(
        self,
        text: str,
        substitutions: dict[Variable, NamedNode | Literal],
        max_rows: int | None,
        deadline: float | None,
    ) -> QueryResult:
        raw = self._store.query(
            text,
            prefixes=PREFIXES,
            use_default_graph_as_union=True,
            substitutions=substitutions or None,  # type: ignore[arg-type]
        )
        if isinstance(raw, QueryBoolean):
            return QueryResult(kind="ask", boolean=bool(raw))
        items: list[Any] = []
        truncated = False
        for item in raw:
            if max_rows is not None and len(items) >= max_rows:
                truncated = True
                break
            if deadline is not None and time.monotonic() > deadline:
                raise QueryTimeoutError("SPARQL query exceeded its time limit")
            items.append(item)
        if isinstance(raw, QueryTriples):
            return QueryResult(kind="graph", triples=items, truncated=truncated)
        assert isinstance(raw, QuerySolutions)
        names = [v.value for v in raw.variables]
        rows = [tuple(sol[name] for name in names) for sol in items]
        return QueryResult(kind="select", variables=names, rows=rows, truncated=truncated)

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        """All quads, or those of one named graph."""
        g = None if graph is None else NamedNode(graph)
        return iter(self._store.quads_for_pattern(None, None, None, g))

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, NamedNode))

    def counts(self) -> dict[str, Any]:
        """Quads, distinct triples, graphs, documents, entities per label, relations per type."""
        return compute_counts(self._store)

    @cached_property
    def extraction(self) -> Extraction:
        """The Extraction this snapshot was built from (networkx and Cypher loaders read it)."""
        path = self.path / EXTRACTION
        return Extraction.model_validate_json(path.read_text(encoding="utf-8"))


def open_current(store_dir: Path) -> StoreHandle:
    """A read-only handle on the served snapshot; StoreError if nothing was built yet."""
    snapshot = current_snapshot(store_dir)
    if snapshot is None or not snapshot.is_dir():
        raise StoreError(f"{store_dir}: no built store (run `samverkan build` first)")
    return StoreHandle(snapshot)


def _count(store: Store, sparql: str) -> dict[str, int]:
    result = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    assert isinstance(result, QuerySolutions)
    return {to_python(row["k"]): int(to_python(row["n"])) for row in result}


def compute_counts(store: Store) -> dict[str, Any]:
    quads = _count(store, 'SELECT ("q" AS ?k) (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }')
    triples = _count(
        store, 'SELECT ("t" AS ?k) (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }'
    )
    classes = {mapping.class_for(t): mapping.label_for(t) for t in EntityType}
    by_class = _count(
        store,
        f"SELECT ?k (COUNT(DISTINCT ?e) AS ?n) {{ ?e a ?k ; <{SAM_ID}> ?id }} GROUP BY ?k",
    )
    predicates = {mapping.predicate_for(r): r.value for r in RelationType}
    by_predicate = _count(
        store,
        f"SELECT ?k (COUNT(DISTINCT ?a) AS ?n) {{ ?a a <{SAM_ASSERTION}> ; <{RDF_PREDICATE}> ?k }}"
        " GROUP BY ?k",
    )
    docs = _count(
        store, f'SELECT ("d" AS ?k) (COUNT(DISTINCT ?d) AS ?n) {{ ?d a <{SAM_DOCUMENT}> }}'
    )
    entities = {label: by_class.get(iri, 0) for iri, label in classes.items()}
    relations = {name: by_predicate.get(iri, 0) for iri, name in predicates.items()}
    return {
        "quads": quads.get("q", 0),
        "triples": triples.get("t", 0),
        "graphs": sum(1 for _ in store.named_graphs()),
        "documents": docs.get("d", 0),
        "entities": entities,
        "relations": relations,
    }


# --- writing ---------------------------------------------------------------------------------


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock across processes (the OS drops it if the holder is killed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _locked(store_dir: Path) -> contextlib.AbstractContextManager[None]:
    """One writer at a time (CLI build and API upload may race)."""
    return file_lock(store_dir / LOCK)


def _snapshots(store_dir: Path) -> list[tuple[int, Path]]:
    out = []
    for p in store_dir.glob("snap-*"):
        suffix = p.name.removeprefix("snap-")
        if suffix.isdigit() and p.is_dir():
            out.append((int(suffix), p))
    return sorted(out)


def _clean(store_dir: Path, keep: int) -> None:
    """Remove crashed builds' temp dirs and snapshots beyond the newest ``keep``."""
    for tmp in store_dir.glob(".snap-*.tmp-*"):
        shutil.rmtree(tmp, ignore_errors=True)
    served = current_snapshot(store_dir)
    for _, path in _snapshots(store_dir)[:-keep]:
        if served is None or path.resolve() != served:
            shutil.rmtree(path, ignore_errors=True)


def _swap_current(store_dir: Path, snapshot: Path) -> None:
    tmp_link = store_dir / f".current.tmp-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp_link.unlink()
    tmp_link.symlink_to(snapshot.name)
    os.replace(tmp_link, store_dir / CURRENT)  # atomic on POSIX


def _fill(
    target: Store,
    graphs: Mapping[str, list[Quad]],
    hashes: Mapping[str, str],
    previous: tuple[Store, Manifest] | None,
    on_graph: GraphCallback | None,
) -> WriteReport:
    """Write every graph in one bulk load: unchanged graphs copied from the previous snapshot."""
    added: list[str] = []
    replaced: list[str] = []
    kept: list[str] = []

    def stream() -> Iterator[Quad]:
        for iri, quads in graphs.items():
            old_hash = previous[1].graphs.get(iri) if previous else None
            if previous is not None and old_hash == hashes[iri]:
                yield from previous[0].quads_for_pattern(None, None, None, NamedNode(iri))
                kept.append(iri)
            else:
                yield from quads
                (added if old_hash is None else replaced).append(iri)
            if on_graph is not None:
                on_graph(iri)

    target.bulk_extend(stream())  # one bulk load: each call has a large fixed cost
    removed = sorted(set(previous[1].graphs) - set(graphs)) if previous else []
    return WriteReport(
        version=0, changed=True, added=added, replaced=replaced, removed=removed, kept=kept
    )


def write_snapshot(
    store_dir: Path,
    extraction: Extraction,
    texts: Mapping[str, str] | None = None,
    *,
    keep: int = KEEP_SNAPSHOTS,
    on_graph: GraphCallback | None = None,
) -> WriteReport:
    """Write ``extraction`` as a new snapshot and serve it; a no-op if nothing changed.

    Idempotent: an unchanged extraction keeps the served version. ``texts`` (doc id →
    original text) lets mention passages carry quotes; ``on_graph(graph_iri)`` is called
    after each named graph is written (progress bars).
    """
    store_dir = Path(store_dir)
    with _locked(store_dir):
        _clean(store_dir, keep)
        served = current_snapshot(store_dir)
        prev_manifest = _read_manifest(served) if served else None
        graphs = all_graphs(extraction, texts)
        hashes = {iri: graph_hash(q) for iri, q in graphs.items()}
        if prev_manifest is not None and prev_manifest.graphs == hashes:
            return WriteReport(
                version=prev_manifest.version,
                changed=False,
                kept=sorted(hashes),
                counts=prev_manifest.counts,
            )
        numbers = [n for n, _ in _snapshots(store_dir)]
        version = max([*numbers, prev_manifest.version if prev_manifest else 0]) + 1
        tmp = store_dir / f".snap-{version}.tmp-{os.getpid()}"
        tmp.mkdir()
        try:
            report = _write_tmp(
                tmp, extraction, graphs, hashes, version, (served, prev_manifest), on_graph
            )
            final = store_dir / f"snap-{version}"
            os.rename(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        _swap_current(store_dir, final)
        _clean(store_dir, keep)
        return report


def _write_tmp(
    tmp: Path,
    extraction: Extraction,
    graphs: Mapping[str, list[Quad]],
    hashes: Mapping[str, str],
    version: int,
    served_manifest: tuple[Path | None, Manifest | None],
    on_graph: GraphCallback | None,
) -> WriteReport:
    served, prev_manifest = served_manifest
    target = Store(str(tmp / OXIGRAPH))
    previous = None
    if served is not None and prev_manifest is not None:
        previous = (Store.read_only(str(served / OXIGRAPH)), prev_manifest)
    filled = _fill(target, graphs, hashes, previous, on_graph)
    target.flush()
    counts = compute_counts(target)
    del target, previous  # closes the RocksDB handles before the directory is renamed
    manifest = Manifest(
        version=version,
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        documents={
            d.id: DocumentEntry(
                path=d.path, sha256=d.sha256, graph_hash=hashes[document_graph_iri(d.id)]
            )
            for d in extraction.documents
        },
        graphs=dict(hashes),
        counts=counts,
    )
    (tmp / EXTRACTION).write_text(extraction.model_dump_json(), encoding="utf-8")
    (tmp / MANIFEST).write_text(manifest.model_dump_json(indent=1), encoding="utf-8")
    return WriteReport(
        version=version,
        changed=True,
        added=filled.added,
        replaced=filled.replaced,
        removed=filled.removed,
        kept=filled.kept,
        counts=counts,
    )


def read_extraction(store_dir: Path) -> Extraction | None:
    """The served snapshot's Extraction, or None before the first build."""
    snapshot = current_snapshot(store_dir)
    if snapshot is None:
        return None
    return Extraction.model_validate_json((snapshot / EXTRACTION).read_text(encoding="utf-8"))


def manifest_json(store_dir: Path) -> dict[str, Any]:
    """The served manifest as JSON data (for `samverkan stats` and /health)."""
    snapshot = current_snapshot(store_dir)
    if snapshot is None:
        raise StoreError(f"{store_dir}: no built store (run `samverkan build` first)")
    data: dict[str, Any] = json.loads((snapshot / MANIFEST).read_text(encoding="utf-8"))
    return data


__all__ = [
    "BindingValue",
    "DocumentEntry",
    "Manifest",
    "QueryResult",
    "QueryTimeoutError",
    "StoreError",
    "StoreHandle",
    "WriteReport",
    "compute_counts",
    "current_snapshot",
    "current_version",
    "file_lock",
    "manifest_json",
    "open_current",
    "read_extraction",
    "substitute",
    "to_python",
    "write_snapshot",
]
