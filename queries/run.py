"""Run a named query (or a checked ad-hoc text) within a time limit and a row limit.

Parameters never become query text as user strings:
- SPARQL: each parameter of a named query fills its ``VALUES ?name { }`` block with RDF
  terms serialised by pyoxigraph (ids become IRIs through ``ontology.ids``; strings become
  escaped literals); an ad-hoc text gets ``substitutions=`` (SEP-0007).
- Cypher: the engine receives ``$name`` parameters; an ``area`` becomes a list of place ids
  and ``$<name>_name`` its set name.

Both runners fetch at most ``max_rows + 1`` rows, keep ``max_rows`` and say ``truncated``.
pyoxigraph has no query timeout: the deadline is checked between rows, so a query that
needs long before its first row (a big aggregate) only fails after it (noted weakness).

Example::

    result = run_sparql(store, get_spec("who_collaborates"), {"theme": "energi"})
    result.columns, result.rows[:3], result.truncated
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import pyoxigraph as ox
from pydantic import BaseModel, ConfigDict, Field

from graph import cypher_engines as ce
from graph import store as gs
from ontology.ids import entity_iri, id_from_iri
from queries.areas import ResolvedArea
from queries.catalog import (
    ENTITY_TYPES,
    BoundValue,
    ColumnKind,
    ParamType,
    QuerySpec,
)
from queries.errors import (
    CatalogError,
    QueryEngineError,
    QueryRefusedError,
    QuerySyntaxError,
    QueryTimeoutError,
)
from queries.guard import check_cypher, check_sparql

# SPARQL set/path columns are GROUP_CONCATs with this separator (U+001F, unit separator).
SEPARATOR: Final = "\x1f"
_XSD: Final = "http://www.w3.org/2001/XMLSchema#"
_INT_TYPES: Final = {
    f"{_XSD}{t}" for t in ("integer", "int", "long", "short", "nonNegativeInteger")
}
_FLOAT_TYPES: Final = {f"{_XSD}{t}" for t in ("decimal", "double", "float")}


class Limits(BaseModel):
    """Per-query limits (the API and CLI take them from settings)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    timeout_ms: int = Field(default=10_000, ge=1)
    max_rows: int = Field(default=5_000, ge=1)


class QueryResult(BaseModel):
    """A table: ``rows[i][j]`` is the value of ``columns[j]``; ``truncated`` if cut."""

    model_config = ConfigDict(extra="forbid")
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    elapsed_ms: float


# --- shared helpers -------------------------------------------------------------------


def _shape(value: Any, kind: ColumnKind, sparql: bool) -> Any:
    """Set columns come back sorted and unique, path columns in order, on both engines."""
    if kind is ColumnKind.VALUE:
        return value
    if sparql:
        value = [] if value in (None, "") else str(value).split(SEPARATOR)
    items = list(value or [])
    if kind is ColumnKind.SET:
        try:
            return sorted(set(items))
        except TypeError:  # unhashable or mixed values: keep them as they came
            return items
    return items


def _shaped_rows(
    spec: QuerySpec | None, columns: list[str], rows: list[list[Any]], sparql: bool
) -> list[list[Any]]:
    kinds = {c.name: c.kind for c in spec.columns} if spec else {}
    if not kinds:
        return rows
    order = [kinds.get(c, ColumnKind.VALUE) for c in columns]
    return [[_shape(v, k, sparql) for v, k in zip(row, order, strict=True)] for row in rows]


def _finish(
    spec: QuerySpec | None, columns: list[str], rows: list[list[Any]], limits: Limits,
    started: float, sparql: bool,
) -> QueryResult:  # fmt: skip
    truncated = len(rows) > limits.max_rows
    kept = _shaped_rows(spec, columns, rows[: limits.max_rows], sparql)
    elapsed = (time.perf_counter() - started) * 1000.0
    return QueryResult(columns=columns, rows=kept, truncated=truncated, elapsed_ms=elapsed)


# --- SPARQL ---------------------------------------------------------------------------


