"""CLI command: ``samverkan serve`` runs the API and the explorer with uvicorn.

The app is built by ``api.app:create_app`` as a factory (a string, so ``samverkan`` never
imports ``api``); options reach it through the SAMVERKAN_* environment, as every setting
does. When nothing has been built yet, the store is built first. The private FalkorDB the
app starts is stopped by the app's lifespan when uvicorn exits.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
import uvicorn

from graph.store import current_snapshot
from samverkan.build import build_store
from samverkan.settings import Settings


def _build_first(settings: Settings) -> None:
    """Build the store from the corpus and uploads (the same as ``samverkan build``)."""
    typer.echo(f"no store in {settings.store_dir}: building it from {settings.corpus_dir} first")
    report = build_store(settings)
    for path, message in report.errors:
        typer.echo(f"error: {message if path in message else f'{path}: {message}'}", err=True)
    typer.echo(
        f"store version {report.version}: {len(report.documents)} documents, "
        f"{report.counts.get('triples', 0)} triples ({report.seconds:.1f} s)"
    )


def serve(
    host: Annotated[
        str | None, typer.Option(help="interface to bind (default from settings)")
    ] = None,
    port: Annotated[int | None, typer.Option(help="TCP port (default 8000)")] = None,
    store: Annotated[Path | None, typer.Option(help="store directory (var/store)")] = None,
    corpus: Annotated[
        Path | None, typer.Option(help="report folder for a first build (data/corpus)")
    ] = None,
) -> None:
    """Serve the API (OpenAPI at /docs) and the explorer at http://HOST:PORT/."""
    if store is not None:
        os.environ["SAMVERKAN_STORE_DIR"] = str(store.resolve())
    if corpus is not None:
        os.environ["SAMVERKAN_CORPUS_DIR"] = str(corpus.resolve())
    settings = Settings()
    served = current_snapshot(settings.store_dir)
    if served is None or not served.is_dir():
        _build_first(settings)
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        proxy_headers=False,
        server_header=False,
        log_level="info",
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("serve")(serve)
