"""CLI command: ``samverkan viz`` writes a self-contained pyvis HTML of the served store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graph.store import read_extraction
from graph.viz import VizError, VizFilter, write_html
from samverkan.errors import UsageError
from samverkan.settings import Settings

_out = Console()


def viz(
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")],
    theme: Annotated[str | None, typer.Option(help="Theme key or label, e.g. energi.")] = None,
    area: Annotated[
        str | None, typer.Option(help="Area set: inland, coast, region10, … or a kommunkod.")
    ] = None,
    county: Annotated[str | None, typer.Option(help="County: Norrbotten, Västerbotten.")] = None,
    around: Annotated[
        str | None, typer.Option(help="Only the neighbourhood of this entity (id, name, alias).")
    ] = None,
    depth: Annotated[int, typer.Option(min=1, max=4, help="Hops for --around.")] = 1,
    lang: Annotated[str, typer.Option(help="Legend and tooltip language: sv or en.")] = "sv",
    store: Annotated[
        Path | None, typer.Option(help="Store directory (default: settings.store_dir).")
    ] = None,
) -> None:
    """Write a self-contained network HTML (opens offline) with the explorer's colours."""
    store_dir = store or Settings().store_dir
    extraction = read_extraction(store_dir)
    if extraction is None:
        raise UsageError(f"{store_dir}: no built store (run `samverkan build` first)")
    if lang not in ("sv", "en"):
        raise UsageError(f"--lang {lang!r}: use sv or en")
    flt = VizFilter(theme=theme, area=area, county=county, around=around, depth=depth)
    try:
        result = write_html(extraction, flt, output, lang)
    except VizError as exc:
        raise UsageError(str(exc)) from exc
    except OSError as exc:
        raise UsageError(f"{output}: cannot write ({exc.strerror})") from exc
    _out.print(f"wrote {result.path} ({result.nodes} nodes, {result.edges} edges)")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("viz")(viz)
