"""RFC 9457 problem details: every error the API returns is ``application/problem+json``.

This is one of the two composition roots that translate package errors (the CLI is the
other). Each package error has a stable ``code``; :data:`STATUS_BY_CODE` maps it to an
HTTP status. Unknown exceptions become a bare 500 with no stack trace or message, and the
traceback goes to the server log only. https://www.rfc-editor.org/rfc/rfc9457
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.cypher_engines import EngineError
from graph.store import QueryTimeoutError as StoreQueryTimeout
from graph.store import StoreError
from queries.errors import QueryError
from samverkan.errors import SamverkanError

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://w3id.org/samverkansgrafen/problems/"

log = logging.getLogger("samverkan.api")

# The shape of every error body, declared in the OpenAPI document for every operation
# (4XX and 5XX), so clients and schemathesis know errors are problem+json, not FastAPI's
# default ``{"detail": [...]}``.
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "Problem",
    "required": ["type", "title", "status", "detail", "code"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "code": {"type": "string"},
    },
    "additionalProperties": True,
}
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    key: {"description": text, "content": {PROBLEM_JSON: {"schema": PROBLEM_SCHEMA}}}
    for key, text in (("4XX", "Client error (RFC 9457)"), ("5XX", "Server error (RFC 9457)"))
}

# Stable error codes (``code`` class attributes of package errors) → HTTP status.
STATUS_BY_CODE: dict[str, int] = {
    "unknown_query": 404,
    "unknown_area": 400,
    "invalid_param": 400,
    "query_syntax": 400,
    "query_refused": 403,
    "query_timeout": 504,
    "engine_error": 502,
    "engine_unavailable": 503,
    "engine_auth": 503,
    "read_only": 403,
    "cypher_error": 400,
    "catalog_error": 500,
    "store_error": 503,
    "usage": 400,
}


class Problem(Exception):  # noqa: N818 (the RFC 9457 name)
    """An error the API reports as it is: status, short title, and a detail naming the input."""

    def __init__(
        self, status: int, title: str, detail: str, code: str | None = None, **extra: Any
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.code = code or title.lower().replace(" ", "-")
        self.extra = extra


def problem_response(
    status: int,
    title: str,
    detail: str,
    code: str,
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + code,
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }
    body.update(extra or {})
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def from_error(exc: Exception) -> Problem:
    """A package error (with a stable ``code``) as a Problem; unknown errors become a 500."""
    code = getattr(exc, "code", None)
    if isinstance(exc, Problem):
        return exc
    if isinstance(exc, StoreQueryTimeout):
        return Problem(504, "Query timeout", str(exc), "query_timeout")
    if isinstance(exc, StoreError):
        return Problem(503, "Store unavailable", str(exc), "store_error")
    if isinstance(code, str) and code in STATUS_BY_CODE:
        status = STATUS_BY_CODE[code]
        return Problem(status, code.replace("_", " ").capitalize(), str(exc), code)
    log.error("unexpected error", exc_info=exc)
    return Problem(500, "Internal error", "The server failed; the error is logged.", "internal")


async def _on_problem(_: Request, exc: Exception) -> JSONResponse:
    p = from_error(exc)
    return problem_response(p.status, p.title, p.detail, p.code, p.extra)


async def _on_http(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    title = {404: "Not found", 405: "Method not allowed", 413: "Content too large"}.get(
        exc.status_code, "HTTP error"
    )
    return problem_response(
        exc.status_code,
        title,
        str(exc.detail),
        title.lower().replace(" ", "-"),
        headers=dict(exc.headers or {}),
    )


async def _on_validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"loc": [str(part) for part in e.get("loc", ())], "msg": str(e.get("msg", ""))}
        for e in exc.errors()
    ]
    where = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors[:5])
    return problem_response(
        422, "Invalid request", where or "invalid request", "invalid-request", {"errors": errors}
    )


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into problem+json."""
    app.add_exception_handler(Problem, _on_problem)
    # Package errors are registered by base class so they are answered here, not re-raised
    # by Starlette's server-error middleware as a catch-all ``Exception`` handler would be.
    for base in (QueryError, EngineError, StoreError, SamverkanError, OSError, ValueError):
        app.add_exception_handler(base, _on_problem)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(Exception, _on_problem)