def _oxigraph(store: Any) -> ox.Store:
    """A pyoxigraph Store, or a wrapper exposing one as ``.store``/``.oxigraph``."""
    if isinstance(store, ox.Store):
        return store
    for attr in ("store", "oxigraph", "ox"):
        inner = getattr(store, attr, None)
        if isinstance(inner, ox.Store):
            return inner
    raise TypeError(f"run_sparql needs a pyoxigraph.Store, got {type(store).__name__}")


def _terms(ptype: ParamType, value: BoundValue) -> list[ox.NamedNode | ox.Literal]:
    if isinstance(value, ResolvedArea):
        return [ox.NamedNode(entity_iri(p)) for p in value.places]
    if ptype in ENTITY_TYPES:
        return [ox.NamedNode(entity_iri(str(value)))]
    return [ox.Literal(value)]


def _fill_values(text: str, name: str, terms: list[ox.NamedNode | ox.Literal]) -> str:
    """Fill every ``VALUES ?name { }`` block of ``text`` (subqueries repeat them)."""
    pattern = re.compile(r"VALUES\s+\?" + re.escape(name) + r"\s*\{\s*\}")
    if not pattern.search(text):
        raise CatalogError(f"SPARQL has no 'VALUES ?{name} {{ }}' block for parameter {name!r}")
    block = f"VALUES ?{name} {{ {' '.join(str(t) for t in terms)} }}"
    return pattern.sub(lambda _m: block, text)


@lru_cache(maxsize=256)
def _checked_sparql(text: str) -> str:
    check_sparql(text)
    return text


def bind_sparql(spec: QuerySpec, bound: Mapping[str, BoundValue]) -> str:
    """The spec's SPARQL with every parameter's VALUES block filled."""
    text = _checked_sparql(spec.sparql)
    for p in spec.params:
        value = bound[p.name]
        text = _fill_values(text, p.name, _terms(p.type, value))
        if isinstance(value, ResolvedArea) and f"VALUES ?{p.name}_name" in text:
            text = _fill_values(text, f"{p.name}_name", [ox.Literal(value.name)])
    return text


