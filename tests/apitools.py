"""Helpers shared by API, e2e and reliability tests (tests/ is on sys.path: `import apitools`)."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from samverkan.settings import Settings

API_KEY = "test-api-key-0123456789"
ALLOWED_ORIGIN = "http://explorer.example"


def api_test_settings(store_dir: Path, **changes: object) -> Settings:
    """Settings for an API test: the given store, no embedded FalkorDB unless asked.

    Uploads go to a folder beside the store (never the real var/uploads).
    """
    values: dict[str, object] = {
        "store_dir": store_dir,
        "upload_dir": store_dir.with_name(store_dir.name + "-uploads"),
        "embedded_falkordb": False,
        "api_key": SecretStr(API_KEY),
        "cors_origins": [ALLOWED_ORIGIN],
        "max_rows": 1_000,
        "query_timeout_ms": 20_000,
        "max_upload_bytes": 200_000,
    }
    values.update(changes)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]
