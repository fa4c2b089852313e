"""CLI commands on the embedded store: ``build``, ``export``, ``validate``, ``stats``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from graph.export import FORMATS, ExportError, export_to
from graph.store import StoreError, current_snapshot, manifest_json, open_current
from graph.validate import validate_store
from samverkan.build import BuildReport, build_store
from samverkan.errors import SamverkanError, UsageError
from samverkan.settings import Settings

_out = Console()
_err = Console(stderr=True)

StoreOption = Annotated[
    Path | None, typer.Option("--store", help="store directory (default var/store)")
]


def _settings(store: Path | None = None, corpus: Path | None = None) -> Settings:
    # Options reach Settings through the environment so the API sees the same values.
    if store is not None:
        os.environ["SAMVERKAN_STORE_DIR"] = str(store.resolve())
    if corpus is not None:
        if not corpus.is_dir():
            raise UsageError(f"{corpus}: not a directory")
        os.environ["SAMVERKAN_CORPUS_DIR"] = str(corpus.resolve())
    return Settings()


def _print_report(report: BuildReport) -> None:
    for path, message in report.errors:
        line = message if path in message else f"{path}: {message}"
        _err.print(f"[red]error:[/] {line}", highlight=False)
    for doc in report.carried_over:
        _err.print(f"kept the previously stored facts of {doc}", highlight=False)
    for stale in report.unmatched_curations:
        _err.print(f"curation no longer matches: {stale}", highlight=False)
    state = "built" if report.changed else "unchanged"
    counts = report.counts
    _out.print(
        f"store version {report.version} {state}: {len(report.documents)} documents, "
        f"{counts.get('triples', 0)} triples, {counts.get('quads', 0)} quads in "
        f"{counts.get('graphs', 0)} graphs ({report.seconds:.1f} s)",
        highlight=False,
    )


def build(
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="folder of report files (data/corpus)")
    ] = None,
    store: StoreOption = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="parallel extraction processes (default: cores)")
    ] = None,
    no_curation: Annotated[
        bool, typer.Option("--no-curation", help="do not apply data/curation.yaml")
    ] = False,
    keep_contact_details: Annotated[
        bool,
        typer.Option("--keep-contact-details", help="keep phone numbers and e-mail addresses"),
    ] = False,
) -> None:
    """Extract the corpus and write the graph into the embedded RDF store."""
    if keep_contact_details:
        os.environ["SAMVERKAN_KEEP_CONTACT_DETAILS"] = "true"
    settings = _settings(store, corpus)
    report = build_store(settings, workers=workers, no_curation=no_curation)
    _print_report(report)


def export(
    fmt: Annotated[str, typer.Option("--format", help=f"one of: {', '.join(FORMATS)}")] = "ttl",
    out: Annotated[
        Path | None,
        typer.Option("--out", help="file to write (csv: a directory); default: stdout"),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Export the served graph as RDF, GraphML/GEXF or CSV."""
    settings = _settings(store)
    handle = _open(settings)
    try:
        if out is None:
            if fmt == "csv":
                raise UsageError("--format csv writes nodes.csv and edges.csv: give --out DIR")
            from graph.export import render

            typer.echo(render(handle, fmt).decode("utf-8"), nl=False)
            return
        for path in export_to(handle, fmt, out):
            _err.print(f"wrote {path}", highlight=False)
    except ExportError as exc:
        raise UsageError(str(exc)) from exc


def validate(store: StoreOption = None) -> None:
    """Validate the served graph against the SHACL shapes (ontology/shapes.ttl)."""
    handle = _open(_settings(store))
    violations = validate_store(handle)
    for violation in violations:
        _out.print(str(violation), highlight=False)
    if violations:
        raise SamverkanError(f"{len(violations)} SHACL violations")
    _out.print("the store conforms to ontology/shapes.ttl")


def _stats_table(data: dict[str, Any]) -> Table:
    counts = data.get("counts", {})
    table = Table(title=f"store version {data.get('version')} built {data.get('built_at')}")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key in ("documents", "graphs", "triples", "quads"):
        table.add_row(key, str(counts.get(key, 0)))
    for name, n in sorted(counts.get("entities", {}).items()):
        table.add_row(f"entity {name}", str(n))
    for name, n in sorted(counts.get("relations", {}).items()):
        table.add_row(f"relation {name}", str(n))
    return table


def stats(
    store: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the manifest as JSON")] = False,
) -> None:
    """Counts of the served graph: documents, triples, entities and relations by type."""
    settings = _settings(store)
    try:
        data = manifest_json(settings.store_dir)
    except StoreError as exc:
        raise UsageError(str(exc)) from exc
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        _out.print(_stats_table(data))


def _open(settings: Settings) -> Any:
    if current_snapshot(settings.store_dir) is None:
        raise UsageError(f"{settings.store_dir}: no built store (run `samverkan build` first)")
    return open_current(settings.store_dir)


def register(app: typer.Typer) -> None:
    """Add build, export, validate and stats to the app."""
    app.command("build")(build)
    app.command("export")(export)
    app.command("validate")(validate)
    app.command("stats")(stats)
