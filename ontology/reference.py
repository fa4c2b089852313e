"""Reference data from data/reference/: municipalities, counties, SDGs, themes, areas.

Loaded once and cached. These are facts about the world (not about one report), so
they live in the bottom layer: loaders use them as gazetteers, stores write them as
reference graphs, queries resolve area names through them.
"""

from __future__ import annotations

import csv
import tomllib
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ontology.ids import make_id, slug
from ontology.model import Entity, EntityType

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"
SDG_SOURCE_DOC = "reference"


@dataclass(frozen=True)
class MunicipalityRecord:
    code: str
    name: str
    county_code: str
    county: str
    region_org: str
    inland: bool | None
    coast: bool | None
    region10_member: bool
    # Set when another municipality folds to the same slug (Håbo/Habo): the kommunkod then
    # tells them apart, so both keep a stable id of their own.
    ambiguous: bool = False

    @property
    def id(self) -> str:
        if self.ambiguous:
            return make_id(EntityType.MUNICIPALITY, self.name, self.code)
        return make_id(EntityType.MUNICIPALITY, self.name)


@dataclass(frozen=True)
class SDGRecord:
    goal: int
    name_sv: str
    name_en: str
    iri: str


@dataclass(frozen=True)
class ThemeRecord:
    key: str
    label_sv: str
    label_en: str
    keywords: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"theme:{self.key.replace('_', '-')}"


@dataclass(frozen=True)
class AreaSet:
    """A named geography set (inland, coast, a county, Region 10, …)."""

    name: str
    label_sv: str
    label_en: str
    codes: frozenset[str]
    source: str


