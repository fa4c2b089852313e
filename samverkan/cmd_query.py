"""CLI command: ``samverkan query`` runs a named question or a read-only query from a file.

    samverkan query --list
    samverkan query who_collaborates -p theme=energi -p area=inland
    samverkan query who_collaborates -p area="Region 10" --engine cypher --format csv
    samverkan query --sparql my.rq --format json        # or --sparql - (standard input)
    samverkan query --cypher my.cypher -p org=org:region-10

The RDF engine reads the served snapshot (settings.store_dir). The Cypher engine is Neo4j
when NEO4J_URI is set (loaded beforehand with ``samverkan neo4j load``), else a private
FalkorDB that is started, loaded from the snapshot, queried and stopped. Every query passes
``queries.guard`` first and runs read-only; parameters are bound (``-p name=value``), never
pasted into the text. Every failure is one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Final, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from graph.cypher_engines import CypherEngine, EngineError, FalkorEngine, Neo4jEngine
from graph.falkor_server import running_falkordb
from graph.store import QueryTimeoutError as StoreTimeoutError
from graph.store import StoreError, StoreHandle, open_current
from graph.writer import GraphWriter
from queries.catalog import QuerySpec, get_spec, list_specs
from queries.errors import QueryError
from queries.guard import check_cypher, check_sparql
from queries.run import Limits, QueryResult, run_cypher, run_sparql
from samverkan.errors import SamverkanError, UsageError
from samverkan.settings import Settings

# Exit codes: 2 = the input is wrong (name, parameter, query text, write attempt),
# 1 = it could not be answered (no store, engine down, timeout).
EXIT_INPUT: Final = 2
EXIT_FAILED: Final = 1
_INPUT_CODES: Final = frozenset(
    {"unknown_query", "invalid_param", "unknown_area", "query_syntax", "query_refused", "usage"}
)
LIST_SEPARATOR: Final = "; "  # list cells in CSV and tables, as in the API's CSV


class Engine(StrEnum):
    RDF = "rdf"
    CYPHER = "cypher"


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


class QueryCommandError(SamverkanError):
    """The question could not be answered (no store, a failed ad-hoc query)."""

    code = "query"
    exit_code = EXIT_FAILED


# --- small pieces -----------------------------------------------------------------------------


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    """One line on stderr, then exit: the CLI never shows a traceback."""
    typer.echo(f"error: {' '.join(message.split())}", err=True)
    raise typer.Exit(code)


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``-p name=value`` options → a dict; a repeated name keeps the last value."""
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"-p {pair!r}: write parameters as name=value")
        params[name.strip()] = value
    return params


def adhoc_value(text: str) -> Any:
    """An ad-hoc query's parameter: a JSON number, boolean or list when it parses, else text."""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return value if isinstance(value, int | float | bool | list) else text


def read_query_file(source: str) -> str:
    """The text of FILE, or of standard input for ``-``."""
    if source == "-":
        return sys.stdin.read()
    try:
        return Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UsageError(f"{source}: cannot read the query ({reason})") from exc


def open_store(store_dir: Path) -> StoreHandle:
    try:
        return open_current(store_dir)
    except StoreError as exc:
        raise QueryCommandError(
            f"{store_dir}: no usable store ({exc}); run `samverkan build` first"
        ) from exc


# --- engines ------------------------------------------------------------------------------------


@contextmanager
def cypher_engine(settings: Settings, store_dir: Path) -> Iterator[CypherEngine]:
    """Neo4j (NEO4J_URI) as loaded, or a private FalkorDB holding the served snapshot."""
    if settings.neo4j_uri:
        password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
        neo = Neo4jEngine(
            settings.neo4j_uri, settings.neo4j_user, password, settings.neo4j_database
        )
        try:
            yield neo
        finally:
            neo.close()
        return
    extraction = open_store(store_dir).extraction
    with running_falkordb() as server:
        falkor = FalkorEngine.from_socket(server.socket_path, settings.falkordb_graph)
        try:
            GraphWriter(falkor, settings.cypher_batch_size).write(extraction)
            yield falkor
        finally:
            falkor.close()


