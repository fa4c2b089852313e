"""THE domain model: one set of typed shapes from extraction to storage and the API.

Loaders return an :class:`Extraction`; ``graph`` writes it to RDF, Cypher engines and
networkx; ``queries`` and ``api`` answer with the same ids and enums. The JSON form of
:class:`Extraction` is the output contract of ``samverkan extract --format json``.

Every entity type has an attribute model (``ATTRIBUTE_MODELS``) that validates
``Entity.attributes``, so the contract stays a flat JSON object while the Python side
stays typed.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class EntityType(StrEnum):
    ORGANISATION = "Organisation"
    ARENA = "Arena"  # samverkansyta: nätverk, råd, plattform, partnerskap, forum, kluster
    PROJECT = "Project"
    MUNICIPALITY = "Municipality"
    COUNTY = "County"
    STRATEGY = "Strategy"
    PRIORITY = "Priority"  # prioritering / insatsområde
    STRATEGIC_AREA = "StrategicArea"  # sakområde, e.g. Energi under a priority
    THEME = "Theme"
    SDG = "SDG"
    EVENT = "Event"
    CONTACT_PERSON = "ContactPerson"


class RelationType(StrEnum):
    MEMBER_OF = "member_of"
    LEADS = "leads"
    PARTNER_IN = "partner_in"
    FUNDS = "funds"
    LOCATED_IN = "located_in"
    TARGETS_PLACE = "targets_place"
    PART_OF = "part_of"
    CONTRIBUTES_TO = "contributes_to"
    HAS_THEME = "has_theme"
    PARTICIPANT_IN = "participant_in"
    MENTIONS = "mentions"


class OrgType(StrEnum):
    MUNICIPALITY = "municipality"
    REGION = "region"
    COUNTY_BOARD = "county_board"
    STATE_AGENCY = "state_agency"
    UNIVERSITY = "university"
    RESEARCH_INSTITUTE = "research_institute"
    COMPANY = "company"
    CIVIL_SOCIETY = "civil_society"
    ASSOCIATION_OF_MUNICIPALITIES = "association_of_municipalities"
    EU_BODY = "eu_body"
    OTHER = "other"


class ArenaKind(StrEnum):
    """Kinds of samverkansyta, named by their Swedish cue word."""

    NATVERK = "natverk"
    RAD = "rad"
    PLATTFORM = "plattform"
    PARTNERSKAP = "partnerskap"
    FORUM = "forum"
    KLUSTER = "kluster"
    KONFERENS = "konferens"
    GRUPP = "grupp"
    OTHER = "other"


_STRICT = ConfigDict(extra="forbid")
_FROZEN = ConfigDict(extra="forbid", frozen=True)


# --- provenance ------------------------------------------------------------------


class Document(BaseModel):
    """A source document; ``id`` is the slug of the file stem."""

    model_config = _STRICT
    id: str
    path: str
    title: str
    region: str | None = None
    url: str | None = None
    published_year: int | None = None
    sha256: str | None = None
    chars: int | None = None


class Mention(BaseModel):
    """Where an entity is named: character offsets into the original file text."""

    model_config = _FROZEN
    document: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Evidence(BaseModel):
    """A passage supporting a relation; ``quote == original_text[start:end]``."""

    model_config = _FROZEN
    document: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str


class Passage(BaseModel):
    """A span of a document (used by stores and the API for provenance)."""

    model_config = _FROZEN
    document: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


# --- per-type attributes -----------------------------------------------------------


class _Attrs(BaseModel):
    model_config = _STRICT
    # The section path the entity was found under (priority → sub-heading → area).
    section_path: list[str] = Field(default_factory=list)
    description: str | None = None


class OrganisationAttrs(_Attrs):
    org_type: OrgType = OrgType.OTHER
    acronym: str | None = None
    official_name: str | None = None
    seat: str | None = None  # municipality id, e.g. "municipality:umea"


class ArenaAttrs(_Attrs):
    kind: ArenaKind = ArenaKind.OTHER
    acronym: str | None = None


class ProjectAttrs(_Attrs):
    acronym: str | None = None
    funding: list[str] = Field(default_factory=list)  # e.g. ["ERUF", "Interreg NPA"]
    period: str | None = None  # ISO-ish, e.g. "2021/2023" or "2024"
    budget_sek: int | None = None


class MunicipalityAttrs(_Attrs):
    code: str  # kommunkod, 4 digits, kept as text
    county: str
    county_code: str
    inland: bool | None = None  # None outside Norrbotten/Västerbotten
    coast: bool | None = None
    region10_member: bool = False


class CountyAttrs(_Attrs):
    code: str
    region_org: str | None = None


class StrategyAttrs(_Attrs):
    period: str | None = None
    region: str | None = None


class PriorityAttrs(_Attrs):
    ordinal: int | None = None
    strategy: str | None = None  # strategy id


class StrategicAreaAttrs(_Attrs):
    priority: str | None = None  # priority id


class ThemeAttrs(_Attrs):
    label_sv: str
    label_en: str


# A UN target number: goal, dot, a number or a letter ("7.2", "8.a", "17.19").
SDG_TARGET_PATTERN = r"^(1[0-7]|[1-9])\.([1-9][0-9]?|[a-z])$"


class SDGAttrs(_Attrs):
    goal: int = Field(ge=1, le=17)
    name_sv: str
    name_en: str
    iri: str
    # Targets (delmål) of this goal named in the documents, by UN number, e.g. ["7.2"].
    targets: list[Annotated[str, Field(pattern=SDG_TARGET_PATTERN)]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _targets_belong_to_goal(self) -> SDGAttrs:
        foreign = [t for t in self.targets if t.split(".", 1)[0] != str(self.goal)]
        if foreign:
            raise ValueError(f"targets {foreign} are not targets of goal {self.goal}")
        return self


class EventAttrs(_Attrs):
    date: str | None = None  # ISO 8601 date
    place: str | None = None  # municipality id


class ContactPersonAttrs(_Attrs):
    title: str | None = None
    organisation: str | None = None  # organisation id
    area: str | None = None
    # Only filled when the operator opts in (--keep-contact-details).
    phone: list[str] = Field(default_factory=list)
    email: list[str] = Field(default_factory=list)


ATTRIBUTE_MODELS: dict[EntityType, type[_Attrs]] = {
    EntityType.ORGANISATION: OrganisationAttrs,
    EntityType.ARENA: ArenaAttrs,
    EntityType.PROJECT: ProjectAttrs,
    EntityType.MUNICIPALITY: MunicipalityAttrs,
    EntityType.COUNTY: CountyAttrs,
    EntityType.STRATEGY: StrategyAttrs,
    EntityType.PRIORITY: PriorityAttrs,
    EntityType.STRATEGIC_AREA: StrategicAreaAttrs,
    EntityType.THEME: ThemeAttrs,
    EntityType.SDG: SDGAttrs,
    EntityType.EVENT: EventAttrs,
    EntityType.CONTACT_PERSON: ContactPersonAttrs,
}


# --- entities and relations -----------------------------------------------------------


class Entity(BaseModel):
    """One real thing. ``attributes`` is validated by the type's attribute model."""

    model_config = _STRICT
    id: str
    type: EntityType
    name: str
    aliases: list[str] = Field(default_factory=list)
    attributes: dict[str, Any] = Field(default_factory=dict)
    mentions: list[Mention] = Field(default_factory=list)
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _check_attributes(self) -> Entity:
        model = ATTRIBUTE_MODELS[self.type]
        self.attributes = model.model_validate(self.attributes).model_dump(
            mode="json", exclude_defaults=True
        )
        return self

    def attrs(self) -> _Attrs:
        """The typed view of ``attributes``."""
        return ATTRIBUTE_MODELS[self.type].model_validate(self.attributes)


class Relation(BaseModel):
    """A directed, typed link between two entity ids, with evidence and confidence."""

    model_config = _STRICT
    type: RelationType
    source: str
    target: str
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    evidence: list[Evidence] = Field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.type.value, self.source, self.target)


class Extraction(BaseModel):
    """The single contract between loaders and stores."""

    model_config = _STRICT
    documents: list[Document] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)

    def entity_index(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}
