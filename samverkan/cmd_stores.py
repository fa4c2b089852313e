"""CLI commands: ``samverkan neo4j load`` and ``samverkan falkordb load``.

Both read ``extraction.json`` from the served store snapshot (docs/DESIGN.md, store
layout) and share one :class:`graph.writer.GraphWriter`; only the engine differs. An
unreachable server or refused credentials become one line on stderr (samverkan.cli).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph.cypher_engines import CypherEngine, EngineError, FalkorEngine, Neo4jEngine
from graph.falkor_server import running_falkordb
from graph.store import StoreError, read_extraction
from graph.writer import GraphWriter, WriteReport
from ontology.model import Extraction
from samverkan.errors import SamverkanError, UsageError
from samverkan.settings import Settings

_out = Console(soft_wrap=True)  # summaries stay one line when piped

StoreOpt = Annotated[
    Path | None, typer.Option("--store", help="Store directory (default: settings.store_dir).")
]
BatchOpt = Annotated[int | None, typer.Option("--batch-size", min=1, help="Rows per UNWIND batch.")]
FreshOpt = Annotated[bool, typer.Option("--fresh", help="Delete the whole graph first.")]


class CypherEngineError(SamverkanError):
    code = "cypher_engine"


def load_store_extraction(store: Path) -> Extraction:
    """The served snapshot's extraction, or a usage error naming the store."""
    try:
        extraction = read_extraction(store)
    except (StoreError, OSError, ValueError) as exc:
        raise SamverkanError(f"{store}: cannot read extraction.json ({exc})") from exc
    if extraction is None:
        raise UsageError(f"{store}: no built store (run `samverkan build` first)")
    return extraction


@contextmanager
def _progress() -> Iterator[Progress]:
    columns = (
        TextColumn("{task.description:<26}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=_out, transient=True) as progress:
        yield progress


def write_with_progress(
    engine: CypherEngine, extraction: Extraction, batch_size: int, fresh: bool
) -> WriteReport:
    """Run GraphWriter.write with a rich progress bar; engine errors become one line."""
    try:
        if fresh:
            engine.clear()
        with _progress() as progress:
            task = progress.add_task("writing", total=None)

            def update(stage: str, done: int, total: int) -> None:
                progress.update(task, description=stage, completed=done, total=total)

            return GraphWriter(engine, batch_size, progress=update).write(extraction)
    except EngineError as exc:
        raise CypherEngineError(str(exc)) from exc


def _summary(target: str, report: WriteReport) -> None:
    rate = report.rows / report.seconds if report.seconds > 0 else 0.0
    _out.print(
        f"loaded {report.node_rows} node rows and {report.relationship_rows} relationship rows "
        f"into {target} in {report.seconds:.2f} s ({rate:,.0f} rows/s)",
        highlight=False,
    )
    if report.replaced_documents:
        _out.print(f"replaced documents: {', '.join(report.replaced_documents)}", highlight=False)
    if report.skipped_relations:
        _out.print(
            f"[yellow]skipped {len(report.skipped_relations)} relations with unknown ends[/]"
        )


def _connect_neo4j(uri: str, user: str, password: str, database: str) -> Neo4jEngine:
    try:
        return Neo4jEngine(uri, user, password, database)
    except EngineError as exc:
        raise CypherEngineError(str(exc)) from exc


def neo4j_load(
    uri: Annotated[str, typer.Option("--uri", envvar="NEO4J_URI", help="bolt://host:7687")],
    password: Annotated[
        str, typer.Option("--password", envvar="NEO4J_PASSWORD", prompt=True, hide_input=True)
    ],
    user: Annotated[str, typer.Option("--user", envvar="NEO4J_USER")] = "neo4j",
    database: Annotated[str, typer.Option("--database", envvar="NEO4J_DATABASE")] = "neo4j",
    store: StoreOpt = None,
    batch_size: BatchOpt = None,
    fresh: FreshOpt = False,
) -> None:
    """Load the built graph into Neo4j 5 over Bolt (uniqueness constraints, batched MERGE)."""
    settings = Settings()
    extraction = load_store_extraction(store or settings.store_dir)
    engine = _connect_neo4j(uri, user, password, database)
    try:
        report = write_with_progress(
            engine, extraction, batch_size or settings.cypher_batch_size, fresh
        )
    finally:
        engine.close()
    _summary(f"Neo4j {engine.target} (database {database})", report)


def _falkor_engine(url: str, graph: str) -> FalkorEngine:
    """``redis://…``, ``falkor://…``, ``unix:///…`` or a plain path to a socket file."""
    try:
        if "://" in url:
            return FalkorEngine.from_url(url, graph)
        return FalkorEngine.from_socket(Path(url), graph)
    except EngineError as exc:
        raise CypherEngineError(str(exc)) from exc


def falkordb_load(
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            help="redis://host:port, unix:///path/fk.sock or a socket path; "
            "omitted: a private FalkorDB is started, loaded and stopped (a dry run).",
        ),
    ] = None,
    graph: Annotated[str | None, typer.Option("--graph", help="Graph name.")] = None,
    store: StoreOpt = None,
    batch_size: BatchOpt = None,
    fresh: FreshOpt = False,
) -> None:
    """Load the built graph into FalkorDB through its Redis protocol."""
    settings = Settings()
    extraction = load_store_extraction(store or settings.store_dir)
    name = graph or settings.falkordb_graph
    size = batch_size or settings.cypher_batch_size
    if url is None:
        _out.print("no --url: loading into a private FalkorDB that stops afterwards (a dry run)")
        try:
            with running_falkordb() as server:
                engine = _falkor_engine(str(server.socket_path), name)
                report = write_with_progress(engine, extraction, size, fresh)
                engine.close()
        except EngineError as exc:
            raise CypherEngineError(str(exc)) from exc
        _summary("a private FalkorDB", report)
        return
    engine = _falkor_engine(url, name)
    try:
        report = write_with_progress(engine, extraction, size, fresh)
    finally:
        engine.close()
    _summary(f"FalkorDB {engine.target} (graph {name})", report)  # target has no password


def register(app: typer.Typer) -> None:
    """Add ``neo4j load`` and ``falkordb load``."""
    neo4j_app = typer.Typer(help="Neo4j 5 (Bolt).", no_args_is_help=True)
    neo4j_app.command("load")(neo4j_load)
    falkor_app = typer.Typer(help="FalkorDB (Redis protocol).", no_args_is_help=True)
    falkor_app.command("load")(falkordb_load)
    app.add_typer(neo4j_app, name="neo4j")
    app.add_typer(falkor_app, name="falkordb")