def run_named(
    spec: QuerySpec, params: dict[str, str], engine: Engine, settings: Settings,
    store_dir: Path, limits: Limits,
) -> QueryResult:  # fmt: skip
    spec.bind(params, settings.areas_file)  # a bad parameter fails before an engine starts
    if engine is Engine.CYPHER:
        with cypher_engine(settings, store_dir) as cy:
            return run_cypher(cy, spec, params, limits, areas_file=settings.areas_file)
    return run_sparql(open_store(store_dir), spec, params, limits, areas_file=settings.areas_file)


def run_sparql_text(
    text: str, params: dict[str, str], store_dir: Path, limits: Limits
) -> QueryResult | str:
    """SELECT → a table; ASK → ``true``/``false``; CONSTRUCT/DESCRIBE → N-Triples text."""
    form = check_sparql(text)
    bound = {k: adhoc_value(v) for k, v in params.items()}
    if form == "SELECT":
        return run_sparql(open_store(store_dir), text, bound, limits)
    try:
        res = open_store(store_dir).query(text, bound, timeout_s=limits.timeout_ms / 1000.0)
    except StoreTimeoutError as exc:
        raise QueryCommandError(
            f"SPARQL query ran past its time limit of {limits.timeout_ms} ms"
        ) from exc
    except (SyntaxError, StoreError, ValueError) as exc:
        raise QueryCommandError(f"SPARQL failed: {exc}") from exc
    if res.kind == "ask":
        return "true" if res.boolean else "false"
    return "".join(f"{t} .\n" for t in res.triples[: limits.max_rows])


def run_cypher_text(
    text: str, params: dict[str, str], settings: Settings, store_dir: Path, limits: Limits
) -> QueryResult:
    bound = {k: adhoc_value(v) for k, v in params.items()}
    check_cypher(text)  # refuse a write before an engine is started (run_cypher checks again)
    with cypher_engine(settings, store_dir) as cy:
        return run_cypher(cy, text, bound, limits)


# --- output ---------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def to_csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([_cell(c) for c in row])
    return out.getvalue()


def to_json(result: QueryResult, name: str | None, params: dict[str, str]) -> str:
    body = {
        "name": name,
        "params": params,
        "columns": result.columns,
        "rows": result.rows,
        "truncated": result.truncated,
        "elapsed_ms": round(result.elapsed_ms, 3),
    }
    return json.dumps(body, ensure_ascii=False, indent=2)


def print_table(result: QueryResult, title: str | None) -> None:
    table = Table(title=title, show_lines=False)
    for column in result.columns:
        table.add_column(column, overflow="fold")
    for row in result.rows:
        table.add_row(*(_cell(c) for c in row))
    console = Console()
    console.print(table)
    note = f"{len(result.rows)} rows in {result.elapsed_ms:.0f} ms"
    if result.truncated:
        note += " (truncated by the row limit: not every answer is shown)"
    console.print(note, highlight=False)


def emit(result: QueryResult | str, fmt: Format, name: str | None, params: dict[str, str]) -> None:
    if isinstance(result, str):  # ASK / CONSTRUCT / DESCRIBE
        typer.echo(result, nl=not result.endswith("\n"))
        return
    if fmt is Format.JSON:
        typer.echo(to_json(result, name, params))
    elif fmt is Format.CSV:
        typer.echo(to_csv(result), nl=False)
    else:
        print_table(result, name)
    if result.truncated and fmt is not Format.TABLE:
        typer.echo(f"warning: only the first {len(result.rows)} rows (row limit)", err=True)


