"""Response envelopes of the HTTP API (docs/DESIGN.md, "HTTP API").

Entity, Evidence and Passage shapes come from ``ontology.model``; only the wrappers
(pages, graph views, question answers) are declared here.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ontology.model import Entity, Evidence, Passage

_ENVELOPE = ConfigDict(extra="forbid")


class EntityItem(BaseModel):
    model_config = _ENVELOPE
    id: str
    type: str
    name: str
    aliases: list[str]
    score: float | None = Field(description="search rank 0–1 when q is given, else null")
    attributes: dict[str, Any]


class EntityPage(BaseModel):
    model_config = _ENVELOPE
    items: list[EntityItem]
    total: int
    limit: int
    offset: int


class EntityRef(BaseModel):
    model_config = _ENVELOPE
    id: str
    type: str
    name: str


class RelationLink(BaseModel):
    model_config = _ENVELOPE
    direction: Literal["out", "in"]
    other: EntityRef
    confidence: float
    evidence: list[Evidence]


class EntityDetail(BaseModel):
    model_config = _ENVELOPE
    entity: Entity
    relations: dict[str, list[RelationLink]]
    provenance: list[Passage]


class GraphNode(BaseModel):
    model_config = _ENVELOPE
    id: str
    type: str
    name: str
    themes: list[str]
    municipalities: list[str]
    centrality: float


class GraphEdge(BaseModel):
    model_config = _ENVELOPE
    source: str
    target: str
    type: str
    confidence: float


class GraphView(BaseModel):
    model_config = _ENVELOPE
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = False


class ParamInfo(BaseModel):
    model_config = _ENVELOPE
    name: str
    type: str
    default: str | None


class QuestionInfo(BaseModel):
    model_config = _ENVELOPE
    name: str
    title_sv: str
    title_en: str
    description: str
    params: list[ParamInfo]


class QuestionAnswer(BaseModel):
    model_config = _ENVELOPE
    name: str
    engine: Literal["sparql", "cypher"]
    params: dict[str, Any]
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    elapsed_ms: float
    sparql: str
    cypher: str
    subgraph: GraphView


class CypherRequest(BaseModel):
    model_config = _ENVELOPE
    query: str = Field(min_length=1, max_length=100_000, examples=["MATCH (n:Arena) RETURN n.name"])
    params: dict[str, Any] = Field(default_factory=dict)


class Table(BaseModel):
    model_config = _ENVELOPE
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    engine: str | None = None


class DocumentInfo(BaseModel):
    model_config = _ENVELOPE
    id: str
    title: str
    path: str
    region: str | None
    published_year: int | None
    entities: int
    relations: int


class UploadReport(BaseModel):
    model_config = _ENVELOPE
    document: str
    version: int
    replaced: bool
    entities: int
    relations: int


class Health(BaseModel):
    model_config = _ENVELOPE
    status: Literal["ok"]
    version: int
    built_at: str
    counts: dict[str, Any]
    engine: str | None
    engine_error: str | None = None


class CentralityItem(BaseModel):
    model_config = _ENVELOPE
    id: str
    name: str
    type: str
    degree: float
    betweenness: float


class CommunityItem(BaseModel):
    model_config = _ENVELOPE
    index: int
    members: list[EntityRef]


class BrokerItem(BaseModel):
    model_config = _ENVELOPE
    id: str
    name: str
    separated_pairs: int
    inland_actors: int
    coastal_actors: int


class PathStepItem(BaseModel):
    model_config = _ENVELOPE
    source: EntityRef
    target: EntityRef
    shared: list[EntityRef]


class PathAnswer(BaseModel):
    model_config = _ENVELOPE
    source: str
    target: str
    found: bool
    steps: list[PathStepItem]
