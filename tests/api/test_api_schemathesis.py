"""Schemathesis: generated requests against the app's own OpenAPI find no 5xx and no
response that violates its schema (a bounded number of examples per operation)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from apitools import api_test_settings, fuzz_settings
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import given
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from api.app import create_app

MAX_EXAMPLES = 15


@pytest.fixture(scope="module")
def fuzzed_app(mini_store_dir: Path) -> Iterator[FastAPI]:
    # A short time limit keeps a pathological generated query from holding a worker long.
    app = create_app(
        api_test_settings(mini_store_dir, query_timeout_ms=5_000, embedded_falkordb=True)
    )
    with TestClient(app):  # runs the lifespan
        yield app


CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def _fuzz(operation: object) -> None:
    @given(case=operation.as_strategy())  # type: ignore[attr-defined]
    @fuzz_settings(MAX_EXAMPLES)
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=CHECKS)

    run()


@pytest.mark.slow
@pytest.mark.cypher
def test_no_server_errors_and_schema_conformance(fuzzed_app: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        _fuzz(operation)
