"""CLI command: ``samverkan extract FILE... --format json|jsonl``.

Prints the output contract of issue 3 (documents, entities, relations with evidence) on
stdout; unreadable files are reported on stderr, one line each, and do not stop the others.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from loaders.pipeline import ExtractOptions, ExtractResult, extract
from samverkan.errors import SamverkanError, UsageError
from samverkan.settings import Settings


class OutputFormat(StrEnum):
    JSON = "json"
    JSONL = "jsonl"


def _records(result: ExtractResult) -> dict[str, list[dict[str, Any]]]:
    data = result.extraction.model_dump(mode="json", exclude_none=True)
    return {
        "documents": data["documents"],
        "entities": data["entities"],
        "relations": data["relations"],
    }


def _curation_file(no_curation: bool, settings: Settings) -> Path | None:
    if no_curation or settings.curation_file is None:
        return None
    return settings.curation_file if settings.curation_file.exists() else None


def _report(result: ExtractResult) -> None:
    for err in result.errors:
        typer.echo(f"error: {err.message}", err=True)
    report = result.curation_report
    for stale in getattr(report, "unmatched", []) or []:
        typer.echo(f"curation no longer matches: {stale}", err=True)


def run_extract(
    files: list[Path], fmt: OutputFormat, no_curation: bool, keep_contact_details: bool
) -> None:
    settings = Settings()
    options = ExtractOptions(
        keep_contact_details=keep_contact_details or settings.keep_contact_details,
        curation=_curation_file(no_curation, settings),
        apply_curation=not no_curation,
    )
    result = extract(files, options)
    _report(result)
    records = _records(result)
    out = sys.stdout
    if fmt is OutputFormat.JSON:
        json.dump(records, out, ensure_ascii=False)
        out.write("\n")
    else:
        for kind, items in (
            ("document", records["documents"]),
            ("entity", records["entities"]),
            ("relation", records["relations"]),
        ):
            for item in items:
                out.write(json.dumps({"record": kind, **item}, ensure_ascii=False) + "\n")
    if result.errors and not result.extraction.documents:
        raise SamverkanError("no input file could be read")


def register(app: typer.Typer) -> None:
    """Add ``extract`` to the app."""

    @app.command("extract")
    def extract_cmd(
        files: Annotated[list[Path], typer.Argument(help="Report texts to extract.")],
        fmt: Annotated[
            OutputFormat,
            typer.Option("--format", help="json: one object; jsonl: one record a line."),
        ] = OutputFormat.JSON,
        no_curation: Annotated[
            bool, typer.Option("--no-curation", help="Do not apply the curation file.")
        ] = False,
        keep_contact_details: Annotated[
            bool,
            typer.Option("--keep-contact-details", help="Keep phone numbers and e-mail addresses."),
        ] = False,
    ) -> None:
        """Extract entities and relations with provenance from report texts."""
        if not files:
            raise UsageError("give at least one file to extract")
        run_extract(files, fmt, no_curation, keep_contact_details)
