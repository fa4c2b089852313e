"""Settings for the CLI and the API (environment variables prefixed SAMVERKAN_)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Everything an operator can set; read only in samverkan/ and api/."""

    model_config = SettingsConfigDict(env_prefix="SAMVERKAN_", env_file=".env", extra="ignore")

    corpus_dir: Path = ROOT / "data" / "corpus"
    store_dir: Path = ROOT / "var" / "store"
    # documents uploaded through the API; built together with corpus_dir
    upload_dir: Path = ROOT / "var" / "uploads"
    curation_file: Path | None = ROOT / "data" / "curation.yaml"
    areas_file: Path | None = None
    keep_contact_details: bool = False

    # Cypher engine: Neo4j when neo4j_uri is set, else a private embedded FalkorDB.
    neo4j_uri: str | None = Field(default=None, validation_alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", validation_alias="NEO4J_USER")
    neo4j_password: SecretStr | None = Field(default=None, validation_alias="NEO4J_PASSWORD")
    neo4j_database: str = Field(default="neo4j", validation_alias="NEO4J_DATABASE")
    embedded_falkordb: bool = True
    falkordb_graph: str = "samverkan"
    cypher_batch_size: int = Field(default=500, ge=1, le=100_000)

    # API
    host: str = "127.0.0.1"
    port: int = 8000
    api_key: SecretStr | None = None
    cors_origins: list[str] = Field(default_factory=list)
    query_timeout_ms: int = Field(default=10_000, ge=100, le=300_000)
    max_rows: int = Field(default=5_000, ge=1, le=1_000_000)
    max_upload_bytes: int = Field(default=20_000_000, ge=1_000)
