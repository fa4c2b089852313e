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
from samverkan.settings import Settings


def _build_first(settings: Settings) -> None:
    """Build the store from the corpus (the same as ``samverkan build``)."""
    from samverkan import cmd_build

    build = getattr(cmd_build, "build_store", None)
    if build is None:
        from samverkan.errors import UsageError

        raise UsageError(f"no built store in {settings.store_dir}: run `samverkan build` first")
    typer.echo(f"no store in {settings.store_dir}: building it from {settings.corpus_dir} first")
    build(settings)


def serve(
    host: Annotated[
        str | None, typer.Option(help="interface to bind (default from settings)")
    ] = None,
    port: Annotated[int | None, typer.Option(help="TCP port (default 8000)")] = None,
    store: Annotated[Path | None, typer.Option(help="store directory (var/store)")] = None,
) -> None:
    """Serve the API (OpenAPI at /docs) and the explorer at http://HOST:PORT/."""
    if store is not None:
        os.environ["SAMVERKAN_STORE_DIR"] = str(store.resolve())
    settings = Settings()
    if current_snapshot(settings.store_dir) is None:
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
