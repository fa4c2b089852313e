"""The `samverkan` command: thin wrappers that mirror the API.

Each group of commands lives in its own ``cmd_*.py`` module with a ``register(app)``
function; this module composes them and turns every failure into one clear line.
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from samverkan import cmd_build, cmd_extract, cmd_query, cmd_serve, cmd_stores, cmd_viz
from samverkan.errors import SamverkanError

app = typer.Typer(
    name="samverkan",
    help="Samverkansgrafen: a knowledge graph of regional development in northern Sweden.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for module in (cmd_extract, cmd_build, cmd_stores, cmd_query, cmd_serve, cmd_viz):
    module.register(app)

_err = Console(stderr=True, soft_wrap=True)  # one error line, never wrapped at 80 columns


def main() -> None:
    """Entry point: run the app; known errors and crashes become one line on stderr."""
    try:
        # Without standalone mode click returns typer.Exit's code instead of exiting with it.
        code = app(standalone_mode=False)
        if isinstance(code, int) and not isinstance(code, bool) and code:
            sys.exit(code)
    except SamverkanError as exc:
        _err.print(f"[bold red]error:[/] {exc}", highlight=False)
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        _err.print("[bold red]aborted[/]")
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:  # the CLI edge: never a traceback for the user
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        _err.print(f"[bold red]error:[/] {type(exc).__name__}: {exc}", highlight=False)
        sys.exit(1)
