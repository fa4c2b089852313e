"""Exceptions of the ``loaders`` package.

Every error names the input (a file, a curation entry) and what was wrong with it in one
line, so the CLI can print ``str(error)`` and the API can put it in a problem+json
``detail`` without a stack trace. Each class carries a stable ``code`` for the edges.
"""

from __future__ import annotations


class LoaderError(Exception):
    """Base of every error raised by ``loaders``."""

    code = "loader_error"


class ReadError(LoaderError):
    """A source file could not be read: ``data/x.pdf: not a readable PDF (…)``."""

    code = "read_error"

    def __init__(self, path: str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class CurationError(LoaderError):
    """A curation file is malformed: ``data/curation.yaml:12: merge needs 'who'``."""

    code = "curation_error"

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")