def print_list(fmt: Format) -> None:
    specs = list_specs()
    if fmt is Format.JSON:
        body = [
            {
                "name": s.name,
                "title_sv": s.title_sv,
                "title_en": s.title_en,
                "params": [
                    {"name": p.name, "type": p.type.value, "default": p.default} for p in s.params
                ],
            }
            for s in specs
        ]
        typer.echo(json.dumps(body, ensure_ascii=False, indent=2))
        return
    if fmt is Format.CSV:
        rows = [[s.name, s.title_en, LIST_SEPARATOR.join(_param_text(s))] for s in specs]
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([["name", "title", "params"], *rows])
        typer.echo(out.getvalue(), nl=False)
        return
    table = Table(title="samverkan query NAME -p name=value …")
    for column in ("name", "question", "parameters (type = default)"):
        table.add_column(column, overflow="fold")
    for s in specs:
        table.add_row(s.name, f"{s.title_sv}\n{s.title_en}", "\n".join(_param_text(s)) or "—")
    Console().print(table)


def _param_text(spec: QuerySpec) -> list[str]:
    return [
        f"{p.name}: {p.type.value}" + (f" = {p.default}" if p.default else "") for p in spec.params
    ]


# --- the command ----------------------------------------------------------------------------------


def _guarded(action: Callable[[], None]) -> None:
    """Run ``action``; every known failure becomes one line and an exit code."""
    try:
        action()
    except QueryError as exc:
        fail(str(exc), EXIT_INPUT if exc.code in _INPUT_CODES else EXIT_FAILED)
    except SamverkanError as exc:
        fail(str(exc), exc.exit_code)
    except (EngineError, StoreError) as exc:
        fail(str(exc), EXIT_FAILED)


def query(
    name: Annotated[str | None, typer.Argument(help="A named question (see --list).")] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("-p", "--param", help="A parameter as name=value (repeatable)."),
    ] = None,
    sparql: Annotated[
        str | None,
        typer.Option("--sparql", help="Run a read-only SPARQL query from FILE (- = stdin)."),
    ] = None,
    cypher: Annotated[
        str | None,
        typer.Option("--cypher", help="Run a read-only Cypher query from FILE (- = stdin)."),
    ] = None,
    engine: Annotated[Engine, typer.Option("--engine", help="For a named question.")] = Engine.RDF,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TABLE,
    list_: Annotated[
        bool, typer.Option("--list", help="List the questions and their parameters.")
    ] = False,
    store: Annotated[
        Path | None, typer.Option("--store", help="Store directory (default: settings.store_dir).")
    ] = None,
    timeout_ms: Annotated[
        int | None, typer.Option("--timeout-ms", min=1, help="Time limit (default: settings).")
    ] = None,
    max_rows: Annotated[
        int | None, typer.Option("--max-rows", min=1, help="Row limit (default: settings).")
    ] = None,
) -> None:
    """Run a named question, or a read-only SPARQL/Cypher query from a file."""

    def action() -> None:
        chosen = [x for x in (name, sparql, cypher) if x is not None]
        if list_:
            print_list(fmt)
            return
        if len(chosen) != 1:
            raise UsageError("give exactly one of NAME, --sparql FILE or --cypher FILE (or --list)")
        settings = Settings()
        store_dir = store or settings.store_dir
        limits = Limits(
            timeout_ms=timeout_ms or settings.query_timeout_ms,
            max_rows=max_rows or settings.max_rows,
        )
        params = parse_params(param or [])
        result: QueryResult | str
        if name is not None:
            result = run_named(get_spec(name), params, engine, settings, store_dir, limits)
        elif sparql is not None:
            result = run_sparql_text(read_query_file(sparql), params, store_dir, limits)
        else:
            assert cypher is not None
            text = read_query_file(cypher)
            result = run_cypher_text(text, params, settings, store_dir, limits)
        emit(result, fmt, name, params)

    _guarded(action)


def register(app: typer.Typer) -> None:
    """Add ``samverkan query``."""
    app.command("query")(query)