def _python(term: Any) -> Any:
    """An RDF term → a plain value (ids for our IRIs, int/float/bool for typed literals)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        try:
            return id_from_iri(term.value)
        except ValueError:
            return term.value
    if isinstance(term, ox.Literal):
        dtype = term.datatype.value
        if dtype in _INT_TYPES:
            return int(term.value)
        if dtype in _FLOAT_TYPES:
            return float(term.value)
        if dtype == f"{_XSD}boolean":
            return term.value == "true"
        return term.value
    return str(term)


def _solutions(results: Any, limit: int, deadline: float) -> Iterator[list[Any]]:
    variables = [v.value for v in results.variables]
    for n, solution in enumerate(results):
        if n >= limit:
            return
        if time.perf_counter() > deadline:
            raise QueryTimeoutError(f"SPARQL query ran past its time limit after {n} rows")
        yield [_python(solution[v]) for v in variables]


def _sparql_substitutions(params: Mapping[str, Any]) -> dict[ox.Variable, Any]:
    out: dict[ox.Variable, Any] = {}
    for name, value in params.items():
        term = value if isinstance(value, ox.NamedNode | ox.Literal) else ox.Literal(value)
        out[ox.Variable(name)] = term
    return out


def _select_oxigraph(
    store: Any, text: str, subs: dict[ox.Variable, Any], limits: Limits, started: float
) -> tuple[list[str], list[list[Any]]]:
    results = _oxigraph(store).query(
        text, use_default_graph_as_union=True, substitutions=subs or None
    )
    if not isinstance(results, ox.QuerySolutions):
        raise QueryRefusedError("run_sparql answers SELECT queries only (a table)")
    columns = [v.value for v in results.variables]
    deadline = started + limits.timeout_ms / 1000.0
    return columns, list(_solutions(results, limits.max_rows + 1, deadline))


def _select_handle(
    handle: gs.StoreHandle, text: str, subs: dict[ox.Variable, Any], limits: Limits
) -> tuple[list[str], list[list[Any]]]:
    """Through graph.store, whose worker thread enforces the wall-clock limit."""
    bindings = {v.value: t for v, t in subs.items()}
    try:
        res = handle.query(
            text, bindings, timeout_s=limits.timeout_ms / 1000.0, max_rows=limits.max_rows + 1
        )
    except gs.QueryTimeoutError as exc:
        raise QueryTimeoutError(
            f"SPARQL query ran past its time limit of {limits.timeout_ms} ms"
        ) from exc
    if res.kind != "select":
        raise QueryRefusedError("run_sparql answers SELECT queries only (a table)")
    return list(res.variables), [[_python(t) for t in row] for row in res.rows]


def run_sparql(
    store: Any,
    spec_or_text: QuerySpec | str,
    params: Mapping[str, Any] | None = None,
    limits: Limits | None = None,
    *,
    areas_file: Path | None = None,
) -> QueryResult:
    """Run a SELECT on the store's union graph; see the module docstring for binding.

    ``store`` is a :class:`graph.store.StoreHandle` (time limit enforced by a worker thread)
    or a plain ``pyoxigraph.Store`` (limit checked between rows).
    """
    limits = limits or Limits()
    started = time.perf_counter()
    spec = spec_or_text if isinstance(spec_or_text, QuerySpec) else None
    if spec is not None:
        text, subs = bind_sparql(spec, spec.bind(params, areas_file)), {}
    else:
        text, subs = str(spec_or_text), _sparql_substitutions(params or {})
        if check_sparql(text) != "SELECT":
            raise QueryRefusedError("run_sparql answers SELECT queries only (a table)")
    try:
        if isinstance(store, gs.StoreHandle):
            columns, rows = _select_handle(store, text, subs, limits)
        else:
            columns, rows = _select_oxigraph(store, text, subs, limits, started)
    except SyntaxError as exc:
        raise QuerySyntaxError(f"SPARQL rejected by the store: {exc}") from exc
    except (OSError, RuntimeError, gs.StoreError) as exc:
        raise QueryEngineError(f"SPARQL failed: {exc}") from exc
    return _finish(spec, columns, rows, limits, started, sparql=True)


# --- Cypher ---------------------------------------------------------------------------


def bind_cypher(bound: Mapping[str, BoundValue]) -> dict[str, Any]:
    """Engine parameters: ids as strings, an area as its list of place ids (+ its name)."""
    out: dict[str, Any] = {}
    for name, value in bound.items():
        if isinstance(value, ResolvedArea):
            out[name] = value.places
            out[f"{name}_name"] = value.name
        else:
            out[name] = value
    return out


def run_cypher(
    engine: ce.CypherEngine,
    spec_or_text: QuerySpec | str,
    params: Mapping[str, Any] | None = None,
    limits: Limits | None = None,
    *,
    areas_file: Path | None = None,
) -> QueryResult:
    """Run read-only on the engine (FalkorDB RO_QUERY / Neo4j read transaction)."""
    limits = limits or Limits()
    started = time.perf_counter()
    spec = spec_or_text if isinstance(spec_or_text, QuerySpec) else None
    text = spec.cypher if spec else str(spec_or_text)
    engine_params = bind_cypher(spec.bind(params, areas_file)) if spec else dict(params or {})
    check_cypher(text)
    try:
        result = engine.ro_query(text, engine_params, timeout_ms=limits.timeout_ms)
    except ce.QueryTimeoutError as exc:
        raise QueryTimeoutError(
            f"Cypher query ran past its time limit of {limits.timeout_ms} ms: {exc}"
        ) from exc
    except ce.ReadOnlyError as exc:
        raise QueryRefusedError(f"Cypher query tried to write: {exc}") from exc
    except ce.CypherError as exc:
        raise QueryEngineError(str(exc)) from exc
    rows = list(result.rows[: limits.max_rows + 1])
    return _finish(spec, list(result.columns), rows, limits, started, sparql=False)