def _rows(name: str, directory: Path) -> list[dict[str, str]]:
    with (directory / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _flag(value: str) -> bool:
    return value.strip().lower() == "true"


@lru_cache(maxsize=4)
def municipalities(directory: Path = REFERENCE_DIR) -> tuple[MunicipalityRecord, ...]:
    north = {r["code"]: r for r in _rows("north_geography.csv", directory)}
    records = []
    for row in _rows("municipalities.csv", directory):
        geo = north.get(row["code"])
        records.append(
            MunicipalityRecord(
                code=row["code"],
                name=row["name"],
                county_code=row["county_code"],
                county=row["county"],
                region_org=row["region_org"],
                inland=_flag(geo["inland"]) if geo else None,
                coast=_flag(geo["coast"]) if geo else None,
                region10_member=_flag(geo["region10_member"]) if geo else False,
            )
        )
    folded = Counter(slug(r.name) for r in records)
    return tuple(replace(r, ambiguous=folded[slug(r.name)] > 1) for r in records)


@lru_cache(maxsize=4)
def sdg_goals(directory: Path = REFERENCE_DIR) -> tuple[SDGRecord, ...]:
    return tuple(
        SDGRecord(int(r["goal"]), r["name_sv"], r["name_en"], r["iri"])
        for r in _rows("sdg_goals.csv", directory)
    )


@lru_cache(maxsize=4)
def themes(directory: Path = REFERENCE_DIR) -> tuple[ThemeRecord, ...]:
    return tuple(
        ThemeRecord(
            r["id"],
            r["label_sv"],
            r["label_en"],
            tuple(k.strip() for k in r["keywords"].split(";") if k.strip()),
        )
        for r in _rows("themes.csv", directory)
    )


@lru_cache(maxsize=4)
def organisation_patterns(directory: Path = REFERENCE_DIR) -> tuple[dict[str, str], ...]:
    return tuple(_rows("organisation_types.csv", directory))


def county_id(county_name: str) -> str:
    return make_id(EntityType.COUNTY, county_name)


@lru_cache(maxsize=8)
def area_sets(
    directory: Path = REFERENCE_DIR, extra_file: Path | None = None
) -> dict[str, AreaSet]:
    """All named geography sets: areas.toml (+ an operator's file), counties, municipalities."""
    munis = municipalities(directory)
    spec = tomllib.loads((directory / "areas.toml").read_text(encoding="utf-8"))
    if extra_file is not None:
        spec |= tomllib.loads(extra_file.read_text(encoding="utf-8"))
    sets = {name: _area_from_spec(name, body, munis) for name, body in spec.items()}
    for county, code in {(m.county, m.county_code) for m in munis}:
        cid = county_id(county)
        sets.setdefault(
            cid,
            AreaSet(cid, county, county, _codes_in_county(munis, code), "municipalities.csv"),
        )
    for m in munis:
        sets.setdefault(m.code, AreaSet(m.code, m.name, m.name, frozenset({m.code}), "kommunkod"))
    return sets


def _codes_in_county(munis: tuple[MunicipalityRecord, ...], county_code: str) -> frozenset[str]:
    return frozenset(m.code for m in munis if m.county_code == county_code)


def _area_from_spec(
    name: str, body: dict[str, object], munis: tuple[MunicipalityRecord, ...]
) -> AreaSet:
    if "codes" in body:
        codes = frozenset(str(c) for c in body["codes"])  # type: ignore[attr-defined]
    elif "county_code" in body:
        codes = _codes_in_county(munis, str(body["county_code"]))
    elif "from" in body:
        flag = str(body["from"])
        codes = frozenset(m.code for m in munis if getattr(m, flag) is True)
    else:
        raise ValueError(f"area set {name!r} needs one of codes, county_code or from")
    unknown = codes - {m.code for m in munis}
    if unknown:
        raise ValueError(f"area set {name!r} has unknown kommunkoder: {sorted(unknown)}")
    return AreaSet(
        name=name,
        label_sv=str(body.get("label_sv", name)),
        label_en=str(body.get("label_en", name)),
        codes=codes,
        source=str(body.get("source", "")),
    )


def reference_entities(directory: Path = REFERENCE_DIR) -> list[Entity]:
    """Municipalities, counties, SDGs and themes as domain entities (no mentions)."""
    out: list[Entity] = []
    counties: dict[str, tuple[str, str]] = {}
    for m in municipalities(directory):
        counties[m.county] = (m.county_code, m.region_org)
        out.append(
            Entity(
                id=m.id,
                type=EntityType.MUNICIPALITY,
                name=m.name,
                attributes={
                    "code": m.code,
                    "county": county_id(m.county),
                    "county_code": m.county_code,
                    "inland": m.inland,
                    "coast": m.coast,
                    "region10_member": m.region10_member,
                },
            )
        )
    for name, (code, region_org) in sorted(counties.items()):
        out.append(
            Entity(
                id=county_id(name),
                type=EntityType.COUNTY,
                name=name,
                attributes={"code": code, "region_org": region_org},
            )
        )
    for g in sdg_goals(directory):
        out.append(
            Entity(
                id=f"sdg:{g.goal}",
                type=EntityType.SDG,
                name=f"Mål {g.goal}: {g.name_sv}",
                aliases=[g.name_en, f"SDG {g.goal}"],
                attributes={
                    "goal": g.goal,
                    "name_sv": g.name_sv,
                    "name_en": g.name_en,
                    "iri": g.iri,
                },
            )
        )
    for t in themes(directory):
        out.append(
            Entity(
                id=t.id,
                type=EntityType.THEME,
                name=t.label_sv,
                aliases=[t.label_en],
                attributes={"label_sv": t.label_sv, "label_en": t.label_en},
            )
        )
    return out


__all__ = [
    "REFERENCE_DIR",
    "AreaSet",
    "MunicipalityRecord",
    "SDGRecord",
    "ThemeRecord",
    "area_sets",
    "county_id",
    "municipalities",
    "organisation_patterns",
    "reference_entities",
    "sdg_goals",
    "slug",
    "themes",
]


@lru_cache(maxsize=1)
def given_names(directory: Path = REFERENCE_DIR) -> frozenset[str]:
    """Common Swedish given names (data/reference/given_names.txt)."""
    lines = (directory / "given_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))
