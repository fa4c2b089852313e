"""Errors of the query layer; each names the query or input and what was wrong.

Only the composition roots (``api/problems.py``, ``samverkan/cli.py``) translate them:
``code`` is stable and maps to an HTTP status there.
"""

from __future__ import annotations


class QueryError(Exception):
    """Base class of every error raised by ``queries``."""

    code = "query_error"


class UnknownQueryError(QueryError):
    """No named query has this name."""

    code = "unknown_query"


class CatalogError(QueryError):
    """A query file is malformed (bad header, mismatched .rq/.cypher pair)."""

    code = "catalog_error"


class AreaFileError(CatalogError):
    """The operator's geography-set file (settings.areas_file) is missing or malformed."""


class ParamError(QueryError):
    """A parameter is unknown, missing or has an invalid value."""

    code = "invalid_param"


class UnknownAreaError(ParamError):
    """An ``area`` value names no geography set, county or municipality."""

    code = "unknown_area"


class QuerySyntaxError(QueryError):
    """The query text does not parse (SPARQL) or tokenise (Cypher)."""

    code = "query_syntax"


class QueryRefusedError(QueryError):
    """The query would write, load or call out: refused before it reaches an engine."""

    code = "query_refused"


class QueryTimeoutError(QueryError):
    """The query ran past its time limit."""

    code = "query_timeout"


class QueryEngineError(QueryError):
    """The engine failed while running an accepted query."""

    code = "engine_error"
