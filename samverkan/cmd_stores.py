"""CLI commands: stores (owned by the helper working on this area)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    _ = app
